/**
 * Every write stays inside the areas its actor has a role in (issue 12): what it names
 * (findings, walks, programmes, budget lines, parent areas) and where its geometry lies.
 * The coordinator of Södermalm tries to reach into Norrmalm, which stands in for Skärholmen.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { api, db, resetDatabase, seedWorld, snapshotCounts, type World } from './harness';

const TANTO = { type: 'Point', coordinates: [18.0455, 59.3125] };
const SERGELS = { type: 'Point', coordinates: [18.0649, 59.3326] };
/** Tantolunden is a 500 m square around TANTO: its east edge is ~250 m east (1 m ≈ 1.7603e-5° of longitude here). */
const eastOfTanto = (metresPastEdge: number) => ({ type: 'Point', coordinates: [18.0455 + (250 + metresPastEdge) * 1.7603e-5, 59.3125] });
const square = (lon: number, lat: number, d = 0.0004) => ({
	type: 'Polygon',
	coordinates: [[[lon - d, lat - d / 2], [lon + d, lat - d / 2], [lon + d, lat + d / 2], [lon - d, lat + d / 2], [lon - d, lat - d / 2]]]
});

const TABLES = ['measures', 'measure_findings', 'events', 'findings', 'walks', 'areas', 'programmes', 'budget_lines', 'audit_log'];

describe('writes stay inside the actor’s areas', () => {
	let world: World;
	/** Norrmalm's own records, made by its coordinator. */
	let theirs: { finding: string; walk: string; programme: string; line: string };
	let ours: { programme: string; line: string };

	const programme = async (token: string, areaId: string, name: string) => {
		const res = await api('POST', '/api/programmes', {
			as: token,
			json: { properties: { name, areaIds: [areaId], startsOn: '2026-01-01', endsOn: '2026-12-31', budgetCapSek: 2_000_000, budgetLines: [{ name: 'Ljus', kind: 'measures', capSek: 1_000_000 }] } }
		});
		expect(res.status, JSON.stringify(res.body)).toBe(201);
		return { programme: res.body.id as string, line: res.body.properties.budget.lines[0].id as string };
	};

	beforeEach(async () => {
		await resetDatabase();
		world = await seedWorld();
		const finding = await api('POST', '/api/findings', { as: world.tokens.outsider, json: { geometry: SERGELS, properties: { category: 'lighting', severity: 3 } } });
		const walk = await api('POST', '/api/walks', { as: world.tokens.outsider, json: { properties: { areaId: world.otherPlace, title: 'Sergels torg', startsAt: '2026-05-20T18:00:00+02:00' } } });
		expect([finding.status, walk.status]).toEqual([201, 201]);
		theirs = { finding: finding.body.id, walk: walk.body.id, ...(await programme(world.tokens.outsider, world.otherPlace, 'Sergels 2026')) };
		ours = await programme(world.tokens.coordinator, world.place, 'Sommar i Tanto 2026');
	});

	const measure = (properties: Record<string, unknown>, geometry: unknown = TANTO, token = world.tokens.coordinator) =>
		api('POST', '/api/measures', { as: token, json: { geometry, properties: { kind: 'lighting', title: 'Belysning', ...properties } } });
	const event = (properties: Record<string, unknown>, geometry: unknown = TANTO) =>
		api('POST', '/api/events', {
			as: world.tokens.coordinator,
			json: { geometry, properties: { title: 'Konsert', kind: 'culture', startsAt: '2026-06-05T18:00:00+02:00', endsAt: '2026-06-05T22:00:00+02:00', ...properties } }
		});

	it('refuses every reference to a record in an area the actor has no role in, with 403, and stores nothing', async () => {
		const before = await snapshotCounts(TABLES);
		const refused: [string, Promise<{ status: number; body: any }>][] = [
			['measure findingIds', measure({ areaId: world.place, findingIds: [theirs.finding] })],
			['measure budgetLineId', measure({ areaId: world.place, budgetLineId: theirs.line, costSek: 900_000 })],
			['measure programmeId', measure({ areaId: world.place, programmeId: theirs.programme })],
			['event programmeId', event({ areaId: world.place, programmeId: theirs.programme })],
			['event budgetLineId', event({ areaId: world.place, budgetLineId: theirs.line, costSek: 900_000 })],
			['finding walkId', api('POST', '/api/findings', { as: world.tokens.walker, json: { geometry: TANTO, properties: { walkId: theirs.walk, category: 'lighting', severity: 2 } } })],
			['area parentId', api('POST', '/api/areas', { as: world.tokens.coordinator, json: { geometry: square(18.0649, 59.3326), properties: { name: 'Plattan', kind: 'place', parentId: world.otherDistrict } } })]
		];
		for (const [what, response] of refused) {
			const res = await response;
			expect({ what, status: res.status, code: res.body.error?.code }).toEqual({ what, status: 403, code: expect.stringMatching(/^forbidden/) });
		}
		expect(await snapshotCounts(TABLES)).toEqual(before);
		// Norrmalm's budget line still has nothing committed.
		const line = (await api('GET', `/api/programmes/${theirs.programme}`, { as: world.tokens.outsider })).body.properties.budget.lines[0];
		expect(line.committedSek).toBe(0);
	});

	it('names the field that reached too far', async () => {
		const res = await measure({ areaId: world.place, findingIds: [theirs.finding] });
		expect(res.body.error).toMatchObject({ code: 'forbidden_reference', details: { field: 'findingIds', id: theirs.finding } });
		const unknown = await measure({ areaId: world.place, findingIds: ['00000000-0000-4000-8000-000000000000'] });
		expect([unknown.status, unknown.body.error.code, unknown.body.error.details.field]).toEqual([400, 'unknown_reference', 'findingIds']);
	});

	it('takes references inside the actor’s areas: its own programme, budget line and findings', async () => {
		const finding = await api('POST', '/api/findings', { as: world.tokens.walker, json: { geometry: TANTO, properties: { category: 'lighting', severity: 3 } } });
		const res = await measure({ areaId: world.place, findingIds: [finding.body.id], programmeId: ours.programme, budgetLineId: ours.line, costSek: 40_000 });
		expect(res.status, JSON.stringify(res.body)).toBe(201);
		expect(res.body.properties).toMatchObject({ findingIds: [finding.body.id], programmeId: ours.programme, budgetLineId: ours.line });
		const ev = await event({ areaId: world.place, programmeId: ours.programme, budgetLineId: ours.line });
		expect(ev.status, JSON.stringify(ev.body)).toBe(201);
	});

	it('refuses to add a reference by PATCH, and a finished measure resolves only findings in the actor’s areas', async () => {
		const lamp = await measure({ areaId: world.place });
		const patch = await api('PATCH', `/api/measures/${lamp.body.id}`, { as: world.tokens.coordinator, json: { version: 1, properties: { findingIds: [theirs.finding] } } });
		expect([patch.status, patch.body.error.code]).toEqual([403, 'forbidden_reference']);
		const budget = await api('PATCH', `/api/measures/${lamp.body.id}`, { as: world.tokens.coordinator, json: { version: 1, properties: { budgetLineId: theirs.line, costSek: 900_000 } } });
		expect(budget.status).toBe(403);
		// A link made before links were checked (written straight into the table) …
		await db().insertInto('measure_findings').values({ tenant_id: 'stockholm', measure_id: lamp.body.id, finding_id: theirs.finding }).execute();
		for (const [version, status] of [[1, 'approved'], [2, 'ordered']] as const)
			expect((await api('PATCH', `/api/measures/${lamp.body.id}`, { as: world.tokens.coordinator, json: { version, properties: { status } } })).status).toBe(200);
		const done = await api('PATCH', `/api/measures/${lamp.body.id}`, { as: world.tokens.coordinator, json: { version: 3, properties: { status: 'done', resolveFindings: true } } });
		expect(done.status).toBe(200);
		// … does not let it resolve Norrmalm's finding.
		const finding = await api('GET', `/api/findings/${theirs.finding}`, { as: world.tokens.outsider });
		expect(finding.body.properties.status).toBe('new');
	});
});

describe('geometry stays within its area', () => {
	let world: World;
	beforeEach(async () => {
		await resetDatabase();
		world = await seedWorld();
	});

	const body = {
		measure: (geometry: unknown, areaId?: string) => ({ geometry, properties: { kind: 'lighting', title: 'Belysning', ...(areaId && { areaId }) } }),
		event: (geometry: unknown, areaId?: string) => ({
			geometry,
			properties: { title: 'Konsert', kind: 'culture', startsAt: '2026-06-05T18:00:00+02:00', endsAt: '2026-06-05T22:00:00+02:00', ...(areaId && { areaId }) }
		}),
		walk: (geometry: unknown, areaId?: string) => ({ geometry, properties: { areaId, title: 'Vandring', startsAt: '2026-05-20T18:00:00+02:00' } }),
		zone: (geometry: unknown, areaId?: string) => ({ geometry, properties: { name: 'Zon', ...(areaId && { areaId }) } })
	};
	const route = (lon: number, lat: number) => ({ type: 'LineString', coordinates: [[lon - 0.0005, lat], [lon + 0.0005, lat]] });

	it('refuses a measure, an event, a walk or a zone named in Tantolunden but drawn in Sergels torg (400), and stores nothing', async () => {
		const before = await snapshotCounts(['measures', 'events', 'walks', 'problem_zones', 'audit_log']);
		for (const [path, res] of [
			['/api/measures', await api('POST', '/api/measures', { as: world.tokens.admin, json: body.measure(SERGELS, world.place) })],
			['/api/events', await api('POST', '/api/events', { as: world.tokens.admin, json: body.event(SERGELS, world.place) })],
			['/api/walks', await api('POST', '/api/walks', { as: world.tokens.admin, json: body.walk(route(18.0649, 59.3326), world.place) })],
			['/api/zones', await api('POST', '/api/zones', { as: world.tokens.admin, json: body.zone(square(18.0649, 59.3326), world.place) })]
		] as const) {
			expect({ path, status: res.status, code: res.body.error?.code, field: res.body.error?.details?.field }).toEqual({ path, status: 400, code: 'outside_area', field: 'geometry' });
		}
		expect(await snapshotCounts(['measures', 'events', 'walks', 'problem_zones', 'audit_log'])).toEqual(before);
	});

	it('refuses a zone from hot cells in another district, and cuts edge cells to the zone’s area', async () => {
		const cellOf = async (areaId: string) =>
			(await sql<{ id: string }>`SELECT (h.i || ':' || h.j) AS id FROM areas a, ST_HexagonGrid(50, ST_Transform(a.geom, 3006)) h WHERE a.id = ${areaId} LIMIT 1`.execute(db())).rows[0]!.id;
		const foreign = await api('POST', '/api/zones', { as: world.tokens.coordinator, json: { fromCells: { cell: 50, ids: [await cellOf(world.otherPlace)] }, properties: { name: 'Plattan', areaId: world.otherPlace } } });
		expect([foreign.status, foreign.body.error.code]).toEqual([403, 'forbidden']);
		// A 250 m cell on Tantolunden's edge reaches past it: the zone keeps only what lies inside.
		const { rows } = await sql<{ id: string }>`
			SELECT (h.i || ':' || h.j) AS id
			FROM areas a, ST_HexagonGrid(250, ST_Transform(a.geom, 3006)) h
			WHERE a.id = ${world.place} AND NOT ST_CoveredBy(h.geom, ST_Transform(a.geom, 3006)) LIMIT 1`.execute(db());
		const edge = await api('POST', '/api/zones', { as: world.tokens.coordinator, json: { fromCells: { cell: 250, ids: [rows[0]!.id] }, properties: { name: 'Kanten', areaId: world.place } } });
		expect(edge.status, JSON.stringify(edge.body)).toBe(201);
		const { rows: inside } = await sql<{ covered: boolean }>`
			SELECT ST_CoveredBy(ST_Transform(z.geom, 3006), ST_Buffer(ST_Transform(a.geom, 3006), 0.01)) AS covered
			FROM problem_zones z JOIN areas a ON a.id = z.area_id WHERE z.id = ${edge.body.id}`.execute(db());
		expect(inside[0]!.covered).toBe(true);
	});

	it('puts an unnamed line that leaves the park in the district that holds all of it, and a point in the park in the park', async () => {
		// A night walk from the middle of Tantolunden out through the streets west of it (still Södermalm).
		const line = { type: 'LineString', coordinates: [[18.0455, 59.3125], [18.0395, 59.3125]] };
		const walk = await api('POST', '/api/events', { as: world.tokens.coordinator, json: body.event(line) });
		expect([walk.status, walk.body.properties?.areaId]).toEqual([201, world.district]);
		const lamp = await api('POST', '/api/measures', { as: world.tokens.coordinator, json: body.measure(TANTO) });
		expect([lamp.status, lamp.body.properties?.areaId]).toEqual([201, world.place]);
	});

	it(`takes a geometry up to the edge tolerance (20 m) past the outline, and refuses one further out`, async () => {
		const near = await api('POST', '/api/measures', { as: world.tokens.coordinator, json: body.measure(eastOfTanto(10), world.place) });
		expect(near.status, JSON.stringify(near.body)).toBe(201);
		const far = await api('POST', '/api/measures', { as: world.tokens.coordinator, json: body.measure(eastOfTanto(40), world.place) });
		expect([far.status, far.body.error.code, far.body.error.details.toleranceM]).toEqual([400, 'outside_area', 20]);
	});

	it('refuses to move a measure, an event, a walk, a zone or a finding out of its area by PATCH, and leaves it where it was', async () => {
		const made = {
			measures: await api('POST', '/api/measures', { as: world.tokens.coordinator, json: body.measure(TANTO, world.place) }),
			events: await api('POST', '/api/events', { as: world.tokens.coordinator, json: body.event(TANTO, world.place) }),
			walks: await api('POST', '/api/walks', { as: world.tokens.coordinator, json: body.walk(route(18.0455, 59.3125), world.place) }),
			zones: await api('POST', '/api/zones', { as: world.tokens.coordinator, json: body.zone(square(18.0455, 59.3125), world.place) }),
			// A walker's own new finding: the walker may edit it, but not move it out of its area.
			findings: await api('POST', '/api/findings', { as: world.tokens.walker, json: { geometry: TANTO, properties: { category: 'lighting', severity: 2 } } })
		};
		for (const [kind, created] of Object.entries(made)) {
			expect({ kind, status: created.status }).toEqual({ kind, status: 201 });
			const token = kind === 'findings' ? world.tokens.walker : world.tokens.coordinator;
			const geometry = kind === 'walks' ? route(18.0649, 59.3326) : kind === 'zones' ? square(18.0649, 59.3326) : SERGELS;
			const moved = await api('PATCH', `/api/${kind}/${created.body.id}`, { as: token, json: { version: 1, geometry } });
			expect({ kind, status: moved.status, code: moved.body.error?.code }).toEqual({ kind, status: 400, code: 'outside_area' });
			const now = await api('GET', `/api/${kind}/${created.body.id}`, { as: world.tokens.admin });
			expect({ kind, geometry: now.body.geometry, version: now.body.properties.version }).toEqual({ kind, geometry: created.body.geometry, version: 1 });
			// Within the area it moves.
			const nudged = kind === 'walks' ? route(18.046, 59.3127) : kind === 'zones' ? square(18.046, 59.3127) : { type: 'Point', coordinates: [18.046, 59.3127] };
			expect({ kind, status: (await api('PATCH', `/api/${kind}/${created.body.id}`, { as: token, json: { version: 1, geometry: nudged } })).status }).toEqual({ kind, status: 200 });
		}
	});

	it('refuses a pin by a guest of a Tantolunden walk in Sergels torg or outside every area, and takes one in Tantolunden', async () => {
		const walk = await api('POST', '/api/walks', { as: world.tokens.coordinator, json: body.walk(null, world.place) });
		const code = await api('POST', `/api/walks/${walk.body.id}/join-code`, { as: world.tokens.coordinator });
		const joined = await api('POST', '/api/join', { json: { code: code.body.code, name: 'Boende' } });
		const guest = joined.headers.get('set-cookie')!.split(';')[0];
		const before = await snapshotCounts(['findings']);
		const pin = (geometry: unknown) => api('POST', '/api/findings', { cookie: guest, json: { geometry, properties: { category: 'litter', severity: 2 } } });
		for (const geometry of [SERGELS, { type: 'Point', coordinates: [18.2, 59.25] }]) {
			const res = await pin(geometry);
			expect([res.status, res.body.error.code]).toEqual([400, 'outside_area']);
		}
		expect(await snapshotCounts(['findings'])).toEqual(before);
		const inside = await pin(TANTO);
		expect([inside.status, inside.body.properties.areaId]).toEqual([201, world.place]);
	});

	it('refuses a walker’s pin on the walk of another district, even when the pin is in the walker’s own area', async () => {
		const theirs = await api('POST', '/api/walks', { as: world.tokens.outsider, json: body.walk(null, world.otherPlace) });
		const res = await api('POST', '/api/findings', { as: world.tokens.walker, json: { geometry: TANTO, properties: { walkId: theirs.body.id, category: 'lighting', severity: 2 } } });
		expect([res.status, res.body.error.code, res.body.error.details.field]).toEqual([403, 'forbidden_reference', 'walkId']);
	});
});

describe('one path for changes: tenant, id and version in the statement', () => {
	let world: World;
	beforeEach(async () => {
		await resetDatabase();
		world = await seedWorld();
	});

	it('refuses a stale-version DELETE of every kind with 409 and deletes nothing', async () => {
		const as = world.tokens.admin;
		const programme = await api('POST', '/api/programmes', {
			as,
			json: { properties: { name: 'P', areaIds: [world.place], startsOn: '2026-01-01', endsOn: '2026-12-31', budgetLines: [{ name: 'Ljus', kind: 'measures', capSek: 10 }] } }
		});
		const made: Record<string, { status: number; body: any }> = {
			measures: await api('POST', '/api/measures', { as, json: { geometry: TANTO, properties: { kind: 'lighting', title: 'L' } } }),
			events: await api('POST', '/api/events', { as, json: { geometry: TANTO, properties: { title: 'E', kind: 'culture', startsAt: '2026-06-05T18:00:00+02:00', endsAt: '2026-06-05T20:00:00+02:00' } } }),
			walks: await api('POST', '/api/walks', { as, json: { properties: { areaId: world.place, title: 'W', startsAt: '2026-05-20T18:00:00+02:00' } } }),
			findings: await api('POST', '/api/findings', { as, json: { geometry: TANTO, properties: { category: 'lighting', severity: 1 } } }),
			zones: await api('POST', '/api/zones', { as, json: { geometry: square(18.0455, 59.3125), properties: { name: 'Z', areaId: world.place } } }),
			partners: await api('POST', '/api/partners', { as, json: { properties: { name: 'Polisen', kind: 'police', areaIds: [world.district] } } }),
			areas: await api('POST', '/api/areas', { as, json: { geometry: square(18.0455, 59.3125, 0.0002), properties: { name: 'Lekplatsen', kind: 'place', parentId: world.place } } }),
			programmes: programme
		};
		const line = programme.body.properties.budget.lines[0].id;
		const paths: Record<string, string> = { ...Object.fromEntries(Object.entries(made).map(([k, v]) => [k, `/api/${k}/${v.body.id}`])), 'budget-lines': `/api/programmes/${programme.body.id}/budget-lines/${line}` };
		for (const [kind, created] of Object.entries(made)) expect({ kind, status: created.status }).toEqual({ kind, status: 201 });
		// Someone changed each since it was loaded: version 1 is stale.
		for (const table of ['measures', 'events', 'walks', 'findings', 'problem_zones', 'partners', 'areas', 'programmes', 'budget_lines'])
			await sql`UPDATE ${sql.table(table)} SET updated_at = now() WHERE tenant_id = 'stockholm'`.execute(db());
		for (const [kind, path] of Object.entries(paths)) {
			const res = await api('DELETE', `${path}?version=1`, { as });
			expect({ kind, status: res.status, code: res.body?.error?.code, current: res.body?.error?.details?.currentVersion }).toEqual({ kind, status: 409, code: 'version_conflict', current: 2 });
			expect({ kind, still: (await api('GET', path.startsWith('/api/programmes/') && kind === 'budget-lines' ? `/api/programmes/${programme.body.id}` : path, { as })).status }).toEqual({ kind, still: 200 });
		}
		// With the current version each goes (a place nested in an area first, the programme's line before the programme).
		for (const kind of ['areas', 'budget-lines', 'measures', 'events', 'findings', 'walks', 'zones', 'partners', 'programmes'])
			expect({ kind, status: (await api('DELETE', `${paths[kind]}?version=2`, { as })).status }).toEqual({ kind, status: kind === 'budget-lines' ? 200 : 204 });
	});

	it('a PATCH with a stale version changes nothing and answers 409 with the current version', async () => {
		const lamp = await api('POST', '/api/measures', { as: world.tokens.coordinator, json: { geometry: TANTO, properties: { kind: 'lighting', title: 'Lampa' } } });
		expect((await api('PATCH', `/api/measures/${lamp.body.id}`, { as: world.tokens.coordinator, json: { version: 1, properties: { title: 'Ny' } } })).status).toBe(200);
		const stale = await api('PATCH', `/api/measures/${lamp.body.id}`, { as: world.tokens.coordinator, json: { version: 1, properties: { title: 'Gammal' } } });
		expect([stale.status, stale.body.error.code, stale.body.error.details.currentVersion]).toEqual([409, 'version_conflict', 2]);
		expect((await api('GET', `/api/measures/${lamp.body.id}`, { as: world.tokens.coordinator })).body.properties.title).toBe('Ny');
	});

	it('cannot change or delete a record of another tenant, even by its id and version', async () => {
		const { updateVersioned, deleteVersioned } = await import('../../src/lib/server/db/versioned');
		await sql`INSERT INTO tenants (id, name) VALUES ('other', 'Other') ON CONFLICT DO NOTHING`.execute(db());
		const { rows } = await sql<{ id: string }>`
			INSERT INTO areas (tenant_id, slug, name, kind, geom)
			VALUES ('other', 'annan', 'Annan', 'district', ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(18.0, 59.3), 4326), 0.01)))
			RETURNING id`.execute(db());
		const id = rows[0]!.id;
		const ctx = { tenant: 'stockholm', actor: null, requestId: 'test' };
		await expect(
			db().transaction().execute((trx) => updateVersioned(trx, ctx, { table: 'areas', entity: 'area', what: 'The area', id, version: 1, before: null, set: { name: 'Kapad' }, after: async () => null }))
		).rejects.toMatchObject({ status: 404 });
		await expect(db().transaction().execute((trx) => deleteVersioned(trx, ctx, { table: 'areas', entity: 'area', what: 'The area', id, version: 1, before: null }))).rejects.toMatchObject({ status: 404 });
		const after = await sql<{ name: string; version: number }>`SELECT name, version FROM areas WHERE id = ${id}`.execute(db());
		expect(after.rows[0]).toEqual({ name: 'Annan', version: 1 });
	});
});
