import { database } from '$lib/server/db';
import { endpoint, idParam } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { revokeApiToken } from '$lib/server/auth/api-tokens.server';

/** Revokes one of the caller's tokens. */
export const DELETE = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'token');
	await database().db.transaction().execute((trx) => revokeApiToken(trx, contextOf(event), id));
	return new Response(null, { status: 204 });
});
