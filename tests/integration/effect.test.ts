/**
 * GET /api/analysis/effect: control suggestion on a hand-made fixture (expected ranks and
 * estimates written out from the formulas), the demo data's Tantolunden from June 2023 for
 * roles with and without incident access (series equal to direct SQL counts, or to the
 * privacy grid's figures), and bad input.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql, type RawBuilder } from 'kysely';
import { api, db, resetDatabase, seedWorld, tenant, type World } from './harness';
import { loadDemo } from '../../src/lib/server/demo/load';
import { createApiToken } from '../../src/lib/server/auth/actors.server';

const months = (from: string, n: number) =>
	Array.from({ length: n }, (_, i) => {
		const k = Number(from.slice(0, 4)) * 12 + Number(from.slice(5, 7)) - 1 + i;
		return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
	});
const total = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** A square of `size` m (SWEREF 99 TM) around a point `dx`, `dy` m from a WGS 84 point, as an SQL geometry. */
const square = (lon: number, lat: number, dx: number, dy: number, size: number) =>
	sql`ST_Multi(ST_Transform(ST_Expand(ST_Translate(ST_Transform(ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326), 3006), ${dx}, ${dy}), ${size / 2}), 4326))`;
const TANTO = [18.0455, 59.3125] as const;

describe('control suggestion and estimates on a fixture', () => {
	let world: World;
	const zone: Record<string, string> = {};
	const place: Record<string, string> = {};
	// Six months before (January–June 2023), six during (July–December).
	const BEFORE = months('2023-01', 6);
	const DURING = months('2023-07', 6);
	const pattern = {
		treated: { before: [10, 12, 14, 16, 18, 20], during: [5, 5, 5, 5, 5, 5] },
		// 300 m from the treated zone's edge: inside the 400 m buffer, never a control.
		near: { before: [5, 5, 5, 5, 5, 5], during: [10, 10, 10, 10, 10, 10] },
		similar: { before: [20, 24, 28, 32, 36, 40], during: [40, 40, 40, 40, 40, 40] },
		flat: { before: [15, 15, 15, 15, 15, 15], during: [15, 15, 15, 15, 15, 15] },
		few: { before: [1, 1, 1, 1, 1, 1], during: [1, 1, 1, 1, 1, 1] },
		// In Norrmalm: the most like the treated zone, but another district.
		north: { before: [10, 12, 14, 16, 18, 20], during: [20, 20, 20, 20, 20, 20] }
	};

	async function addPlace(key: string, name: string, parent: string, lon: number, lat: number, dx: number, dy: number) {
		const { rows } = await sql<{ id: string }>`INSERT INTO areas (tenant_id, slug, name, kind, parent_id, geom)
			VALUES (${tenant}, ${key}, ${name}, 'place', ${parent}, ${square(lon, lat, dx, dy, 200)}) RETURNING id`.execute(db());
		place[key] = rows[0]!.id;
	}
	async function addZone(key: string, areaId: string, lon: number, lat: number, dx: number, dy: number, counts: { before: number[]; during: number[] }) {
		const { rows } = await sql<{ id: string }>`INSERT INTO problem_zones (tenant_id, area_id, name, geom)
			VALUES (${tenant}, ${areaId}, ${`Zon ${key}`}, ${square(lon, lat, dx, dy, 150)}) RETURNING id`.execute(db());
		zone[key] = rows[0]!.id;
		const values = [...counts.before, ...counts.during];
		const all = [...BEFORE, ...DURING];
		let k = 0;
		for (const [i, n] of values.entries())
			for (let j = 0; j < n; j++)
				await sql`INSERT INTO incidents (tenant_id, area_id, category, source, occurred_at, content_hash, geom)
					VALUES (${tenant}, ${areaId}, 'narcotics', 'police', ${`${all[i]}-${String(1 + (j % 27)).padStart(2, '0')}T20:00:00+02:00`}::timestamptz, ${`${key}-${k++}`},
						ST_Transform(ST_Translate(ST_Transform(ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326), 3006), ${dx + (j % 5) * 10 - 20}, ${dy + Math.floor(j / 5) % 5 * 10 - 20}), 4326))`.execute(db());
	}

	beforeAll(async () => {
		await resetDatabase();
		world = await seedWorld();
		// The treated zone in Tantolunden (a 500 m square): 150 m around its centre.
		await addZone('treated', world.place, TANTO[0], TANTO[1], 0, 0, pattern.treated);
		// Places of Södermalm (a 3 km square around 18.06, 59.314) and their zones.
		await addPlace('nara', 'Nära', world.district, TANTO[0], TANTO[1], 450, 0);
		await addZone('near', place.nara!, TANTO[0], TANTO[1], 450, 0, pattern.near);
		await addPlace('likt', 'Likt', world.district, TANTO[0], TANTO[1], 1600, 800);
		await addZone('similar', place.likt!, TANTO[0], TANTO[1], 1600, 800, pattern.similar);
		await addPlace('platt', 'Platt', world.district, TANTO[0], TANTO[1], 1600, -800);
		await addZone('flat', place.platt!, TANTO[0], TANTO[1], 1600, -800, pattern.flat);
		await addPlace('litet', 'Litet', world.district, TANTO[0], TANTO[1], -500, 1100);
		await addZone('few', place.litet!, TANTO[0], TANTO[1], -500, 1100, pattern.few);
		// Sergels torg (Norrmalm) holds the zone most like the treated one.
		await addZone('north', world.otherPlace, 18.0649, 59.3326, 0, 0, pattern.north);
	}, 120_000);

	const get = (query: string, as = world.tokens.admin) => api('GET', `/api/analysis/effect?area=${world.place}&from=2023-07&to=2023-12&before=6&${query}`, { as });

	it('suggests comparable untreated zones of the same district by level and trend, never one in the buffer', async () => {
		const res = await get(`zones=${zone.treated}`);
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		const r = res.body;
		expect(r.treated).toMatchObject({ kind: 'zones', units: [{ id: zone.treated, name: 'Zon treated' }] });
		// Treated before: level 15, trend Σ(t − 2.5)·y/15 / 17.5 = 35/15/17.5 = 2/15 per month.
		const trendA = 35 / 15 / 17.5;
		const expected = {
			north: 0, // the same series
			similar: Math.log(30 / 15) + 0, // twice the level, the same relative trend
			flat: 0 + 12 * trendA // the same level, no trend
		};
		// Candidates best first: the near zone is missing (inside 400 m), the small one comes last as ineligible.
		expect(r.candidates.map((c: any) => c.name)).toEqual(['Zon north', 'Zon similar', 'Zon flat', 'Zon few']);
		expect(r.candidates[0].score).toBeCloseTo(expected.north, 10);
		expect(r.candidates[1].score).toBeCloseTo(expected.similar, 10);
		expect(r.candidates[2].score).toBeCloseTo(expected.flat, 10);
		expect(r.candidates[3]).toMatchObject({ eligible: false, score: null });
		// Södermalm has eligible candidates: they win over the better match in Norrmalm.
		expect(r.controlsFrom).toBe('district');
		expect(r.controls.map((c: any) => c.id)).toEqual([zone.similar, zone.flat]);
		expect(r.figures).toBe('exact');
	});

	it('computes the difference in differences, WDD and WDQ from the counts as the formulas say', async () => {
		const r = (await get(`zones=${zone.treated}`)).body;
		const a0 = total(pattern.treated.before), a1 = total(pattern.treated.during);
		const c0 = total(pattern.similar.before) + total(pattern.flat.before), c1 = total(pattern.similar.during) + total(pattern.flat.during);
		const b0 = total(pattern.near.before), b1 = total(pattern.near.during);
		expect(r.series.treated).toMatchObject({ before: a0, during: a1, figures: 'exact', values: [...pattern.treated.before, ...pattern.treated.during] });
		expect(r.series.control).toMatchObject({ before: c0, during: c1 });
		expect(r.series.buffer).toMatchObject({ before: b0, during: b1 });
		expect(r.did.rateRatio).toBeCloseTo(a1 / c1 / (a0 / c0), 12);
		expect(r.did.poissonStandardError).toBeCloseTo(Math.sqrt(1 / a0 + 1 / a1 + 1 / c0 + 1 / c1), 12);
		const m = 6;
		const control = (c1 - c0) / m;
		expect(r.wdd.local.estimate).toBeCloseTo((a1 - a0) / m - (a0 / c0) * control, 10);
		expect(r.wdd.displacement.estimate).toBeCloseTo((b1 - b0) / m - (b0 / c0) * control, 10);
		expect(r.wdq.quotient).toBeCloseTo((b1 / c1 - b0 / c0) / (a1 / c1 - a0 / c0), 12);
		expect(r.wdq.reading).toBe('displacement');
		// The ring split by place: the rest of Tantolunden (no incidents there) and Nära.
		expect(r.bufferParts.map((p: any) => [p.name, p.before, p.during])).toEqual([['Tantolunden', 0, 0], ['Nära', b0, b1]]);
	});

	it('looks elsewhere when the district has no comparable zone, and says so', async () => {
		const res = await get(`zones=${zone.treated}&control=`);
		expect(res.status).toBe(400); // an empty list is no list
		await sql`DELETE FROM incidents WHERE content_hash LIKE 'similar-%' OR content_hash LIKE 'flat-%'`.execute(db());
		const r = (await get(`zones=${zone.treated}`)).body;
		expect(r.controlsFrom).toBe('elsewhere');
		expect(r.controls.map((c: any) => c.id)).toEqual([zone.north]);
		expect(r.caveats.map((c: any) => c.code)).toContain('controls_elsewhere');
		// The same series as the treated zone before: nothing drifted apart, the ratio is the during counts' ratio.
		expect(r.did.rateRatio).toBeCloseTo(30 / 120 / (90 / 90), 12);
	});

	it('takes chosen controls, and refuses one in the buffer or a zone of another area', async () => {
		const chosen = await get(`zones=${zone.treated}&control=${zone.north}`);
		expect(chosen.body).toMatchObject({ controlsFrom: 'chosen', controls: [{ id: zone.north, suggested: false }] });
		const inBuffer = await get(`zones=${zone.treated}&control=${zone.near}`);
		expect([inBuffer.status, inBuffer.body.error.code, inBuffer.body.error.details.field]).toEqual([400, 'control_in_buffer', 'control']);
		const treatedAsControl = await get(`zones=${zone.treated}&control=${zone.treated}`);
		expect(treatedAsControl.body.error.code).toBe('control_in_buffer');
		const foreign = await get(`zones=${zone.north}`);
		expect([foreign.status, foreign.body.error.code]).toEqual([400, 'zone_not_in_area']);
	});

	it('refuses bad input with a clear 4xx', async () => {
		const cases: [string, string, number, string][] = [
			['a month that is no month', `area=${world.place}&from=2023-13`, 400, 'invalid_query'],
			['no start', `area=${world.place}`, 400, 'validation_failed'],
			['a start not yet over', `area=${world.place}&from=2099-01`, 400, 'not_started'],
			['no data before the start', `area=${world.place}&from=2023-01`, 400, 'no_data_before'],
			['an end before the start', `area=${world.place}&from=2023-07&to=2023-05`, 400, 'invalid_period'],
			['more than three years', `area=${world.place}&from=2023-02&to=2026-12`, 400, 'period_too_long'],
			['too many months before', `area=${world.place}&from=2023-07&before=37`, 400, 'invalid_query'],
			['a buffer over 1 km', `area=${world.place}&from=2023-07&buffer=5000`, 400, 'invalid_query'],
			['an unknown area', `area=00000000-0000-4000-8000-000000000000&from=2023-07`, 404, 'not_found'],
			['an unknown control', `area=${world.place}&from=2023-07&control=00000000-0000-4000-8000-000000000000`, 404, 'not_found']
		];
		for (const [what, query, status, code] of cases) {
			const res = await api('GET', `/api/analysis/effect?${query}`, { as: world.tokens.admin });
			expect([res.status, res.body?.error?.code], what).toEqual([status, code]);
		}
		expect((await api('GET', `/api/analysis/effect?area=${world.place}&from=2023-07`, { as: world.tokens.outsider })).status).toBe(403);
		expect((await api('GET', `/api/analysis/effect?area=${world.place}&from=2023-07`)).status).toBe(401);
	});
});

describe('Tantolunden from June 2023 on the demo data', () => {
	const tokens: Record<string, string> = {};
	let tanto: string;
	beforeAll(async () => {
		await resetDatabase();
		await loadDemo(db(), tenant, 'Test');
		for (const email of ['admin@lykta.example', 'lasare@lykta.example', 'samordnare@lykta.example']) {
			const user = await db().selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
			tokens[email.split('@')[0]!] = (await createApiToken(db(), tenant, user.id, 'effect test')).token;
		}
		tanto = (await db().selectFrom('areas').select('id').where('slug', '=', 'tantolunden').executeTakeFirstOrThrow()).id;
	}, 180_000);

	/** Incidents per month (Stockholm) inside an SQL region, counted directly. */
	async function monthly(region: RawBuilder<unknown>, list: string[]) {
		const { rows } = await sql<{ month: string; n: number }>`
			SELECT to_char(occurred_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM') AS month, count(*)::int AS n
			FROM incidents WHERE ST_Intersects(geom, ${region}) GROUP BY 1`.execute(db());
		return list.map((m) => rows.find((r) => r.month === m)?.n ?? 0);
	}

	it('shows the drop in Tantolunden and the displacement to Drakenbergsparken, with exact figures for the admin', async () => {
		const res = await api('GET', `/api/analysis/effect?area=${tanto}&from=2023-06`, { as: tokens.admin });
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		const r = res.body;
		// Twelve months from June 2023; before them the data's first five months (it begins in January 2023).
		expect(r.period).toEqual({ before: { from: '2023-01', to: '2023-05', months: 5 }, during: { from: '2023-06', to: '2024-05', months: 12 }, dataFrom: '2023-01', beforeCut: true });
		const list = months('2023-01', 17);
		expect(r.months).toEqual(list);
		expect(r.figures).toBe('exact');
		// The treated series is the area's incidents, counted here directly.
		const area = sql`(SELECT geom FROM areas WHERE id = ${tanto})`;
		expect(r.series.treated.values).toEqual(await monthly(area, list));
		// No place of Södermalm outside the buffer: the controls come from other districts, never Drakenbergsparken (~250 m away).
		expect(r.controlsFrom).toBe('elsewhere');
		expect(r.controls.map((c: any) => c.name)).not.toContain('Drakenbergsparken');
		const ids = r.controls.map((c: any) => c.id);
		const control = await monthly(sql`(SELECT ST_Union(geom) FROM areas WHERE id = ANY(${ids}::uuid[]))`, list);
		expect(r.series.control.values).toEqual(control);
		const ring = sql`(SELECT ST_Transform(ST_Difference(ST_Buffer(ST_Transform(geom, 3006), 400), ST_Transform(geom, 3006)), 4326) FROM areas WHERE id = ${tanto})`;
		const buffer = await monthly(ring, list);
		expect(r.series.buffer.values).toEqual(buffer);

		const split = (values: number[]) => ({ before: total(values.slice(0, 5)), during: total(values.slice(5)) });
		const [a, c, b] = [split(r.series.treated.values), split(control), split(buffer)];
		// The estimate, from the counts as the formula says.
		expect(r.did.rateRatio).toBeCloseTo(a.during / c.during / (a.before / c.before), 12);
		expect(r.did.interval[1]).toBeLessThan(1); // a drop, and the interval says so
		expect(r.wdd.local.estimate).toBeCloseTo((a.during - (a.before * c.during) / c.before) / 12, 10);
		expect(r.wdd.displacement.estimate).toBeCloseTo((b.during - (b.before * c.during) / c.before) / 12, 10);
		expect(r.wdq.quotient).toBeCloseTo((b.during / c.during - b.before / c.before) / (a.during / c.during - a.before / c.before), 12);
		// Some displacement, smaller than the drop: into Drakenbergsparken.
		expect(r.wdq.reading).toBe('displacement');
		const drakenberg = r.bufferParts.find((p: any) => p.name === 'Drakenbergsparken');
		expect(drakenberg.perMonth).toBeGreaterThan(0);
		expect(r.caveats.map((x: any) => x.code)).toEqual(expect.arrayContaining(['not_proof', 'seasons_differ', 'short_before', 'controls_elsewhere']));
	});

	it('takes a plan’s activity as the intervention: the measures and events linked to it in the area', async () => {
		const { rows } = await sql<{ id: string; measures: string[]; events: string[] }>`
			SELECT a.id,
				ARRAY(SELECT m.id::text FROM measures m WHERE m.activity_id = a.id AND m.area_id = ${tanto} ORDER BY 1) AS measures,
				ARRAY(SELECT e.id::text FROM events e WHERE e.activity_id = a.id AND e.area_id = ${tanto} ORDER BY 1) AS events
			FROM programme_activities a
			WHERE EXISTS (SELECT 1 FROM measures m WHERE m.activity_id = a.id AND m.area_id = ${tanto})
			   OR EXISTS (SELECT 1 FROM events e WHERE e.activity_id = a.id AND e.area_id = ${tanto})
			LIMIT 1`.execute(db());
		const activity = rows[0]!;
		expect(activity.measures.length + activity.events.length).toBeGreaterThan(0);
		const res = await api('GET', `/api/analysis/effect?area=${tanto}&from=2023-06&activity=${activity.id}`, { as: tokens.samordnare });
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		expect(res.body.intervention.measures.map((m: any) => m.id).sort()).toEqual(activity.measures);
		expect(res.body.intervention.events.map((e: any) => e.id).sort()).toEqual(activity.events);
		expect(res.body.intervention.programme.name).toMatch(/^Sommar i Tanto/);
		expect((await api('GET', `/api/analysis/effect?area=${tanto}&from=2023-06&activity=00000000-0000-4000-8000-000000000000`, { as: tokens.samordnare })).status).toBe(404);
	});

	it('builds every series of a role without incident access from the privacy grid: the same figures as the time patterns give', async () => {
		const res = await api('GET', `/api/analysis/effect?area=${tanto}&from=2023-06`, { as: tokens.lasare });
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		const r = res.body;
		expect(r).toMatchObject({ figures: 'aggregated', suppressedBelow: 3, gridCellM: 50 });
		for (const s of [r.series.treated, r.series.control, r.series.buffer]) {
			expect(s.figures).toBe('aggregated');
			// A whole series or nothing: never a blank month.
			expect(s.values.every((v: unknown) => typeof v === 'number')).toBe(true);
		}
		for (const p of r.bufferParts) expect(p.figures).not.toBe('exact');
		// The treated area's series is the one the time patterns show this reader for the same months.
		const patterns = await api('GET', `/api/analysis/time-patterns?area=${tanto}&from=2023-01-01&to=2024-05-31`, { as: tokens.lasare });
		expect(patterns.body.figures).toBe('aggregated');
		const shown = patterns.body.monthly.map((m: any) => m.count);
		expect(r.series.treated.values).toHaveLength(shown.length);
		// Both are rounded to hundredths; the cells are summed in another order.
		r.series.treated.values.forEach((v: number, i: number) => expect(Math.abs(v - shown[i])).toBeLessThanOrEqual(0.01));
		// The admin's exact figures differ (the grid coarsens in time): nothing exact leaked through.
		const exact = (await api('GET', `/api/analysis/effect?area=${tanto}&from=2023-06`, { as: tokens.admin })).body;
		expect(r.series.treated.values).not.toEqual(exact.series.treated.values);
		expect(r.caveats.map((x: any) => x.code)).toContain('aggregated');
	});

	it('gives the Södermalm coordinator exact figures inside Södermalm and the grid’s outside it', async () => {
		const r = (await api('GET', `/api/analysis/effect?area=${tanto}&from=2023-06`, { as: tokens.samordnare })).body;
		const admin = (await api('GET', `/api/analysis/effect?area=${tanto}&from=2023-06`, { as: tokens.admin })).body;
		expect(r.series.treated).toEqual(admin.series.treated);
		// The 400 m ring reaches beyond the Södermalm polygon (into Årstaviken): through the grid.
		expect(r.series.buffer.figures).toBe('aggregated');
		// Drakenbergsparken's part of the ring lies in Södermalm: exact.
		expect(r.bufferParts.find((p: any) => p.name === 'Drakenbergsparken')).toMatchObject({ figures: 'exact' });
		// The coordinator reads only Södermalm, where no place lies outside the buffer: no control, no estimate.
		expect(r).toMatchObject({ controlsFrom: 'none', controls: [], did: null, wdd: null });
		expect(r.caveats.map((x: any) => x.code)).toContain('no_control');
	});
});
