import { requireLogin } from '$lib/api/client';
import { loadReport } from '$lib/reports/load';
import type { PageLoad } from './$types';

export const ssr = false;

/** The steering-group report of a programme for a period: a section per area of it. */
export const load: PageLoad = async ({ fetch, url, params, parent }) => {
	const { user, locale } = await parent();
	requireLogin(user, url);
	return { ...(await loadReport(fetch, 'programme', params.id, params.period, url, locale)), kind: 'programme' as const, id: params.id, period: params.period };
};
