import { beforeEach, describe, expect, it } from 'vitest';
import { api, db, resetDatabase, seedWorld, type World } from './harness';

const office = (lon: number, lat: number) => ({
	name: 'Mottagning',
	address: 'Hornsgatan 1',
	openingHours: 'Mo-Fr 09:00-16:00',
	location: { type: 'Point', coordinates: [lon, lat] }
});

describe('/api/partners', () => {
	let world: World;
	beforeEach(async () => {
		await resetDatabase();
		world = await seedWorld();
	});

	async function create(token: string, properties: Record<string, unknown>) {
		return api('POST', '/api/partners', { as: token, json: { type: 'Feature', geometry: null, properties } });
	}

	it('creates a partner with responsibilities, areas and a service location, as a GeoJSON Feature', async () => {
		const res = await create(world.tokens.coordinator, {
			name: 'Trafikkontoret',
			kind: 'municipal',
			categories: ['lighting', 'traffic', 'lighting'],
			areaIds: [world.place],
			contact: { email: 'trafik@example.se', phone: '08-000 00 00' },
			serviceLocations: [office(18.04, 59.315)]
		});
		expect(res.status).toBe(201);
		expect(res.body).toMatchObject({
			type: 'Feature',
			geometry: { type: 'MultiPoint', coordinates: [[18.04, 59.315]] },
			properties: {
				slug: 'trafikkontoret',
				kind: 'municipal',
				categories: ['lighting', 'traffic'],
				areaIds: [world.place],
				contact: { email: 'trafik@example.se', phone: '08-000 00 00', name: null, website: null },
				serviceLocations: [{ name: 'Mottagning', openingHours: 'Mo-Fr 09:00-16:00', coordinates: [18.04, 59.315] }],
				version: 1
			}
		});
	});

	it('filters by area (including enclosing districts), kind, category and bbox', async () => {
		const police = await create(world.tokens.admin, { name: 'Polisen', kind: 'police', categories: ['other'], areaIds: [world.district] });
		const owner = await create(world.tokens.admin, { name: 'Stena', kind: 'property_owner', categories: ['litter'], areaIds: [world.otherPlace], serviceLocations: [office(18.065, 59.333)] });
		const ids = (res: any) => res.body.features.map((f: any) => f.id).sort();
		expect(ids(await api('GET', `/api/partners?area=${world.place}`))).toEqual([police.body.id]);
		expect(ids(await api('GET', '/api/partners?kind=property_owner'))).toEqual([owner.body.id]);
		expect(ids(await api('GET', '/api/partners?category=litter'))).toEqual([owner.body.id]);
		expect(ids(await api('GET', '/api/partners?bbox=18.064,59.332,18.066,59.334'))).toEqual([owner.body.id].concat().sort());
	});

	it('lets only coordinators of every linked area change a partner', async () => {
		const res = await create(world.tokens.coordinator, { name: 'Förening', kind: 'association', areaIds: [world.district] });
		expect(res.status).toBe(201);
		const intoOther = await create(world.tokens.coordinator, { name: 'Annan', kind: 'association', areaIds: [world.otherDistrict] });
		expect(intoOther.status).toBe(403);
		const byOutsider = await api('PATCH', `/api/partners/${res.body.id}`, { as: world.tokens.outsider, json: { version: 1, properties: { name: 'Kapad' } } });
		expect(byOutsider.status).toBe(403);
		const moveAway = await api('PATCH', `/api/partners/${res.body.id}`, { as: world.tokens.coordinator, json: { version: 1, properties: { areaIds: [world.otherDistrict] } } });
		expect(moveAway.status).toBe(403);
		const byWalker = await api('PATCH', `/api/partners/${res.body.id}`, { as: world.tokens.walker, json: { version: 1, properties: { name: 'X' } } });
		expect(byWalker.status).toBe(403);
		expect((await api('PATCH', `/api/partners/${res.body.id}`, { json: { version: 1, properties: { name: 'X' } } })).status).toBe(401);
		const row = await db().selectFrom('partners').select(['name', 'version']).where('id', '=', res.body.id).executeTakeFirstOrThrow();
		expect(row).toEqual({ name: 'Förening', version: 1 });
	});

	it('patches only what is sent, with optimistic locking', async () => {
		const res = await create(world.tokens.coordinator, { name: 'SISAB', kind: 'property_owner', categories: ['vandalism'], areaIds: [world.district] });
		const patched = await api('PATCH', `/api/partners/${res.body.id}`, { as: world.tokens.coordinator, json: { properties: { version: 1, description: 'Skolfastigheter' } } });
		expect(patched.status).toBe(200);
		expect(patched.body.properties).toMatchObject({ description: 'Skolfastigheter', categories: ['vandalism'], areaIds: [world.district], version: 2 });
		const stale = await api('PATCH', `/api/partners/${res.body.id}`, { as: world.tokens.coordinator, json: { version: 1, properties: { categories: [] } } });
		expect(stale.status).toBe(409);
		const current = await api('GET', `/api/partners/${res.body.id}`);
		expect(current.body.properties.categories).toEqual(['vandalism']);
	});

	it('deletes for admins, with the record kept in the audit log', async () => {
		const res = await create(world.tokens.coordinator, { name: 'Tillfällig', kind: 'ngo', areaIds: [world.district] });
		expect((await api('DELETE', `/api/partners/${res.body.id}`, { as: world.tokens.coordinator })).status).toBe(403);
		expect((await api('DELETE', `/api/partners/${res.body.id}`, { as: world.tokens.admin })).status).toBe(204);
		expect((await api('GET', `/api/partners/${res.body.id}`)).status).toBe(404);
		const audit = await db().selectFrom('audit_log').select(['action', 'before']).where('entity_id', '=', res.body.id).orderBy('id').execute();
		expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);
		expect(audit[1].before).toMatchObject({ properties: { name: 'Tillfällig' } });
	});
});
