import { requireLogin } from '$lib/api/client';
import { loadReport } from '$lib/reports/load';
import type { PageLoad } from './$types';

// The map and the charts draw in the browser; so does the report.
export const ssr = false;

/** The steering-group report of an area for a period (`2023-T2`, or `2023` for the annual report). */
export const load: PageLoad = async ({ fetch, url, params, parent }) => {
	const { user, locale } = await parent();
	requireLogin(user, url);
	return { ...(await loadReport(fetch, 'area', params.id, params.period, url, locale)), kind: 'area' as const, id: params.id, period: params.period };
};
