/**
 * Who is asking: resolve a session cookie or an API bearer token to an Actor with its
 * roles. Sessions slide: each use within the last half of the lifetime extends it.
 */
import { sql } from 'kysely';
import type { Database } from '../db';
import { prepared } from '../db/prepared';
import type { Actor, Role } from '$lib/users/user';
import { config } from '../config';
import { API_TOKEN_PREFIX, hashSecret, newSecret } from './tokens';

const DAY = 24 * 60 * 60 * 1000;

/**
 * An account as an Actor, with its role grants, from a users row `u` (left-joined or
 * not): one query answers who is asking, whatever else it looks up.
 */
const actorColumns = (tenant: string) => sql`
	u.id, u.email, u.display_name, u.partner_id, u.locale,
	coalesce((SELECT json_agg(json_build_object('areaId', r.area_id, 'role', r.role, 'incidents', r.incidents) ORDER BY r.created_at, r.id)
		FROM area_roles r WHERE r.tenant_id = ${tenant} AND r.user_id = u.id), '[]'::json) AS roles`;

interface ActorRow {
	id: string | null;
	email: string;
	display_name: string;
	partner_id: string | null;
	locale: string;
	roles: { areaId: string | null; role: Role; incidents: boolean }[];
}

function toActor(row: ActorRow | undefined): Actor | null {
	if (!row?.id) return null;
	return {
		id: row.id,
		email: row.email,
		displayName: row.display_name,
		partnerId: row.partner_id,
		locale: row.locale === 'en' ? 'en' : 'sv',
		roles: row.roles
	};
}

export async function loadActor(db: Database, tenant: string, userId: string): Promise<Actor | null> {
	const { rows } = await sql<ActorRow>`
		SELECT ${actorColumns(tenant)} FROM users u
		WHERE u.id = ${userId} AND u.tenant_id = ${tenant} AND u.disabled_at IS NULL`.execute(db);
	return toActor(rows[0]);
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

/**
 * The actor behind a session cookie, in one query: an expired session is deleted, one past
 * half its life is extended. Null when the session is unknown or expired; `actor` null when
 * the session stands but its account is disabled.
 */
export async function useSession(db: Database, tenant: string, token: string) {
	const id = hashSecret(token);
	const lifetime = config.LYKTA_SESSION_DAYS * DAY;
	const { rows } = await prepared(sql<ActorRow & { expires_at: Date | string; extended_to: Date | string | null }>`
		WITH session AS (SELECT user_id, expires_at FROM sessions WHERE id = ${id} AND tenant_id = ${tenant}),
		expired AS (DELETE FROM sessions WHERE id = ${id} AND tenant_id = ${tenant} AND expires_at <= now()),
		extended AS (
			UPDATE sessions SET expires_at = now() + ${lifetime} * interval '1 millisecond', last_seen_at = now()
			WHERE id = ${id} AND tenant_id = ${tenant}
				AND expires_at > now() AND expires_at < now() + ${lifetime / 2} * interval '1 millisecond'
			RETURNING expires_at)
		SELECT s.expires_at, (SELECT expires_at FROM extended) AS extended_to, ${actorColumns(tenant)}
		FROM session s LEFT JOIN users u ON u.id = s.user_id AND u.tenant_id = ${tenant} AND u.disabled_at IS NULL
		WHERE s.expires_at > now()`).execute(db);
	const row = rows[0];
	if (!row) return null;
	const extended = row.extended_to !== null;
	return { actor: toActor(row), expiresAt: new Date(extended ? row.extended_to! : row.expires_at), extended };
}

export async function endSession(db: Database, tenant: string, token: string) {
	await db.deleteFrom('sessions').where('tenant_id', '=', tenant).where('id', '=', hashSecret(token)).execute();
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

/**
 * The actor behind an API token, in one query; null when the token is unknown, revoked or
 * expired, or its account disabled. `last_used_at` is kept to the minute: a script calling
 * many times a second must not turn every read into a write on one row.
 */
export async function useApiToken(db: Database, tenant: string, token: string): Promise<Actor | null> {
	if (!token.startsWith(API_TOKEN_PREFIX)) return null;
	const { rows } = await prepared(sql<ActorRow>`
		WITH token AS (
			SELECT id, user_id FROM api_tokens
			WHERE token_hash = ${hashSecret(token)} AND tenant_id = ${tenant} AND revoked_at IS NULL
				AND (expires_at IS NULL OR expires_at > now())),
		used AS (
			UPDATE api_tokens SET last_used_at = now()
			WHERE tenant_id = ${tenant} AND id IN (SELECT id FROM token) AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute'))
		SELECT ${actorColumns(tenant)}
		FROM token t JOIN users u ON u.id = t.user_id AND u.tenant_id = ${tenant} AND u.disabled_at IS NULL`).execute(db);
	return toActor(rows[0]);
}
