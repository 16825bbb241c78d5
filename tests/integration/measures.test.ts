import { beforeEach, describe, expect, it } from 'vitest';
import { api, db, resetDatabase, seedWorld, snapshotCounts, type World } from './harness';

const LAMP = { type: 'Point', coordinates: [18.0455, 59.3125] };
const PATH = { type: 'LineString', coordinates: [[18.044, 59.312], [18.047, 59.313]] };

describe('/api/measures', () => {
	let world: World;
	beforeEach(async () => {
		await resetDatabase();
		world = await seedWorld();
	});

	const create = (token: string, properties: Record<string, unknown> = {}, geometry: unknown = LAMP) =>
		api('POST', '/api/measures', { as: token, json: { type: 'Feature', geometry, properties: { kind: 'lighting', title: 'Ny belysning', ...properties } } });

	it('creates a measure in the area it is drawn in, with the default radius and active hours of its kind', async () => {
		const lamp = await create(world.tokens.coordinator, { costSek: 45_000 });
		expect(lamp.status).toBe(201);
		expect(lamp.body.properties).toMatchObject({
			areaId: world.place, kind: 'lighting', influenceRadiusM: 25, activeHours: 'dark', status: 'proposed', costSek: 45_000, version: 1
		});
		expect(lamp.body.properties.proposedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		const bench = await create(world.tokens.coordinator, { kind: 'seating', title: 'Parkbänk', influenceRadiusM: 30 });
		expect(bench.body.properties).toMatchObject({ influenceRadiusM: 30, activeHours: 'always' });
		const path = await create(world.tokens.coordinator, { title: 'Belyst gångväg' }, PATH);
		expect(path.body.geometry.type).toBe('LineString');
	});

	it('lets coordinators plan, partners move the status of what is routed to them, others read', async () => {
		const partner = await api('POST', '/api/partners', { as: world.tokens.admin, json: { properties: { name: 'Trafikkontoret', kind: 'municipal', areaIds: [world.district] } } });
		await db().updateTable('users').set({ partner_id: partner.body.id }).where('id', '=', world.users.partner).execute();
		for (const who of ['walker', 'partner', 'viewer', 'outsider'] as const)
			expect({ who, status: (await create(world.tokens[who])).status }).toEqual({ who, status: 403 });
		expect((await create('')).status).toBe(401);
		const lamp = await create(world.tokens.coordinator, { responsiblePartnerId: partner.body.id });
		expect((await api('GET', `/api/measures/${lamp.body.id}`, { as: world.tokens.viewer })).status).toBe(200);
		expect((await api('GET', `/api/measures/${lamp.body.id}`, { as: world.tokens.outsider })).status).toBe(403);
		expect((await api('GET', '/api/measures', { as: world.tokens.outsider })).body.features).toEqual([]);
		const byPartner = await api('PATCH', `/api/measures/${lamp.body.id}`, { as: world.tokens.partner, json: { version: 1, properties: { status: 'approved' } } });
		expect(byPartner.status).toBe(200);
		expect(byPartner.body.properties.approvedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect((await api('PATCH', `/api/measures/${lamp.body.id}`, { as: world.tokens.partner, json: { version: 2, properties: { costSek: 1 } } })).status).toBe(403);
		expect((await api('PATCH', `/api/measures/${lamp.body.id}`, { as: world.tokens.walker, json: { version: 2, properties: { status: 'ordered' } } })).status).toBe(403);
		expect((await api('DELETE', `/api/measures/${lamp.body.id}`, { as: world.tokens.partner })).status).toBe(403);
		expect((await api('DELETE', `/api/measures/${lamp.body.id}`, { as: world.tokens.coordinator })).status).toBe(204);
	});

	it('follows the status workflow, stamps dates, and resolves the findings a finished measure addresses', async () => {
		const finding = await api('POST', '/api/findings', { as: world.tokens.walker, json: { geometry: LAMP, properties: { category: 'lighting', severity: 3 } } });
		const lamp = await create(world.tokens.coordinator, { findingIds: [finding.body.id] });
		expect(lamp.body.properties.findingIds).toEqual([finding.body.id]);
		const skip = await api('PATCH', `/api/measures/${lamp.body.id}`, { as: world.tokens.coordinator, json: { version: 1, properties: { status: 'done' } } });
		expect([skip.status, skip.body.error.code]).toEqual([400, 'invalid_transition']);
		await api('PATCH', `/api/measures/${lamp.body.id}`, { as: world.tokens.coordinator, json: { version: 1, properties: { status: 'approved' } } });
		const done = await api('PATCH', `/api/measures/${lamp.body.id}`, { as: world.tokens.coordinator, json: { version: 2, properties: { status: 'done', doneOn: '2026-11-20', spentSek: 41_000, resolveFindings: true } } });
		expect(done.status).toBe(200);
		expect(done.body.properties).toMatchObject({ status: 'done', doneOn: '2026-11-20', spentSek: 41_000 });
		const resolved = await api('GET', `/api/findings/${finding.body.id}`, { as: world.tokens.coordinator });
		expect(resolved.body.properties.status).toBe('resolved');
		expect(resolved.body.properties.history.at(-1)).toMatchObject({ fromStatus: 'new', toStatus: 'resolved', note: 'Åtgärd klar: Ny belysning' });
		// The finding's change is in the audit log too, naming the measure that resolved it.
		const audit = await db().selectFrom('audit_log').select(['action', 'before', 'after']).where('entity', '=', 'finding').where('entity_id', '=', finding.body.id).where('action', '=', 'update').execute();
		expect(audit).toEqual([{ action: 'update', before: { status: 'new' }, after: { status: 'resolved', byMeasure: lamp.body.id } }]);
		const stale = await api('PATCH', `/api/measures/${lamp.body.id}`, { as: world.tokens.coordinator, json: { version: 2, properties: { title: 'x' } } });
		expect(stale.status).toBe(409);
	});

	it('refuses bad input with a 4xx and stores nothing', async () => {
		const cases: [unknown, unknown, string][] = [
			[{ kind: 'lighting', title: 'x', costSek: -1 }, LAMP, 'validation_failed'],
			[{ kind: 'lighting', title: 'x', influenceRadiusM: -5 }, LAMP, 'validation_failed'],
			[{ kind: 'fountain', title: 'x' }, LAMP, 'validation_failed'],
			[{ kind: 'lighting', title: '' }, LAMP, 'validation_failed'],
			[{ kind: 'lighting', title: 'x', responsiblePartnerId: '00000000-0000-4000-8000-000000000000' }, LAMP, 'unknown_reference'],
			[{ kind: 'lighting', title: 'x', findingIds: ['00000000-0000-4000-8000-000000000000'] }, LAMP, 'unknown_reference'],
			[{ kind: 'lighting', title: 'x' }, { type: 'Polygon', coordinates: [[[18.044, 59.312], [18.047, 59.313], [18.047, 59.312], [18.044, 59.313], [18.044, 59.312]]] }, 'invalid_geometry'],
			[{ kind: 'lighting', title: 'x' }, { type: 'Point', coordinates: [59.3125, 18.0455] }, 'outside_service_area'],
			[{ kind: 'lighting', title: 'x' }, { type: 'Point', coordinates: [18.3, 59.45] }, 'outside_areas']
		];
		const before = await snapshotCounts(['measures', 'measure_findings', 'audit_log']);
		for (const [properties, geometry, code] of cases) {
			const res = await api('POST', '/api/measures', { as: world.tokens.admin, json: { geometry, properties } });
			expect({ properties, status: res.status, code: res.body.error?.code }).toEqual({ properties, status: 400, code });
		}
		expect(await snapshotCounts(['measures', 'measure_findings', 'audit_log'])).toEqual(before);
	});
});
