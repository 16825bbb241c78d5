import { beforeEach, describe, expect, it } from 'vitest';
import { api, db, resetDatabase, seedWorld, snapshotCounts, type World } from './harness';

const route = { type: 'LineString', coordinates: [[18.043, 59.3115], [18.0455, 59.3125], [18.048, 59.3133]] };
const pin = (coordinates: [number, number]) => ({
	type: 'Feature',
	geometry: { type: 'Point', coordinates },
	properties: { category: 'hiding_place', severity: 2, description: 'Buskage vid stigen' }
});

function guestCookie(res: { headers: Headers }): string {
	const header = res.headers.get('set-cookie');
	expect(header).toMatch(/lykta_guest=/);
	expect(header).toMatch(/HttpOnly/i);
	return header!.split(';')[0];
}

describe('/api/walks and joining by code', () => {
	let world: World;
	let walkId: string;

	beforeEach(async () => {
		await resetDatabase();
		world = await seedWorld();
		const walk = await api('POST', '/api/walks', {
			as: world.tokens.coordinator,
			json: {
				type: 'Feature',
				geometry: route,
				properties: {
					areaId: world.place,
					kind: 'safety_walk',
					title: 'Trygghetsvandring Tantolunden',
					startsAt: '2030-05-14T18:00:00+02:00',
					endsAt: '2030-05-14T20:00:00+02:00',
					organiserName: 'Södermalms stadsdelsförvaltning',
					participantCount: 14,
					participantKinds: ['staff', 'police', 'resident'],
					usesAudit: true
				}
			}
		});
		expect(walk.status).toBe(201);
		walkId = walk.body.id;
	});

	it('creates a walk with its route and participants', async () => {
		const res = await api('GET', `/api/walks/${walkId}`, { as: world.tokens.viewer });
		expect(res.body).toMatchObject({
			geometry: route,
			properties: { areaName: 'Tantolunden', kind: 'safety_walk', participantCount: 14, participantKinds: ['staff', 'police', 'resident'], findingCount: 0, joinCode: null }
		});
		const list = await api('GET', `/api/walks?area=${world.place}`, { as: world.tokens.walker });
		expect(list.body.features.map((f: any) => f.id)).toEqual([walkId]);
		expect((await api('GET', '/api/walks', { as: world.tokens.outsider })).body.features).toEqual([]);
	});

	it('lets only coordinators and admins of the area plan walks', async () => {
		const body = { properties: { areaId: world.place, title: 'x', startsAt: '2030-05-14T18:00:00+02:00' } };
		for (const who of ['walker', 'partner', 'viewer', 'outsider'] as const)
			expect({ who, status: (await api('POST', '/api/walks', { as: world.tokens[who], json: body })).status }).toEqual({ who, status: 403 });
		expect((await api('POST', '/api/walks', { json: body })).status).toBe(401);
		const endsFirst = await api('POST', '/api/walks', { as: world.tokens.coordinator, json: { properties: { ...body.properties, endsAt: '2030-05-14T17:00:00+02:00' } } });
		expect([endsFirst.status, endsFirst.body.error.code]).toEqual([400, 'invalid_period']);
		const badRoute = await api('POST', '/api/walks', { as: world.tokens.coordinator, json: { ...body, geometry: { type: 'Point', coordinates: [18.04, 59.31] } } });
		expect([badRoute.status, badRoute.body.error.code]).toEqual([400, 'wrong_geometry_type']);
		const patched = await api('PATCH', `/api/walks/${walkId}`, { as: world.tokens.coordinator, json: { version: 1, properties: { participantCount: 16 } } });
		expect(patched.body.properties).toMatchObject({ participantCount: 16, version: 2 });
		expect((await api('PATCH', `/api/walks/${walkId}`, { as: world.tokens.walker, json: { version: 2, properties: { title: 'x' } } })).status).toBe(403);
	});

	it('lets a resident without an account join by code and pin on that walk only', async () => {
		const issued = await api('POST', `/api/walks/${walkId}/join-code`, { as: world.tokens.coordinator });
		expect(issued.status).toBe(201);
		expect(issued.body.code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
		expect(issued.body.url).toMatch(new RegExp(`/join/${issued.body.code}$`));
		// Only managers see the code on the walk.
		expect((await api('GET', `/api/walks/${walkId}`, { as: world.tokens.coordinator })).body.properties.joinCode).toBe(issued.body.code);
		expect((await api('GET', `/api/walks/${walkId}`, { as: world.tokens.viewer })).body.properties.joinCode).toBeNull();

		const typed = `${issued.body.code.slice(0, 3).toLowerCase()}-${issued.body.code.slice(3)}`;
		const joined = await api('POST', '/api/join', { json: { code: typed, name: 'Anna (boende)' } });
		expect(joined.status).toBe(200);
		expect(joined.body.walk).toMatchObject({ id: walkId, properties: { title: 'Trygghetsvandring Tantolunden', joinCode: null } });
		const cookie = guestCookie(joined);

		// Pins land on the walk and in its area, whatever the guest sends.
		const created = await api('POST', '/api/findings', { cookie, json: pin([18.0455, 59.3125]), headers: { 'idempotency-key': 'guest-1' } });
		expect(created.status).toBe(201);
		expect(created.body.properties).toMatchObject({ walkId, areaId: world.place });
		const row = await db().selectFrom('findings').select(['reporter_name', 'reported_by', 'reported_by_guest']).executeTakeFirstOrThrow();
		expect(row).toMatchObject({ reporter_name: 'Anna (boende)', reported_by: null });
		expect(row.reported_by_guest).toBeTruthy();
		const asCoordinator = await api('GET', `/api/findings/${created.body.id}`, { as: world.tokens.coordinator });
		expect(asCoordinator.body.properties.reporter).toEqual({ id: null, name: 'Anna (boende)' });

		const mine = await api('GET', `/api/findings?walk=${walkId}`, { cookie });
		expect(mine.body.features.map((f: any) => f.id)).toEqual([created.body.id]);
		expect(mine.body.features[0].properties.reporter).toBeNull();
		expect((await api('GET', '/api/join', { cookie })).body.guest.name).toBe('Anna (boende)');
	});

	it('gives a guest no other rights', async () => {
		const other = await api('POST', '/api/walks', { as: world.tokens.coordinator, json: { properties: { areaId: world.place, title: 'Annan vandring', startsAt: '2030-06-01T18:00:00+02:00' } } });
		const elsewhere = await api('POST', '/api/findings', { as: world.tokens.coordinator, json: pin([18.046, 59.3126]) });
		const issued = await api('POST', `/api/walks/${walkId}/join-code`, { as: world.tokens.coordinator });
		const cookie = guestCookie(await api('POST', '/api/join', { json: { code: issued.body.code } }));

		const wrongWalk = await api('POST', '/api/findings', { cookie, json: { ...pin([18.0455, 59.3125]), properties: { ...pin([0, 0]).properties, walkId: other.body.id } } });
		expect(wrongWalk.status).toBe(403);
		expect((await api('GET', `/api/findings/${elsewhere.body.id}`, { cookie })).status).toBe(403);
		expect((await api('GET', '/api/findings', { cookie })).body.features).toEqual([]);
		expect((await api('PATCH', `/api/findings/${elsewhere.body.id}`, { cookie, json: { version: 1, properties: { status: 'resolved' } } })).status).toBe(401);
		expect((await api('GET', `/api/walks/${other.body.id}`, { cookie })).status).toBe(403);
		expect((await api('GET', '/api/walks', { cookie })).status).toBe(401);
		expect((await api('POST', '/api/areas', { cookie, json: { geometry: route, properties: { name: 'x' } } })).status).toBe(401);
		expect((await api('GET', '/api/session', { cookie })).status).toBe(401);
	});

	it('refuses wrong, expired and revoked codes', async () => {
		const before = await snapshotCounts(['walk_guests', 'findings']);
		const wrong = await api('POST', '/api/join', { json: { code: 'ZZZ-999' } });
		expect([wrong.status, wrong.body.error.code]).toEqual([404, 'invalid_join_code']);
		const malformed = await api('POST', '/api/join', { json: { code: '12' } });
		expect([malformed.status, malformed.body.error.code]).toEqual([400, 'validation_failed']);

		const issued = await api('POST', `/api/walks/${walkId}/join-code`, { as: world.tokens.coordinator });
		await db().updateTable('walks').set({ join_expires_at: new Date(Date.now() - 60_000) }).where('id', '=', walkId).execute();
		const expired = await api('POST', '/api/join', { json: { code: issued.body.code } });
		expect([expired.status, expired.body.error.code]).toEqual([410, 'join_code_expired']);
		expect(await snapshotCounts(['walk_guests', 'findings'])).toEqual(before);

		const fresh = await api('POST', `/api/walks/${walkId}/join-code`, { as: world.tokens.coordinator });
		const cookie = guestCookie(await api('POST', '/api/join', { json: { code: fresh.body.code } }));
		expect((await api('POST', '/api/findings', { cookie, json: pin([18.0455, 59.3125]) })).status).toBe(201);
		expect((await api('DELETE', `/api/walks/${walkId}/join-code`, { as: world.tokens.coordinator })).status).toBe(204);
		expect((await api('POST', '/api/findings', { cookie, json: pin([18.0455, 59.3125]) })).status).toBe(401);
		expect((await api('POST', '/api/join', { json: { code: fresh.body.code } })).status).toBe(404);
		expect((await api('POST', `/api/walks/${walkId}/join-code`, { as: world.tokens.walker })).status).toBe(403);
	});
});
