import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, readJson } from '$lib/server/api/endpoint';
import { ApiError, unauthenticated } from '$lib/server/api/errors';
import { attemptLogin, logOut } from '$lib/server/auth/login.server';
import { tooManyAttempts } from '$lib/server/auth/throttle.server';
import { loadActor } from '$lib/server/auth/actors.server';
import { loginSchema } from '$lib/users/user';

/** The current user and roles; 401 when not logged in. */
export const GET = endpoint(async ({ locals }) => {
	if (!locals.actor) throw unauthenticated();
	return json({ user: locals.actor });
});

/** Logging in; throttled per account and per client address (429 with Retry-After). */
export const POST = endpoint(async ({ request, cookies, url, locals, getClientAddress }) => {
	const credentials = await readJson(request, loginSchema);
	const { db } = database();
	const outcome = await attemptLogin(db, locals.tenant, credentials, {
		cookies,
		url,
		userAgent: request.headers.get('user-agent'),
		requestId: locals.requestId,
		clientAddress: getClientAddress()
	});
	if ('retryAfter' in outcome) throw tooManyAttempts(outcome.retryAfter);
	if (!outcome.value) throw new ApiError(401, 'invalid_credentials', 'Wrong e-mail address or password.');
	return json({ user: await loadActor(db, locals.tenant, outcome.value.id) });
});

export const DELETE = endpoint(async ({ cookies, locals }) => {
	await logOut(database().db, locals.tenant, locals.actor, { cookies, requestId: locals.requestId });
	return new Response(null, { status: 204 });
});
