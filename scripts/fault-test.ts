/**
 * Fault test: does Lykta survive its database restarting under load, without losing or
 * duplicating a write anyone was told was saved?
 *
 *   npm run test:fault [-- --seconds 40 --clients 8 --port 5444]
 *
 *   --down S   how long the database stays stopped before it starts again (default 3 s)
 *
 * Needs root (it makes its own PostgreSQL cluster with pg_createcluster on a spare port, so
 * the main server is never touched) and a build (`npx vite build`). It:
 *  1. creates and starts cluster 15/lykta_fault with PostGIS, one area and one walker;
 *  2. starts the built app (`node build`) against it;
 *  3. lets `--clients` walkers submit findings for `--seconds`, each with an Idempotency-Key,
 *     retrying the same key after any failure (as the phone's outbox does);
 *  4. restarts the cluster once, half-way through (stopped for --down seconds);
 *  5. compares what the clients were told with what is stored, and prints
 *     acknowledged / stored / duplicates / errors by kind / longest outage seen by a client /
 *     recovery time / throughput / p50 / p99.
 * It fails (exit 1) on any lost or duplicated acknowledged write, any 500, or a recovery
 * slower than 5 s after the database accepts connections again.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SECONDS = option('seconds', 40);
const CLIENTS = option('clients', 8);
const PG_PORT = option('port', 5444);
const APP_PORT = option('app-port', 3444);
const VERSION = '15';
const CLUSTER = 'lykta_fault';
const DOWN_SECONDS = option('down', 3);
const RECOVERY_LIMIT_MS = 5_000;
const ORIGIN = `http://127.0.0.1:${APP_PORT}`;
const PASSWORD = 'fault-test-password';

function sh(command: string, commandArgs: string[], quiet = false) {
	return execFileSync(command, commandArgs, { stdio: quiet ? 'pipe' : ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
}

function dropCluster() {
	try {
		sh('pg_dropcluster', [VERSION, CLUSTER, '--stop'], true);
	} catch {
		/* not there */
	}
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string) {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		if (await check().catch(() => false)) return;
		await sleep(100);
	}
	throw new Error(`timed out waiting for ${what}`);
}

const pgReady = () =>
	promisify(execFile)('pg_isready', ['-h', '127.0.0.1', '-p', String(PG_PORT), '-q']).then(
		() => true,
		() => false
	);

async function setUpCluster(): Promise<string> {
	if (process.getuid?.() !== 0) throw new Error('The fault test makes its own PostgreSQL cluster: run it as root.');
	dropCluster();
	// Trust on loopback only, for this throw-away cluster.
	sh('pg_createcluster', [VERSION, CLUSTER, '--port', String(PG_PORT), '--', '--auth=trust'], true);
	sh('pg_ctlcluster', [VERSION, CLUSTER, 'start']);
	await waitFor(pgReady, 20_000, 'the cluster to start');
	const admin = new pg.Client({ host: '127.0.0.1', port: PG_PORT, user: 'postgres', database: 'postgres' });
	await admin.connect();
	await admin.query('CREATE DATABASE lykta_fault');
	await admin.end();
	const url = `postgres://postgres@127.0.0.1:${PG_PORT}/lykta_fault`;
	const db = new pg.Client({ connectionString: url });
	await db.connect();
	await db.query('CREATE EXTENSION postgis');
	await db.end();
	return url;
}

/** The app's own schema comes from its start; the area and walker are added then. */
async function seed(url: string) {
	const db = new pg.Client({ connectionString: url });
	await db.connect();
	await db.query(`INSERT INTO areas (tenant_id, slug, name, kind, geom)
		VALUES ('stockholm', 'tantolunden', 'Tantolunden', 'place',
			ST_Multi(ST_Transform(ST_MakeEnvelope(672800, 6578400, 673900, 6579200, 3006), 4326)))`);
	await db.end();
}

function startApp(url: string): ChildProcess {
	if (!existsSync('build/index.js')) throw new Error('No build: run `npx vite build` first.');
	const app = spawn(process.execPath, ['build'], {
		env: {
			PATH: process.env.PATH,
			DATABASE_URL: url,
			PORT: String(APP_PORT),
			HOST: '127.0.0.1',
			ORIGIN,
			LYKTA_DEMO: 'off',
			LYKTA_ADMIN_EMAIL: 'walker@fault.example',
			LYKTA_ADMIN_PASSWORD: PASSWORD
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const log: string[] = [];
	app.stdout!.on('data', (chunk) => log.push(String(chunk)));
	app.stderr!.on('data', (chunk) => log.push(String(chunk)));
	app.on('exit', (code, signal) => {
		if (!stopping) {
			console.error(`The app exited during the test (code ${code}, signal ${signal}). Its last output:\n${log.join('').slice(-3000)}`);
			exitedEarly = true;
		}
	});
	return app;
}
let stopping = false;
let exitedEarly = false;

async function logIn(): Promise<string> {
	const response = await fetch(`${ORIGIN}/api/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: ORIGIN },
		body: JSON.stringify({ email: 'walker@fault.example', password: PASSWORD })
	});
	if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
	return response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

interface Attempt {
	at: number;
	ms: number;
	outcome: string;
}

interface Acknowledged {
	key: string;
	id: string;
}

/** One walker: submits findings until the deadline, retrying each with its key until it is stored. */
async function walker(index: number, cookie: string, deadline: number, attempts: Attempt[], acknowledged: Acknowledged[], outages: number[]) {
	let n = 0;
	let failingSince: number | null = null;
	while (Date.now() < deadline) {
		const key = `fault-${index}-${n++}-${crypto.randomUUID()}`;
		// Inside the seeded area (Tantolunden, a 1.1 km × 0.8 km box around 59.3125 N, 18.0455 E).
		const body = JSON.stringify({
			geometry: { type: 'Point', coordinates: [18.040 + Math.random() * 0.01, 59.3105 + Math.random() * 0.004] },
			properties: { category: 'lighting', severity: 2, timesOfDay: ['evening'], description: `fault test ${key}` }
		});
		// The outbox keeps a confirmed-by-nobody submission and sends it again, for as long as it takes.
		for (;;) {
			const started = Date.now();
			let outcome: string;
			let id: string | null = null;
			try {
				const response = await fetch(`${ORIGIN}/api/findings`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', origin: ORIGIN, cookie, 'idempotency-key': key },
					body,
					signal: AbortSignal.timeout(10_000)
				});
				const text = await response.text();
				if (response.status === 200 || response.status === 201) {
					id = (JSON.parse(text) as { id: string }).id;
					outcome = String(response.status);
				} else {
					let code = '';
					try {
						code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? '';
					} catch {
						code = 'not-json';
					}
					outcome = `${response.status}${code ? ' ' + code : ''}`;
				}
			} catch (error) {
				outcome = `network ${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name}`;
			}
			const now = Date.now();
			attempts.push({ at: started, ms: now - started, outcome });
			if (id) {
				acknowledged.push({ key, id });
				if (failingSince !== null) outages.push(now - failingSince);
				failingSince = null;
				break;
			}
			failingSince ??= started;
			if (now > deadline + 30_000) return; // give up: reported as an unfinished submission
			await sleep(200);
		}
	}
}

/** Reads while the walkers write: health, a page and a list, every 100 ms; each answer's status is counted. */
async function reader(cookie: string, deadline: number, statuses: Map<string, number>) {
	const paths = ['/api/health', '/findings', '/api/areas'];
	while (Date.now() < deadline) {
		for (const path of paths) {
			let outcome: string;
			try {
				const response = await fetch(ORIGIN + path, { headers: { cookie, accept: path.startsWith('/api') ? 'application/json' : 'text/html' }, signal: AbortSignal.timeout(10_000) });
				await response.arrayBuffer();
				outcome = `${path} ${response.status}`;
			} catch (error) {
				outcome = `${path} network ${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name}`;
			}
			statuses.set(outcome, (statuses.get(outcome) ?? 0) + 1);
		}
		await sleep(100);
	}
}

function percentile(sorted: number[], p: number) {
	return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]! : NaN;
}

async function main() {
	console.log(`Fault test: ${CLIENTS} walkers for ${SECONDS} s, PostgreSQL ${VERSION} cluster "${CLUSTER}" on port ${PG_PORT} stopped half-way for ${DOWN_SECONDS} s, then started again.`);
	const url = await setUpCluster();
	let app: ChildProcess | null = null;
	let failed = false;
	try {
		app = startApp(url);
		await waitFor(async () => (await fetch(`${ORIGIN}/api/health`)).status === 200, 60_000, 'the app to start');
		await seed(url);
		const cookie = await logIn();

		const attempts: Attempt[] = [];
		const acknowledged: Acknowledged[] = [];
		const outages: number[] = [];
		const started = Date.now();
		const deadline = started + SECONDS * 1000;
		const walkers = Array.from({ length: CLIENTS }, (_, i) => walker(i, cookie, deadline, attempts, acknowledged, outages));
		const reads = new Map<string, number>();
		const readers = reader(cookie, deadline, reads);

		await sleep((SECONDS * 1000) / 2);
		const restartAt = Date.now();
		// `-m fast` ends every session (57P01 on each open connection), as an upgrade or a crash-restart does.
		// Asynchronously: the walkers go on sending while it restarts, and pg_isready watches
		// every 50 ms for when the server stops and starts accepting connections.
		// It stays down for --down seconds (an upgrade, a failover), then starts again.
		const ctl = (action: string, ...more: string[]) => promisify(execFile)('pg_ctlcluster', [VERSION, CLUSTER, action, ...more]);
		let restarted = false;
		const restart = ctl('stop', '-m', 'fast')
			.then(() => sleep(DOWN_SECONDS * 1000))
			.then(() => ctl('start'))
			.then(() => (restarted = true));
		let downAt = 0;
		let backAt = 0;
		while (!backAt) {
			const ready = await pgReady();
			if (!ready && !downAt) downAt = Date.now();
			if (ready && (downAt || restarted)) backAt = Date.now();
			await sleep(50);
		}
		await restart;
		await Promise.all([...walkers, readers]);
		const ended = Date.now();

		// What is stored, against what the walkers were told.
		const db = new pg.Client({ connectionString: url });
		await db.connect();
		const { rows } = await db.query<{ id: string; idempotency_key: string }>(`SELECT id, idempotency_key FROM findings WHERE idempotency_key LIKE 'fault-%'`);
		await db.end();
		const storedByKey = new Map<string, string[]>();
		for (const r of rows) storedByKey.set(r.idempotency_key, [...(storedByKey.get(r.idempotency_key) ?? []), r.id]);
		const lost = acknowledged.filter((a) => !storedByKey.get(a.key)?.includes(a.id));
		const duplicates = [...storedByKey.values()].filter((ids) => ids.length > 1).length;
		const ackedTwiceDifferently = new Map<string, Set<string>>();
		for (const a of acknowledged) ackedTwiceDifferently.set(a.key, (ackedTwiceDifferently.get(a.key) ?? new Set()).add(a.id));
		const conflicting = [...ackedTwiceDifferently.values()].filter((ids) => ids.size > 1).length;
		const unacknowledgedStored = rows.length - new Set(acknowledged.map((a) => a.key)).size;

		const outcomes = new Map<string, number>();
		for (const a of attempts) outcomes.set(a.outcome, (outcomes.get(a.outcome) ?? 0) + 1);
		const errors = [...outcomes].filter(([outcome]) => outcome !== '200' && outcome !== '201');
		const fiveHundreds = attempts.filter((a) => a.outcome.startsWith('500')).length;
		const firstSuccessAfterBack = attempts
			.filter((a) => a.at + a.ms >= backAt && (a.outcome === '200' || a.outcome === '201'))
			.reduce((min, a) => Math.min(min, a.at + a.ms), Infinity);
		const recoveryMs = firstSuccessAfterBack - backAt;
		const successMs = attempts.filter((a) => a.outcome === '200' || a.outcome === '201').map((a) => a.ms).sort((a, b) => a - b);

		const line = (label: string, value: string | number) => console.log(`  ${label.padEnd(34)} ${value}`);
		console.log('\nResult');
		line('acknowledged submissions', acknowledged.length);
		line('stored (fault test findings)', rows.length);
		line('lost acknowledged writes', lost.length);
		line('duplicates (keys stored twice)', duplicates);
		line('keys acknowledged with two ids', conflicting);
		line('stored but never acknowledged', unacknowledgedStored);
		line('requests', attempts.length);
		line('errors by kind', errors.length ? errors.map(([o, n]) => `${o}: ${n}`).join(', ') : 'none');
		line('reads (status: count)', [...reads].sort().map(([o, n]) => `${o}: ${n}`).join(', '));
		line('database away', `${downAt ? backAt - downAt : 0} ms (not accepting connections; restart began ${downAt ? downAt - restartAt : '?'} ms after the command)`);
		line('longest outage seen by a client', `${Math.max(0, ...outages)} ms`);
		line('recovery (accepting → first save)', Number.isFinite(recoveryMs) ? `${recoveryMs} ms` : 'never');
		line('throughput', `${(acknowledged.length / ((ended - started) / 1000)).toFixed(1)} saves/s`);
		line('p50 / p99 of successful saves', `${percentile(successMs, 0.5)} ms / ${percentile(successMs, 0.99)} ms`);

		const problems: string[] = [];
		if (exitedEarly) problems.push('the app process exited');
		if (lost.length) problems.push(`${lost.length} acknowledged writes lost`);
		if (duplicates || conflicting) problems.push(`${duplicates + conflicting} duplicated writes`);
		if (fiveHundreds) problems.push(`${fiveHundreds} answers were 500`);
		const badReads = [...reads].filter(([o]) => !/ (200|503)$/.test(o));
		if (badReads.length) problems.push(`reads answered other than 200 or 503: ${badReads.map(([o, n]) => `${o} ×${n}`).join(', ')}`);
		if (!(recoveryMs <= RECOVERY_LIMIT_MS)) problems.push(`recovery took ${recoveryMs} ms (limit ${RECOVERY_LIMIT_MS} ms)`);
		if (acknowledged.length === 0) problems.push('nothing was saved at all');
		failed = problems.length > 0;
		console.log(failed ? `\nFAILED: ${problems.join('; ')}` : '\nPASSED: no acknowledged write lost or duplicated, no 500, recovered in time');
	} finally {
		stopping = true;
		app?.kill('SIGTERM');
		await sleep(300);
		dropCluster();
	}
	process.exit(failed ? 1 : 0);
}

main().catch((error) => {
	console.error(error);
	stopping = true;
	dropCluster();
	process.exit(1);
});
