/**
 * Write throughput of `POST /api/findings` (issue 11, "Fast writes"): walkers on phones
 * pinning findings with an Idempotency-Key, through the built server on a real database.
 *
 *   npx vite build && DATABASE_URL=postgres://postgres@127.0.0.1:5432/lykta_bench npm run bench -- writes
 *   options: --seconds N (per phase, default 10), --embedded (PGlite in memory), --token (the
 *   admin's bearer token instead of walkers' session cookies)
 *
 * The world: the bench district (4 km × 3 km) with a park inside it and two partners that
 * the findings are routed to (one in the park for lighting, one in the district for hiding
 * places), and eight walkers with a role in the district, each logged in (a session cookie),
 * one per client. Every request is a new submission (a fresh key) of a point somewhere in the
 * district, a third of them with audit scores. The figures, each phase run for --seconds
 * after a warm-up:
 *   - POST /api/findings at 2 and 8 concurrent clients: requests/s, p50, p99, and the CPU
 *     each request cost this process (server and client) and the app's PostgreSQL backends
 *     (read from /proc when the database runs on this machine);
 *   - the ceiling: a no-op GET (an unknown API path: the hooks and the router, no database)
 *     and GET /api/health (one trivial query) through the same server with the same client;
 *   - PostgreSQL alone doing the same insert + audit-log row as one statement from a pool of
 *     the same size (no HTTP, no checks), at 2 and 8 concurrent connections.
 * The client runs in a worker thread (scripts/bench/load-client.mjs): one keep-alive
 * connection per client, a closed loop (each client sends its next request when the answer
 * to the last one is in).
 */
import { Worker } from 'node:worker_threads';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { benchServer } from './server';
import { rng } from './random';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SECONDS = option('seconds', 10);
const useToken = args.includes('--token');

const server = await benchServer({ embedded: args.includes('--embedded') });
const { db, sql, tenant, area, origin } = server;
const { upsertAccount } = await import('../../src/lib/server/demo/load');
const { createSession } = await import('../../src/lib/server/auth/actors.server');
const { SESSION_COOKIE } = await import('../../src/lib/server/auth/cookie');

// A park of 600 m × 400 m inside the district, and the partners routing picks from.
const { rows: parkRows } = await sql<{ id: string }>`
	INSERT INTO areas (tenant_id, slug, name, kind, parent_id, geom)
	VALUES (${tenant}, 'bench-park', 'Bench park', 'place', ${area},
		ST_Multi(ST_Transform(ST_MakeEnvelope(673800, 6577200, 674400, 6577600, 3006), 4326)))
	RETURNING id`.execute(db);
const park = parkRows[0]!.id;
async function partner(slug: string, name: string, kind: string, areaId: string, categories: string[]) {
	const { rows } = await sql<{ id: string }>`
		INSERT INTO partners (tenant_id, slug, name, kind) VALUES (${tenant}, ${slug}, ${name}, ${kind}) RETURNING id`.execute(db);
	const id = rows[0]!.id;
	await sql`INSERT INTO partner_areas (tenant_id, partner_id, area_id) VALUES (${tenant}, ${id}, ${areaId})`.execute(db);
	for (const category of categories)
		await sql`INSERT INTO partner_responsibilities (tenant_id, partner_id, category) VALUES (${tenant}, ${id}, ${category})`.execute(db);
	return id;
}
await partner('bench-lighting', 'Trafikkontoret', 'municipal', park, ['lighting', 'traffic']);
await partner('bench-police', 'Polisen', 'police', area, ['lighting', 'hiding_place']);

const CLIENTS = [2, 8];
const maxClients = Math.max(...CLIENTS);
const identities: Record<string, string>[] = [];
if (useToken) identities.push({ authorization: server.headers.authorization });
else
	for (let i = 0; i < maxClients; i++) {
		const userId = await upsertAccount(db, tenant, { email: `walker${i}@bench.example`, password: 'bench-password-1', displayName: `Walker ${i}`, role: 'walker', areaId: area, incidents: false });
		const { token } = await createSession(db, tenant, userId, 'bench');
		identities.push({ cookie: `${SESSION_COOKIE}=${token}` });
	}
await sql`ANALYZE`.execute(db);

// Points in SWEREF 99 TM, half of them in the park, turned into WGS 84 by PostGIS once.
const random = rng(20260501);
const spots = Array.from({ length: 400 }, (_, i) =>
	i % 2 ? [673800 + random() * 600, 6577200 + random() * 400] : [672600 + random() * 3800, 6576100 + random() * 2800]
);
const { rows: points } = await sql<{ lon: number; lat: number }>`
	SELECT ST_X(p) AS lon, ST_Y(p) AS lat
	FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(x, y), 3006), 4326) AS p
		FROM unnest(${spots.map((s) => s[0])}::float8[], ${spots.map((s) => s[1])}::float8[]) AS t(x, y)) s`.execute(db);
const categories = ['lighting', 'hiding_place', 'litter', 'sightlines'];
const findings = points.map((p, i) => ({
	type: 'Feature',
	geometry: { type: 'Point', coordinates: [Number(p.lon.toFixed(7)), Number(p.lat.toFixed(7))] },
	properties: {
		category: categories[i % categories.length],
		severity: (i % 3) + 1,
		timesOfDay: i % 2 ? ['evening', 'night'] : ['evening'],
		description: `Mätpunkt ${i}: trasig belysning vid gångvägen`,
		...(i % 3 === 0 && { audit: { lighting: 2, openness: 3, feeling: 2 } })
	}
}));

interface LoadResult {
	latencies: number[];
	statuses: Record<string, number>;
	elapsed: number;
	sample: string | null;
}
interface RequestSpec {
	method: string;
	path: string;
	headers: Record<string, string>;
	body?: string;
	uniqueKey?: boolean;
}

function load(clients: number, seconds: number, requests: RequestSpec[]): Promise<LoadResult> {
	const worker = new Worker(fileURLToPath(new URL('./load-client.mjs', import.meta.url)), { workerData: { origin, clients, seconds, requests } });
	return new Promise((done, fail) => {
		worker.once('message', done);
		worker.once('error', fail);
	});
}

function posts(clients: number): RequestSpec[] {
	// Client i sends as walker i: the requests are dealt round-robin, one per client in turn.
	return findings.map((finding, i) => ({
		method: 'POST',
		path: '/api/findings',
		headers: { origin, 'content-type': 'application/json', ...identities[i % Math.min(clients, identities.length)] },
		body: JSON.stringify(finding),
		uniqueKey: true
	}));
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
interface Figure {
	perSecond: number;
	p50: number;
	p99: number;
	count: number;
	statuses: Record<string, number>;
	sample: string | null;
}
function figure(r: LoadResult): Figure {
	const sorted = [...r.latencies].sort((a, b) => a - b);
	return { perSecond: r.latencies.length / r.elapsed, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), count: r.latencies.length, statuses: r.statuses, sample: r.sample };
}
const line = (label: string, f: Figure) =>
	`  ${label.padEnd(44)} ${f.perSecond.toFixed(0).padStart(6)}/s   p50 ${f.p50.toFixed(1).padStart(6)} ms   p99 ${f.p99.toFixed(1).padStart(6)} ms   (${f.count} requests${Object.keys(f.statuses).some((s) => s !== '200' && s !== '201' && s !== '404') ? `, answers ${JSON.stringify(f.statuses)}` : ''})`;

console.log(`\nphases of ${SECONDS} s after a warm-up; ${useToken ? 'one admin API token' : `${identities.length} walkers with session cookies`}; ${findings.length} distinct findings sent round-robin\n`);
const warmUp = figure(await load(maxClients, Math.min(3, SECONDS), posts(maxClients))); // JIT, plans, pool

/**
 * CPU spent so far, in ms: this process (the server and the client thread) and, when the
 * database runs on this machine and /proc can be read, the app's PostgreSQL backends.
 */
async function cpuSpent(): Promise<{ node: number; postgres: number | null }> {
	const node = process.cpuUsage();
	let postgres: number | null = null;
	if (server.mode === 'postgres') {
		try {
			const { rows } = await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`.execute(db);
			const ticks = rows.map((r) => readFileSync(`/proc/${r.pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')).reduce((n, f) => n + Number(f[11]) + Number(f[12]), 0);
			postgres = (ticks * 1000) / 100; // USER_HZ
		} catch {
			postgres = null; // another machine, or no /proc
		}
	}
	return { node: (node.user + node.system) / 1000, postgres };
}

const results: Record<string, Figure> = {};
for (const clients of CLIENTS) {
	const before = await cpuSpent();
	results[`post${clients}`] = figure(await load(clients, SECONDS, posts(clients)));
	const after = await cpuSpent();
	const f = results[`post${clients}`]!;
	console.log(line(`POST /api/findings, ${clients} clients`, f));
	if (f.sample) console.log(`    e.g. ${f.sample}`);
	const perRequest = (a: number, b: number) => ((b - a) / f.count).toFixed(2);
	console.log(`    CPU per request: Node (server and client) ${perRequest(before.node, after.node)} ms${before.postgres !== null && after.postgres !== null ? `, PostgreSQL backends ${perRequest(before.postgres, after.postgres)} ms` : ''}`);
}
// Every 201 is one stored finding, and nothing else was stored.
const acknowledged = [warmUp, ...CLIENTS.map((c) => results[`post${c}`]!)].reduce((n, f) => n + (f.statuses['201'] ?? 0), 0);
const { rows: storedRows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM findings`.execute(db);
for (const clients of CLIENTS) {
	results[`noop${clients}`] = figure(await load(clients, SECONDS, [{ method: 'GET', path: '/api/bench-no-op', headers: { origin } }]));
	console.log(line(`no-op GET (no database), ${clients} clients`, results[`noop${clients}`]!));
}
for (const clients of CLIENTS) {
	results[`health${clients}`] = figure(await load(clients, SECONDS, [{ method: 'GET', path: '/api/health', headers: { origin } }]));
	console.log(line(`GET /api/health (one query), ${clients} clients`, results[`health${clients}`]!));
}

// The same rows written by PostgreSQL alone: the finding and its audit-log row in one statement.
const bare = server.mode === 'postgres' ? new pg.Pool({ connectionString: process.env.DATABASE_URL, max: maxClients }) : null;
if (bare) {
	const { rows: walkerRows } = await bare.query<{ id: string }>(`SELECT id FROM users WHERE tenant_id = $1 ORDER BY email LIMIT 1`, [tenant]);
	const reporter = walkerRows[0]!.id;
	const insert = `
		WITH f AS (
			INSERT INTO findings (tenant_id, area_id, category, severity, times_of_day, description, reported_by, idempotency_key, geom, created_by, updated_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, ST_SetSRID(ST_GeomFromGeoJSON($9), 4326), $7, $7)
			RETURNING id, area_id, category, severity, description)
		INSERT INTO audit_log (tenant_id, actor_id, actor_label, action, entity, entity_id, after, request_id)
		SELECT $1, $7, 'bench', 'create', 'finding', f.id, row_to_json(f)::jsonb, $10 FROM f`;
	for (const clients of CLIENTS) {
		let n = 0;
		const latencies: number[] = [];
		const until = performance.now() + SECONDS * 1000;
		const started = performance.now();
		await Promise.all(
			Array.from({ length: clients }, async () => {
				while (performance.now() < until) {
					const f = findings[n++ % findings.length]!;
					const t = performance.now();
					await bare.query(insert, [tenant, area, f.properties.category, f.properties.severity, f.properties.timesOfDay, f.properties.description, reporter, randomUUID(), JSON.stringify(f.geometry), randomUUID()]);
					latencies.push(performance.now() - t);
				}
			})
		);
		results[`bare${clients}`] = figure({ latencies, statuses: {}, elapsed: (performance.now() - started) / 1000, sample: null });
		console.log(line(`PostgreSQL alone, insert + audit row, ${clients} conn.`, results[`bare${clients}`]!));
	}
	await bare.end();
}

const p8 = results.post8!;
console.log(`\n  POST at 8 clients is ${((100 * p8.perSecond) / results.noop8!.perSecond).toFixed(0)} % of the no-op ceiling, ${((100 * p8.perSecond) / results.health8!.perSecond).toFixed(0)} % of GET /api/health${results.bare8 ? `, ${((100 * p8.perSecond) / results.bare8.perSecond).toFixed(0)} % of PostgreSQL alone` : ''}`);
if (server.mode === 'postgres')
	console.log(`  target on PostgreSQL (issue 11): ≥ 300/s at 8 clients with p99 ≤ 100 ms → ${p8.perSecond >= 300 && p8.p99 <= 100 ? 'met' : 'NOT met'}`);
console.log(`  acknowledged (201) ${acknowledged}, stored ${storedRows[0]!.n}${acknowledged === storedRows[0]!.n ? '' : ' — MISMATCH'}`);
await server.close();
