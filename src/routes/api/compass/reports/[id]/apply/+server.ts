import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, idParam, readJson } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { applyReport } from '$lib/partners/reports.server';
import { reportApplySchema } from '$lib/partners/directory';

/** One action: the report's directory change, and the report marked applied. All or nothing. */
export const POST = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'report');
	const input = await readJson(event.request, reportApplySchema);
	return json(await database().db.transaction().execute((trx) => applyReport(trx, contextOf(event), id, input)));
});
