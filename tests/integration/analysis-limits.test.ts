/**
 * Bounded work (issue 11): every analysis refuses what it cannot do in bounded time with a
 * 400 naming the field and the limit, events refuse recurrences that yield nothing or too
 * much before anything is stored, the heavy analyses run in worker threads with the same
 * numbers as the shared functions in this process, and a task over its time budget is
 * stopped with a 503 while the server keeps answering.
 */
import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { activitiesOf } from '../../src/lib/analysis/activities';
import { coverage } from '../../src/lib/analysis/coverage';
import { findOverlaps } from '../../src/lib/analysis/overlaps';
import { MAX_ANALYSIS_ACTIVITIES, MAX_ANALYSIS_DAYS, MAX_ANALYSIS_ZONES, MAX_SUGGEST_CANDIDATES, MAX_SUGGEST_EVALUATIONS, MAX_SUGGEST_K } from '../../src/lib/analysis/limits';
import { MAX_OCCURRENCES, MAX_SERIES_DAYS } from '../../src/lib/events/recurrence';
import { stockholmPeriod } from '../../src/lib/time/stockholm';
import { api, db, resetDatabase, seedWorld, snapshotCounts, squareAround, tenant, type World } from './harness';

const CENTRE: [number, number] = [18.0455, 59.3125];

/** `n` small square zones on a 90 m grid around the district's centre, straight into the table. */
async function insertZones(area: string, n: number) {
	await sql`
		WITH c AS (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(18.06, 59.314), 4326), 3006) AS p)
		INSERT INTO problem_zones (tenant_id, area_id, name, weight, geom)
		SELECT ${tenant}, ${area}, 'zone ' || i, 1 + i % 5,
			ST_Multi(ST_Transform(ST_Buffer(ST_Translate(c.p, (i % 30) * 90 - 1300, (i / 30) * 90 - 1300), 30, 'quad_segs=2'), 4326))
		FROM c, generate_series(0, ${n - 1}) AS i`.execute(db());
}

/** `n` done measures (lamps in the dark, or benches always) on a 40 m grid around the district's centre. */
async function insertMeasures(area: string, n: number, kind: 'lighting' | 'seating') {
	await sql`
		WITH c AS (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(18.06, 59.314), 4326), 3006) AS p)
		INSERT INTO measures (tenant_id, area_id, title, kind, status, done_on, active_hours, influence_radius_m, geom)
		SELECT ${tenant}, ${area}, 'measure ' || i, ${kind}, 'done', '2022-01-01', ${kind === 'lighting' ? 'dark' : 'always'}, 25,
			ST_Transform(ST_Translate(c.p, (i % 70) * 40 - 1400, (i / 70) * 40 - 1400), 4326)
		FROM c, generate_series(0, ${n - 1}) AS i`.execute(db());
}

describe('analysis limits', () => {
	let world: World;
	beforeEach(async () => {
		await resetDatabase();
		world = await seedWorld();
	});

	const get = (path: string) => api('GET', path, { as: world.tokens.viewer });

	it(`refuses a coverage or overlap period over ${MAX_ANALYSIS_DAYS} days at once, naming the field and the limit`, async () => {
		await insertZones(world.district, 3);
		for (const path of ['/api/analysis/coverage', '/api/analysis/overlaps']) {
			const started = performance.now();
			// The issue's request: the year 2999 is refused as a date already (1900–2100), at once.
			const issue = await get(`${path}?area=${world.district}&from=1900-01-01&to=2999-12-31`);
			expect([issue.status, issue.body.error.code], path).toEqual([400, 'invalid_query']);
			const res = await get(`${path}?area=${world.district}&from=1900-01-01&to=2100-12-31`);
			expect(res.status, path).toBe(400);
			expect(res.body.error).toMatchObject({ code: 'period_too_long', details: { field: 'to', limit: MAX_ANALYSIS_DAYS } });
			expect(performance.now() - started, path).toBeLessThan(2000);
			// A leap year whole is allowed; a day more is not.
			expect((await get(`${path}?area=${world.district}&from=2024-01-01&to=2024-12-31`)).status, path).toBe(200);
			expect((await get(`${path}?area=${world.district}&from=2024-01-01&to=2025-01-01`)).body.error.code, path).toBe('period_too_long');
		}
	});

	it('refuses hotspot and time-pattern periods over ten years and a hotspot band over ten cell sides', async () => {
		const long = await get(`/api/analysis/hotspots?area=${world.district}&from=1900-01-01&to=2100-12-31`);
		expect([long.status, long.body.error.code, long.body.error.details.field]).toEqual([400, 'period_too_long', 'to']);
		const patterns = await get(`/api/analysis/time-patterns?area=${world.district}&from=1900-01-01&to=2100-12-31`);
		expect([patterns.status, patterns.body.error.code]).toEqual([400, 'period_too_long']);
		const band = await get(`/api/analysis/hotspots?area=${world.district}&from=2023-01-01&to=2023-12-31&cell=50&band=1000`);
		expect([band.status, band.body.error.code]).toEqual([400, 'band_too_wide']);
		expect(band.body.error.details).toEqual({ field: 'band', limit: 500 });
		expect((await get(`/api/analysis/hotspots?area=${world.district}&from=2023-01-01&to=2023-12-31&cell=50&band=500`)).status).toBe(200);
	});

	it(`refuses more than ${MAX_ANALYSIS_ZONES} zones or ${MAX_ANALYSIS_ACTIVITIES} activities in one analysis`, async () => {
		await insertZones(world.district, MAX_ANALYSIS_ZONES + 1);
		const zones = await get(`/api/analysis/coverage?area=${world.district}&from=2023-06-01&to=2023-06-30`);
		expect([zones.status, zones.body.error.code]).toEqual([400, 'too_many_zones']);
		expect(zones.body.error.details).toMatchObject({ field: 'area', limit: MAX_ANALYSIS_ZONES, count: MAX_ANALYSIS_ZONES + 1 });

		await resetDatabase();
		world = await seedWorld();
		await insertZones(world.district, 5);
		await insertMeasures(world.district, MAX_ANALYSIS_ACTIVITIES + 1, 'seating');
		for (const path of ['/api/analysis/coverage', '/api/analysis/overlaps']) {
			const res = await get(`${path}?area=${world.district}&from=2023-06-01&to=2023-06-30`);
			expect([res.status, res.body.error.code], path).toEqual([400, 'too_many_activities']);
			expect(res.body.error.details, path).toEqual({ field: 'area', limit: MAX_ANALYSIS_ACTIVITIES });
		}
	});

	it('refuses suggestions over the limits on k, candidates, period and work', async () => {
		await insertZones(world.district, 12);
		const body = { area: world.district, from: '2023-06-01', to: '2023-08-31', days: ['FR'], startHour: 18, endHour: 22, k: 3, radius: 100 };
		const suggest = (json: unknown) => api('POST', '/api/analysis/suggest', { as: world.tokens.coordinator, json });
		expect((await suggest(body)).status).toBe(200);

		const k = await suggest({ ...body, k: MAX_SUGGEST_K + 1 });
		expect([k.status, k.body.error.code]).toEqual([400, 'validation_failed']);
		expect(k.body.error.details).toEqual([{ path: 'k', code: 'too_big', maximum: MAX_SUGGEST_K, message: 'Får vara högst 5.' }]);

		// Sites among the zones (1.3 km south-west of the district's centre).
		const many = Array.from({ length: MAX_SUGGEST_CANDIDATES + 1 }, (_, i) => [18.0372 + (i % 20) * 0.0005, 59.3023 + Math.floor(i / 20) * 0.0003]);
		const candidates = await suggest({ ...body, candidates: many });
		expect([candidates.status, candidates.body.error.code]).toEqual([400, 'validation_failed']);
		expect(candidates.body.error.details).toEqual([{ path: 'candidates', code: 'too_many', maximum: MAX_SUGGEST_CANDIDATES, message: `Högst ${MAX_SUGGEST_CANDIDATES} får anges.` }]);

		const year = await suggest({ ...body, from: '1900-01-01', to: '2100-12-31' });
		expect([year.status, year.body.error.code, year.body.error.details.limit]).toEqual([400, 'period_too_long', MAX_ANALYSIS_DAYS]);

		// 200 sites of 1 km each reach all 12 zones: 5 × 200 × 12 = 12,000 zone evaluations.
		const wide = await suggest({ ...body, k: 5, radius: 1000, candidates: many.slice(0, MAX_SUGGEST_CANDIDATES) });
		expect([wide.status, wide.body.error.code]).toEqual([400, 'suggestion_too_large']);
		expect(wide.body.error.details).toMatchObject({ field: 'radius', limit: MAX_SUGGEST_EVALUATIONS, estimate: 12_000 });
	});
});

describe('heavy analysis in worker threads', () => {
	let world: World;
	beforeEach(async () => {
		await resetDatabase();
		world = await seedWorld();
	});

	it('gives the same coverage and overlaps as the shared functions computed here, from the same zones, events and measures', async () => {
		const as = world.tokens.coordinator;
		for (const [i, size] of [120, 80, 60].entries()) {
			const geometry = await squareAround(CENTRE[0] + i * 0.0012, CENTRE[1], size);
			expect((await api('POST', '/api/zones', { as, json: { geometry, properties: { name: `Zon ${i}`, weight: i + 1 } } })).status).toBe(201);
		}
		const place = (dx: number, title: string, rrule: string) =>
			api('POST', '/api/events', { as, json: { geometry: { type: 'Point', coordinates: [CENTRE[0] + dx, CENTRE[1]] }, properties: { title, kind: 'culture', startsAt: '2023-06-02T18:00:00+02:00', endsAt: '2023-06-02T22:00:00+02:00', rrule, influenceRadiusM: 70 } } });
		expect((await place(0, 'Fredagsjazz', 'FREQ=WEEKLY;BYDAY=FR;COUNT=8')).status).toBe(201);
		expect((await place(0.0008, 'Marknad', 'FREQ=WEEKLY;BYDAY=FR,SA;UNTIL=20230731')).status).toBe(201);
		for (const [dx, kind] of [[0.0004, 'lighting'], [0.0013, 'seating']] as const) {
			const m = await api('POST', '/api/measures', { as, json: { geometry: { type: 'Point', coordinates: [CENTRE[0] + dx, CENTRE[1] + 0.0002] }, properties: { kind, title: kind, status: 'done', doneOn: '2023-05-01', influenceRadiusM: 40 } } });
			expect(m.status, JSON.stringify(m.body)).toBe(201);
		}

		const [from, to] = ['2023-06-01', '2023-08-31'];
		const period = stockholmPeriod(from, to);
		const zones = (await api('GET', `/api/zones?area=${world.place}`, { as })).body.features;
		const events = (await api('GET', `/api/events?area=${world.place}`, { as })).body.features;
		const measures = (await api('GET', `/api/measures?area=${world.place}`, { as })).body.features;
		const eventRows = events.map((e: any) => ({ id: e.id, kind: e.properties.kind, status: 'planned', geometry: e.geometry, radiusM: e.properties.influenceRadiusM, occurrences: e.properties.occurrences }));
		const measureRows = measures.map((m: any) => ({ id: m.id, kind: m.properties.kind, status: m.properties.status, geometry: m.geometry, radiusM: m.properties.influenceRadiusM, activeHours: m.properties.activeHours, doneOn: m.properties.doneOn }));

		const here = coverage(
			zones.map((z: any) => ({ id: z.id, geometry: z.geometry, weight: z.properties.weight, profile: z.properties.hourProfile })),
			activitiesOf(eventRows, measureRows, period, { plannedMeasures: false }),
			period
		);
		const served = await api('GET', `/api/analysis/coverage?area=${world.place}&from=${from}&to=${to}`, { as: world.tokens.viewer });
		expect(served.status).toBe(200);
		expect(served.body.activities).toBe(4);
		expect(served.body.zones.map((z: any) => [z.zoneId, z.spatialCoverage, z.timeCoverage, z.gapScore, z.coveredBy.map((c: any) => [c.id, c.share])])).toEqual(
			here.map((z) => [z.zoneId, z.spatialCoverage, z.timeCoverage, z.gapScore, z.coveredBy.map((c) => [c.id, c.share])])
		);
		expect(here.some((z) => (z.timeCoverage ?? 0) > 0)).toBe(true);

		const pairs = findOverlaps(activitiesOf(eventRows, measureRows, period));
		const overlaps = await api('GET', `/api/analysis/overlaps?area=${world.place}&from=${from}&to=${to}`, { as: world.tokens.viewer });
		expect(overlaps.body.pairs).toEqual(pairs);
		expect(pairs.length).toBeGreaterThan(0);
	});

	it('stops a task over its time budget with a 503 in the error shape, and the server keeps answering', async () => {
		const get = (path: string) => api('GET', path, { as: world.tokens.viewer });
		await insertZones(world.district, 300);
		await insertMeasures(world.district, 1500, 'lighting');
		const budget = Symbol.for('lykta.analysis.budgetMs');
		const registry = globalThis as { [budget]?: number };
		const path = `/api/analysis/coverage?area=${world.district}&from=2023-01-01&to=2023-12-31`;
		registry[budget] = 100;
		try {
			const started = performance.now();
			const [over, health] = await Promise.all([get(path), (async () => {
				await new Promise((done) => setTimeout(done, 20));
				const t = performance.now();
				const res = await api('GET', '/api/health');
				return { status: res.status, ms: performance.now() - t };
			})()]);
			expect(over.status).toBe(503);
			expect(over.body.error).toEqual({ code: 'analysis_timeout', message: expect.stringContaining('avbröts'), details: { budgetMs: 100 } });
			// Stopped near the budget, not after the work (several seconds for 1,500 lamps over a year).
			expect(performance.now() - started).toBeLessThan(3000);
			// The request thread was free meanwhile.
			expect(health.status).toBe(200);
			expect(health.ms).toBeLessThan(1000);
		} finally {
			delete registry[budget];
		}
		// A fresh worker takes the next task; the whole year is computed within the normal budget.
		const full = await get(path);
		expect(full.status, JSON.stringify(full.body).slice(0, 300)).toBe(200);
		expect(full.body.zones).toHaveLength(300);
		expect(full.body.activities).toBe(1500);
	});
});

describe('event recurrences', () => {
	let world: World;
	beforeEach(async () => {
		await resetDatabase();
		world = await seedWorld();
	});

	const TABLES = ['events', 'event_occurrences', 'audit_log'];
	const properties = { title: 'Kvällsaktivitet', kind: 'culture', startsAt: '2026-03-06T18:00:00+01:00', endsAt: '2026-03-06T21:00:00+01:00' };
	const create = (rrule: string) => api('POST', '/api/events', { as: world.tokens.coordinator, json: { geometry: { type: 'Point', coordinates: CENTRE }, properties: { ...properties, rrule } } });

	it('refuses a rule that yields no occurrence, at once, and stores nothing', async () => {
		const before = await snapshotCounts(TABLES);
		const started = performance.now();
		const res = await create('FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;UNTIL=20260901T000000Z');
		expect(performance.now() - started).toBeLessThan(2000);
		expect(res.status).toBe(400);
		expect(res.body.error).toMatchObject({ code: 'invalid_recurrence', details: { field: 'rrule', reason: 'no_occurrences' } });
		expect(await snapshotCounts(TABLES)).toEqual(before);
	});

	it('refuses too many occurrences or too long a series, with the limit, and stores nothing', async () => {
		const before = await snapshotCounts(TABLES);
		const many = await create('FREQ=DAILY;BYHOUR=10,18;UNTIL=20261231');
		expect([many.status, many.body.error.details]).toEqual([400, { field: 'rrule', reason: 'too_many', limit: MAX_OCCURRENCES }]);
		const long = await create('FREQ=YEARLY;COUNT=7');
		expect([long.status, long.body.error.details]).toEqual([400, { field: 'rrule', reason: 'too_long', limit: MAX_SERIES_DAYS }]);
		const hourly = await create('FREQ=HOURLY;COUNT=5');
		expect([hourly.status, hourly.body.error.details.reason]).toEqual([400, 'invalid_rule']);
		expect(await snapshotCounts(TABLES)).toEqual(before);
	});

	it('refuses an impossible rule on PATCH and leaves the event as it was', async () => {
		const created = await create('FREQ=WEEKLY;BYDAY=FR;COUNT=4');
		expect(created.status).toBe(201);
		const before = await snapshotCounts(TABLES);
		const res = await api('PATCH', `/api/events/${created.body.id}`, { as: world.tokens.coordinator, json: { version: created.body.properties.version, properties: { rrule: 'FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=31;COUNT=2' } } });
		expect([res.status, res.body.error.details.reason]).toEqual([400, 'no_occurrences']);
		expect(await snapshotCounts(TABLES)).toEqual(before);
		const after = await api('GET', `/api/events/${created.body.id}`, { as: world.tokens.coordinator });
		expect(after.body.properties.rrule).toBe('FREQ=WEEKLY;BYDAY=FR;COUNT=4');
		expect(after.body.properties.occurrences).toHaveLength(4);
	});
});
