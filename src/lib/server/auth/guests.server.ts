/**
 * Walk guests: people invited to a safety walk by its join code — often residents
 * without an account. A guest may pin findings on that one walk until the code expires
 * or is revoked, and nothing else. Like sessions, only a hash of the cookie is stored.
 */
import { sql } from 'kysely';
import type { Cookies } from '@sveltejs/kit';
import type { Database } from '../db';
import { hashSecret, newSecret } from './tokens';

export const GUEST_COOKIE = 'lykta_guest';

export interface Guest {
	id: string;
	walkId: string;
	areaId: string;
	name: string;
	expiresAt: string;
}

/** The guest behind a cookie, while the walk's join code still stands. */
export async function useGuest(db: Database, tenant: string, token: string): Promise<Guest | null> {
	const row = await db
		.selectFrom('walk_guests as g')
		.innerJoin('walks as w', 'w.id', 'g.walk_id')
		.select(['g.id', 'g.walk_id', 'w.area_id', 'g.display_name', 'g.expires_at'])
		.where('g.token_hash', '=', hashSecret(token))
		.where('g.tenant_id', '=', tenant)
		.where('g.expires_at', '>', sql<Date>`now()`)
		.where('w.join_code', 'is not', null)
		.where('w.join_expires_at', '>', sql<Date>`now()`)
		.executeTakeFirst();
	if (!row) return null;
	return {
		id: row.id,
		walkId: row.walk_id,
		areaId: row.area_id,
		name: row.display_name,
		expiresAt: new Date(row.expires_at).toISOString()
	};
}

export async function createGuest(
	db: Database,
	tenant: string,
	walk: { id: string; areaId: string; joinExpiresAt: Date },
	name: string,
	cookies: Cookies,
	url: URL
): Promise<Guest> {
	const token = newSecret();
	const row = await db
		.insertInto('walk_guests')
		.values({ tenant_id: tenant, walk_id: walk.id, token_hash: hashSecret(token), display_name: name, expires_at: walk.joinExpiresAt })
		.returning(['id'])
		.executeTakeFirstOrThrow();
	cookies.set(GUEST_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', expires: walk.joinExpiresAt });
	return { id: row.id, walkId: walk.id, areaId: walk.areaId, name, expiresAt: walk.joinExpiresAt.toISOString() };
}
