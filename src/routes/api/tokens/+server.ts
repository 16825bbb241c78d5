import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { database } from '$lib/server/db';
import { endpoint, readJson } from '$lib/server/api/endpoint';
import { requireUser } from '$lib/server/auth/guard';
import { createApiToken } from '$lib/server/auth/actors.server';
import { recordAudit } from '$lib/server/audit';

/** The caller's own API tokens (never the secret itself). */
export const GET = endpoint(async ({ locals }) => {
	const actor = requireUser(locals.actor);
	const tokens = await database()
		.db.selectFrom('api_tokens')
		.select(['id', 'name', 'created_at', 'last_used_at', 'expires_at', 'revoked_at'])
		.where('user_id', '=', actor.id)
		.orderBy('created_at', 'desc')
		.execute();
	return json({ tokens });
});

const tokenInput = z.object({
	name: z.string().trim().min(1).max(100),
	expiresInDays: z.number().int().positive().max(730).optional()
});

/** Creates a token for scripts, acting as the caller; the secret is shown once, here. */
export const POST = endpoint(async ({ request, locals }) => {
	const actor = requireUser(locals.actor);
	const input = await readJson(request, tokenInput);
	const { db } = database();
	const token = await db.transaction().execute(async (trx) => {
		const created = await createApiToken(trx, locals.tenant, actor.id, input.name, input.expiresInDays);
		await recordAudit(trx, { tenant: locals.tenant, actor, action: 'token_create', entity: 'api_token', entityId: created.id, after: { name: created.name }, requestId: locals.requestId });
		return created;
	});
	return json(token, { status: 201 });
});
