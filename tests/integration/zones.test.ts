import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { api, db, resetDatabase, seedWorld, squareAround, tenant, type World } from './harness';

const TANTO = [18.0455, 59.3125] as const;

describe('problem zones and time patterns', () => {
	let world: World;
	beforeEach(async () => {
		await resetDatabase();
		world = await seedWorld();
		// 12 incidents on one spot: 9 on Fridays 22:xx (summer time), 3 on Saturdays 01:xx; 2 elsewhere in the park.
		const rows: string[] = [];
		const add = (lon: number, lat: number, at: string, category = 'narcotics') =>
			rows.push(`('${tenant}', '${world.place}', '${category}', 'police', '${at}', 'z${rows.length}', ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326))`);
		for (let k = 0; k < 9; k++) add(TANTO[0] + k * 1e-6, TANTO[1], `2023-06-${String(2 + 7 * (k % 4)).padStart(2, '0')}T20:${String(10 + k).padStart(2, '0')}:00Z`);
		for (let k = 0; k < 3; k++) add(TANTO[0], TANTO[1] + k * 1e-6, `2023-07-${String(7 + 7 * k).padStart(2, '0')}T23:30:00Z`, 'violence');
		add(TANTO[0] + 0.002, TANTO[1] + 0.001, '2023-07-03T10:00:00Z', 'theft');
		add(TANTO[0] + 0.002, TANTO[1] - 0.001, '2023-08-03T10:00:00Z', 'theft');
		await sql.raw(`INSERT INTO incidents (tenant_id, area_id, category, source, occurred_at, content_hash, geom) VALUES ${rows.join(',')}`).execute(db());
	});

	it('merges hot cells into a zone with a weight and the problem-hour profile of its incidents', async () => {
		const cells = await api('GET', `/api/analysis/hotspots?area=${world.place}&from=2023-01-01&to=2023-12-31&cell=50&method=gistar`, { as: world.tokens.admin });
		const hot = cells.body.features.filter((f: any) => f.properties.count >= 12).map((f: any) => f.id);
		expect(hot).toHaveLength(1);
		const res = await api('POST', '/api/zones', {
			as: world.tokens.coordinator,
			json: { fromCells: { cell: 50, ids: hot }, properties: { name: 'Klipporna', areaId: world.place, periodFrom: '2023-01-01', periodTo: '2023-12-31' } }
		});
		expect(res.status, JSON.stringify(res.body)).toBe(201);
		const p = res.body.properties;
		expect(p).toMatchObject({ name: 'Klipporna', origin: 'hotspot', weight: 12, areaId: world.place });
		// A hexagon of side 50 m: 3√3/2 · 50² ≈ 6495 m².
		expect(p.areaM2).toBeGreaterThan(6495 * 0.995);
		expect(p.areaM2).toBeLessThan(6495 * 1.005);
		expect(res.body.geometry.type).toBe('MultiPolygon');
		// Friday 22:xx Stockholm = hour of week 4·24 + 22 = 118; Saturday 01:30 = 5·24 + 1 = 121.
		expect(p.hourProfile).toHaveLength(168);
		expect(p.hourProfile[118]).toBeCloseTo(0.75, 12);
		expect(p.hourProfile[121]).toBeCloseTo(0.25, 12);

		const outside = await api('POST', '/api/zones', { as: world.tokens.coordinator, json: { fromCells: { cell: 50, ids: ['8991:75992'] }, properties: { name: 'Fel', areaId: world.place } } }); // Sergels torg's cell, not Tantolunden's
		expect([outside.status, outside.body.error.code]).toEqual([400, 'cells_outside_area']);
		expect((await api('POST', '/api/zones', { as: world.tokens.viewer, json: { fromCells: { cell: 50, ids: hot }, properties: { name: 'X', areaId: world.place } } })).status).toBe(403);
	});

	it('takes a zone drawn by hand, uniform without problems in it, and edits it with optimistic locking', async () => {
		const empty = await squareAround(TANTO[0] - 0.003, TANTO[1] - 0.0015, 60);
		const res = await api('POST', '/api/zones', { as: world.tokens.coordinator, json: { geometry: empty, properties: { name: 'Bakom lekparken' } } });
		expect(res.status, JSON.stringify(res.body)).toBe(201);
		expect(res.body.properties).toMatchObject({ origin: 'manual', weight: 1, areaId: world.place });
		expect(new Set(res.body.properties.hourProfile)).toEqual(new Set([1 / 168]));
		const moved = await api('PATCH', `/api/zones/${res.body.id}`, { as: world.tokens.coordinator, json: { version: 1, geometry: await squareAround(TANTO[0], TANTO[1], 40), properties: { weight: 5 } } });
		expect(moved.status).toBe(200);
		expect(moved.body.properties.weight).toBe(5);
		expect(moved.body.properties.hourProfile[118]).toBeCloseTo(0.75, 12);
		const stale = await api('PATCH', `/api/zones/${res.body.id}`, { as: world.tokens.coordinator, json: { version: 1, properties: { name: 'Gammal' } } });
		expect(stale.status).toBe(409);
		const bad = await api('POST', '/api/zones', { as: world.tokens.coordinator, json: { geometry: { type: 'Point', coordinates: TANTO }, properties: { name: 'Punkt' } } });
		expect(bad.status).toBe(400);
		const both = await api('POST', '/api/zones', { as: world.tokens.coordinator, json: { geometry: empty, fromCells: { cell: 50, ids: ['1:1'] }, properties: { name: 'B', areaId: world.place } } });
		expect([both.status, both.body.error.code]).toEqual([400, 'validation_failed']);
		expect((await api('GET', `/api/zones?area=${world.place}`, { as: world.tokens.viewer })).body.features).toHaveLength(1);
		expect((await api('DELETE', `/api/zones/${res.body.id}?version=2`, { as: world.tokens.coordinator })).status).toBe(204);
	});

	it('gives incidents per hour of week and per month, through the privacy grid for roles without incident access', async () => {
		const q = `area=${world.place}&from=2023-06-01&to=2023-08-31`;
		const full = await api('GET', `/api/analysis/time-patterns?${q}`, { as: world.tokens.admin });
		expect(full.status).toBe(200);
		expect(full.body.total).toBe(14);
		expect(full.body.hourOfWeek[118]).toBe(9);
		expect(full.body.hourOfWeek[121]).toBe(3);
		expect(full.body.hourOfWeek[hourOf(1, 12)]).toBe(1); // Monday 3 July 12:00
		expect(full.body.monthly).toEqual([{ month: '2023-06', count: 9 }, { month: '2023-07', count: 4 }, { month: '2023-08', count: 1 }]);
		expect(full.body.figures).toBe('exact');
		// The viewer: the 50 m cell of the 12 (9 and 3 an hour, 9 and 3 a month) shows as it is;
		// the two thefts, alone in their cells, are not shown at all: 0, never a blank.
		const viewer = await api('GET', `/api/analysis/time-patterns?${q}`, { as: world.tokens.viewer });
		expect(viewer.body).toMatchObject({ figures: 'aggregated', total: 12, suppressedBelow: 3, gridCellM: 50 });
		expect(viewer.body.hourOfWeek[118]).toBe(9);
		expect(viewer.body.hourOfWeek[121]).toBe(3);
		expect(viewer.body.hourOfWeek[hourOf(1, 12)]).toBe(0);
		expect(viewer.body.hourOfWeek.every((v: unknown) => typeof v === 'number')).toBe(true);
		expect(viewer.body.monthly).toEqual([{ month: '2023-06', count: 9 }, { month: '2023-07', count: 3 }, { month: '2023-08', count: 0 }]);
		const violence = await api('GET', `/api/analysis/time-patterns?${q}&category=violence`, { as: world.tokens.admin });
		expect(violence.body.total).toBe(3);
		expect((await api('GET', `/api/analysis/time-patterns?from=2023-01-01&to=2023-02-01`, { as: world.tokens.admin })).status).toBe(400);
		expect((await api('GET', `/api/analysis/time-patterns?area=${world.otherPlace}&from=2023-01-01&to=2023-02-01`, { as: world.tokens.viewer })).status).toBe(403);
	});
});

const hourOf = (isoDay: number, hour: number) => (isoDay - 1) * 24 + hour;
