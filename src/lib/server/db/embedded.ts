/**
 * The embedded database: PostgreSQL 18 + PostGIS compiled to WASM (PGlite), data in a
 * directory on disk. One instance per process; it has a single connection, so queries
 * and transactions are serialised here (Kysely's PGlite driver does not queue them, and
 * a query issued while another request holds a transaction would otherwise run inside it).
 */
import { PGliteDialect, PGliteDriver, type DatabaseConnection, type Driver } from 'kysely';
import { mkdirSync } from 'node:fs';
import { typeParsers } from './types';

class Mutex {
	#tail: Promise<void> = Promise.resolve();

	lock(): Promise<() => void> {
		let release!: () => void;
		const next = new Promise<void>((resolve) => (release = resolve));
		const acquired = this.#tail.then(() => release);
		this.#tail = this.#tail.then(() => next);
		return acquired;
	}
}

class SerialisedDriver extends PGliteDriver {
	#mutex = new Mutex();
	#release: (() => void) | null = null;

	override async acquireConnection(): Promise<DatabaseConnection> {
		this.#release = await this.#mutex.lock();
		return super.acquireConnection();
	}

	override async releaseConnection(): Promise<void> {
		const release = this.#release;
		this.#release = null;
		release?.();
	}
}

class SerialisedPGliteDialect extends PGliteDialect {
	readonly #pglite: () => Promise<import('@electric-sql/pglite').PGlite>;
	constructor(pglite: () => Promise<import('@electric-sql/pglite').PGlite>) {
		super({ pglite });
		this.#pglite = pglite;
	}
	override createDriver(): Driver {
		return new SerialisedDriver({ pglite: this.#pglite });
	}
}

export interface EmbeddedDatabase {
	dialect: PGliteDialect;
	/** True when this start created the data directory (first start: load the demo). */
	isNew: () => boolean;
	close: () => Promise<void>;
}

export function embeddedDatabase(dataDir: string): EmbeddedDatabase {
	let instance: import('@electric-sql/pglite').PGlite | null = null;
	let created = false;
	const open = async () => {
		if (instance) return instance;
		const { PGlite } = await import('@electric-sql/pglite');
		const { postgis } = await import('@electric-sql/pglite-postgis');
		// Trigram matching for the directory's search (misspellings); PostgreSQL ships it in contrib.
		const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
		if (dataDir !== 'memory://') {
			const { existsSync } = await import('node:fs');
			created = !existsSync(`${dataDir}/PG_VERSION`);
			mkdirSync(dataDir, { recursive: true });
		} else {
			created = true;
		}
		instance = await PGlite.create(dataDir, { extensions: { postgis, pg_trgm }, parsers: typeParsers });
		return instance;
	};
	return {
		dialect: new SerialisedPGliteDialect(open),
		isNew: () => created,
		close: async () => {
			if (instance && !instance.closed) await instance.close();
		}
	};
}
