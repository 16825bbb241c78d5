import { sql } from 'kysely';
import { database } from '$lib/server/db';
import { endpoint, idParam } from '$lib/server/api/endpoint';
import { notFound } from '$lib/server/api/errors';
import { requireUser } from '$lib/server/auth/guard';
import { recordAudit } from '$lib/server/audit';

/** Revokes one of the caller's tokens. */
export const DELETE = endpoint(async ({ params, locals }) => {
	const actor = requireUser(locals.actor);
	const id = idParam(params.id, 'The token');
	await database().db.transaction().execute(async (trx) => {
		const revoked = await trx
			.updateTable('api_tokens')
			.set({ revoked_at: sql`now()` })
			.where('id', '=', id)
			.where('user_id', '=', actor.id)
			.where('revoked_at', 'is', null)
			.returning('id')
			.executeTakeFirst();
		if (!revoked) throw notFound('The token');
		await recordAudit(trx, { tenant: locals.tenant, actor, action: 'token_revoke', entity: 'api_token', entityId: id, requestId: locals.requestId });
	});
	return new Response(null, { status: 204 });
});
