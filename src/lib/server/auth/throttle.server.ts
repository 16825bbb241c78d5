/**
 * Counting failed logins and join attempts in the database (see ./throttle for the rules),
 * so every app process behind a load balancer sees the same counts. A refused attempt
 * answers 429 with `Retry-After` before the password or code is even looked at.
 */
import { sql } from 'kysely';
import type { Database } from '../db';
import { ApiError } from '../api/errors';
import { hashSecret } from './tokens';
import { addressKey, delayAfter, THROTTLE_POLICIES, type ThrottleScope } from './throttle';

export interface ThrottleKey {
	scope: ThrottleScope;
	/** The account's e-mail address, the join code or the client address, as given. */
	key: string;
}

/** The counters one attempt is subject to: the account (or code) and the client address. */
export function loginKeys(email: string, clientAddress: string): ThrottleKey[] {
	return [
		{ scope: 'login_account', key: email.trim().toLowerCase() },
		{ scope: 'login_address', key: addressKey(clientAddress) }
	];
}

export function joinKeys(code: string, clientAddress: string): ThrottleKey[] {
	return [
		{ scope: 'join_code', key: code },
		{ scope: 'join_address', key: addressKey(clientAddress) }
	];
}

const hashed = (k: ThrottleKey) => hashSecret(`${k.scope}:${k.key}`);

/** Seconds until an attempt is allowed again under any of `keys`; 0 when it is allowed now. */
export async function throttledFor(db: Database, tenant: string, keys: ThrottleKey[]): Promise<number> {
	const row = await db
		.selectFrom('auth_throttles')
		.select(sql<number | null>`ceil(max(extract(epoch FROM blocked_until - now())))::int`.as('wait'))
		.where('tenant_id', '=', tenant)
		.where('scope', 'in', keys.map((k) => k.scope))
		.where('key_hash', 'in', keys.map(hashed))
		.where('blocked_until', '>', sql<Date>`now()`)
		.executeTakeFirst();
	return Math.max(0, row?.wait ?? 0);
}

/**
 * Counts a failure under each key and, past the free ones, blocks the next attempt for the
 * rule's delay. The count goes up in one statement, so concurrent failures (several app
 * processes) all count.
 */
export async function recordFailure(db: Database, tenant: string, keys: ThrottleKey[]): Promise<void> {
	for (const k of keys) {
		const policy = THROTTLE_POLICIES[k.scope];
		const { rows } = await sql<{ failures: number }>`
			INSERT INTO auth_throttles AS t (tenant_id, scope, key_hash, failures, last_failure_at)
			VALUES (${tenant}, ${k.scope}, ${hashed(k)}, 1, now())
			ON CONFLICT (tenant_id, scope, key_hash) DO UPDATE SET
				failures = CASE WHEN t.last_failure_at < now() - make_interval(secs => ${policy.forgetAfter}) THEN 1 ELSE t.failures + 1 END,
				last_failure_at = now()
			RETURNING failures`.execute(db);
		const delay = delayAfter(policy, rows[0]!.failures);
		if (delay > 0)
			await db
				.updateTable('auth_throttles')
				.set({ blocked_until: sql<Date>`now() + make_interval(secs => ${delay})` })
				.where('tenant_id', '=', tenant)
				.where('scope', '=', k.scope)
				.where('key_hash', '=', hashed(k))
				.execute();
	}
	// Counters of people who gave up long ago (or of a guesser's one-off keys) are pruned here.
	const oldest = Math.max(...Object.values(THROTTLE_POLICIES).map((p) => p.forgetAfter + p.maxDelay));
	await sql`DELETE FROM auth_throttles WHERE last_failure_at < now() - make_interval(secs => ${oldest})`.execute(db);
}

/** A success: the counts under `keys` start over. */
export async function clearThrottle(db: Database, tenant: string, keys: ThrottleKey[]): Promise<void> {
	await db
		.deleteFrom('auth_throttles')
		.where('tenant_id', '=', tenant)
		.where('scope', 'in', keys.map((k) => k.scope))
		.where('key_hash', 'in', keys.map(hashed))
		.execute();
}

/**
 * Runs `attempt` under the throttle. While any key is blocked it does not run at all and
 * the seconds to wait come back. Otherwise `wrongGuess` judges the outcome — a value or a
 * thrown error — and a wrong guess is counted (the error still thrown), a success clears
 * the counts; another error (the database, say) leaves them as they are.
 */
export async function underThrottle<T>(
	db: Database,
	tenant: string,
	keys: ThrottleKey[],
	attempt: () => Promise<T>,
	wrongGuess: (outcome: { value: T } | { error: unknown }) => boolean
): Promise<{ value: T } | { retryAfter: number }> {
	const wait = await throttledFor(db, tenant, keys);
	if (wait > 0) return { retryAfter: wait };
	let value: T;
	try {
		value = await attempt();
	} catch (error) {
		if (wrongGuess({ error })) await recordFailure(db, tenant, keys);
		throw error;
	}
	if (wrongGuess({ value })) await recordFailure(db, tenant, keys);
	else await clearThrottle(db, tenant, keys);
	return { value };
}

/** 429 in the API's error shape, with `Retry-After` in seconds (also in `details`, for the UI). */
export function tooManyAttempts(retryAfter: number): ApiError {
	return new ApiError(429, 'too_many_attempts', `Too many failed attempts; try again in ${retryAfter} seconds.`, { retryAfter }, { 'retry-after': String(retryAfter) });
}
