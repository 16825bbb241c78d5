import type { Handle, HandleServerError, RequestEvent, ServerInit } from '@sveltejs/kit';
import { config } from '$lib/server/config';
import { closeDatabase, database } from '$lib/server/db';
import { describeStartup, prepareDatabase } from '$lib/server/startup';
import { useApiToken, useSession } from '$lib/server/auth/actors.server';
import { SESSION_COOKIE, sessionCookieOptions } from '$lib/server/auth/cookie';
import { GUEST_COOKIE, useGuest } from '$lib/server/auth/guests.server';
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale } from '$lib/i18n/locale';
import type { Actor } from '$lib/users/user';

export const init: ServerInit = async () => {
	const report = await prepareDatabase();
	console.log(describeStartup(report));
	// adapter-node emits this on SIGINT/SIGTERM once requests have drained: close the
	// embedded database cleanly so the next start is a warm one.
	process.once('sveltekit:shutdown' as 'exit', () => void closeDatabase());
};

async function authenticate(event: RequestEvent): Promise<Actor | null> {
	const { db } = database();
	const tenant = config.LYKTA_TENANT;
	const authorization = event.request.headers.get('authorization');
	if (authorization?.toLowerCase().startsWith('bearer ')) return useApiToken(db, tenant, authorization.slice(7).trim());
	const token = event.cookies.get(SESSION_COOKIE);
	if (!token) return null;
	const session = await useSession(db, tenant, token);
	if (!session) {
		event.cookies.delete(SESSION_COOKIE, { path: '/' });
		return null;
	}
	if (session.extended) event.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(event.url, session.expiresAt));
	return session.actor;
}

const securityHeaders: Record<string, string> = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'strict-origin-when-cross-origin',
	'x-frame-options': 'DENY',
	'permissions-policy': 'camera=(self), geolocation=(self), microphone=()'
};

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.requestId = crypto.randomUUID();
	event.locals.tenant = config.LYKTA_TENANT;
	const cookieLocale = event.cookies.get(LOCALE_COOKIE);
	// Swedish unless the user chose otherwise: the users are Swedish municipal staff, often on
	// machines set up with English browsers.
	event.locals.locale = isLocale(cookieLocale) ? cookieLocale : DEFAULT_LOCALE;
	event.locals.actor = await authenticate(event);
	const guestToken = event.locals.actor ? undefined : event.cookies.get(GUEST_COOKIE);
	event.locals.guest = guestToken ? await useGuest(database().db, config.LYKTA_TENANT, guestToken) : null;

	const response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lykta.lang%', event.locals.locale)
	});
	for (const [name, value] of Object.entries(securityHeaders)) response.headers.set(name, value);
	response.headers.set('x-request-id', event.locals.requestId);
	return response;
};

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status >= 500) console.error(`[${event.locals.requestId ?? '-'}] ${event.request.method} ${event.url.pathname}`, error);
	return { message, code: status === 404 ? 'not_found' : status >= 500 ? 'internal_error' : 'bad_request' };
};

