/**
 * A clean benchmark database and the built app in front of it, for benchmarks that go
 * through the HTTP API: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/lykta_bench,
 * created if missing) or, with `embedded`, PGlite in memory. Empties the database, makes one
 * district (a 4 km × 3 km box in Södermalm) and an admin with incident access and an API
 * token, and serves build/handler.js (`npx vite build` first) on a free port.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

/**
 * The benchmark database, emptied and seeded (one district, an admin with incident access and
 * an API token), with this process's connection to it; no server. benchServer serves the app
 * in this process on top of it; the mixed load starts `node build` against it instead.
 */
export async function prepareBenchDatabase(options: { embedded?: boolean; env?: Record<string, string> } = {}) {
	if (options.embedded) {
		delete process.env.DATABASE_URL;
		process.env.LYKTA_DATA_DIR = 'memory://';
	} else {
		process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/lykta_bench';
		const url = new URL(process.env.DATABASE_URL);
		const name = url.pathname.slice(1);
		const admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() });
		await admin.connect();
		const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
		if (!exists.rowCount) await admin.query(`CREATE DATABASE "${name}"`);
		await admin.end();
		const target = new pg.Client({ connectionString: process.env.DATABASE_URL });
		await target.connect();
		await target.query('CREATE EXTENSION IF NOT EXISTS postgis');
		await target.end();
	}
	process.env.LYKTA_DEMO = 'off';
	Object.assign(process.env, options.env);

	const { sql } = await import('kysely');
	const { database, closeDatabase } = await import('../../src/lib/server/db');
	const { migrateToLatest } = await import('../../src/lib/server/db/migrate');
	const { ensureTenant, upsertAccount } = await import('../../src/lib/server/demo/load');
	const { createApiToken } = await import('../../src/lib/server/auth/actors.server');
	const { config } = await import('../../src/lib/server/config');

	const { db, mode } = database();
	const tenant = config.LYKTA_TENANT;
	console.log(`database: ${mode}${mode === 'postgres' ? ` (${process.env.DATABASE_URL})` : ' (PGlite, in memory)'}`);

	await migrateToLatest(db);
	const { rows: tables } = await sql<{ tablename: string }>`
		SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('spatial_ref_sys', 'lykta_migrations', 'lykta_migrations_lock')`.execute(db);
	await sql.raw(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`).execute(db);
	await ensureTenant(db, tenant, 'Benchmark');
	// Södermalm-sized: 4 km × 3 km around 59.314 N, 18.06 E.
	const { rows: areaRows } = await sql<{ id: string }>`
		INSERT INTO areas (tenant_id, slug, name, kind, geom)
		VALUES (${tenant}, 'bench', 'Bench district', 'district',
			ST_Multi(ST_Transform(ST_MakeEnvelope(672500, 6576000, 676500, 6579000, 3006), 4326)))
		RETURNING id`.execute(db);
	const area = areaRows[0]!.id;
	const userId = await upsertAccount(db, tenant, { email: 'bench@lykta.example', password: 'bench-password-1', displayName: 'Bench', role: 'admin', areaId: null, incidents: true });
	const token = (await createApiToken(db, tenant, userId, 'bench')).token;

	return { db, mode, sql, tenant, area, userId, token, closeDatabase };
}

export async function benchServer(options: { embedded?: boolean; env?: Record<string, string> } = {}) {
	const handlerPath = resolve('build/handler.js');
	if (!existsSync(handlerPath)) throw new Error('No build: run `npx vite build` first.');
	const { db, mode, sql, tenant, area, userId, token, closeDatabase } = await prepareBenchDatabase(options);

	const port = await freePort();
	process.env.ORIGIN = `http://127.0.0.1:${port}`;
	const { handler } = (await import(pathToFileURL(handlerPath).href)) as { handler: Parameters<typeof createServer>[1] };
	const server = createServer(handler);
	await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
	const origin = `http://127.0.0.1:${port}`;

	return {
		db,
		mode,
		sql,
		tenant,
		area,
		userId,
		origin,
		headers: { authorization: `Bearer ${token}`, origin },
		async close() {
			server.close();
			await closeDatabase();
		}
	};
}

/** A TCP port free on the loopback interface just now. */
export async function freePort(): Promise<number> {
	const probe = createServer();
	await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
	const port = (probe.address() as AddressInfo).port;
	await new Promise((done) => probe.close(done));
	return port;
}

/** Median, p95, min and max of a list of timings. */
export function stats(xs: readonly number[]) {
	const s = [...xs].sort((a, b) => a - b);
	const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
	return { median: q(0.5), p95: q(0.95), min: s[0]!, max: s.at(-1)! };
}
