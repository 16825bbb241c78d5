import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, readJson, readQuery } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { createReport, listReports } from '$lib/partners/reports.server';
import { reportCreateSchema, reportListQuery } from '$lib/partners/directory';

/** The reports of the areas the user coordinates (the review list), and the user's own. */
export const GET = endpoint(async (event) => {
	const filter = readQuery(event.url, reportListQuery);
	return json(await listReports(database().db, contextOf(event), filter));
});

/** Any signed-in user reports a problem nobody handles, a new solution or changed hours. */
export const POST = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const input = await readJson(event.request, reportCreateSchema);
	const report = await database().db.transaction().execute((trx) => createReport(trx, contextOf(event), input));
	return json(report, { status: 201, headers: { location: `/api/compass/reports/${report.id}` } });
});
