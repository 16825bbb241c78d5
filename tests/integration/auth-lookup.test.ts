/**
 * Who is asking, answered by one query per request (issue 11, "Fast writes"): a session
 * cookie (sliding, expiring) or an API token, with the account and all its roles.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { api, db, PASSWORD, resetDatabase, seedWorld, type World } from './harness';

const DAY = 86_400_000;

async function logIn(email: string) {
	const res = await api('POST', '/api/session', { json: { email, password: PASSWORD } });
	expect(res.status).toBe(200);
	return res.headers.get('set-cookie')!.split(';')[0];
}

const sessionRow = async () => db().selectFrom('sessions').select(['expires_at', 'last_seen_at']).executeTakeFirstOrThrow();

describe('the actor behind a request', () => {
	let world: World;
	beforeEach(async () => {
		await resetDatabase();
		world = await seedWorld();
	});

	it('knows every role of the account, from a cookie and from a token alike', async () => {
		await db().insertInto('area_roles').values({ tenant_id: 'stockholm', user_id: world.users.walker, area_id: world.otherPlace, role: 'viewer', incidents: true }).execute();
		const expected = [
			{ areaId: world.district, role: 'walker', incidents: false },
			{ areaId: world.otherPlace, role: 'viewer', incidents: true }
		];
		const byCookie = await api('GET', '/api/session', { cookie: await logIn('walker@test.example') });
		const byToken = await api('GET', '/api/session', { as: world.tokens.walker });
		for (const res of [byCookie, byToken]) {
			expect(res.status).toBe(200);
			expect(res.body.user).toMatchObject({ id: world.users.walker, email: 'walker@test.example', displayName: 'walker', partnerId: null, locale: 'sv' });
			expect(res.body.user.roles).toEqual(expected);
		}
	});

	it('leaves a fresh session as it is and extends one past half its life, with a new cookie', async () => {
		const cookie = await logIn('viewer@test.example');
		const fresh = await sessionRow();
		const untouched = await api('GET', '/api/session', { cookie });
		expect(untouched.status).toBe(200);
		expect(untouched.headers.get('set-cookie')).toBeNull();
		expect(await sessionRow()).toEqual(fresh);

		await db().updateTable('sessions').set({ expires_at: new Date(Date.now() + DAY) }).execute();
		const extended = await api('GET', '/api/session', { cookie });
		expect(extended.status).toBe(200);
		const setCookie = extended.headers.get('set-cookie')!;
		expect(setCookie).toContain(cookie);
		const expires = new Date(/Expires=([^;]+)/i.exec(setCookie)![1]).getTime();
		// 14 days from now (the tests' session lifetime), to the second the cookie can say.
		expect(Math.abs(expires - (Date.now() + 14 * DAY))).toBeLessThan(60_000);
		const stored = await sessionRow();
		expect(Math.abs(new Date(stored.expires_at).getTime() - expires)).toBeLessThan(1000);
		expect(new Date(stored.last_seen_at).getTime()).toBeGreaterThan(new Date(fresh.last_seen_at).getTime());
	});

	it('deletes an expired session and clears its cookie', async () => {
		const cookie = await logIn('viewer@test.example');
		await db().updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).execute();
		const res = await api('GET', '/api/session', { cookie });
		expect([res.status, res.body.error.code]).toEqual([401, 'unauthenticated']);
		expect(res.headers.get('set-cookie')).toMatch(/lykta_session=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i);
		expect(await db().selectFrom('sessions').selectAll().execute()).toEqual([]);
	});

	it('refuses a disabled account by cookie and by token', async () => {
		const cookie = await logIn('coordinator@test.example');
		await db().updateTable('users').set({ disabled_at: new Date() }).where('id', '=', world.users.coordinator).execute();
		expect((await api('GET', '/api/session', { cookie })).status).toBe(401);
		expect((await api('GET', '/api/session', { as: world.tokens.coordinator })).status).toBe(401);
		expect((await api('POST', '/api/findings', { as: world.tokens.coordinator, json: {} })).status).toBe(401);
	});

	it('refuses an expired token', async () => {
		await db().updateTable('api_tokens').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', world.users.viewer).execute();
		expect((await api('GET', '/api/session', { as: world.tokens.viewer })).status).toBe(401);
	});

	it('records when a token was last used, to the minute', async () => {
		const lastUsed = async () =>
			(await db().selectFrom('api_tokens').select('last_used_at').where('user_id', '=', world.users.viewer).executeTakeFirstOrThrow()).last_used_at;
		await db().updateTable('api_tokens').set({ last_used_at: null }).where('user_id', '=', world.users.viewer).execute();
		await api('GET', '/api/session', { as: world.tokens.viewer });
		const first = await lastUsed();
		expect(first).not.toBeNull();
		expect(Math.abs(new Date(first!).getTime() - Date.now())).toBeLessThan(60_000);

		const recent = new Date(Date.now() - 30_000);
		await db().updateTable('api_tokens').set({ last_used_at: recent }).where('user_id', '=', world.users.viewer).execute();
		await api('GET', '/api/session', { as: world.tokens.viewer });
		expect(new Date((await lastUsed())!).getTime()).toBe(recent.getTime());

		await db().updateTable('api_tokens').set({ last_used_at: sql<Date>`now() - interval '2 minutes'` }).where('user_id', '=', world.users.viewer).execute();
		await api('GET', '/api/session', { as: world.tokens.viewer });
		expect(Math.abs(new Date((await lastUsed())!).getTime() - Date.now())).toBeLessThan(60_000);
	});
});
