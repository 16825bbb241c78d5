import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, idParam, readQuery } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { programmeReport } from '$lib/reports/report.server';
import { reportQuery } from '$lib/reports/routes.server';

/** The steering-group report of a programme for a period: a section per area of it the reader reads. */
export const GET = endpoint(async (event) => {
	const id = idParam(event.params.id, 'programme');
	const { period } = readQuery(event.url, reportQuery);
	const started = performance.now();
	const report = await programmeReport(database().db, contextOf(event), id, period);
	return json({ ...report, milliseconds: Math.round(performance.now() - started) });
});
