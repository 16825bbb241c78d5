import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { isoDateTime } from '$lib/time/dates';
import { database } from '$lib/server/db';
import { endpoint, idParam, readJson } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { issueJoinCode, revokeJoinCode } from '$lib/walks/walks.server';

const input = z.strictObject({ expiresAt: isoDateTime.optional() });

/** A new join code for the walk (the previous one stops working); body optional. */
export const POST = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'walk');
	const hasBody = (event.request.headers.get('content-length') ?? '0') !== '0' || event.request.headers.has('content-type');
	const { expiresAt } = hasBody ? await readJson(event.request, input) : { expiresAt: undefined };
	const issued = await database()
		.db.transaction()
		.execute((trx) => issueJoinCode(trx, contextOf(event), id, expiresAt, event.url.origin));
	return json(issued, { status: 201 });
});

export const DELETE = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'walk');
	await database().db.transaction().execute((trx) => revokeJoinCode(trx, contextOf(event), id));
	return new Response(null, { status: 204 });
});
