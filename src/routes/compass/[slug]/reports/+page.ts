import { error } from '@sveltejs/kit';
import type { CompassSetup, DirectoryReport } from '$lib/partners/directory';
import type { NeedDefinition } from '$lib/partners/needs';
import type { PartnerCollection } from '$lib/partners/partner';
import { getJson, requireLogin } from '$lib/api/client';
import type { PageLoad } from './$types';

/** The coordinator's review list: the reports of the compass's area, newest first. */
export const load: PageLoad = async ({ fetch, url, params, parent }) => {
	const { user } = await parent();
	requireLogin(user, url);
	const setups = await getJson<CompassSetup[]>(fetch, '/api/compass/setups', url);
	const setup = setups.find((s) => s.areaSlug === params.slug);
	if (!setup) error(404, { message: 'Not found', code: 'not_found' });
	const [reports, needs, partners] = await Promise.all([
		getJson<DirectoryReport[]>(fetch, `/api/compass/reports?area=${setup.areaId}&limit=200`, url),
		getJson<NeedDefinition[]>(fetch, '/api/compass/needs', url),
		getJson<PartnerCollection>(fetch, '/api/partners', url)
	]);
	return {
		setup,
		reports,
		needs,
		partners: partners.features.map((p) => ({ id: p.id, name: p.properties.name })).sort((a, b) => a.name.localeCompare(b.name, 'sv'))
	};
};
