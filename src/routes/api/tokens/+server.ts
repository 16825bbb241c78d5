import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { database } from '$lib/server/db';
import { endpoint, readJson } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { issueApiToken } from '$lib/server/auth/api-tokens.server';

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

const tokenInput = z.strictObject({
	name: z.string().trim().min(1).max(100),
	expiresInDays: z.number().int().positive().max(730).optional()
});

/** Creates a token for scripts, acting as the caller; the secret is shown once, here. */
export const POST = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const input = await readJson(event.request, tokenInput);
	const token = await database()
		.db.transaction()
		.execute((trx) => issueApiToken(trx, contextOf(event), input.name, input.expiresInDays));
	return json(token, { status: 201 });
});
