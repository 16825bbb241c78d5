import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, readJson } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { createSetup, listSetups } from '$lib/partners/setups.server';
import { compassSetupCreateSchema } from '$lib/partners/directory';

/** The compasses set up, one per area. Public: anyone may open a compass. */
export const GET = endpoint(async ({ locals }) => json(await listSetups(database().db, locals.tenant)));

/** A coordinator of the area sets up its compass. */
export const POST = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const input = await readJson(event.request, compassSetupCreateSchema);
	const setup = await database().db.transaction().execute((trx) => createSetup(trx, contextOf(event), input));
	return json(setup, { status: 201, headers: { location: `/api/compass/setups/${setup.id}` } });
});
