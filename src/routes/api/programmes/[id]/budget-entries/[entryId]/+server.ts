import { database } from '$lib/server/db';
import { endpoint, idParam } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { deleteBudgetEntry } from '$lib/programmes/programmes.server';

export const DELETE = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'programme');
	const entryId = idParam(event.params.entryId, 'budget_entry', 'entryId');
	await database().db.transaction().execute((trx) => deleteBudgetEntry(trx, contextOf(event), id, entryId));
	return new Response(null, { status: 204 });
});
