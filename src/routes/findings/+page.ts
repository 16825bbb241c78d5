import type { AreaCollection } from '$lib/areas/area';
import type { FindingCollection } from '$lib/findings/finding';
import type { PartnerCollection } from '$lib/partners/partner';
import type { WalkCollection } from '$lib/walks/walk';
import { areaRefs, getJson, requireLogin } from '$lib/api/client';
import { filterQuery, readFilters } from '$lib/findings/filters';
import type { PageLoad } from './$types';

const PAGE_LIMIT = 500;

/** Findings matching the filters in the URL, and what the filter form offers to choose from. */
export const load: PageLoad = async ({ fetch, url, parent }) => {
	const { user } = await parent();
	requireLogin(user, url);
	const filters = readFilters(url.searchParams);
	const query = filterQuery(filters);
	const [findings, areas, walks, partners] = await Promise.all([
		// A screenful of tables: the newest 500 (the page says when more match; exports take them all).
		getJson<FindingCollection>(fetch, `/api/findings?${query ? `${query}&` : ''}limit=${PAGE_LIMIT}`, url),
		getJson<AreaCollection>(fetch, '/api/areas', url),
		getJson<WalkCollection>(fetch, '/api/walks', url),
		getJson<PartnerCollection>(fetch, '/api/partners', url)
	]);
	return {
		filters,
		query,
		findings: findings.features,
		truncated: findings.truncated === true,
		areas: areaRefs(areas),
		walks: walks.features.map((w) => ({ id: w.id, title: w.properties.title, areaId: w.properties.areaId, startsAt: w.properties.startsAt })),
		partners: partners.features.map((p) => ({ id: p.id, name: p.properties.name })).sort((a, b) => a.name.localeCompare(b.name, 'sv'))
	};
};
