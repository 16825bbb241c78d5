import { error } from '@sveltejs/kit';
import type { AreaCollection } from '$lib/areas/area';
import type { CompassSetup } from '$lib/partners/directory';
import type { NeedDefinition } from '$lib/partners/needs';
import type { PartnerCollection } from '$lib/partners/partner';
import { areaRefs, getJson, requireLogin } from '$lib/api/client';
import type { PageLoad } from './$types';

/** The directory of the compass's area, for its coordinators to keep up to date. */
export const load: PageLoad = async ({ fetch, url, params, parent }) => {
	const { user } = await parent();
	requireLogin(user, url);
	const setups = await getJson<CompassSetup[]>(fetch, '/api/compass/setups', url);
	const setup = setups.find((s) => s.areaSlug === params.slug);
	if (!setup) error(404, { message: 'Not found', code: 'not_found' });
	const [needs, partners, areas] = await Promise.all([
		getJson<NeedDefinition[]>(fetch, '/api/compass/needs', url),
		getJson<PartnerCollection>(fetch, `/api/partners?area=${setup.areaId}`, url),
		getJson<AreaCollection>(fetch, '/api/areas', url)
	]);
	return { setup, setups, needs, partners: partners.features, areas: areaRefs(areas) };
};
