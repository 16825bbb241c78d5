import type { AreaCollection } from '$lib/areas/area';
import { areaRefs, getJson, requireLogin } from '$lib/api/client';
import { canCoordinate } from '$lib/users/access';
import type { PageLoad } from './$types';

/**
 * Drawing the route and sending the walk need JavaScript anyway; rendering in the browser only
 * means nothing typed or chosen before the page comes alive is reset by hydration.
 */
export const ssr = false;

/** The areas this user may plan walks in (coordinator or admin there), with their outlines. */
export const load: PageLoad = async ({ fetch, url, parent }) => {
	const { user } = await parent();
	requireLogin(user, url);
	const areas = await getJson<AreaCollection>(fetch, '/api/areas', url);
	const refs = areaRefs(areas);
	const allowed = new Set(refs.filter((a) => canCoordinate(user?.roles, a.id, refs)).map((a) => a.id));
	const chosen = url.searchParams.get('area');
	return {
		areas: areas.features.filter((a) => allowed.has(a.id)),
		areaRefs: refs.filter((a) => allowed.has(a.id)),
		allAreaRefs: refs,
		initialArea: chosen && allowed.has(chosen) ? chosen : ''
	};
};
