import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, readJson } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { ApiError, unauthenticated } from '$lib/server/api/errors';
import { joinKeys, tooManyAttempts, underThrottle } from '$lib/server/auth/throttle.server';
import { getWalk, joinWalk } from '$lib/walks/walks.server';
import { joinSchema } from '$lib/walks/walk';

/** The walk guest behind the cookie, if any. */
export const GET = endpoint(async (event) => {
	const guest = event.locals.guest;
	if (!guest) throw unauthenticated();
	return json({ walk: await getWalk(database().db, contextOf(event), guest.walkId), guest: { name: guest.name, expiresAt: guest.expiresAt } });
});

/** Joining a walk by its code, without an account; throttled per code and per client address (429 with Retry-After). */
export const POST = endpoint(async (event) => {
	const { code, name } = await readJson(event.request, joinSchema);
	const { db } = database();
	const ctx = contextOf(event);
	const outcome = await underThrottle(db, ctx.tenant, joinKeys(code, event.getClientAddress()), () => joinWalk(db, ctx, code, name, event.cookies, event.url), wrongCode);
	if ('retryAfter' in outcome) throw tooManyAttempts(outcome.retryAfter);
	const { walk, guest } = outcome.value;
	return json({ walk, guest: { name: guest.name, expiresAt: guest.expiresAt } });
});

/** A wrong or expired code is a guess that counts; anything else is not the guesser's doing. */
const wrongCode = (outcome: { error: unknown } | object) =>
	'error' in outcome && outcome.error instanceof ApiError && ['invalid_join_code', 'join_code_expired'].includes(outcome.error.code);
