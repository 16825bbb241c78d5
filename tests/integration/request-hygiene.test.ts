/**
 * Requests the server refuses before any work: cookie-authenticated writes from another
 * origin, bodies over the limits; and the headers every response carries, static files too.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { api, db, PASSWORD, resetDatabase, seedWorld, snapshotCounts, type World } from './harness';

async function logIn(email: string): Promise<string> {
	const login = await api('POST', '/api/session', { json: { email, password: PASSWORD } });
	expect(login.status).toBe(200);
	return login.headers.get('set-cookie')!.split(';')[0];
}

const walkBody = (areaId: string) => ({ properties: { areaId, title: 'Trygghetsvandring', startsAt: '2030-05-20T18:00:00+02:00' } });

describe('writes from other sites', () => {
	let world: World;
	let cookie: string;
	beforeEach(async () => {
		await resetDatabase();
		world = await seedWorld();
		cookie = await logIn('coordinator@test.example');
	});

	for (const [label, origin] of [
		['a foreign origin', 'http://evil.example'],
		['the origin "null" (a sandboxed frame, a file)', 'null'],
		['no origin at all', '']
	] as const) {
		it(`refuses a cookie-authenticated POST, PATCH and DELETE from ${label} with 403, changing nothing`, async () => {
			const before = await snapshotCounts(['walks', 'audit_log']);
			const post = await api('POST', '/api/walks', { cookie, json: walkBody(world.place), headers: { origin } });
			expect(post.status).toBe(403);
			expect(post.body).toEqual({ error: { code: 'forbidden_origin', message: expect.any(String), details: { origin: origin || null } } });
			// Whatever the content type: a form-encoded or plain-text body is refused the same way.
			const plain = await api('POST', '/api/walks', { cookie, body: JSON.stringify(walkBody(world.place)), headers: { origin, 'content-type': 'text/plain' } });
			expect(plain.status).toBe(403);

			const created = await api('POST', '/api/walks', { cookie, json: walkBody(world.place) });
			expect(created.status).toBe(201);
			const patch = await api('PATCH', `/api/walks/${created.body.id}`, { cookie, json: { version: 1, properties: { title: 'Ändrad' } }, headers: { origin } });
			expect(patch.status).toBe(403);
			const del = await api('DELETE', `/api/walks/${created.body.id}?version=1`, { cookie, headers: { origin } });
			expect(del.status).toBe(403);
			const after = await api('GET', `/api/walks/${created.body.id}`, { cookie });
			expect(after.body.properties.title).toBe('Trygghetsvandring');
			expect(after.body.properties.version).toBe(1);
			expect(await snapshotCounts(['walks', 'audit_log'])).toEqual({ walks: before.walks + 1, audit_log: before.audit_log + 1 });
		});
	}

	it('refuses a login from another site, and starts no session', async () => {
		const sessions = async () => (await db().selectFrom('sessions').select(db().fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
		const before = Number(await sessions());
		for (const origin of ['http://evil.example', 'null', '']) {
			const login = await api('POST', '/api/session', { json: { email: 'coordinator@test.example', password: PASSWORD }, headers: { origin } });
			expect(login.status).toBe(403);
			expect(login.body.error.code).toBe('forbidden_origin');
			expect(login.headers.get('set-cookie')).toBeNull();
		}
		expect(Number(await sessions())).toBe(before);
	});

	it('lets bearer-token clients write from anywhere', async () => {
		const res = await api('POST', '/api/walks', { as: world.tokens.coordinator, json: walkBody(world.place), headers: { origin: 'http://gis.example' } });
		expect(res.status).toBe(201);
		const none = await api('POST', '/api/walks', { as: world.tokens.coordinator, json: walkBody(world.place), headers: { origin: '' } });
		expect(none.status).toBe(201);
	});

	it('reads from anywhere are unaffected', async () => {
		const res = await api('GET', '/api/walks', { cookie, headers: { origin: 'http://evil.example' } });
		expect(res.status).toBe(200);
	});

	it('answers the refusal in the user’s language', async () => {
		const sv = await api('POST', '/api/walks', { cookie, json: walkBody(world.place), headers: { origin: 'http://evil.example' } });
		expect(sv.body.error.message).toBe('Begäran kom från en annan webbplats och togs inte emot.');
		const en = await api('POST', '/api/walks', { cookie: `${cookie}; lykta_locale=en`, json: walkBody(world.place), headers: { origin: 'http://evil.example' } });
		expect(en.body.error.message).toBe('The request came from another site and was not accepted.');
	});
});

/** The same listener as `node build`, with its own environment, on a free port. */
async function listenerWith(env: Record<string, string>) {
	const { lyktaListener } = await import(pathToFileURL(resolve('build/lykta-listener.js')).href);
	const { handler } = await import(pathToFileURL(resolve('build/handler.js')).href);
	const server = createServer(lyktaListener(handler, env));
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return { origin, close: () => new Promise((done) => server.close(done)) };
}

describe('headers and limits on every response', () => {
	beforeEach(resetDatabase);

	it('sends the security headers with static files as with the API', async () => {
		for (const path of ['/favicon.svg', '/api/health']) {
			const res = await api('GET', path);
			expect(res.status).toBe(200);
			expect(res.headers.get('x-content-type-options')).toBe('nosniff');
			expect(res.headers.get('x-frame-options')).toBe('DENY');
			expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
			// Plain http here: no HSTS.
			expect(res.headers.get('strict-transport-security')).toBeNull();
		}
	});

	it('sends HSTS when the public origin is https, on static files too', async () => {
		const server = await listenerWith({ ORIGIN: 'https://lykta.example.se', BODY_SIZE_LIMIT: '80M' });
		try {
			for (const path of ['/favicon.svg', '/api/health']) {
				const res = await fetch(server.origin + path);
				expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
				expect(res.headers.get('x-content-type-options')).toBe('nosniff');
			}
		} finally {
			await server.close();
		}
	});

	it('answers a body over the server’s limit with 413 in the error shape before reading it', async () => {
		const server = await listenerWith({ ORIGIN: 'http://127.0.0.1', BODY_SIZE_LIMIT: '1M' });
		try {
			const res = await fetch(server.origin + '/api/import/incidents', {
				method: 'POST',
				headers: { 'content-type': 'text/csv', origin: server.origin },
				body: 'x'.repeat(1024 * 1024 + 1)
			});
			expect(res.status).toBe(413);
			expect(await res.json()).toEqual({ error: { code: 'payload_too_large', message: 'Det som skickades är för stort (högst 1048576 byte).', details: { limit: 1048576 } } });
		} finally {
			await server.close();
		}
	});
});

describe('the import preview of a large file', () => {
	let world: World;
	beforeEach(async () => {
		await resetDatabase();
		world = await seedWorld();
	});

	it('answers with the preview when the client sends the whole file (1.5 MB, preview reads 256 KB)', async () => {
		const header = 'tid;x;y;kategori\n';
		const row = (i: number) => `2023-06-${String((i % 28) + 1).padStart(2, '0')} 21:30;674000;6577500;narkotika\n`;
		let csv = header;
		for (let i = 0; csv.length < 1_500_000; i++) csv += row(i);
		const res = await api('POST', '/api/import/incidents?preview=true&filename=big.csv', { as: world.tokens.admin, body: csv, headers: { 'content-type': 'text/csv' } });
		expect(res.status).toBe(200);
		expect(res.body.columns).toEqual(['tid', 'x', 'y', 'kategori']);
		expect(res.body.rows).toHaveLength(20);
		// The connection is still good for the next request.
		expect((await api('GET', '/api/health')).status).toBe(200);
	});

	it('refuses a preview of a file over the import limit with 413', async () => {
		const limit = Number(process.env.LYKTA_IMPORT_LIMIT);
		const res = await api('POST', '/api/import/incidents?preview=true&filename=big.csv', {
			as: world.tokens.admin,
			body: 'tid;x;y\n' + 'a'.repeat(limit),
			headers: { 'content-type': 'text/csv' }
		});
		expect(res.status).toBe(413);
		expect(res.body.error.code).toBe('payload_too_large');
	});
});

describe('the database connection', () => {
	it.runIf(!!process.env.DATABASE_URL)('has a statement timeout on PostgreSQL, so no statement holds a request for long', async () => {
		const { sql } = await import('kysely');
		const { rows } = await sql<{ statement_timeout: string }>`SHOW statement_timeout`.execute(db());
		expect(rows[0]!.statement_timeout).toBe('15s');
	});
});
