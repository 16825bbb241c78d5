/** Issuing and revoking API tokens on behalf of the logged-in user, audited. */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db';
import type { RequestContext } from '../api/context';
import { recordAudit } from '../audit';
import { notFound } from '../api/errors';
import { requireUser } from './guard';
import { createApiToken } from './actors.server';

export async function issueApiToken(trx: Transaction<DB>, ctx: RequestContext, name: string, expiresInDays?: number) {
	const actor = requireUser(ctx.actor);
	const token = await createApiToken(trx, ctx.tenant, actor.id, name, expiresInDays);
	await recordAudit(trx, { tenant: ctx.tenant, actor, action: 'token_create', entity: 'api_token', entityId: token.id, after: { name: token.name }, requestId: ctx.requestId });
	return token;
}

/** Revokes one of the caller's own tokens; 404 when it is not theirs or already revoked. */
export async function revokeApiToken(trx: Transaction<DB>, ctx: RequestContext, id: string): Promise<void> {
	const actor = requireUser(ctx.actor);
	const revoked = await trx
		.updateTable('api_tokens')
		.set({ revoked_at: sql`now()` })
		.where('tenant_id', '=', ctx.tenant)
		.where('id', '=', id)
		.where('user_id', '=', actor.id)
		.where('revoked_at', 'is', null)
		.returning('id')
		.executeTakeFirst();
	if (!revoked) throw notFound('token');
	await recordAudit(trx, { tenant: ctx.tenant, actor, action: 'token_revoke', entity: 'api_token', entityId: id, requestId: ctx.requestId });
}
