import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, idParam, readJson, readQuery, versionQuery } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { deleteBudgetLine, updateBudgetLine } from '$lib/programmes/programmes.server';
import { budgetLinePatchSchema } from '$lib/programmes/programme';

/** Renames a line or changes its cap (lowering it below what is committed needs a reason). */
export const PATCH = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'programme');
	const lineId = idParam(event.params.lineId, 'budget_line', 'lineId');
	const patch = await readJson(event.request, budgetLinePatchSchema);
	return json(await database().db.transaction().execute((trx) => updateBudgetLine(trx, contextOf(event), id, lineId, patch)));
});

export const DELETE = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'programme');
	const lineId = idParam(event.params.lineId, 'budget_line', 'lineId');
	const { version } = readQuery(event.url, versionQuery);
	return json(await database().db.transaction().execute((trx) => deleteBudgetLine(trx, contextOf(event), id, lineId, version)));
});
