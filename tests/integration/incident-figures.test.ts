/**
 * Incident privacy in derived figures (issue 12, item 2): zones' weights and hour profiles,
 * time patterns and coverage never let a role without incident access in the area read a
 * figure resting on fewer than 3 incidents, and never show where or when by the way a figure
 * is held back. The coordinator of the test world has no incident access (as the one in the
 * issue who drew a 2 m zone around one incident).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { api, db, resetDatabase, seedWorld, squareAround, tenant, type World } from './harness';
import { completeZoneFigures } from '../../src/lib/zones/zones.server';

const TANTO = [18.0455, 59.3125] as const;
const FRIDAY_22 = 4 * 24 + 22;
const hourOf = (isoDay: number, hour: number) => (isoDay - 1) * 24 + hour;

/** The centre (WGS 84) and id of the 50 m hexagon (the privacy grid's cell) holding a point. */
async function cellAt(lon: number, lat: number) {
	const { rows } = await sql<{ lon: number; lat: number; id: string }>`
		SELECT ST_X(c) AS lon, ST_Y(c) AS lat, id FROM (
			SELECT ST_Transform(ST_Centroid(h.geom), 4326) AS c, h.i || ':' || h.j AS id
			FROM ST_HexagonGrid(50, ST_Transform(ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326), 3006)) AS h
			WHERE ST_Intersects(h.geom, ST_Transform(ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326), 3006))
		) AS s`.execute(db());
	return rows[0]!;
}

/** A point `dx`, `dy` metres east and north of a WGS 84 point (SWEREF 99 TM offsets). */
async function offset(lon: number, lat: number, dx: number, dy: number): Promise<[number, number]> {
	const { rows } = await sql<{ lon: number; lat: number }>`
		SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (
			SELECT ST_Transform(ST_Translate(ST_Transform(ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326), 3006), ${dx}, ${dy}), 4326) AS p
		) AS s`.execute(db());
	return [rows[0]!.lon, rows[0]!.lat];
}

/** A rectangle `west`…`east`, `south`…`north` metres around a WGS 84 point (in SWEREF 99 TM). */
async function rectangle(lon: number, lat: number, west: number, south: number, east: number, north: number) {
	const { rows } = await sql<{ g: { type: 'Polygon'; coordinates: [number, number][][] } }>`
		SELECT ST_AsGeoJSON(ST_Transform(ST_MakeEnvelope(x + ${west}, y + ${south}, x + ${east}, y + ${north}, 3006), 4326), 9)::json AS g
		FROM (SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326), 3006) AS p) s) c`.execute(db());
	return rows[0]!.g;
}

async function addIncidents(world: World, list: { at: [number, number]; when: string }[]) {
	let k = 0;
	for (const { at, when } of list)
		await sql`INSERT INTO incidents (tenant_id, area_id, category, source, occurred_at, content_hash, geom)
			VALUES (${tenant}, ${world.place}, 'narcotics', 'police', ${when}::timestamptz, ${`f${Date.now()}-${k++}`}, ST_SetSRID(ST_MakePoint(${at[0]}, ${at[1]}), 4326))`.execute(db());
}

const READERS_WITHOUT_ACCESS = ['viewer', 'partner', 'walker', 'coordinator'] as const;

describe('incident privacy in derived figures', () => {
	let world: World;
	let centre: [number, number];
	beforeEach(async () => {
		await resetDatabase();
		world = await seedWorld();
		const cell = await cellAt(TANTO[0], TANTO[1]);
		centre = [cell.lon, cell.lat];
	});

	describe('a 2 m zone around one incident, drawn for one day by a coordinator without incident access', () => {
		let zoneId: string;
		let drawn: any;
		beforeEach(async () => {
			// Friday 9 June 2023, 22:15 in Stockholm: hour of week 118.
			await addIncidents(world, [{ at: centre, when: '2023-06-09T22:15:00+02:00' }]);
			drawn = await api('POST', '/api/zones', {
				as: world.tokens.coordinator,
				json: { geometry: await squareAround(centre[0], centre[1], 2), properties: { name: 'Två meter', areaId: world.place, periodFrom: '2023-06-09', periodTo: '2023-06-09' } }
			});
			expect(drawn.status, JSON.stringify(drawn.body)).toBe(201);
			zoneId = drawn.body.id;
		});

		it('shows its drawer, viewers, partners and walkers a withheld incident part: weight 1, a uniform profile', async () => {
			const expectWithheld = (p: any, who: string) => {
				expect({ who, figures: p.incidentFigures, weight: p.weight, weightGiven: p.weightGiven }).toEqual({ who, figures: 'withheld', weight: 1, weightGiven: false });
				expect(p.hourProfile, who).toHaveLength(168);
				expect(new Set(p.hourProfile), who).toEqual(new Set([1 / 168]));
			};
			expectWithheld(drawn.body.properties, 'drawer (POST answer)');
			for (const who of READERS_WITHOUT_ACCESS) {
				const one = await api('GET', `/api/zones/${zoneId}`, { as: world.tokens[who] });
				expect(one.status, who).toBe(200);
				expectWithheld(one.body.properties, who);
				const list = await api('GET', `/api/zones?area=${world.place}`, { as: world.tokens[who] });
				expect(list.body.features.map((f: any) => f.id), who).toEqual([zoneId]);
				expectWithheld(list.body.features[0].properties, `${who} (list)`);
			}
			// Moving it or recomputing it changes nothing of that.
			const moved = await api('PATCH', `/api/zones/${zoneId}`, { as: world.tokens.coordinator, json: { version: 1, properties: { recompute: true, notes: 'igen' } } });
			expect(moved.status).toBe(200);
			expectWithheld(moved.body.properties, 'drawer (PATCH answer)');
		});

		it('shows an admin, and a coordinator given incident access, the exact figures', async () => {
			const admin = await api('GET', `/api/zones/${zoneId}`, { as: world.tokens.admin });
			expect(admin.body.properties).toMatchObject({ incidentFigures: 'exact', weight: 1 });
			expect(admin.body.properties.hourProfile[FRIDAY_22]).toBe(1);
			await db().updateTable('area_roles').set({ incidents: true }).where('user_id', '=', world.users.coordinator).execute();
			const coordinator = await api('GET', `/api/zones?area=${world.place}`, { as: world.tokens.coordinator });
			expect(coordinator.body.features[0].properties.incidentFigures).toBe('exact');
			expect(coordinator.body.features[0].properties.hourProfile[FRIDAY_22]).toBe(1);
		});

		it('withholds its time patterns whole from roles without incident access, and gives them exact to the others', async () => {
			const q = `zone=${zoneId}&from=2023-06-01&to=2023-06-30`;
			for (const who of READERS_WITHOUT_ACCESS) {
				const res = await api('GET', `/api/analysis/time-patterns?${q}`, { as: world.tokens[who] });
				expect(res.status, who).toBe(200);
				expect(res.body, who).toMatchObject({ figures: 'withheld', total: null, hourOfWeek: null, monthly: null, suppressedBelow: 3 });
			}
			const admin = await api('GET', `/api/analysis/time-patterns?${q}`, { as: world.tokens.admin });
			expect(admin.body).toMatchObject({ figures: 'exact', total: 1, suppressedBelow: null });
			expect(admin.body.hourOfWeek[FRIDAY_22]).toBe(1);
			expect(admin.body.monthly).toEqual([{ month: '2023-06', count: 1 }]);
		});

		it('leaves the lone incident out of the hotspot totals for roles without incident access', async () => {
			const q = `area=${world.place}&from=2023-06-01&to=2023-06-30&cell=50&method=gistar`;
			const admin = await api('GET', `/api/analysis/hotspots?${q}`, { as: world.tokens.admin });
			expect(admin.body.meta.incidents).toBe(1);
			for (const who of READERS_WITHOUT_ACCESS) {
				const res = await api('GET', `/api/analysis/hotspots?${q}`, { as: world.tokens[who] });
				expect(res.body.features, who).toEqual([]);
				expect(res.body.meta, who).toMatchObject({ incidents: 0, mean: null, sd: null, suppressedBelow: 3 });
			}
		});

		it('weighs coverage for a viewer by the viewer\'s profile, so covering the incident\'s hour does not stand out', async () => {
			// An event over the zone on that Friday 18–23: the incident's hour (22–23) is covered.
			const event = await api('POST', '/api/events', {
				as: world.tokens.coordinator,
				json: { geometry: { type: 'Point', coordinates: centre }, properties: { title: 'Kväll i parken', kind: 'culture', startsAt: '2023-06-09T18:00:00+02:00', endsAt: '2023-06-09T23:00:00+02:00', influenceRadiusM: 50 } }
			});
			expect(event.status, JSON.stringify(event.body)).toBe(201);
			const q = `area=${world.place}&from=2023-06-01&to=2023-06-30&byHour=true`;
			const admin = (await api('GET', `/api/analysis/coverage?${q}`, { as: world.tokens.admin })).body.zones[0];
			// Exact: all weight on Fridays 22–23; June 2023 has five Fridays, one of them covered.
			expect(admin.timeCoverage).toBeCloseTo(1 / 5, 6);
			for (const who of ['viewer', 'partner', 'coordinator'] as const) {
				const res = await api('GET', `/api/analysis/coverage?${q}`, { as: world.tokens[who] });
				expect(res.status, who).toBe(200);
				const zone = res.body.zones[0];
				// Uniform: 5 covered hours of the 720 of June.
				expect(zone.timeCoverage, who).toBeCloseTo(5 / 720, 6);
				// The incident's hour weighs as any other Friday hour (Fridays come five times in June, Mondays four).
				expect(zone.problemByHour[FRIDAY_22], who).toBe(zone.problemByHour[hourOf(5, 10)]);
				expect(zone.problemByHour[FRIDAY_22] / zone.problemByHour[hourOf(1, 10)], who).toBeCloseTo(5 / 4, 12);
				expect(zone.weight, who).toBe(1);
			}
		});
	});

	describe('time patterns of a zone with 4 incidents in one hour and 1 in another', () => {
		let zoneId: string;
		beforeEach(async () => {
			// The zone is the privacy grid's cell itself (share 1), made from it as from a hot cell.
			const cell = await cellAt(centre[0], centre[1]);
			const near = await offset(centre[0], centre[1], 12, -8);
			const zone = await api('POST', '/api/zones', { as: world.tokens.coordinator, json: { fromCells: { cell: 50, ids: [cell.id] }, properties: { name: 'Cellen', areaId: world.place } } });
			expect(zone.status, JSON.stringify(zone.body)).toBe(201);
			zoneId = zone.body.id;
			// Four on Fridays 20–21, one on a Friday 19–20, all in June.
			await addIncidents(world, [
				...['02', '09', '16', '23'].map((d) => ({ at: centre, when: `2023-06-${d}T20:30:00+02:00` })),
				{ at: near, when: '2023-06-30T19:05:00+02:00' }
			]);
		});

		it('shows roles without incident access four-hour blocks, in which no hour singles out the one', async () => {
			const q = `zone=${zoneId}&from=2023-06-01&to=2023-08-31`;
			for (const who of READERS_WITHOUT_ACCESS) {
				const res = await api('GET', `/api/analysis/time-patterns?${q}`, { as: world.tokens[who] });
				expect(res.body, who).toMatchObject({ figures: 'aggregated', total: 5 });
				const shown = res.body.hourOfWeek.map((v: number, h: number) => [h, v]).filter(([, v]: number[]) => v !== 0);
				// Friday 18–22 holds 5: 1.25 in each hour, the one's hour (19) like the others.
				expect(shown, who).toEqual([[hourOf(5, 18), 1.25], [hourOf(5, 19), 1.25], [hourOf(5, 20), 1.25], [hourOf(5, 21), 1.25]]);
				expect(res.body.monthly, who).toEqual([{ month: '2023-06', count: 5 }, { month: '2023-07', count: 0 }, { month: '2023-08', count: 0 }]);
			}
			const admin = await api('GET', `/api/analysis/time-patterns?${q}`, { as: world.tokens.admin });
			expect(admin.body).toMatchObject({ figures: 'exact', total: 5 });
			expect(admin.body.hourOfWeek[hourOf(5, 20)]).toBe(4);
			expect(admin.body.hourOfWeek[hourOf(5, 19)]).toBe(1);
		});

		it('coarsens to the whole week when the one lies in another part of the day, the zone profile too', async () => {
			// Move the one to a Friday night (23–24): evening and night never pass apart.
			await sql`UPDATE incidents SET occurred_at = '2023-06-30T23:05:00+02:00' WHERE occurred_at = '2023-06-30T19:05:00+02:00'`.execute(db());
			const res = await api('GET', `/api/analysis/time-patterns?zone=${zoneId}&from=2023-06-01&to=2023-06-30`, { as: world.tokens.viewer });
			expect(res.body.figures).toBe('aggregated');
			expect(new Set(res.body.hourOfWeek)).toEqual(new Set([0.03]));
			expect(res.body.total).toBe(5);
			// The zone's own figures after a recompute: the same rule.
			const patched = await api('PATCH', `/api/zones/${zoneId}`, { as: world.tokens.coordinator, json: { version: 1, properties: { recompute: true } } });
			expect(patched.body.properties).toMatchObject({ incidentFigures: 'aggregated', weight: 5 });
			expect(new Set(patched.body.properties.hourProfile).size).toBe(1);
			const admin = await api('GET', `/api/zones/${zoneId}`, { as: world.tokens.admin });
			expect(admin.body.properties.hourProfile[hourOf(5, 23)]).toBeCloseTo(1 / 5, 12);
			// A weight given by hand is shown as given; null makes it derived again.
			const given = await api('PATCH', `/api/zones/${zoneId}`, { as: world.tokens.coordinator, json: { version: 2, properties: { weight: 9 } } });
			expect(given.body.properties).toMatchObject({ weight: 9, weightGiven: true, incidentFigures: 'aggregated' });
			const derived = await api('PATCH', `/api/zones/${zoneId}`, { as: world.tokens.coordinator, json: { version: 3, properties: { weight: null } } });
			expect(derived.body.properties).toMatchObject({ weight: 5, weightGiven: false });
		});
	});

	it('lets two overlapping zones differing by one incident differ by no figure that shows it', async () => {
		// Four on Fridays 20–21 at the cell's centre; one on a Friday night 25 m east, in the same cell.
		const lone = await offset(centre[0], centre[1], 25, 0);
		await addIncidents(world, [
			...['02', '09', '16', '23'].map((d) => ({ at: centre, when: `2023-06-${d}T20:30:00+02:00` })),
			{ at: lone, when: '2023-06-30T23:05:00+02:00' }
		]);
		// A 30 m square on the four, and the same square stretched 25 m east over the lone one: both inside the cell.
		const small = await api('POST', '/api/zones', { as: world.tokens.coordinator, json: { geometry: await rectangle(centre[0], centre[1], -15, -15, 15, 15), properties: { name: 'Liten', areaId: world.place } } });
		const large = await api('POST', '/api/zones', { as: world.tokens.coordinator, json: { geometry: await rectangle(centre[0], centre[1], -15, -15, 40, 15), properties: { name: 'Stor', areaId: world.place } } });
		expect([small.status, large.status]).toEqual([201, 201]);
		const exact = async (id: string) => (await api('GET', `/api/zones/${id}`, { as: world.tokens.admin })).body.properties;
		// Exactly, the small zone holds the four and the large one all five.
		expect([(await exact(small.body.id)).weight, (await exact(large.body.id)).weight]).toEqual([4, 5]);
		for (const who of READERS_WITHOUT_ACCESS) {
			const [a, b] = await Promise.all([small, large].map(async (z) => (await api('GET', `/api/zones/${z.body.id}`, { as: world.tokens[who] })).body.properties));
			// Both see the cell (4 + 1, only the whole week passes) in proportion to their area: the same profile.
			expect([a.incidentFigures, b.incidentFigures], who).toEqual(['aggregated', 'aggregated']);
			expect(new Set(a.hourProfile).size, who).toBe(1);
			b.hourProfile.forEach((v: number, h: number) => expect(v, `${who} ${h}`).toBeCloseTo(a.hourProfile[h], 12));
		}
	});

	it('gives zones from before the split their figures, taking a weight equal to the old derived count as derived', async () => {
		await addIncidents(world, ['02', '09', '16'].map((d) => ({ at: centre, when: `2023-06-${d}T20:30:00+02:00` })));
		const square = JSON.stringify(await rectangle(centre[0], centre[1], -20, -20, 20, 20));
		// As the migration leaves them: no figures, marked pending; one weight as the old code derived it (3 incidents), one given.
		const { rows } = await sql<{ id: string; name: string }>`
			INSERT INTO problem_zones (tenant_id, area_id, name, weight, figures_pending, geom)
			VALUES (${tenant}, ${world.place}, 'Härledd', 3, true, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${square}), 4326))),
				(${tenant}, ${world.place}, 'Given', 7, true, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${square}), 4326)))
			RETURNING id, name`.execute(db());
		expect(await completeZoneFigures(db(), { tenant })).toBe(2);
		expect(await completeZoneFigures(db(), { tenant })).toBe(0);
		const id = (name: string) => rows.find((r) => r.name === name)!.id;
		const stored = await db().selectFrom('problem_zones').select(['name', 'weight', 'figures_pending', 'incident_hours']).orderBy('name').execute();
		expect(stored.map((z) => [z.name, z.weight, z.figures_pending, z.incident_hours!.reduce((a, b) => a + b, 0)])).toEqual([
			['Given', 7, false, 3],
			['Härledd', null, false, 3]
		]);
		const viewer = (await api('GET', `/api/zones/${id('Härledd')}`, { as: world.tokens.viewer })).body.properties;
		// A 40 m square of the 50 m cell holding the three: 1600 / 6495 of 3, less than the least weight, 1.
		expect(viewer).toMatchObject({ incidentFigures: 'aggregated', weight: 1, weightGiven: false });
		expect((await api('GET', `/api/zones/${id('Härledd')}`, { as: world.tokens.admin })).body.properties).toMatchObject({ incidentFigures: 'exact', weight: 3 });
		expect((await api('GET', `/api/zones/${id('Given')}`, { as: world.tokens.viewer })).body.properties).toMatchObject({ weight: 7, weightGiven: true });
	});
});
