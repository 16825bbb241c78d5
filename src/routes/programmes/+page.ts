import { getJson, requireLogin } from '$lib/api/client';
import type { PageLoad } from './$types';
import type { ProgrammeCollection } from '$lib/programmes/types';

/** The programmes in the areas the user works in. */
export const load: PageLoad = async ({ fetch, url, parent }) => {
	const { user } = await parent();
	requireLogin(user, url);
	const programmes = await getJson<ProgrammeCollection>(fetch, '/api/programmes', url);
	return { programmes: programmes.features };
};
