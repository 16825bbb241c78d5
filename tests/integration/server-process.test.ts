/**
 * The production server as an operator starts it, `node build`, in a process of its own:
 * with no environment at all it behaves like `npm start` (body limits, headers), and with
 * its database away it stays up and answers 503 instead of crashing or answering 500.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './harness';

interface Started {
	origin: string;
	process: ChildProcess;
	output: () => string;
}

/** `node build` with only PATH, PORT and `env`; resolves once it listens. */
async function nodeBuild(env: Record<string, string>): Promise<Started> {
	const port = await freePort();
	const child = spawn(process.execPath, ['build'], { env: { PATH: process.env.PATH!, PORT: String(port), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout!.on('data', (c) => (output += c));
	child.stderr!.on('data', (c) => (output += c));
	const origin = `http://localhost:${port}`;
	const until = Date.now() + 60_000;
	while (!/Listening on/.test(output)) {
		if (child.exitCode !== null) throw new Error(`node build exited: ${output}`);
		if (Date.now() > until) throw new Error(`node build did not start: ${output}`);
		await new Promise((done) => setTimeout(done, 100));
	}
	return { origin, process: child, output: () => output };
}

async function stop(started: Started | undefined) {
	if (!started || started.process.exitCode !== null) return;
	started.process.kill('SIGTERM');
	await new Promise((done) => started.process.once('exit', done));
}

describe('`node build` with no environment', () => {
	let app: Started;
	let cookie: string;
	beforeAll(async () => {
		// Only what an operator must give: an admin login. The database is embedded, in memory.
		app = await nodeBuild({ LYKTA_DATA_DIR: 'memory://', LYKTA_DEMO: 'off', LYKTA_ADMIN_EMAIL: 'admin@process.example', LYKTA_ADMIN_PASSWORD: 'a long secret here' });
		const until = Date.now() + 60_000;
		while ((await fetch(app.origin + '/api/health').catch(() => null))?.status !== 200 && Date.now() < until) await new Promise((done) => setTimeout(done, 200));
		const login = await fetch(app.origin + '/api/session', {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: app.origin },
			body: JSON.stringify({ email: 'admin@process.example', password: 'a long secret here' })
		});
		expect(login.status).toBe(200);
		cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
	}, 90_000);
	afterAll(() => stop(app));

	it('takes a body larger than adapter-node’s own default (512 KB), as npm start does', async () => {
		const csv = 'tid;x;y;kategori\n' + '2023-06-01 21:30;674000;6577500;narkotika\n'.repeat(25_000);
		expect(csv.length).toBeGreaterThan(1_000_000);
		const res = await fetch(app.origin + '/api/import/incidents?preview=true&filename=a.csv', { method: 'POST', headers: { 'content-type': 'text/csv', origin: app.origin, cookie }, body: csv });
		expect(res.status).toBe(200);
		expect((await res.json()).columns).toEqual(['tid', 'x', 'y', 'kategori']);
	});

	it('answers a body over every limit with 413 in the error shape, not 500', async () => {
		const declared = await fetch(app.origin + '/api/import/incidents', {
			method: 'POST',
			headers: { 'content-type': 'text/csv', origin: app.origin, cookie, 'content-length': String(100 * 1024 * 1024) },
			body: 'x',
			// @ts-expect-error Node's fetch: a body shorter than its declared length, sent as is
			duplex: 'half'
		}).catch((error) => error as Error);
		if (declared instanceof Response) {
			expect(declared.status).toBe(413);
			expect((await declared.json()).error.code).toBe('payload_too_large');
		}
		// A JSON body over the API's 1 MB limit.
		const json = await fetch(app.origin + '/api/walks', { method: 'POST', headers: { 'content-type': 'application/json', origin: app.origin, cookie }, body: JSON.stringify({ properties: { title: 'x'.repeat(1_100_000) } }) });
		expect(json.status).toBe(413);
		expect(await json.json()).toMatchObject({ error: { code: 'payload_too_large' } });
	});

	it('sends the security headers with static files', async () => {
		const res = await fetch(app.origin + '/favicon.svg');
		expect(res.status).toBe(200);
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('x-frame-options')).toBe('DENY');
	});
});

describe('`node build` while its database cannot be reached', () => {
	let app: Started;
	beforeAll(async () => {
		// Port 9 (discard) on loopback: nothing listens, every connection is refused.
		app = await nodeBuild({ DATABASE_URL: 'postgres://postgres@127.0.0.1:9/lykta', LYKTA_DEMO: 'off', ORIGIN: 'http://localhost' });
	}, 90_000);
	afterAll(() => stop(app));

	it('stays up, and /api/health answers 503 with the reason', async () => {
		const res = await fetch(app.origin + '/api/health');
		expect(res.status).toBe(503);
		expect(res.headers.get('retry-after')).toBe('2');
		expect(await res.json()).toEqual({ error: { code: 'database_unavailable', message: 'Databasen är tillfälligt otillgänglig. Försök igen om en stund.', details: { reason: 'ECONNREFUSED' } } });
	});

	it('answers every API call with 503 database_unavailable, reads and writes alike', async () => {
		for (const [method, path] of [['GET', '/api/areas'], ['GET', '/api/findings'], ['POST', '/api/findings'], ['GET', '/tiles/incidents/14/9000/4800.mvt']]) {
			const res = await fetch(app.origin + path, { method, headers: { origin: 'http://localhost', 'content-type': 'application/json', cookie: 'lykta_session=whatever' }, body: method === 'POST' ? '{}' : undefined });
			expect(res.status, `${method} ${path}`).toBe(503);
			expect((await res.json()).error.code).toBe('database_unavailable');
		}
	});

	it('shows a page that says so, in the user’s language', async () => {
		const sv = await fetch(app.origin + '/plan', { headers: { accept: 'text/html' } });
		expect(sv.status).toBe(503);
		const html = await sv.text();
		expect(html).toContain('<html lang="sv">');
		expect(html).toContain('<h1>Lykta är tillfälligt otillgänglig</h1>');
		const en = await fetch(app.origin + '/plan', { headers: { accept: 'text/html', cookie: 'lykta_locale=en' } });
		expect(await en.text()).toContain('<h1>Lykta is temporarily unavailable</h1>');
	});

	it('keeps trying to reach the database instead of exiting', async () => {
		await new Promise((done) => setTimeout(done, 2500));
		expect(app.process.exitCode).toBeNull();
		expect(app.output()).toMatch(/database not reachable \(ECONNREFUSED\); trying again in 2 s/);
	});
});
