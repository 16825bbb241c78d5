import { areaRefs, getJson, requireLogin } from '$lib/api/client';
import type { Role, RoleGrant } from '$lib/users/user';
import type { PageLoad } from './$types';

export const ssr = false;

const IMPORT_ROLES: readonly Role[] = ['admin', 'coordinator', 'partner'];

/** Hotspots: the areas to choose from, and what the user may see and do with incidents. */
export const load: PageLoad = async ({ fetch, url, parent }) => {
	const { user } = await parent();
	requireLogin(user, url);
	const areas = await getJson<{ features: { id: string; bbox?: number[]; geometry: GeoJSON.Geometry; properties: { name: string; kind: string; parentId: string | null; slug: string } }[] }>(fetch, '/api/areas', url);
	const grants: RoleGrant[] = (user as { roles: RoleGrant[] } | null)?.roles ?? [];
	const isoDate = /^(19\d\d|20\d\d|2100)-\d{2}-\d{2}$/; // in the range the API accepts
	return {
		areas: areaRefs(areas),
		areaShapes: areas.features.map((f) => ({ id: f.id, geometry: f.geometry })),
		incidentAccess: grants.some((g) => g.incidents),
		mayImport: grants.some((g) => g.incidents && IMPORT_ROLES.includes(g.role)),
		initial: {
			area: url.searchParams.get('area') ?? '',
			from: isoDate.test(url.searchParams.get('from') ?? '') ? url.searchParams.get('from')! : '2023-01-01',
			to: isoDate.test(url.searchParams.get('to') ?? '') ? url.searchParams.get('to')! : '2023-12-31'
		}
	};
};
