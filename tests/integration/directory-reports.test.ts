/**
 * Internal reports from the compass and their review, and the directory's export and import
 * (HSDS JSON and CSV), on whichever database the run has.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { api, db, resetDatabase, seedWorld, type World } from './harness';

const point = (c: [number, number]) => ({ type: 'Point', coordinates: c });

describe('internal reports', () => {
	let world: World;
	let clinic: string;
	beforeEach(async () => {
		await resetDatabase();
		world = await seedWorld();
		const res = await api('POST', '/api/partners', {
			as: world.tokens.admin,
			json: { properties: { name: 'Mottagningen', kind: 'health_social', needs: ['health_care'], areaIds: [world.district], serviceLocations: [{ name: 'Mottagningen Ring', openingHours: 'Mo-Fr 08:00-16:00', location: point([18.06, 59.31]) }] } }
		});
		clinic = res.body.id;
	});

	it('a walker reports a problem nobody handles; the coordinator sees it, and one action makes a partner take it on', async () => {
		const report = await api('POST', '/api/compass/reports', { as: world.tokens.walker, json: { kind: 'unhandled_problem', areaId: world.place, need: 'legal', description: 'Ingen hjälper med juridik på kvällar.' } });
		expect(report.status).toBe(201);
		expect(report.body).toMatchObject({ status: 'open', need: 'legal', areaName: 'Tantolunden' });
		const list = await api('GET', '/api/compass/reports?status=open', { as: world.tokens.coordinator });
		expect(list.body.map((r: any) => r.id)).toEqual([report.body.id]);
		expect((await api('GET', '/api/compass/reports', { as: world.tokens.outsider })).body).toEqual([]);
		expect((await api('POST', `/api/compass/reports/${report.body.id}/apply`, { as: world.tokens.outsider, json: { version: 1, partnerId: clinic } })).status).toBe(403);
		const missing = await api('POST', `/api/compass/reports/${report.body.id}/apply`, { as: world.tokens.coordinator, json: { version: 1 } });
		expect(missing.body.error.details).toEqual([expect.objectContaining({ path: 'partnerId', code: 'required' })]);
		const applied = await api('POST', `/api/compass/reports/${report.body.id}/apply`, { as: world.tokens.coordinator, json: { version: 1, partnerId: clinic, answer: 'Mottagningen tar det.' } });
		expect(applied.status).toBe(200);
		expect(applied.body).toMatchObject({ status: 'applied', answer: 'Mottagningen tar det.', appliedChange: { entity: 'partner', id: clinic, action: 'took_on' } });
		const partner = await api('GET', `/api/partners/${clinic}`);
		expect(partner.body.properties.needs).toEqual(['health_care', 'legal']);
		expect(partner.body.properties.areaIds.sort()).toEqual([world.district, world.place].sort());
		expect((await api('POST', `/api/compass/reports/${report.body.id}/apply`, { as: world.tokens.coordinator, json: { version: 2, partnerId: clinic } })).body.error.code).toBe('report_closed');
		// The reporter sees the answer in their own list.
		expect((await api('GET', '/api/compass/reports', { as: world.tokens.walker })).body[0]).toMatchObject({ status: 'applied', answer: 'Mottagningen tar det.' });
	});

	it('changed hours replace a service location’s hours in place; a new solution becomes a partner; a stale apply changes nothing', async () => {
		const before = (await api('GET', `/api/partners/${clinic}`)).body.properties.serviceLocations[0];
		const hours = await api('POST', '/api/compass/reports', { as: world.tokens.partner, json: { kind: 'changed_hours', areaId: world.place, partnerId: clinic, serviceLocationId: before.id, proposal: { openingHours: 'Mo-Fr 09:00-15:00; PH off' } } });
		expect(hours.status).toBe(201);
		const bad = await api('POST', '/api/compass/reports', { as: world.tokens.partner, json: { kind: 'changed_hours', areaId: world.place, partnerId: clinic, proposal: { openingHours: 'Mo-Fr 18:00-09:00x' } } });
		expect(bad.body.error.details).toEqual([expect.objectContaining({ path: 'proposal.openingHours' })]);
		expect((await api('POST', `/api/compass/reports/${hours.body.id}/apply`, { as: world.tokens.coordinator, json: { version: 2 } })).status).toBe(409);
		expect((await api('GET', `/api/partners/${clinic}`)).body.properties.serviceLocations[0].openingHours).toBe('Mo-Fr 08:00-16:00');
		await api('POST', `/api/compass/reports/${hours.body.id}/apply`, { as: world.tokens.coordinator, json: { version: 1 } });
		const after = (await api('GET', `/api/partners/${clinic}`)).body.properties.serviceLocations[0];
		expect(after).toMatchObject({ id: before.id, openingHours: 'Mo-Fr 09:00-15:00; PH off' });

		const solution = await api('POST', '/api/compass/reports', {
			as: world.tokens.walker,
			json: { kind: 'new_solution', areaId: world.place, need: 'food', description: 'Kyrkan delar ut mat på lördagar.', proposal: { name: 'Kyrkans matutdelning', phone: '08-465 004 20', openingHours: 'Sa 11:00-13:00', location: point([18.046, 59.3126]) } }
		});
		const applied = await api('POST', `/api/compass/reports/${solution.body.id}/apply`, { as: world.tokens.coordinator, json: { version: 1 } });
		expect(applied.body.appliedChange).toMatchObject({ entity: 'partner', action: 'created' });
		const created = await api('GET', `/api/partners/${applied.body.appliedChange.id}`);
		expect(created.body.properties).toMatchObject({ name: 'Kyrkans matutdelning', needs: ['food'], areaIds: [world.place], serviceLocations: [{ openingHours: 'Sa 11:00-13:00' }] });
	});

	it('a report names a known area and need, and anonymous users cannot report', async () => {
		expect((await api('POST', '/api/compass/reports', { json: { kind: 'unhandled_problem', areaId: world.place, description: 'x' } })).status).toBe(401);
		const need = await api('POST', '/api/compass/reports', { as: world.tokens.walker, json: { kind: 'unhandled_problem', areaId: world.place, need: 'unicorns', description: 'x' } });
		expect(need.body.error.details).toEqual([expect.objectContaining({ path: 'need', code: 'unknown_need' })]);
		const kind = await api('POST', '/api/compass/reports', { as: world.tokens.walker, json: { kind: 'complaint', areaId: world.place, description: 'x' } });
		expect(kind.status).toBe(400);
		const { count } = await db().selectFrom('directory_reports').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
		expect(Number(count)).toBe(0);
	});
});

describe('directory export and import', () => {
	it('a copy in HSDS JSON and in CSV starts another district’s directory with the same partners, services and hours', async () => {
		await resetDatabase();
		const world = await seedWorld();
		const parent = await api('POST', '/api/partners', { as: world.tokens.admin, json: { properties: { name: 'Stadsmissionen', kind: 'ngo', areaIds: [world.otherPlace] } } });
		await api('POST', '/api/partners', {
			as: world.tokens.admin,
			json: { properties: { name: 'Nattjouren', kind: 'ngo', parentId: parent.body.id, needs: ['shelter'], areaIds: [world.otherPlace], contact: { phone: '08-465 004 30' }, serviceLocations: [{ name: 'Nattjouren Klara', address: 'Klarabergsgatan 1', openingHours: 'Mo-Su 22:00-06:00; PH 20:00-08:00', targetGroups: ['homeless'], minAge: 18, languages: ['sv', 'en'], location: point([18.0652, 59.3329]) }] } }
		});
		const exported = await api('GET', `/api/partners/export?format=json&area=${world.otherPlace}`);
		expect(exported.body).toMatchObject({ format: 'lykta-directory', hsds_version: '3.0' });
		expect(exported.body.organizations).toHaveLength(2);
		expect(exported.body.schedules).toEqual(
			expect.arrayContaining([expect.objectContaining({ freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR,SA,SU', opens_at: '22:00', closes_at: '06:00', lykta_opening_hours: 'Mo-Su 22:00-06:00; PH 20:00-08:00' })])
		);
		const csv = await api('GET', `/api/partners/export?format=csv&area=${world.otherPlace}`);
		expect(String(csv.body)).toContain('Nattjouren Klara');

		// Into Södermalm: a copy of Klara's directory.
		const imported = await api('POST', `/api/partners/import?area=${world.district}`, { as: world.tokens.coordinator, json: { ...exported.body, organizations: exported.body.organizations.map((o: any) => ({ ...o, lykta_slug: `${o.lykta_slug}-sodermalm` })) } });
		expect(imported.status, JSON.stringify(imported.body)).toBe(200);
		expect(imported.body).toEqual({ imported: 2, updated: 0, rejected: [] });
		const copy = await api('GET', `/api/partners?area=${world.place}`);
		const unit = copy.body.features.find((f: any) => f.properties.name === 'Nattjouren');
		expect(unit.properties).toMatchObject({ needs: ['shelter'], areaIds: expect.arrayContaining([world.district]), serviceLocations: [{ name: 'Nattjouren Klara', openingHours: 'Mo-Su 22:00-06:00; PH 20:00-08:00', minAge: 18, languages: ['sv', 'en'], targetGroups: ['homeless'] }] });
		expect(copy.body.features.find((f: any) => f.id === unit.properties.parentId).properties.name).toBe('Stadsmissionen');

		// The CSV again, where the slugs are new: it updates nothing and adds the same partners once more under new names.
		const again = await api('POST', `/api/partners/import?area=${world.district}`, { as: world.tokens.coordinator, body: String(csv.body).replaceAll('Nattjouren', 'Nattjouren B').replaceAll('Stadsmissionen', 'Stadsmissionen B'), headers: { 'content-type': 'text/csv' } });
		expect(again.body).toMatchObject({ imported: 2, rejected: [] });
		const b = (await api('GET', `/api/partners?area=${world.district}`)).body.features.find((f: any) => f.properties.name === 'Nattjouren B');
		expect(b.properties.serviceLocations[0]).toMatchObject({ openingHours: 'Mo-Su 22:00-06:00; PH 20:00-08:00', coordinates: [18.0652, 59.3329] });

		// Rows that fail are listed with their reason; the outsider may not import into Södermalm.
		expect((await api('POST', `/api/partners/import?area=${world.district}`, { as: world.tokens.outsider, json: exported.body })).status).toBe(403);
		const broken = await api('POST', `/api/partners/import?area=${world.district}`, { as: world.tokens.coordinator, json: { organizations: [{ id: 'x', name: 'Trasig', lykta_opening_hours: 'Mo-Fr 17:00-16:00' }] } });
		expect(broken.status).toBe(400);
		expect(broken.body.error).toMatchObject({ code: 'nothing_imported', details: { rejected: [expect.objectContaining({ name: 'Trasig', reason: 'validation_failed' })] } });
	});
});

describe('a compass for a new area', () => {
	it('a coordinator of the area sets it up without code; others may not; an unknown need is named', async () => {
		await resetDatabase();
		const world = await seedWorld();
		const body = { areaId: world.place, title: 'Tantokompassen', needs: ['shelter', 'food'], categories: ['litter'] };
		expect((await api('POST', '/api/compass/setups', { as: world.tokens.outsider, json: body })).status).toBe(403);
		expect((await api('POST', '/api/compass/setups', { as: world.tokens.walker, json: body })).status).toBe(403);
		const unknown = await api('POST', '/api/compass/setups', { as: world.tokens.coordinator, json: { ...body, needs: ['shelter', 'unicorns'] } });
		expect(unknown.body.error.details).toEqual([expect.objectContaining({ path: 'needs.1', code: 'unknown_need' })]);
		const created = await api('POST', '/api/compass/setups', { as: world.tokens.coordinator, json: body });
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ areaSlug: 'tantolunden', title: 'Tantokompassen', needs: ['shelter', 'food'], version: 1 });
		expect((await api('GET', '/api/compass/setups')).body.map((s: any) => s.title)).toEqual(['Tantokompassen']);
		const renamed = await api('PATCH', `/api/compass/setups/${created.body.id}`, { as: world.tokens.coordinator, json: { version: 1, title: 'Tantolundens kompass' } });
		expect(renamed.body).toMatchObject({ title: 'Tantolundens kompass', version: 2 });
		expect((await api('PATCH', `/api/compass/setups/${created.body.id}`, { as: world.tokens.coordinator, json: { version: 1, title: 'x' } })).status).toBe(409);
		expect((await api('DELETE', `/api/compass/setups/${created.body.id}?version=2`, { as: world.tokens.outsider })).status).toBe(403);
		expect((await api('DELETE', `/api/compass/setups/${created.body.id}?version=2`, { as: world.tokens.coordinator })).status).toBe(204);
	});
});
