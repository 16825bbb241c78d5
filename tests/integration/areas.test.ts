import { beforeEach, describe, expect, it } from 'vitest';
import { api, db, resetDatabase, seedWorld, squareAround, type World } from './harness';

describe('/api/areas', () => {
	let world: World;
	beforeEach(async () => {
		await resetDatabase();
		world = await seedWorld();
	});

	it('lists areas publicly as a FeatureCollection with m² computed in EPSG:3006', async () => {
		const res = await api('GET', '/api/areas');
		expect(res.status).toBe(200);
		expect(res.body.type).toBe('FeatureCollection');
		const tanto = res.body.features.find((f: any) => f.properties.slug === 'tantolunden');
		expect(tanto).toMatchObject({ type: 'Feature', id: world.place, geometry: { type: 'MultiPolygon' } });
		expect(tanto.properties).toMatchObject({ name: 'Tantolunden', kind: 'place', parentId: world.district, version: 1 });
		// The test square is 500 m × 500 m in SWEREF 99 TM.
		expect(tanto.properties.areaM2).toBeCloseTo(250_000, -1);
	});

	it('filters by bbox, parent and kind', async () => {
		const bbox = await api('GET', '/api/areas?bbox=18.06,59.33,18.07,59.335');
		expect(bbox.body.features.map((f: any) => f.properties.slug).sort()).toEqual(['norrmalm', 'sergels-torg']);
		const children = await api('GET', `/api/areas?parent=${world.district}`);
		expect(children.body.features.map((f: any) => f.properties.slug)).toEqual(['tantolunden']);
		const districts = await api('GET', '/api/areas?kind=district');
		expect(districts.body.features.map((f: any) => f.properties.slug).sort()).toEqual(['norrmalm', 'sodermalm']);
	});

	it('shows one area with the partners working in it or in its district', async () => {
		const partner = await api('POST', '/api/partners', {
			as: world.tokens.coordinator,
			json: { properties: { name: 'Polisen Södermalm', kind: 'police', areaIds: [world.district] } }
		});
		expect(partner.status).toBe(201);
		const res = await api('GET', `/api/areas/${world.place}`);
		expect(res.status).toBe(200);
		expect(res.body.properties.partners).toEqual([{ id: partner.body.id, name: 'Polisen Södermalm', kind: 'police' }]);
	});

	it('lets a coordinator create a place inside their district, and audits it', async () => {
		// (Centred a little east of the real park: the test district's west edge is at 18.0336.)
		const geometry = await squareAround(18.037, 59.3155, 200);
		const res = await api('POST', '/api/areas', {
			as: world.tokens.coordinator,
			json: { type: 'Feature', geometry, properties: { name: 'Drakenbergsparken', parentId: world.district } }
		});
		expect(res.status).toBe(201);
		expect(res.body.properties).toMatchObject({ slug: 'drakenbergsparken', kind: 'place', version: 1 });
		expect(res.headers.get('location')).toBe(`/api/areas/${res.body.id}`);
		const audit = await db().selectFrom('audit_log').selectAll().where('entity_id', '=', res.body.id).execute();
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({ action: 'create', entity: 'area', actor_id: world.users.coordinator, before: null });
		expect(audit[0].after).toMatchObject({ id: res.body.id, properties: { name: 'Drakenbergsparken' } });
	});

	it('accepts positions with a height (phone GPS) and stores them in 2D', async () => {
		const square = await squareAround(18.035, 59.3155, 100);
		const geometry = { type: 'Polygon', coordinates: square.coordinates.map((ring) => ring.map(([x, y]) => [x, y, 21.5])) };
		const res = await api('POST', '/api/areas', { as: world.tokens.coordinator, json: { geometry, properties: { name: 'Med höjd', parentId: world.district } } });
		expect(res.status).toBe(201);
		expect(res.body.geometry.coordinates[0][0][0]).toHaveLength(2);
	});

	it('checks role and area: 401 without login, 403 for the wrong role or another district', async () => {
		const geometry = await squareAround(18.035, 59.3155, 100);
		const body = { geometry, properties: { name: 'Ny plats', parentId: world.district } };
		expect((await api('POST', '/api/areas', { json: body })).status).toBe(401);
		for (const who of ['walker', 'partner', 'viewer', 'outsider'] as const) {
			const res = await api('POST', '/api/areas', { as: world.tokens[who], json: body });
			expect({ who, status: res.status, code: res.body.error?.code }).toEqual({ who, status: 403, code: 'forbidden' });
		}
		// A top-level area needs an admin.
		const topLevel = await api('POST', '/api/areas', { as: world.tokens.coordinator, json: { geometry, properties: { name: 'Ny stadsdel', kind: 'district' } } });
		expect(topLevel.status).toBe(403);
		const admin = await api('POST', '/api/areas', { as: world.tokens.admin, json: { geometry, properties: { name: 'Ny stadsdel', kind: 'district' } } });
		expect(admin.status).toBe(201);
		expect(await db().selectFrom('areas').select('name').where('name', '=', 'Ny plats').execute()).toHaveLength(0);
	});

	it('updates with the current version and bumps it; a stale version is a 409 that changes nothing', async () => {
		const first = await api('PATCH', `/api/areas/${world.place}`, {
			as: world.tokens.coordinator,
			json: { version: 1, properties: { description: 'Park vid Årstaviken' } }
		});
		expect(first.status).toBe(200);
		expect(first.body.properties).toMatchObject({ description: 'Park vid Årstaviken', version: 2, name: 'Tantolunden' });

		const stale = await api('PATCH', `/api/areas/${world.place}`, {
			as: world.tokens.coordinator,
			json: { version: 1, properties: { name: 'Överskrivet' } }
		});
		expect(stale.status).toBe(409);
		expect(stale.body.error).toMatchObject({ code: 'version_conflict', details: { currentVersion: 2 } });
		const row = await db().selectFrom('areas').select(['name', 'version']).where('id', '=', world.place).executeTakeFirstOrThrow();
		expect(row).toEqual({ name: 'Tantolunden', version: 2 });
	});

	it('records before and after of an update in the audit log', async () => {
		const geometry = await squareAround(18.0455, 59.3125, 450);
		await api('PATCH', `/api/areas/${world.place}`, { as: world.tokens.coordinator, json: { version: 1, geometry } });
		const entry = await db().selectFrom('audit_log').selectAll().where('action', '=', 'update').executeTakeFirstOrThrow();
		expect((entry.before as any).properties.areaM2).toBeCloseTo(250_000, -1);
		expect((entry.after as any).properties.areaM2).toBeCloseTo(202_500, -1);
	});

	it('refuses to nest an area inside its own sub-area', async () => {
		const res = await api('PATCH', `/api/areas/${world.district}`, {
			as: world.tokens.admin,
			json: { version: 1, properties: { parentId: world.place } }
		});
		expect(res.status).toBe(400);
		expect(res.body.error.code).toBe('invalid_parent');
	});

	it('deletes for admins only, and refuses (409) while sub-areas depend on it', async () => {
		expect((await api('DELETE', `/api/areas/${world.place}`, { as: world.tokens.coordinator })).status).toBe(403);
		const inUse = await api('DELETE', `/api/areas/${world.district}`, { as: world.tokens.admin });
		expect(inUse.status).toBe(409);
		expect(inUse.body.error.code).toBe('in_use');
		const stale = await api('DELETE', `/api/areas/${world.place}?version=7`, { as: world.tokens.admin });
		expect(stale.status).toBe(409);
		const ok = await api('DELETE', `/api/areas/${world.place}?version=1`, { as: world.tokens.admin });
		expect(ok.status).toBe(204);
		expect((await api('GET', `/api/areas/${world.place}`)).status).toBe(404);
		const audit = await db().selectFrom('audit_log').selectAll().where('action', '=', 'delete').executeTakeFirstOrThrow();
		expect(audit.before).toMatchObject({ id: world.place, properties: { name: 'Tantolunden' } });
	});
});
