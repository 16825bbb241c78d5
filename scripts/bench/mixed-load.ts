/**
 * Mixed load — a summer evening against the built app (`node build`, its own process) on
 * real PostgreSQL, bounded in time and on the loopback interface only:
 *   - 50 walkers pin findings with a photo (multipart, tests/fixtures/photos/streetlight.jpg),
 *     each with an Idempotency-Key, retried with the same key after a network error, a
 *     timeout or a 5xx (as the phone's outbox does), and one in ten re-sent once more after
 *     its 201 (an answer the phone never got): that must come back 200 with the same id;
 *   - 10 coordinators plan: create a measure, rename it (PATCH with its version), create an
 *     event, read the coverage of the district (GET /api/analysis/coverage);
 *   - 100 map viewers (viewer role: hexagon tiles, no incident points) pan the map: four
 *     zoom-15 tiles at once, then an OGC API page of findings in the view;
 *   - one import of 100k incidents (the police-style CSV) streamed in the background;
 *   - GET /api/health every 250 ms (its latency shows the server's queueing).
 * Everyone thinks between requests (walkers ~3 s, coordinators ~2 s, viewers ~1 s, scaled by
 * --think). Afterwards it checks in the database that every acknowledged write is stored once
 * (findings with their photo, measures with their last acknowledged title, events, the
 * import's rows), and prints per kind of request: throughput, p50, p99, answers by status;
 * and what ran out first: CPU of the Node server (all threads, and its main thread) against
 * PostgreSQL's backends of this database (from /proc/<pid>/stat), the machine's CPU, the
 * server's event-loop delay and its connection-pool queue (scripts/bench/probe.mjs, preloaded).
 *
 *   npx vite build && npm run bench -- mixed [--seconds 60] [--walkers 50] [--coordinators 10]
 *     [--viewers 100] [--rows 100000] [--think 1]
 *
 * Against DATABASE_URL (default postgres://postgres@127.0.0.1:5432/lykta_bench, EMPTIED first;
 * the database must run on this machine for its CPU to be read).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { freePort, prepareBenchDatabase } from './server';
import { writesWorld } from './writes-world';
import { coverageData, FROM, TO, storeCoverageData } from './coverage-data';
import { importFile, writeCsv, type ImportResult } from './incident-data';
import { countBy, percentile, ms, alignColumns } from './figures';
import { rng } from './random';
import { fromSweref99tm } from '../../src/lib/analysis/sweref99tm';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SECONDS = option('seconds', 60);
const WALKERS = option('walkers', 50);
const COORDINATORS = option('coordinators', 10);
const VIEWERS = option('viewers', 100);
const ROWS = option('rows', 100_000);
const THINK = option('think', 1);
const TIMEOUT_MS = 15_000;
const log = (line: string) => process.stderr.write(`${line}\n`);

if (!existsSync('build/index.js')) throw new Error('No build: run `npx vite build` first.');
const env = { LYKTA_IMPORT_LIMIT: '200000000', BODY_SIZE_LIMIT: '250M' };
const prepared = await prepareBenchDatabase({ env });
const { db, sql, tenant, area, token } = prepared;
const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const admin = { authorization: `Bearer ${token}`, origin };

// The people: walkers (writes-world: sessions, partners, 400 spots), coordinators and viewers with sessions.
const { upsertAccount } = await import('../../src/lib/server/demo/load');
const { createSession } = await import('../../src/lib/server/auth/actors.server');
const { SESSION_COOKIE } = await import('../../src/lib/server/auth/cookie');
const world = await writesWorld({ ...prepared, origin, headers: admin } as unknown as Parameters<typeof writesWorld>[0], WALKERS);
async function sessions(role: 'coordinator' | 'viewer', accounts: number, count: number): Promise<string[]> {
	const ids: string[] = [];
	for (let i = 0; i < accounts; i++)
		ids.push(await upsertAccount(db, tenant, { email: `${role}${i}@bench.example`, password: 'bench-password-1', displayName: `${role} ${i}`, role, areaId: area, incidents: false }));
	const cookies: string[] = [];
	for (let i = 0; i < count; i++) cookies.push(`${SESSION_COOKIE}=${(await createSession(db, tenant, ids[i % ids.length]!, 'bench')).token}`);
	return cookies;
}
const coordinatorCookies = await sessions('coordinator', COORDINATORS, COORDINATORS);
const viewerCookies = await sessions('viewer', Math.min(10, VIEWERS), VIEWERS);
// What the coordinators read: a season's programme (100 zones, 400 activities), as coverage.ts makes it.
const programme = await storeCoverageData(db, tenant, area, coverageData(100, 400));
await sql`ANALYZE`.execute(db);
await prepared.closeDatabase();
const csv = writeCsv(ROWS, 7, 'M');
log(`mixed: ${WALKERS} walkers, ${COORDINATORS} coordinators, ${VIEWERS} viewers for ${SECONDS} s, import of ${ROWS.toLocaleString('en')} incidents; programme ${programme.zones} zones, ${programme.events} events, ${programme.measures} measures`);

// The app in its own process, with the probe preloaded.
const probeFile = join(tmpdir(), `lykta-mixed-probe-${process.pid}.jsonl`);
const app = spawn(process.execPath, ['--import', './scripts/bench/probe.mjs', 'build'], {
	env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: origin, LYKTA_DEMO: 'off', LYKTA_BENCH_PROBE: probeFile },
	stdio: ['ignore', 'pipe', 'pipe']
});
const appLog: string[] = [];
app.stdout!.on('data', (c) => appLog.push(String(c)));
app.stderr!.on('data', (c) => appLog.push(String(c)));
let stopping = false;
app.on('exit', (code, signal) => {
	if (!stopping) {
		log(`The app exited during the run (code ${code}, signal ${signal}):\n${appLog.join('').slice(-3000)}`);
		process.exit(1);
	}
});
for (let waited = 0; (await fetch(`${origin}/api/health`).then((r) => r.status, () => 0)) !== 200; waited += 200) {
	if (waited > 60_000) throw new Error(`the app did not start:\n${appLog.join('').slice(-2000)}`);
	await sleep(200);
}

// ---- What each request saw.
interface Sample {
	kind: string;
	status: string;
	ms: number;
	at: number;
}
const samples: Sample[] = [];
async function send(kind: string, path: string, init: RequestInit & { headers: Record<string, string> }): Promise<{ status: number; body: string }> {
	const started = performance.now();
	let status = 0;
	let body = '';
	try {
		const response = await fetch(origin + path, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
		body = await response.text();
		status = response.status;
		samples.push({ kind, status: String(status), ms: performance.now() - started, at: started });
	} catch (error) {
		const code = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
		samples.push({ kind, status: `network ${code}`, ms: performance.now() - started, at: started });
	}
	return { status, body };
}
const random = rng(20260615);
/** Think time: exponential with the given mean (seconds), scaled by --think. */
const loadStart = performance.now();
const deadline = loadStart + SECONDS * 1000;
const think = (meanSeconds: number) => sleep(Math.max(0, Math.min(-Math.log(1 - random()) * meanSeconds * 1000 * THINK, deadline - performance.now())));
const running = () => performance.now() < deadline;

// ---- Walkers.
const photo = readFileSync('tests/fixtures/photos/streetlight.jpg');
interface Ack {
	key: string;
	id: string;
}
const acknowledged: Ack[] = [];
const replayMismatch: string[] = [];
let unfinished = 0;
async function walker(w: number) {
	const cookie = world.identities[w % world.identities.length]!.cookie!;
	for (let n = 0; running(); n++) {
		await think(3);
		if (!running()) break;
		const key = `mixed-${w}-${n}-${crypto.randomUUID()}`;
		const finding = world.findings[(w * 7 + n) % world.findings.length]!;
		const submit = (kind: string) => {
			const form = new FormData();
			form.set('finding', JSON.stringify(finding));
			form.append('photos', new Blob([photo], { type: 'image/jpeg' }), 'streetlight.jpg');
			return send(kind, '/api/findings', { method: 'POST', headers: { origin, cookie, 'idempotency-key': key }, body: form });
		};
		// The outbox sends again, with the same key, until it has an answer it can act on.
		for (let attempt = 0; ; attempt++) {
			const { status, body } = await submit(attempt ? 'finding POST, retry' : 'finding POST + photo');
			if (status === 200 || status === 201) {
				const id = (JSON.parse(body) as { id: string }).id;
				acknowledged.push({ key, id });
				if (status === 201 && random() < 0.1) {
					// The answer "never reached the phone": it sends once more.
					const again = await submit('finding POST, replay');
					if (again.status === 200 || again.status === 201) {
						const replayId = (JSON.parse(again.body) as { id: string }).id;
						acknowledged.push({ key, id: replayId });
						if (replayId !== id || again.status !== 200) replayMismatch.push(key);
					}
				}
				break;
			}
			if (status >= 400 && status < 500 && status !== 408 && status !== 429) break; // refused: the phone shows why
			if (performance.now() > deadline + 20_000) {
				unfinished++;
				break;
			}
			await sleep(500);
		}
	}
}

// ---- Coordinators.
const center = fromSweref99tm([674500, 6577500]);
interface PlannedMeasure {
	id: string;
	title: string;
	version: number;
}
const measures: PlannedMeasure[] = [];
const events: string[] = [];
async function coordinator(c: number) {
	const headers = { origin, cookie: coordinatorCookies[c]!, 'content-type': 'application/json' };
	const spot = () => fromSweref99tm([672800 + random() * 3400, 6576300 + random() * 2400]);
	for (let n = 0; running(); n++) {
		await think(2);
		if (!running()) break;
		const step = n % 4;
		if (step === 0) {
			const title = `Belysning ${c}.${n}`;
			const r = await send('measure POST', '/api/measures', { method: 'POST', headers, body: JSON.stringify({ geometry: { type: 'Point', coordinates: spot() }, properties: { kind: 'lighting', title, areaId: area, influenceRadiusM: 25 } }) });
			if (r.status === 201) {
				const m = JSON.parse(r.body) as { id: string; properties: { version: number } };
				measures.push({ id: m.id, title, version: m.properties.version });
			}
		} else if (step === 1) {
			const mine = measures.filter((m) => m.title.startsWith(`Belysning ${c}.`));
			const m = mine.at(-1);
			if (!m) continue;
			const title = `${m.title} (ändrad ${n})`;
			const r = await send('measure PATCH', `/api/measures/${m.id}`, { method: 'PATCH', headers, body: JSON.stringify({ version: m.version, properties: { title } }) });
			if (r.status === 200) Object.assign(m, { title, version: (JSON.parse(r.body) as { properties: { version: number } }).properties.version });
		} else if (step === 2) {
			const day = 5 + Math.floor(random() * 20);
			const r = await send('event POST', '/api/events', {
				method: 'POST',
				headers,
				body: JSON.stringify({ geometry: { type: 'Point', coordinates: spot() }, properties: { title: `Kvällsaktivitet ${c}.${n}`, kind: 'culture', areaId: area, startsAt: `2023-07-${String(day).padStart(2, '0')}T18:00:00+02:00`, endsAt: `2023-07-${String(day).padStart(2, '0')}T21:00:00+02:00`, influenceRadiusM: 100 } })
			});
			if (r.status === 201) events.push((JSON.parse(r.body) as { id: string }).id);
		} else await send('coverage GET', `/api/analysis/coverage?area=${area}&from=${FROM}&to=${TO}`, { headers: { cookie: coordinatorCookies[c]! } });
	}
}

// ---- Map viewers.
function tileOf(lon: number, lat: number, z: number) {
	const r = (lat * Math.PI) / 180;
	return { x: Math.floor(((lon + 180) / 360) * 2 ** z), y: Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z) };
}
async function viewer(v: number) {
	const headers = { cookie: viewerCookies[v]! };
	while (running()) {
		await think(1);
		if (!running()) break;
		const [lon, lat] = fromSweref99tm([672800 + random() * 3400, 6576300 + random() * 2400]);
		const { x, y } = tileOf(lon!, lat!, 15);
		await Promise.all([0, 1].flatMap((dx) => [0, 1].map((dy) => send('tile GET', `/tiles/incidents/15/${x + dx}/${y + dy}.mvt`, { headers }))));
		await think(1);
		if (!running()) break;
		const bbox = [lon! - 0.006, lat! - 0.003, lon! + 0.006, lat! + 0.003].map((n) => n.toFixed(5)).join(',');
		await send('OGC items GET', `/ogc/collections/findings/items?limit=100&bbox=${bbox}`, { headers: { ...headers, accept: 'application/geo+json' } });
	}
}

// ---- Health, as a probe of queueing.
async function health() {
	while (running()) {
		await send('health GET', '/api/health', { headers: {} });
		await sleep(250);
	}
}

// ---- CPU sampling: the app process (all threads and its main thread), PostgreSQL's backends of this database, the machine, this client.
const TICK = 100; // USER_HZ
const monitor = new pg.Client({ connectionString: process.env.DATABASE_URL });
await monitor.connect();
const monitorPid = (await monitor.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
const procTicks = (path: string): number | null => {
	try {
		const fields = readFileSync(path, 'utf8').replace(/^.*\) /, '').split(' ');
		return Number(fields[11]) + Number(fields[12]);
	} catch {
		return null;
	}
};
const machine = () => {
	const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
	return { busy: cpu.reduce((a, b) => a + b, 0) - cpu[3]! - cpu[4]!, total: cpu.reduce((a, b) => a + b, 0) };
};
const backendSeen = new Map<number, { first: number; last: number }>();
const activeSamples: number[] = [];
const inTransactionSamples: number[] = [];
async function sampleBackends() {
	const { rows } = await monitor.query<{ pid: number; state: string | null }>(`SELECT pid, state FROM pg_stat_activity WHERE datname = current_database() AND pid <> $1 AND backend_type = 'client backend'`, [monitorPid]);
	activeSamples.push(rows.filter((r) => r.state === 'active').length);
	inTransactionSamples.push(rows.filter((r) => r.state?.startsWith('idle in transaction')).length);
	for (const r of rows) {
		const ticks = procTicks(`/proc/${r.pid}/stat`);
		if (ticks === null) continue;
		const seen = backendSeen.get(r.pid);
		if (seen) seen.last = ticks;
		else backendSeen.set(r.pid, { first: ticks, last: ticks });
	}
}
const pgTicks = () => [...backendSeen.values()].reduce((a, s) => a + s.last - s.first, 0);
await sampleBackends();
const before = { app: procTicks(`/proc/${app.pid}/stat`)!, appMain: procTicks(`/proc/${app.pid}/task/${app.pid}/stat`)!, pg: pgTicks(), machine: machine(), client: process.cpuUsage() };
let sampling = true;
const sampler = (async () => {
	while (sampling) {
		await sampleBackends().catch(() => undefined);
		await sleep(500);
	}
})();

// ---- The evening.
let importResult: ImportResult | null = null;
let importError: string | null = null;
const importer = (async () => {
	await sleep(2000);
	const started = performance.now();
	try {
		importResult = await importFile(origin, admin, csv, AbortSignal.timeout((SECONDS + 60) * 1000));
		samples.push({ kind: `import POST (${ROWS / 1000}k CSV)`, status: '201', ms: performance.now() - started, at: started });
	} catch (error) {
		importError = (error as Error).message.slice(0, 300);
		samples.push({ kind: `import POST (${ROWS / 1000}k CSV)`, status: 'failed', ms: performance.now() - started, at: started });
	}
})();
await Promise.all([
	...Array.from({ length: WALKERS }, (_, i) => walker(i)),
	...Array.from({ length: COORDINATORS }, (_, i) => coordinator(i)),
	...Array.from({ length: VIEWERS }, (_, i) => viewer(i)),
	health()
]);
const loadSeconds = (performance.now() - loadStart) / 1000;
const after = { app: procTicks(`/proc/${app.pid}/stat`)!, appMain: procTicks(`/proc/${app.pid}/task/${app.pid}/stat`)!, pg: pgTicks(), machine: machine(), client: process.cpuUsage(before.client) };
const importStillRunning = importResult === null && importError === null;
await importer;
sampling = false;
await sampler;
stopping = true;
app.kill('SIGTERM');

// ---- Every acknowledged write, in the database.
const { rows: stored } = await monitor.query<{ id: string; idempotency_key: string; photos: number }>(
	`SELECT f.id, f.idempotency_key, (SELECT count(*)::int FROM finding_photos p WHERE p.finding_id = f.id) AS photos FROM findings f WHERE f.idempotency_key LIKE 'mixed-%'`
);
const storedByKey = new Map<string, { id: string; photos: number }[]>();
for (const r of stored) storedByKey.set(r.idempotency_key, [...(storedByKey.get(r.idempotency_key) ?? []), { id: r.id, photos: r.photos }]);
const lostFindings = acknowledged.filter((a) => !storedByKey.get(a.key)?.some((s) => s.id === a.id));
const duplicatedKeys = [...storedByKey.values()].filter((rows) => rows.length > 1).length;
const ackedKeys = new Set(acknowledged.map((a) => a.key));
const withoutPhoto = [...ackedKeys].filter((k) => storedByKey.get(k)?.some((s) => s.photos !== 1)).length;
const { rows: measureRows } = await monitor.query<{ id: string; title: string; version: number }>(`SELECT id, title, version FROM measures WHERE id = ANY($1::uuid[])`, [measures.map((m) => m.id)]);
const measureById = new Map(measureRows.map((m) => [m.id, m]));
const lostMeasures = measures.filter((m) => !measureById.has(m.id)).length;
const staleMeasures = measures.filter((m) => measureById.get(m.id) && (measureById.get(m.id)!.title !== m.title || measureById.get(m.id)!.version !== m.version)).length;
const { rows: eventRows } = await monitor.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE id = ANY($1::uuid[])`, [events]);
const lostEvents = events.length - eventRows[0]!.n;
const ir = importResult as (ImportResult & { importId?: string }) | null;
const importedStored = ir?.importId ? (await monitor.query<{ n: number }>(`SELECT count(*)::int AS n FROM incidents WHERE import_id = $1`, [ir.importId])).rows[0]!.n : null;
await monitor.end();

// ---- Report.
const kinds = [...new Set(samples.map((s) => s.kind))];
const ok = (s: Sample) => /^(200|201|204)$/.test(s.status);
const table = [
	['request', 'count', 'per s', 'p50', 'p99', 'answers'],
	...kinds.map((kind) => {
		const of = samples.filter((s) => s.kind === kind);
		const times = of.filter(ok).map((s) => s.ms);
		const answers = Object.entries(countBy(of, (s) => s.status))
			.sort()
			.map(([k, n]) => `${k}×${n}`)
			.join(' ');
		return [kind, String(of.length), (of.length / loadSeconds).toFixed(1), ms(percentile(times, 0.5)), ms(percentile(times, 0.99)), answers];
	})
];
const probe = existsSync(probeFile)
	? readFileSync(probeFile, 'utf8')
			.trim()
			.split('\n')
			.filter(Boolean)
			.map((l) => JSON.parse(l) as { t: number; eld: { p50: number; p99: number; max: number }; pool: { total: number; idle: number; waiting: number; max: number; connects: number; queued: number; waitP99: number; waitSum: number } })
	: [];
const during = probe.slice(1, Math.max(1, Math.round(loadSeconds)));
const eldP99 = percentile(during.map((p) => p.eld.p99), 0.5);
const eldMax = Math.max(0, ...during.map((p) => p.eld.max));
const connects = during.reduce((a, p) => a + p.pool.connects, 0);
const queued = during.reduce((a, p) => a + p.pool.queued, 0);
const waitSum = during.reduce((a, p) => a + p.pool.waitSum, 0);
const poolMax = during[0]?.pool.max ?? 0;
const cores = cpus().length;
const pct = (ticks: number) => (100 * ticks) / TICK / loadSeconds; // % of one core
const appCpu = pct(after.app - before.app);
const appMainCpu = pct(after.appMain - before.appMain);
const pgCpu = pct(after.pg - before.pg);
const clientCpu = (100 * (after.client.user + after.client.system)) / 1e6 / loadSeconds;
const machineBusy = (100 * (after.machine.busy - before.machine.busy)) / (after.machine.total - before.machine.total);
const healthTimes = samples.filter((s) => s.kind === 'health GET' && ok(s)).map((s) => s.ms);
const activeP50 = percentile(activeSamples, 0.5);
const activeMax = Math.max(0, ...activeSamples);

console.log(`\nMixed load: ${WALKERS} walkers, ${COORDINATORS} coordinators, ${VIEWERS} map viewers, ${ROWS.toLocaleString('en')}-row import; ${loadSeconds.toFixed(0)} s on ${cores} cores (think ×${THINK})\n`);
console.log(alignColumns(table));
console.log(`\nall requests: ${samples.length} in ${loadSeconds.toFixed(0)} s = ${(samples.length / loadSeconds).toFixed(1)}/s; errors (not 2xx): ${samples.filter((s) => !ok(s)).length}`);
console.log(
	`import: ${ir ? `${ir.imported.toLocaleString('en')} of ${ir.rows.toLocaleString('en')} rows in ${ir.seconds.toFixed(1)} s = ${Math.round(ir.rows / ir.seconds).toLocaleString('en')} rows/s${importStillRunning ? ' (finished after the load window)' : ''}` : `failed: ${importError}`}`
);
console.log('\nacknowledged writes, checked in the database:');
console.log(`  findings: ${ackedKeys.size} acknowledged (${acknowledged.length - ackedKeys.size} replays), ${stored.length} stored; lost ${lostFindings.length}, keys stored twice ${duplicatedKeys}, replays answered differently ${replayMismatch.length}, without their photo ${withoutPhoto}, given up ${unfinished}`);
console.log(`  measures: ${measures.length} acknowledged; lost ${lostMeasures}, last acknowledged title/version not stored ${staleMeasures}`);
console.log(`  events: ${events.length} acknowledged; lost ${lostEvents}`);
console.log(`  import: ${ir ? `${ir.imported} acknowledged, ${importedStored} stored under its import` : 'not acknowledged'}`);
const verdictLost = lostFindings.length + duplicatedKeys + replayMismatch.length + withoutPhoto + lostMeasures + staleMeasures + lostEvents + (ir && importedStored !== ir.imported ? 1 : 0);
console.log(`  → ${verdictLost === 0 ? 'no acknowledged write lost or duplicated' : `${verdictLost} PROBLEMS`}`);

console.log('\nresources during the load (CPU in % of one core; the machine has ' + cores + '):');
console.log(`  Node server: ${appCpu.toFixed(0)} % (main thread ${appMainCpu.toFixed(0)} %, the rest its analysis workers and libuv pool)`);
console.log(`  PostgreSQL backends of this database: ${pgCpu.toFixed(0)} %; active backends p50 ${activeP50}, max ${activeMax}; idle in transaction p50 ${percentile(inTransactionSamples, 0.5)}, max ${Math.max(0, ...inTransactionSamples)} (the app's pool: ${poolMax || '?'} connections)`);
console.log(`  load client (this process): ${clientCpu.toFixed(0)} %; the whole machine: ${machineBusy.toFixed(0)} % busy`);
console.log(`  server event-loop delay: p99 ${eldP99.toFixed(1)} ms (median of the per-second p99s), max ${eldMax.toFixed(0)} ms; GET /api/health p50 ${ms(percentile(healthTimes, 0.5))}, p99 ${ms(percentile(healthTimes, 0.99))}`);
console.log(`  connection pool: ${connects} check-outs, ${queued} queued for a free connection (${connects ? ((100 * queued) / connects).toFixed(1) : 0} %), mean wait of those ${queued ? (waitSum / queued).toFixed(1) : 0} ms`);
const others = Math.max(0, (machineBusy * cores) - appCpu - pgCpu - clientCpu);
console.log(`  other processes on this (shared) machine: about ${others.toFixed(0)} % of a core`);
const queuedShare = connects ? queued / connects : 0;
const mainBound = appMainCpu >= 85;
const cpuBound = machineBusy >= 90;
const poolBound = queuedShare > 0.2;
const bigger = pgCpu > appCpu ? `PostgreSQL (${pgCpu.toFixed(0)} % against the Node server's ${appCpu.toFixed(0)} %)` : `the Node server (${appCpu.toFixed(0)} % against PostgreSQL's ${pgCpu.toFixed(0)} %)`;
const firstOut = mainBound
	? `the Node server's main thread: ${appMainCpu.toFixed(0)} % of a core, event-loop delay p99 ${eldP99.toFixed(0)} ms — one event loop is the ceiling`
	: cpuBound
		? `CPU: the ${cores} cores were ${machineBusy.toFixed(0)} % busy; of this load the larger share is ${bigger}${poolBound ? `; the pool queue (${(100 * queuedShare).toFixed(0)} % of check-outs waited) follows from it` : ''}`
		: poolBound
			? `the connection pool: ${(100 * queuedShare).toFixed(0)} % of check-outs waited for one of its ${poolMax} connections (active backends p50 ${activeP50}, idle in transaction p50 ${percentile(inTransactionSamples, 0.5)}), while the cores were ${machineBusy.toFixed(0)} % busy`
			: `nothing at this load (cores ${machineBusy.toFixed(0)} % busy, no pool queue): raise it (--think 0.5) to find the limit`;
console.log(`\nruns out first: ${firstOut}`);
process.exit(verdictLost === 0 ? 0 : 1);
