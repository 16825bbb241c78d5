/**
 * Isolation of heavy analysis: while one user runs the heaviest analysis the limits allow,
 * again and again, do other users' requests keep answering? Measures, in one run on the
 * same server and data, for a fixed time each:
 *   1. without load: GET /api/health, POST /api/findings and GET /findings (a page, with a
 *      session cookie) from a few concurrent clients;
 *   2. the same while a heavy user repeats GET /api/analysis/coverage over a whole year with
 *      the largest area the limits allow (1,000 zones, 5,000 activities);
 * and prints p50 / p99 / count per request kind in both phases, and the heavy analysis's
 * own durations. Target: p99 under 300 ms under load.
 *
 *   npm run bench -- isolation [--seconds 20] [--clients 3] [--embedded]
 *
 * Runs against DATABASE_URL (default postgres://postgres@127.0.0.1:5432/lykta_bench,
 * emptied first) or the embedded database with --embedded; needs a build (npx vite build).
 */
import { performance } from 'node:perf_hooks';
import { MAX_ANALYSIS_ACTIVITIES, MAX_ANALYSIS_ZONES } from '../../src/lib/analysis/limits';
import { fromSweref99tm } from '../../src/lib/analysis/sweref99tm';
import { benchServer } from './server';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SECONDS = option('seconds', 20);
const CLIENTS = option('clients', 3);
const FROM = '2023-01-01';
const TO = '2023-12-31';

const server = await benchServer({ embedded: args.includes('--embedded') });
const { db, sql, tenant, area, origin, headers } = server;

// The heaviest allowed coverage: the most zones and activities one analysis may weigh,
// packed into one 4 km × 3 km district (far denser than a real one), over a whole year.
// Events: weekly 3-hour evenings (52 occurrences each); measures: lamps (dark hours, the
// costly kind to work out) and benches.
const loading = performance.now();
const EVENTS = 2000;
const LAMPS = 2000;
const BENCHES = MAX_ANALYSIS_ACTIVITIES - EVENTS - LAMPS;
const grid = (i: number, columns: number, step: number) => sql`ST_Transform(ST_SetSRID(ST_MakePoint(672500 + 50 + (${i} % ${columns}) * ${step}, 6576000 + 50 + (${i} / ${columns}) * ${step}), 3006), 4326)`;
await sql`
	INSERT INTO problem_zones (tenant_id, area_id, name, weight, incident_hours, grid_incident_hours, finding_hours, finding_count, geom)
	SELECT ${tenant}, ${area}, 'zone ' || i, 1 + i % 7,
		(SELECT array_agg(CASE WHEN h % 24 >= 18 OR h % 24 < 3 THEN 3.0 ELSE 1.0 END ORDER BY h) FROM generate_series(0, 167) h),
		(SELECT array_agg(CASE WHEN h % 24 >= 18 OR h % 24 < 3 THEN 3.0 ELSE 1.0 END ORDER BY h) FROM generate_series(0, 167) h),
		(SELECT array_agg(0.0 ORDER BY h) FROM generate_series(0, 167) h), 0,
		ST_Multi(ST_Buffer(${grid(sql`i` as never, 40, 100)}::geography, 30 + i % 40)::geometry)
	FROM generate_series(0, ${MAX_ANALYSIS_ZONES - 1}) AS i`.execute(db);
await sql`
	INSERT INTO events (tenant_id, area_id, title, kind, status, starts_at, ends_at, rrule, influence_radius_m, geom)
	SELECT ${tenant}, ${area}, 'event ' || i, 'culture', 'planned',
		'2023-01-02T17:00:00Z'::timestamptz + (i % 7) * interval '1 day', '2023-01-02T20:00:00Z'::timestamptz + (i % 7) * interval '1 day',
		'FREQ=WEEKLY;COUNT=52', 80 + i % 70, ${grid(sql`i` as never, 57, 70)}
	FROM generate_series(0, ${EVENTS - 1}) AS i`.execute(db);
await sql`
	INSERT INTO event_occurrences (tenant_id, event_id, starts_at, ends_at)
	SELECT e.tenant_id, e.id, e.starts_at + w * interval '7 days', e.ends_at + w * interval '7 days'
	FROM events e, generate_series(0, 51) AS w`.execute(db);
await sql`
	INSERT INTO measures (tenant_id, area_id, title, kind, status, done_on, active_hours, influence_radius_m, geom)
	SELECT ${tenant}, ${area}, 'measure ' || i, CASE WHEN i < ${LAMPS} THEN 'lighting' ELSE 'seating' END, 'done', '2022-06-01',
		CASE WHEN i < ${LAMPS} THEN 'dark' ELSE 'always' END, 15 + i % 30, ${grid(sql`i` as never, 75, 40)}
	FROM generate_series(0, ${LAMPS + BENCHES - 1}) AS i`.execute(db);
await sql`ANALYZE`.execute(db);
console.log(`data: ${MAX_ANALYSIS_ZONES} zones, ${EVENTS} weekly events (${EVENTS * 52} occurrences), ${LAMPS} lamps and ${BENCHES} benches in ${((performance.now() - loading) / 1000).toFixed(1)} s`);

// A session cookie for the page requests, as a browser has.
const login = await fetch(`${origin}/api/session`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench@lykta.example', password: 'bench-password-1' }) });
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
if (!login.ok || !cookie) throw new Error(`login: ${login.status}`);

type Kind = 'health' | 'finding' | 'page';
const requests: Record<Kind, () => Promise<Response>> = {
	health: () => fetch(`${origin}/api/health`),
	finding: () =>
		fetch(`${origin}/api/findings`, {
			method: 'POST',
			headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
			body: JSON.stringify({ geometry: { type: 'Point', coordinates: fromSweref99tm([673000 + Math.random() * 3000, 6576500 + Math.random() * 2000]) }, properties: { category: 'lighting', severity: 2, description: 'Mörkt' } })
		}),
	page: () => fetch(`${origin}/findings`, { headers: { cookie } })
};

const percentile = (xs: number[], p: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]! : NaN;
};

/** CLIENTS loops, each going round health → finding → page until the time is up. */
async function measure(seconds: number) {
	const times: Record<Kind, number[]> = { health: [], finding: [], page: [] };
	const failures: Record<string, number> = {};
	const end = performance.now() + seconds * 1000;
	await Promise.all(
		Array.from({ length: CLIENTS }, async (_, c) => {
			for (let i = c; performance.now() < end; i++) {
				const kind = (['health', 'finding', 'page'] as const)[i % 3]!;
				const started = performance.now();
				const response = await requests[kind]();
				await response.arrayBuffer();
				times[kind].push(performance.now() - started);
				if (!response.ok) failures[`${kind} ${response.status}`] = (failures[`${kind} ${response.status}`] ?? 0) + 1;
			}
		})
	);
	return { times, failures };
}

function report(label: string, result: Awaited<ReturnType<typeof measure>>) {
	console.log(`\n${label}`);
	for (const kind of ['health', 'finding', 'page'] as const) {
		const xs = result.times[kind];
		console.log(`  ${kind.padEnd(8)} n=${String(xs.length).padStart(5)}  p50 ${percentile(xs, 0.5).toFixed(1).padStart(6)} ms  p99 ${percentile(xs, 0.99).toFixed(1).padStart(6)} ms  max ${Math.max(...xs).toFixed(1).padStart(7)} ms`);
	}
	const failed = Object.entries(result.failures);
	console.log(`  failures: ${failed.length ? failed.map(([k, n]) => `${k} ×${n}`).join(', ') : 'none'}`);
}

const heavyPath = `${origin}/api/analysis/coverage?area=${area}&from=${FROM}&to=${TO}`;
// Warm up: one heavy run (fills the worker's lamp cache as a busy server would have it) and a few light requests.
const warm = await fetch(heavyPath, { headers });
const warmBody = (await warm.json()) as { zones?: unknown[]; activities?: number; error?: unknown };
if (!warm.ok) throw new Error(`coverage: ${warm.status} ${JSON.stringify(warmBody).slice(0, 300)}`);
console.log(`heavy request: GET /api/analysis/coverage, ${FROM}..${TO}: ${warmBody.zones!.length} zones × ${warmBody.activities} activities`);
await measure(2);

report(`1. without load: ${CLIENTS} clients for ${SECONDS} s`, await measure(SECONDS));

let loaded = true;
const heavy: number[] = [];
const heavyStatus: Record<number, number> = {};
const heavyUser = (async () => {
	while (loaded) {
		const started = performance.now();
		const response = await fetch(heavyPath, { headers });
		await response.arrayBuffer();
		heavy.push(performance.now() - started);
		heavyStatus[response.status] = (heavyStatus[response.status] ?? 0) + 1;
	}
})();
await new Promise((done) => setTimeout(done, 500));
const underLoad = await measure(SECONDS);
loaded = false;
await heavyUser;
report(`2. while one user repeats the heavy coverage: ${CLIENTS} clients for ${SECONDS} s`, underLoad);
console.log(`\nheavy coverage itself: n=${heavy.length}  p50 ${percentile(heavy, 0.5).toFixed(0)} ms  max ${Math.max(...heavy).toFixed(0)} ms  statuses ${JSON.stringify(heavyStatus)}`);
await server.close();
process.exit(0);
