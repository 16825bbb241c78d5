/**
 * Counters for throttling guesses at passwords and join codes: failed attempts per account,
 * per join code and per client address, and until when further attempts are refused. In
 * the database, not in process memory, because several app processes may serve one city
 * behind a load balancer and a guesser must not get a fresh allowance from each.
 *
 * Keys are SHA-256 hashes: what someone typed into the e-mail field (sometimes a password)
 * and client addresses are not kept in the clear.
 *
 * Frozen in time: no imports from the app.
 */
import type { Kysely } from 'kysely';
import { runScript } from './sql-script';

export async function up(db: Kysely<any>): Promise<void> {
	await runScript(db, `
		CREATE TABLE auth_throttles (
			tenant_id text NOT NULL REFERENCES tenants (id),
			scope text NOT NULL CHECK (scope IN ('login_account', 'login_address', 'join_code', 'join_address')),
			key_hash text NOT NULL,
			failures integer NOT NULL CHECK (failures > 0),
			last_failure_at timestamptz NOT NULL DEFAULT now(),
			blocked_until timestamptz,
			PRIMARY KEY (tenant_id, scope, key_hash)
		);
		-- Old counters are pruned by age.
		CREATE INDEX auth_throttles_last_failure_idx ON auth_throttles (last_failure_at);
	`);
}

export async function down(db: Kysely<any>): Promise<void> {
	await runScript(db, `DROP TABLE auth_throttles;`);
}
