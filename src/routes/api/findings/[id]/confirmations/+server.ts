import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { database } from '$lib/server/db';
import { endpoint, idParam, readJson } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { unauthenticated } from '$lib/server/api/errors';
import { confirmFinding } from '$lib/findings/confirmations.server';

const input = z.strictObject({ comment: z.string().trim().max(2000).default('') });

/** "Same problem": +1 (with an optional comment) on an open finding. */
export const POST = endpoint(async (event) => {
	const ctx = contextOf(event);
	if (!ctx.actor && !ctx.guest) throw unauthenticated();
	const id = idParam(event.params.id, 'finding');
	const { comment } = await readJson(event.request, input);
	const result = await database().db.transaction().execute((trx) => confirmFinding(trx, ctx, id, comment));
	return json(result, { status: 201 });
});
