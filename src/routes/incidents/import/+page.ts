import { requireLogin } from '$lib/api/client';
import type { PageLoad } from './$types';

export const ssr = false;

export const load: PageLoad = async ({ url, parent }) => {
	const { user } = await parent();
	requireLogin(user, url);
	return {};
};
