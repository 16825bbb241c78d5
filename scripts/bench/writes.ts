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
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { benchServer } from './server';
import { load as loadIn, type LoadResult } from './load';
import { bareWrites, writesWorld } from './writes-world';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SECONDS = option('seconds', 10);
const useToken = args.includes('--token');

const server = await benchServer({ embedded: args.includes('--embedded') });
const { db, sql, tenant, area, origin } = server;
const load = (clients: number, seconds: number, requests: Parameters<typeof loadIn>[3]) => loadIn(origin, clients, seconds, requests);

const CLIENTS = [2, 8];
const maxClients = Math.max(...CLIENTS);
const { findings, identities, posts } = await writesWorld(server, maxClients, useToken);

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
	for (const clients of CLIENTS) {
		const { latencies, elapsed } = await bareWrites(bare, tenant, area, findings, clients, SECONDS);
		results[`bare${clients}`] = figure({ latencies, statuses: {}, elapsed, sample: null });
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
