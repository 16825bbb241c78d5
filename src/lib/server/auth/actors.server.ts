/**
 * Who is asking: resolve a session cookie or an API bearer token to an Actor with its
 * roles. Sessions slide: each use within the last half of the lifetime extends it.
 */
import { sql } from 'kysely';
import type { Database } from '../db';
import type { Actor, Role } from '$lib/users/user';
import { config } from '../config';
import { API_TOKEN_PREFIX, hashSecret, newSecret } from './tokens';

const DAY = 24 * 60 * 60 * 1000;

export async function loadActor(db: Database, tenant: string, userId: string): Promise<Actor | null> {
	const user = await db
		.selectFrom('users')
		.select(['id', 'email', 'display_name', 'partner_id', 'locale'])
		.where('id', '=', userId)
		.where('tenant_id', '=', tenant)
		.where('disabled_at', 'is', null)
		.executeTakeFirst();
	if (!user) return null;
	const roles = await db
		.selectFrom('area_roles')
		.select(['area_id', 'role', 'incidents'])
		.where('user_id', '=', userId)
		.execute();
	return {
		id: user.id,
		email: user.email,
		displayName: user.display_name,
		partnerId: user.partner_id,
		locale: user.locale === 'en' ? 'en' : 'sv',
		roles: roles.map((r) => ({ areaId: r.area_id, role: r.role as Role, incidents: r.incidents }))
	};
}

export async function createSession(db: Database, tenant: string, userId: string, userAgent: string | null) {
	const token = newSecret();
	const expiresAt = new Date(Date.now() + config.LYKTA_SESSION_DAYS * DAY);
	await db
		.insertInto('sessions')
		.values({ id: hashSecret(token), tenant_id: tenant, user_id: userId, expires_at: expiresAt, user_agent: userAgent?.slice(0, 300) })
		.execute();
	await db.updateTable('users').set({ last_login_at: sql`now()` }).where('id', '=', userId).execute();
	return { token, expiresAt };
}

/** The session's user id, extending the session when it is past half its life; null when unknown or expired. */
export async function useSession(db: Database, tenant: string, token: string) {
	const id = hashSecret(token);
	const session = await db
		.selectFrom('sessions')
		.select(['user_id', 'expires_at'])
		.where('id', '=', id)
		.where('tenant_id', '=', tenant)
		.executeTakeFirst();
	if (!session) return null;
	const expiresAt = new Date(session.expires_at);
	if (expiresAt.getTime() <= Date.now()) {
		await db.deleteFrom('sessions').where('id', '=', id).execute();
		return null;
	}
	const lifetime = config.LYKTA_SESSION_DAYS * DAY;
	if (expiresAt.getTime() - Date.now() < lifetime / 2) {
		const extended = new Date(Date.now() + lifetime);
		await db.updateTable('sessions').set({ expires_at: extended, last_seen_at: sql`now()` }).where('id', '=', id).execute();
		return { userId: session.user_id, expiresAt: extended, extended: true };
	}
	return { userId: session.user_id, expiresAt, extended: false };
}

export async function endSession(db: Database, token: string) {
	await db.deleteFrom('sessions').where('id', '=', hashSecret(token)).execute();
}

export async function createApiToken(db: Database, tenant: string, userId: string, name: string, expiresInDays?: number) {
	const token = newSecret(API_TOKEN_PREFIX);
	const row = await db
		.insertInto('api_tokens')
		.values({
			tenant_id: tenant,
			user_id: userId,
			name,
			token_hash: hashSecret(token),
			expires_at: expiresInDays ? new Date(Date.now() + expiresInDays * DAY) : null
		})
		.returning(['id', 'name', 'created_at', 'expires_at'])
		.executeTakeFirstOrThrow();
	return { ...row, token };
}

/** The token's user id; null when unknown, revoked or expired. */
export async function useApiToken(db: Database, tenant: string, token: string) {
	if (!token.startsWith(API_TOKEN_PREFIX)) return null;
	const row = await db
		.updateTable('api_tokens')
		.set({ last_used_at: sql`now()` })
		.where('token_hash', '=', hashSecret(token))
		.where('tenant_id', '=', tenant)
		.where('revoked_at', 'is', null)
		.where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]))
		.returning(['user_id'])
		.executeTakeFirst();
	return row?.user_id ?? null;
}
