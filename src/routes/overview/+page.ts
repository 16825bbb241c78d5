import { areaRefs, getJson, requireLogin } from '$lib/api/client';
import type { PageLoad } from './$types';

/** The areas whose overview the user may open. */
export const load: PageLoad = async ({ fetch, url, parent }) => {
	const { user } = await parent();
	requireLogin(user, url);
	return { areas: areaRefs(await getJson<Parameters<typeof areaRefs>[0]>(fetch, '/api/areas', url)) };
};
