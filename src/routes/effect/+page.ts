import { areaRefs, getJson, requireLogin } from '$lib/api/client';
import type { PageLoad } from './$types';

export const ssr = false;

/** Effect evaluation: the areas and programmes to choose from; the analysis itself runs on demand. */
export const load: PageLoad = async ({ fetch, url, parent }) => {
	const { user } = await parent();
	requireLogin(user, url);
	const [areas, programmes] = await Promise.all([
		getJson<{ features: { id: string; properties: { name: string; kind: string; parentId: string | null } }[] }>(fetch, '/api/areas', url),
		getJson<{ features: { id: string; properties: { name: string; areaIds: string[] } }[] }>(fetch, '/api/programmes', url)
	]);
	return {
		areas: areaRefs(areas),
		programmes: programmes.features.map((p) => ({ id: p.id, name: p.properties.name, areaIds: p.properties.areaIds }))
	};
};
