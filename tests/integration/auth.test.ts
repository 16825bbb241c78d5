import { beforeEach, describe, expect, it } from 'vitest';
import { api, db, PASSWORD, resetDatabase, seedWorld, type World } from './harness';

function cookieFrom(setCookie: string | null): string {
	expect(setCookie).toBeTruthy();
	return setCookie!.split(';')[0];
}

describe('accounts, sessions and tokens', () => {
	let world: World;
	beforeEach(async () => {
		await resetDatabase();
		world = await seedWorld();
	});

	it('logs in with e-mail and password, sets an HttpOnly session cookie and knows the user', async () => {
		const login = await api('POST', '/api/session', { json: { email: 'Coordinator@Test.Example', password: PASSWORD } });
		expect(login.status).toBe(200);
		const setCookie = login.headers.get('set-cookie')!;
		expect(setCookie).toMatch(/lykta_session=/);
		expect(setCookie).toMatch(/HttpOnly/i);
		expect(setCookie).toMatch(/SameSite=Lax/i);
		expect(login.body.user).toMatchObject({ email: 'coordinator@test.example', roles: [{ role: 'coordinator', areaId: world.district }] });
		expect(JSON.stringify(login.body)).not.toMatch(/argon2|password_hash/);

		const me = await api('GET', '/api/session', { cookie: cookieFrom(setCookie) });
		expect(me.status).toBe(200);
		expect(me.body.user.email).toBe('coordinator@test.example');
	});

	it('stores only a hash of the session token', async () => {
		const login = await api('POST', '/api/session', { json: { email: 'walker@test.example', password: PASSWORD } });
		const token = cookieFrom(login.headers.get('set-cookie')).split('=')[1];
		const sessions = await db().selectFrom('sessions').select('id').execute();
		expect(sessions).toHaveLength(1);
		expect(sessions[0].id).not.toContain(token);
		expect(sessions[0].id).toMatch(/^[0-9a-f]{64}$/);
	});

	it('refuses a wrong password or unknown user with 401 and records the attempt', async () => {
		const wrong = await api('POST', '/api/session', { json: { email: 'walker@test.example', password: 'nope nope nope' } });
		const unknown = await api('POST', '/api/session', { json: { email: 'ghost@test.example', password: PASSWORD } });
		for (const res of [wrong, unknown]) {
			expect(res.status).toBe(401);
			expect(res.body.error.code).toBe('invalid_credentials');
			expect(res.headers.get('set-cookie')).toBeNull();
		}
		const failed = await db().selectFrom('audit_log').select('actor_label').where('action', '=', 'login_failed').execute();
		expect(failed.map((f) => f.actor_label).sort()).toEqual(['ghost@test.example', 'walker@test.example']);
	});

	it('logs out: the session no longer works', async () => {
		const login = await api('POST', '/api/session', { json: { email: 'viewer@test.example', password: PASSWORD } });
		const cookie = cookieFrom(login.headers.get('set-cookie'));
		expect((await api('DELETE', '/api/session', { cookie })).status).toBe(204);
		expect((await api('GET', '/api/session', { cookie })).status).toBe(401);
		expect(await db().selectFrom('sessions').selectAll().execute()).toHaveLength(0);
	});

	it('answers an unknown session with 401', async () => {
		const res = await api('GET', '/api/session', { cookie: 'lykta_session=forged-value' });
		expect(res.status).toBe(401);
		expect(res.body.error.code).toBe('unauthenticated');
	});

	it('accepts API bearer tokens, lists them without secrets, and stops accepting revoked ones', async () => {
		const created = await api('POST', '/api/tokens', { as: world.tokens.coordinator, json: { name: 'QGIS script' } });
		expect(created.status).toBe(201);
		expect(created.body.token).toMatch(/^lykta_/);
		const me = await api('GET', '/api/session', { as: created.body.token });
		expect(me.body.user.email).toBe('coordinator@test.example');

		const list = await api('GET', '/api/tokens', { as: created.body.token });
		expect(list.body.tokens.map((t: { name: string }) => t.name)).toContain('QGIS script');
		expect(JSON.stringify(list.body)).not.toContain(created.body.token);

		expect((await api('DELETE', `/api/tokens/${created.body.id}`, { as: world.tokens.coordinator })).status).toBe(204);
		expect((await api('GET', '/api/session', { as: created.body.token })).status).toBe(401);
	});

	it('answers 401 to an unknown bearer token', async () => {
		const res = await api('GET', '/api/session', { as: 'lykta_not-a-real-token' });
		expect(res.status).toBe(401);
	});
});
