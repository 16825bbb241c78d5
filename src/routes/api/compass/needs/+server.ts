import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, readJson } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { createNeed, listNeeds } from '$lib/partners/needs.server';
import { needInputSchema } from '$lib/partners/directory';

/** The needs the directory knows: built-in and the tenant's own. */
export const GET = endpoint(async ({ locals }) => json(await listNeeds(database().db, locals.tenant)));

/** A coordinator adds a need. */
export const POST = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const input = await readJson(event.request, needInputSchema);
	const need = await database().db.transaction().execute((trx) => createNeed(trx, contextOf(event), input));
	return json(need, { status: 201 });
});
