import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, idParam, readJson } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { answerReport, readableReport } from '$lib/partners/reports.server';
import { reportAnswerSchema } from '$lib/partners/directory';

export const GET = endpoint(async (event) => json(await readableReport(database().db, contextOf(event), idParam(event.params.id, 'report'))));

/** A coordinator answers (or rejects) the report. */
export const PATCH = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'report');
	const input = await readJson(event.request, reportAnswerSchema);
	return json(await database().db.transaction().execute((trx) => answerReport(trx, contextOf(event), id, input)));
});
