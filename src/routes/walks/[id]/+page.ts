import type { AreaCollection } from '$lib/areas/area';
import type { FindingCollection } from '$lib/findings/finding';
import type { WalkFeature } from '$lib/walks/walk';
import { areaRefs, getJson, requireLogin } from '$lib/api/client';
import { canCoordinate, holdsIn, REPORT_ROLES } from '$lib/users/access';
import type { PageLoad } from './$types';

/** The walk, its area's outline and the findings pinned so far (the page keeps refreshing them); whether the user may pin on it. */
export const load: PageLoad = async ({ fetch, url, params, parent }) => {
	const { user } = await parent();
	requireLogin(user, url);
	const id = encodeURIComponent(params.id);
	const [walk, areas, findings] = await Promise.all([
		getJson<WalkFeature>(fetch, `/api/walks/${id}`, url),
		getJson<AreaCollection>(fetch, '/api/areas', url),
		getJson<FindingCollection>(fetch, `/api/findings?walk=${id}`, url)
	]);
	const refs = areaRefs(areas);
	// Findings flagged for re-inspection on the next walk of this area (and the places in it).
	const reinspect = await getJson<FindingCollection>(fetch, `/api/findings?area=${encodeURIComponent(walk.properties.areaId)}&reinspect=true`, url);
	return {
		reinspect: reinspect.features,
		walk,
		area: areas.features.find((a) => a.id === walk.properties.areaId) ?? null,
		findings: findings.features,
		canCoordinate: canCoordinate(user?.roles, walk.properties.areaId, refs),
		canPin: holdsIn(user?.roles, REPORT_ROLES, walk.properties.areaId, refs)
	};
};
