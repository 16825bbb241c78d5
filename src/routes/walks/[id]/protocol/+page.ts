import type { FindingCollection } from '$lib/findings/finding';
import type { WalkFeature } from '$lib/walks/walk';
import { getJson, requireLogin } from '$lib/api/client';
import type { PageLoad } from './$types';

/** The walk and all its findings, for the printable protocol. */
export const load: PageLoad = async ({ fetch, url, params, parent }) => {
	const { user } = await parent();
	requireLogin(user, url);
	const id = encodeURIComponent(params.id);
	const [walk, findings] = await Promise.all([
		getJson<WalkFeature>(fetch, `/api/walks/${id}`, url),
		getJson<FindingCollection>(fetch, `/api/findings?walk=${id}`, url)
	]);
	const ordered = [...findings.features].sort((a, b) => a.properties.createdAt.localeCompare(b.properties.createdAt));
	return { walk, findings: ordered };
};
