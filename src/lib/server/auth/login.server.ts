/** Logging in and out, shared by the login page's form action and the session API. */
import type { Cookies } from '@sveltejs/kit';
import type { Database } from '../db';
import { recordAudit } from '../audit';
import { createSession, endSession } from './actors.server';
import { SESSION_COOKIE, sessionCookieOptions } from './cookie';
import { verifyAgainstNothing, verifyPassword } from './password';
import { loginKeys, underThrottle } from './throttle.server';

/**
 * A login attempt under the throttle (per account and per client address): while either
 * is blocked, the seconds to wait — without looking at the password; a wrong password
 * counts, a success clears both counts. The user, or null for a wrong password.
 */
export function attemptLogin(
	db: Database,
	tenant: string,
	credentials: { email: string; password: string },
	request: Parameters<typeof logIn>[3] & { clientAddress: string }
): Promise<{ value: { id: string; email: string } | null } | { retryAfter: number }> {
	const keys = loginKeys(credentials.email, request.clientAddress);
	const wrongPassword = (outcome: { value: unknown } | { error: unknown }) => 'value' in outcome && outcome.value === null;
	return underThrottle(db, tenant, keys, () => logIn(db, tenant, credentials, request), wrongPassword);
}

export async function logIn(
	db: Database,
	tenant: string,
	credentials: { email: string; password: string },
	request: { cookies: Cookies; url: URL; userAgent: string | null; requestId: string }
): Promise<{ id: string; email: string } | null> {
	const user = await db
		.selectFrom('users')
		.select(['id', 'email', 'password_hash'])
		.where('tenant_id', '=', tenant)
		.where('email', '=', credentials.email.toLowerCase())
		.where('disabled_at', 'is', null)
		.executeTakeFirst();
	const ok = user?.password_hash
		? await verifyPassword(user.password_hash, credentials.password)
		: await verifyAgainstNothing(credentials.password);
	if (!user || !ok) {
		await recordAudit(db, { tenant, actor: null, actorLabel: credentials.email.slice(0, 320), action: 'login_failed', entity: 'session', entityId: null, requestId: request.requestId });
		return null;
	}
	const session = await createSession(db, tenant, user.id, request.userAgent);
	request.cookies.set(SESSION_COOKIE, session.token, sessionCookieOptions(request.url, session.expiresAt));
	await recordAudit(db, { tenant, actor: user, action: 'login', entity: 'session', entityId: null, requestId: request.requestId });
	return { id: user.id, email: user.email };
}

export async function logOut(
	db: Database,
	tenant: string,
	actor: { id: string; email: string } | null,
	request: { cookies: Cookies; requestId: string }
): Promise<void> {
	const token = request.cookies.get(SESSION_COOKIE);
	if (token) await endSession(db, tenant, token);
	request.cookies.delete(SESSION_COOKIE, { path: '/' });
	if (actor) await recordAudit(db, { tenant, actor, action: 'logout', entity: 'session', entityId: null, requestId: request.requestId });
}
