import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, idParam, readQuery } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { areaReport } from '$lib/reports/report.server';
import { reportQuery } from '$lib/reports/routes.server';

/** The steering-group report of an area for a period (`period=2023-T2`, or `2023` for the year). */
export const GET = endpoint(async (event) => {
	const id = idParam(event.params.id, 'area');
	const { period } = readQuery(event.url, reportQuery);
	const started = performance.now();
	const report = await areaReport(database().db, contextOf(event), id, period);
	return json({ ...report, milliseconds: Math.round(performance.now() - started) });
});
