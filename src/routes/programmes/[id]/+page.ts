import { error } from '@sveltejs/kit';
import { areaRefs, getJson, requireLogin } from '$lib/api/client';
import { canCoordinate } from '$lib/users/access';
import type { EventCollection } from '$lib/events/event';
import type { PageLoad } from './$types';
import type { ProgrammeFeature } from '$lib/programmes/types';
import type { BudgetEntry } from '$lib/programmes/programme';
import type { Plan } from '$lib/programmes/plan';
import type { PartnerCollection } from '$lib/partners/partner';

const uuid = /^[0-9a-f-]{36}$/i;

/** One programme: its budget with the entries booked by hand, and its events. */
export const load: PageLoad = async ({ fetch, url, parent, params, depends }) => {
	depends('lykta:programme');
	const { user } = await parent();
	requireLogin(user, url);
	if (!uuid.test(params.id)) error(404, { message: 'Not found', code: 'not_found' });
	const [programme, events, entries, areas, plan, partners] = await Promise.all([
		getJson<ProgrammeFeature>(fetch, `/api/programmes/${params.id}`, url),
		getJson<EventCollection>(fetch, `/api/events?programme=${params.id}`, url),
		getJson<BudgetEntry[]>(fetch, `/api/programmes/${params.id}/budget-entries`, url),
		getJson<Parameters<typeof areaRefs>[0]>(fetch, '/api/areas', url),
		getJson<Plan>(fetch, `/api/programmes/${params.id}/plan`, url),
		getJson<PartnerCollection>(fetch, '/api/partners', url)
	]);
	const refs = areaRefs(areas);
	const manage = programme.properties.areaIds.every((a) => canCoordinate(user?.roles, a, refs));
	return {
		programme,
		events: events.features,
		entries,
		manage,
		plan,
		areas: refs.map((a) => ({ id: a.id, name: a.name })),
		partners: partners.features.map((p) => ({ id: p.id, name: p.properties.name })).sort((a, b) => a.name.localeCompare(b.name, 'sv'))
	};
};
