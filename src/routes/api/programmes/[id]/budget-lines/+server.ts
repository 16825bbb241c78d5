import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, idParam, readJson } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { addBudgetLine } from '$lib/programmes/programmes.server';
import { budgetLineCreateSchema } from '$lib/programmes/programme';

/** Adds a budget line; answers with the whole programme and its budget. */
export const POST = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'programme');
	const input = await readJson(event.request, budgetLineCreateSchema);
	return json(await database().db.transaction().execute((trx) => addBudgetLine(trx, contextOf(event), id, input)), { status: 201 });
});
