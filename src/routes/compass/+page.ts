import type { AreaCollection } from '$lib/areas/area';
import type { CompassSetup } from '$lib/partners/directory';
import type { NeedDefinition } from '$lib/partners/needs';
import { areaRefs, getJson } from '$lib/api/client';
import type { PageLoad } from './$types';

/** The compasses set up, and for coordinators what a new one can be made of. */
export const load: PageLoad = async ({ fetch, url, parent }) => {
	const { user } = await parent();
	const [setups, areas, needs] = await Promise.all([
		getJson<CompassSetup[]>(fetch, '/api/compass/setups', url),
		user ? getJson<AreaCollection>(fetch, '/api/areas', url) : null,
		user ? getJson<NeedDefinition[]>(fetch, '/api/compass/needs', url) : []
	]);
	return { setups, areas: areas ? areaRefs(areas) : [], needs };
};
