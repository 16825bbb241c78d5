/**
 * Throttling guesses (issue 11, part 4): logins per account and per client address, join
 * codes per code and per address — 429 with Retry-After and the error shape, delays that
 * double after a few free failures up to a cap, short per account, longer per address; a
 * success clears the counts. Waiting is simulated by moving the block into the past in
 * the database. The tests run from 127.0.0.1; another client address is 127.0.0.2.
 */
import { request } from 'node:http';
import { sql } from 'kysely';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api, app, db, PASSWORD, resetDatabase, seedWorld, tenant, type ApiResponse, type World } from './harness';

/** A JSON POST from another client address (any 127.x.y.z is this machine). */
async function postFrom(localAddress: string, path: string, json: unknown): Promise<ApiResponse> {
	const { origin } = await app();
	const url = new URL(path, origin);
	return new Promise((resolve, reject) => {
		const req = request(url, { method: 'POST', localAddress, headers: { origin, 'content-type': 'application/json' } }, (res) => {
			let text = '';
			res.on('data', (c) => (text += c));
			res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : null, headers: new Headers(res.headers as Record<string, string>) }));
		});
		req.on('error', reject);
		req.end(JSON.stringify(json));
	});
}

const login = (email: string, password: string) => api('POST', '/api/session', { json: { email, password } });
const wrong = (email = 'walker@test.example') => login(email, 'not the password');

/** As if the current blocks had run out (the counts stay). */
const waitOut = () => sql`UPDATE auth_throttles SET blocked_until = now() - interval '1 second' WHERE blocked_until IS NOT NULL`.execute(db());

function expectThrottled(res: ApiResponse, seconds: number) {
	expect({ status: res.status, code: res.body?.error?.code, retryAfter: res.headers.get('retry-after'), details: res.body?.error?.details }).toEqual({
		status: 429,
		code: 'too_many_attempts',
		retryAfter: String(seconds),
		details: { retryAfter: seconds }
	});
	// In the user's language (Swedish by default), with the wait from the details.
	expect(res.body.error.message).toBe(`För många misslyckade försök. Vänta ${seconds} s och försök igen.`);
}

describe('login throttling', () => {
	let world: World;
	beforeAll(async () => {
		await resetDatabase();
		world = await seedWorld();
	});
	afterEach(() => db().deleteFrom('auth_throttles').execute());

	it('lets five wrong passwords go, then refuses for 1, 2, 4 … seconds, without looking at the password', async () => {
		for (let i = 1; i <= 6; i++) expect((await wrong()).status, `failure ${i}`).toBe(401);
		// Blocked now: even the right password is not tried.
		expectThrottled(await login('walker@test.example', PASSWORD), 1);
		const audit = await db().selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'login').executeTakeFirstOrThrow();
		expect(Number(audit.n)).toBe(0);
		for (const seconds of [2, 4, 8]) {
			await waitOut();
			expect((await wrong()).status).toBe(401);
			expectThrottled(await wrong(), seconds);
		}
	});

	it('keeps the real user out at most 30 s per account however long the guessing goes on', async () => {
		for (let i = 0; i < 6; i++) await wrong();
		await sql`UPDATE auth_throttles SET failures = 500 WHERE scope = 'login_account'`.execute(db());
		await waitOut();
		expect((await wrong()).status).toBe(401);
		// From another address (the real user at work) the account waits the capped 30 s, not more.
		expectThrottled(await postFrom('127.0.0.2', '/api/session', { email: 'walker@test.example', password: PASSWORD }), 30);
	});

	it('a success after the wait logs in and clears the counts for the account and the address', async () => {
		for (let i = 0; i < 6; i++) await wrong();
		expect((await login('walker@test.example', PASSWORD)).status).toBe(429);
		await waitOut();
		expect((await login('walker@test.example', PASSWORD)).status).toBe(200);
		expect(await db().selectFrom('auth_throttles').selectAll().execute()).toEqual([]);
		// Five free failures again.
		for (let i = 0; i < 5; i++) expect((await wrong()).status).toBe(401);
	});

	it('counts per client address across accounts, with a longer cap there; other addresses are not affected', async () => {
		// 20 failures spread over four accounts: no account is blocked, the address is after the 21st.
		const emails = ['walker', 'viewer', 'partner', 'coordinator'].map((w) => `${w}@test.example`);
		for (let i = 0; i < 20; i++) expect((await wrong(emails[i % 4])).status).toBe(401);
		expect((await wrong('ghost@test.example')).status).toBe(401);
		expectThrottled(await login('admin@test.example', PASSWORD), 1);
		// Someone else, elsewhere, logs in as usual.
		expect((await postFrom('127.0.0.2', '/api/session', { email: 'admin@test.example', password: PASSWORD })).status).toBe(200);
		await sql`UPDATE auth_throttles SET failures = 500 WHERE scope = 'login_address'`.execute(db());
		await waitOut();
		expect((await wrong('ghost2@test.example')).status).toBe(401);
		expectThrottled(await login('admin@test.example', PASSWORD), 120);
	});

	it('forgets the count an hour after the last failure, and prunes counters long out of use', async () => {
		for (let i = 0; i < 6; i++) await wrong();
		await sql`UPDATE auth_throttles SET failures = 40, blocked_until = NULL, last_failure_at = now() - interval '61 minutes'`.execute(db());
		await sql`INSERT INTO auth_throttles (tenant_id, scope, key_hash, failures, last_failure_at) VALUES (${tenant}, 'login_account', 'stale', 3, now() - interval '1 day')`.execute(db());
		expect((await wrong()).status).toBe(401);
		const rows = await db().selectFrom('auth_throttles').select(['scope', 'failures', 'blocked_until']).orderBy('scope').execute();
		expect(rows).toEqual([
			{ scope: 'login_account', failures: 1, blocked_until: null },
			{ scope: 'login_address', failures: 1, blocked_until: null }
		]);
	});

	it('the login page shows the wait in the page’s language and sends Retry-After', async () => {
		for (let i = 0; i < 6; i++) await wrong();
		const form = (locale: string) =>
			api('POST', '/login', {
				body: new URLSearchParams({ email: 'walker@test.example', password: PASSWORD }).toString(),
				headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', cookie: `lykta_locale=${locale}` }
			});
		const sv = await form('sv');
		expect(sv.status).toBe(429);
		expect(sv.headers.get('retry-after')).toBe('1');
		expect(String(sv.body)).toContain('För många misslyckade inloggningar. Försök igen om 1 sekund.');
		const en = await form('en');
		expect(String(en.body)).toContain('Too many failed logins. Try again in 1 second.');
		// With JavaScript (use:enhance) the action answers as data.
		const enhanced = await api('POST', '/login', {
			body: new URLSearchParams({ email: 'walker@test.example', password: PASSWORD }).toString(),
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'x-sveltekit-action': 'true' }
		});
		expect(enhanced.body).toMatchObject({ type: 'failure', status: 429 });
		expect(enhanced.body.data).toContain('throttled');
	});

	it('wrong passwords through the login page count the same as through the API', async () => {
		for (let i = 0; i < 6; i++)
			await api('POST', '/login', { body: new URLSearchParams({ email: 'walker@test.example', password: 'nope' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
		expectThrottled(await login('walker@test.example', PASSWORD), 1);
	});
});

describe('join-code throttling', () => {
	let world: World;
	let code: string;
	beforeAll(async () => {
		await resetDatabase();
		world = await seedWorld();
		const walk = await api('POST', '/api/walks', { as: world.tokens.coordinator, json: { properties: { areaId: world.place, title: 'Vandring', startsAt: '2030-05-14T18:00:00+02:00' } } });
		code = (await api('POST', `/api/walks/${walk.body.id}/join-code`, { as: world.tokens.coordinator })).body.code;
	});
	afterEach(() => db().deleteFrom('auth_throttles').execute());

	const join = (c: string) => api('POST', '/api/join', { json: { code: c } });
	/** Six-character codes that are not the walk's. */
	const wrongCodes = (n: number) => Array.from({ length: n }, (_, i) => `ZZ${String(i).padStart(4, '0')}`.replace(/0/g, 'Q').replace(/1/g, 'R'));

	it('refuses a code tried too often, per code, with growing delays', async () => {
		for (let i = 0; i < 6; i++) expect((await join('ZZZ999')).status).toBe(404);
		expectThrottled(await join('ZZZ999'), 1);
		await waitOut();
		expect((await join('ZZZ999')).status).toBe(404);
		expectThrottled(await join('ZZZ999'), 2);
	});

	it('refuses an address that guesses many codes; the right code from elsewhere still works, and a success clears the counts', async () => {
		for (const c of wrongCodes(21)) expect((await join(c)).status, c).toBe(404);
		expectThrottled(await join(code), 1);
		expect((await postFrom('127.0.0.2', '/api/join', { code })).status).toBe(200);
		await waitOut();
		expect((await join(code)).status).toBe(200);
		expect(await db().selectFrom('auth_throttles').selectAll().where('scope', '=', 'join_address').execute()).toEqual([]);
	});

	it('the join page has Swedish and English text for the refusal', async () => {
		const { messages } = await import('../../src/lib/i18n/locale');
		expect((messages.sv as any).join.errors.too_many_attempts).toMatch(/För många/);
		expect((messages.en as any).join.errors.too_many_attempts).toMatch(/Too many/);
	});
});

describe('the throttle does not slow down ordinary use', () => {
	beforeAll(async () => {
		await resetDatabase();
		await seedWorld();
	});

	it('fifty logins in a row from one address all succeed', async () => {
		for (let i = 0; i < 50; i++) expect((await login('viewer@test.example', PASSWORD)).status).toBe(200);
	});
});
