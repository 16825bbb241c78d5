import type { Handle, HandleServerError, RequestEvent, ServerInit } from '@sveltejs/kit';
import { config } from '$lib/server/config';
import { closeDatabase, database } from '$lib/server/db';
import { describeStartup, prepareDatabase } from '$lib/server/startup';
import { useApiToken, useSession } from '$lib/server/auth/actors.server';
import { SESSION_COOKIE, sessionCookieOptions } from '$lib/server/auth/cookie';
import { GUEST_COOKIE, useGuest } from '$lib/server/auth/guests.server';
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale } from '$lib/i18n/locale';
import type { Actor } from '$lib/users/user';
import { ApiError, DATABASE_RETRY_AFTER_S, databaseUnavailable, databaseUnreachable } from '$lib/server/api/errors';
import { apiErrorResponse } from '$lib/server/api/endpoint';
import { unavailablePage } from '$lib/server/unavailable';
import { isOgcPath, withOgcFormat } from '$lib/ogc/negotiation';

/** True once the database is migrated and ready; requests before that answer 503. */
let databaseReady = false;
/** Why the last attempt to prepare it failed, for the 503 answers until it is ready. */
let notReadyReason = 'starting';

/** Prepares the database; when it cannot be reached, tries again every few seconds. */
async function prepareWhenReachable(): Promise<void> {
	for (;;) {
		try {
			const report = await prepareDatabase();
			databaseReady = true;
			console.log(describeStartup(report));
			return;
		} catch (error) {
			const reason = databaseUnreachable(error);
			// Anything else (a failed migration, bad configuration) must stop the start.
			if (!reason) throw error;
			notReadyReason = reason;
			console.warn(`database not reachable (${reason}); trying again in ${DATABASE_RETRY_AFTER_S} s`);
			// Unref'd: the waiting alone does not keep a server that is shutting down alive.
			await new Promise((done) => setTimeout(done, DATABASE_RETRY_AFTER_S * 1000).unref());
		}
	}
}

export const init: ServerInit = async () => {
	// adapter-node emits this on SIGINT/SIGTERM once requests have drained: close the
	// embedded database cleanly so the next start is a warm one.
	process.once('sveltekit:shutdown' as 'exit', () => void closeDatabase());
	// The first attempt is awaited (a normal start is ready before it listens); if the database
	// is away, the server starts anyway, answers 503 and keeps trying in the background.
	const first = prepareWhenReachable();
	await Promise.race([first, new Promise((done) => setTimeout(done, 10_000))]);
	first.catch((error) => {
		console.error('Lykta could not prepare its database:', error);
		process.exit(1);
	});
	// A stray rejected promise (a client gone mid-request, a dropped connection) is logged;
	// by default Node would end the process and every user's session with it.
	process.on('unhandledRejection', (reason) => console.error('unhandled rejection:', reason));
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

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A write that a browser may have sent on another site's behalf: not a safe method, not
 * authenticated by a bearer token (scripts), and not from this app's own origin. Browsers
 * send `Origin` with every non-GET request, so a missing or `null` one is refused too,
 * whatever the content type (SvelteKit's own check covers form encodings only).
 */
function isForeignWrite(event: RequestEvent): boolean {
	if (SAFE_METHODS.has(event.request.method)) return false;
	if (event.request.headers.get('authorization')?.toLowerCase().startsWith('bearer ')) return false;
	return event.request.headers.get('origin') !== event.url.origin;
}

const isApiPath = (path: string) => path.startsWith('/api/') || path === '/api' || path.startsWith('/tiles/') || isOgcPath(path);

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.requestId = crypto.randomUUID();
	event.locals.tenant = config.LYKTA_TENANT;
	const cookieLocale = event.cookies.get(LOCALE_COOKIE);
	// Swedish unless the user chose otherwise: the users are Swedish municipal staff, often on
	// machines set up with English browsers.
	event.locals.locale = isLocale(cookieLocale) ? cookieLocale : DEFAULT_LOCALE;
	event.locals.actor = null;
	event.locals.guest = null;

	if (isForeignWrite(event))
		return apiErrorResponse(event, new ApiError(403, 'forbidden_origin', 'Writes are accepted from this app’s own pages only (or with an API token).', { origin: event.request.headers.get('origin') }));

	// Who is asking cannot be known without the database: answer for the whole request now.
	const unavailable = (reason: string) =>
		isApiPath(event.url.pathname) ? apiErrorResponse(event, databaseUnavailable(reason)) : unavailablePage(event.locals.locale);
	if (!databaseReady) return unavailable(notReadyReason);
	try {
		event.locals.actor = await authenticate(event);
		const guestToken = event.locals.actor ? undefined : event.cookies.get(GUEST_COOKIE);
		event.locals.guest = guestToken ? await useGuest(database().db, config.LYKTA_TENANT, guestToken) : null;
	} catch (error) {
		const reason = databaseUnreachable(error);
		if (!reason) throw error;
		return unavailable(reason);
	}

	// The OGC API's `f=json` / `f=html` choose between its endpoint and its page.
	const response = await resolve(withOgcFormat(event), {
		transformPageChunk: ({ html }) => html.replace('%lykta.lang%', event.locals.locale)
	});
	response.headers.set('x-request-id', event.locals.requestId);
	return response;
};

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status >= 500) console.error(`[${event.locals.requestId ?? '-'}] ${event.request.method} ${event.url.pathname}`, error);
	return { message, code: status === 404 ? 'not_found' : status >= 500 ? 'internal_error' : 'bad_request' };
};

