import { areaRefs, getJson, requireLogin } from '$lib/api/client';
import type { PageLoad } from './$types';

export const ssr = false;

/** Coverage: the areas to choose from (with their shapes, to show a zone or an area on the map). */
export const load: PageLoad = async ({ fetch, url, parent }) => {
	const { user } = await parent();
	requireLogin(user, url);
	const areas = await getJson<{ features: { id: string; geometry: GeoJSON.Geometry; properties: { name: string; kind: string; parentId: string | null } }[] }>(fetch, '/api/areas', url);
	return { areas: areaRefs(areas), areaShapes: areas.features.map((f) => ({ id: f.id, geometry: f.geometry })) };
};
