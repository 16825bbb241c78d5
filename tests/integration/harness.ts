/**
 * Test harness: the shared database, a reset between tests, a small hand-made world
 * (areas, users per role, tokens) and the real built server on a local port, driven
 * over HTTP exactly as a client would.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { database } from '../../src/lib/server/db';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { ensureTenant, upsertAccount } from '../../src/lib/server/demo/load';
import { createApiToken } from '../../src/lib/server/auth/actors.server';
import { config } from '../../src/lib/server/config';
import type { Role } from '../../src/lib/users/user';

export const tenant = config.LYKTA_TENANT;

export function db() {
	return database().db;
}

let migrated: Promise<unknown> | null = null;
export function migrate() {
	migrated ??= migrateToLatest(db());
	return migrated;
}

/** Empties every table of ours (not PostGIS's spatial_ref_sys, not the migration log). */
export async function resetDatabase() {
	await migrate();
	const { rows } = await sql<{ tablename: string }>`
		SELECT tablename FROM pg_tables
		WHERE schemaname = 'public' AND tablename NOT IN ('spatial_ref_sys', 'lykta_migrations', 'lykta_migrations_lock')`.execute(db());
	await sql.raw(`TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`).execute(db());
	await ensureTenant(db(), tenant, 'Test');
}

/** A square of `sizeM` metres centred on a WGS 84 point (SWEREF 99 TM square, reprojected by PostGIS). */
export async function squareAround(lon: number, lat: number, sizeM: number) {
	const h = sizeM / 2;
	const { rows } = await sql<{ g: { type: 'Polygon'; coordinates: [number, number][][] } }>`
		SELECT ST_AsGeoJSON(ST_Transform(ST_MakeEnvelope(x - ${h}, y - ${h}, x + ${h}, y + ${h}, 3006), 4326), 9)::json AS g
		FROM (SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326), 3006) AS p) s) c`.execute(db());
	return rows[0].g;
}

export interface World {
	district: string;
	place: string;
	otherDistrict: string;
	otherPlace: string;
	tokens: Record<Role | 'outsider', string>;
	users: Record<Role | 'outsider', string>;
}

export const PASSWORD = 'correct horse battery';

/**
 * Södermalm (district) with Tantolunden inside it, and Norrmalm with Sergels torg;
 * one user per role scoped to Södermalm (admin: everywhere), plus a coordinator of
 * Norrmalm ("outsider"), each with an API token.
 */
export async function seedWorld(): Promise<World> {
	const insertArea = async (slug: string, name: string, kind: 'district' | 'place', parent: string | null, lon: number, lat: number, size: number) => {
		const square = await squareAround(lon, lat, size);
		const { rows } = await sql<{ id: string }>`
			INSERT INTO areas (tenant_id, slug, name, kind, parent_id, geom)
			VALUES (${tenant}, ${slug}, ${name}, ${kind}, ${parent}, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(square)}), 4326)))
			RETURNING id`.execute(db());
		return rows[0].id;
	};
	const district = await insertArea('sodermalm', 'Södermalm', 'district', null, 18.06, 59.314, 3000);
	const place = await insertArea('tantolunden', 'Tantolunden', 'place', district, 18.0455, 59.3125, 500);
	const otherDistrict = await insertArea('norrmalm', 'Norrmalm', 'district', null, 18.06, 59.335, 2000);
	const otherPlace = await insertArea('sergels-torg', 'Sergels torg', 'place', otherDistrict, 18.0649, 59.3326, 200);

	const roles: { key: Role | 'outsider'; role: Role; area: string | null }[] = [
		{ key: 'admin', role: 'admin', area: null },
		{ key: 'coordinator', role: 'coordinator', area: district },
		{ key: 'walker', role: 'walker', area: district },
		{ key: 'partner', role: 'partner', area: district },
		{ key: 'viewer', role: 'viewer', area: district },
		{ key: 'outsider', role: 'coordinator', area: otherDistrict }
	];
	const tokens = {} as World['tokens'];
	const users = {} as World['users'];
	for (const r of roles) {
		const id = await upsertAccount(db(), tenant, {
			email: `${r.key}@test.example`,
			password: PASSWORD,
			displayName: r.key,
			role: r.role,
			areaId: r.area,
			incidents: r.role === 'admin'
		});
		users[r.key] = id;
		tokens[r.key] = (await createApiToken(db(), tenant, id, 'test')).token;
	}
	return { district, place, otherDistrict, otherPlace, tokens, users };
}

// ---------------------------------------------------------------- the app over HTTP

interface RunningApp {
	server: Server;
	origin: string;
}
const APP = Symbol.for('lykta.test.app');
type Registry = { [APP]?: Promise<RunningApp> };

/** The built server (adapter-node's handler) on a random local port, once per worker. */
export function app(): Promise<RunningApp> {
	const registry = globalThis as Registry;
	registry[APP] ??= (async () => {
		const handlerPath = resolve('build/handler.js');
		if (!existsSync(handlerPath)) throw new Error('No build found: run `npm run build` (npm test does it for you).');
		await migrate();
		// adapter-node takes the site's origin from ORIGIN (read when the handler is imported);
		// without it, it assumes https and refuses same-site form posts over plain http.
		const port = await freePort();
		process.env.ORIGIN = `http://127.0.0.1:${port}`;
		// A small import limit, so the 413 path is tested without a 60 MB upload.
		process.env.LYKTA_IMPORT_LIMIT ??= '2000000';
		const { applyServerDefaults } = await import(pathToFileURL(resolve('build/lykta-env.js')).href);
		applyServerDefaults();
		// The same request listener as `node build`: security headers, the outer body limit.
		const { lyktaListener } = await import(pathToFileURL(resolve('build/lykta-listener.js')).href);
		const { handler } = (await import(pathToFileURL(handlerPath).href)) as { handler: unknown };
		const server = createServer(lyktaListener(handler));
		// Longer than the client's own keep-alive (undici: 4 s), so the server never closes a socket
		// the test's fetch is about to reuse (an ECONNRESET under load, not an app fault).
		server.keepAliveTimeout = 65_000;
		await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
		return { server, origin: `http://127.0.0.1:${port}` };
	})();
	return registry[APP];
}

/** A port nothing listens on now (the OS picks it). */
export async function freePort(): Promise<number> {
	const probe = createServer();
	await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
	const { port } = probe.address() as AddressInfo;
	await new Promise((done) => probe.close(done));
	return port;
}

export interface ApiResponse<T = any> {
	status: number;
	body: T;
	headers: Headers;
}

/** One request to the running app; `as` is a token, `cookie` a raw Cookie header. */
export async function api<T = any>(
	method: string,
	path: string,
	options: { as?: string; cookie?: string; json?: unknown; body?: BodyInit; headers?: Record<string, string> } = {}
): Promise<ApiResponse<T>> {
	const { origin } = await app();
	// Every request carries the app's origin, as a browser's would; `origin: ''` leaves it out.
	const headers: Record<string, string> = { origin, ...options.headers };
	if (headers.origin === '') delete headers.origin;
	if (options.as) headers.authorization = `Bearer ${options.as}`;
	if (options.cookie) headers.cookie = options.cookie;
	let body = options.body;
	if (options.json !== undefined) {
		body = JSON.stringify(options.json);
		headers['content-type'] ??= 'application/json';
	}
	const response = await fetch(origin + path, { method, headers, body, redirect: 'manual' });
	const text = await response.text();
	let parsed: unknown = text;
	try {
		parsed = text ? JSON.parse(text) : null;
	} catch {
		/* not JSON: keep the text */
	}
	return { status: response.status, body: parsed as T, headers: response.headers };
}

/** Row counts of the tables a failed request must not have touched. */
export async function snapshotCounts(tables: string[] = ['areas', 'partners', 'partner_areas', 'partner_service_locations', 'partner_responsibilities', 'audit_log']) {
	const counts: Record<string, number> = {};
	for (const table of tables) {
		const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db());
		counts[table] = rows[0].n;
	}
	return counts;
}
