/**
 * The one Kysely instance of this process, chosen by configuration: a `pg` pool when
 * DATABASE_URL is set, the embedded PGlite + PostGIS otherwise. Same schema, same queries.
 *
 * The instance lives on globalThis so that every copy of this module in the process
 * (the built server and the test runner's own import) shares one database: an embedded
 * database costs ~1 GB and a pool its connections.
 */
import { Kysely, PostgresDialect, type Dialect, type Transaction } from 'kysely';
import pg from 'pg';
import { config, databaseMode } from '../config';
import { embeddedDatabase } from './embedded';
import type { DB } from './schema';
import { typeParsers } from './types';
import { nameMarkedStatements } from './prepared';
import { setPoolSaturation } from '../api/errors';

export type { DB } from './schema';
export type Database = Kysely<DB>;
/** What a query function takes: the database, or the transaction its caller opened. */
export type Db = Database | Transaction<DB>;

export interface DatabaseHandle {
	db: Database;
	mode: 'embedded' | 'postgres';
	/** True on the first start of a new embedded database. */
	isNew: () => boolean;
	close: () => Promise<void>;
}

const KEY = Symbol.for('lykta.database');
type Registry = { [KEY]?: DatabaseHandle };

function pgDialect(url: string): Dialect {
	const pool = new pg.Pool({
		connectionString: url,
		max: config.LYKTA_DB_POOL,
		// A request must not wait long for a server that is down: fail fast, answer 503.
		connectionTimeoutMillis: 3_000,
		// One statement may not hold a connection (and the request) for long; imports and
		// analyses work in statements far below this (see the benchmarks).
		statement_timeout: config.LYKTA_STATEMENT_TIMEOUT_MS,
		// A transaction left open by a crashed request must not hold locks.
		idle_in_transaction_session_timeout: 60_000,
		types: {
			getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
				typeParsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser
		}
	});
	// An idle client whose server went away (restart: 57P01, network loss) is reported
	// here; without a listener Node would end the process. The pool drops that client and
	// connects anew on the next query, which is how the app recovers by itself.
	setPoolSaturation(() => pool.totalCount >= config.LYKTA_DB_POOL && pool.idleCount === 0);
	pool.on('error', (error) => {
		console.warn(`database: idle connection lost (${(error as { code?: string }).code ?? error.message})`);
	});
	// The same for a client in use (checked out between two queries of a transaction): its
	// request fails with a 503 through the next query, and the pool drops it on release.
	pool.on('connect', (client) => {
		client.on('error', (error) => {
			console.warn(`database: connection in use lost (${(error as { code?: string }).code ?? error.message})`);
		});
	});
	pool.on('connect', nameMarkedStatements);
	return new PostgresDialect({ pool });
}

function open(): DatabaseHandle {
	const log = config.LYKTA_LOG_QUERIES === '1' ? (['query', 'error'] as const) : undefined;
	if (config.DATABASE_URL) {
		const db = new Kysely<DB>({ dialect: pgDialect(config.DATABASE_URL), log: log ? [...log] : undefined });
		return { db, mode: 'postgres', isNew: () => false, close: () => db.destroy() };
	}
	const embedded = embeddedDatabase(config.LYKTA_DATA_DIR);
	const db = new Kysely<DB>({ dialect: embedded.dialect, log: log ? [...log] : undefined });
	return { db, mode: 'embedded', isNew: embedded.isNew, close: () => db.destroy() };
}

export function database(): DatabaseHandle {
	const registry = globalThis as Registry;
	registry[KEY] ??= open();
	return registry[KEY];
}

/** Closes and forgets the process's database (shutdown, end of a test run). */
export async function closeDatabase(): Promise<void> {
	const registry = globalThis as Registry;
	const handle = registry[KEY];
	delete registry[KEY];
	await handle?.close();
}

export { databaseMode };
