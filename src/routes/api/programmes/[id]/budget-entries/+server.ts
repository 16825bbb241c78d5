import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, idParam, readJson } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { addBudgetEntry, listBudgetEntries } from '$lib/programmes/programmes.server';
import { budgetEntryCreateSchema } from '$lib/programmes/programme';

/** Money booked by hand against the programme's lines. */
export const GET = endpoint(async (event) => {
	const id = idParam(event.params.id, 'programme');
	return json(await listBudgetEntries(database().db, contextOf(event), id));
});

export const POST = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'programme');
	const input = await readJson(event.request, budgetEntryCreateSchema);
	return json(await database().db.transaction().execute((trx) => addBudgetEntry(trx, contextOf(event), id, input)), { status: 201 });
});
