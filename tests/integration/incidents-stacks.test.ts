/**
 * Stacked points in an import (many rows on one coordinate, a geocoder's centroid): reported
 * with where they lie, checked without storing, and left out — also after an import that
 * kept them — with `excludeStacked`.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { api, db, resetDatabase, seedWorld, tenant, type World } from './harness';

// The test world's Tantolunden: a 500 m square (in SWEREF 99 TM) around this point, in Södermalm.
const TANTO = { lon: 18.0455, lat: 59.3125 };
// The stack: due east of Tantolunden's centre, 600 m of easting away, so about 350 m from its east edge.
const METRES_PER_DEGREE_LON = (Math.PI / 180) * 6_378_137 * Math.cos((TANTO.lat * Math.PI) / 180);
const STACK = { lon: Number((TANTO.lon + 600 / METRES_PER_DEGREE_LON).toFixed(6)), lat: TANTO.lat };

/** 300 rows scattered over Tantolunden (no two on one point), then `stacked` rows on STACK and 9 on one other point. */
function file(stacked: number, idPrefix = 'P'): string {
	const lines = ['id;tid;lon;lat'];
	let n = 0;
	const row = (lon: number, lat: number) => lines.push(`${idPrefix}-${++n};2023-0${1 + (n % 9)}-1${n % 10} ${n % 24}:15;${lon.toFixed(6)};${lat.toFixed(6)}`);
	for (let i = 0; i < 300; i++) row(TANTO.lon - 0.003 + (i % 20) * 3e-4, TANTO.lat - 0.0015 + Math.floor(i / 20) * 2e-4);
	for (let i = 0; i < stacked; i++) row(STACK.lon, STACK.lat);
	for (let i = 0; i < 9; i++) row(TANTO.lon, TANTO.lat);
	return lines.join('\n') + '\n';
}

const mapping = { x: 'lon', y: 'lat', time: 'tid', externalId: 'id' };
const send = (text: string, as: string, options: { excludeStacked?: boolean; dryRun?: boolean } = {}) =>
	api('POST', `/api/import/incidents?filename=stacks.csv${options.dryRun ? '&dryRun=true' : ''}&mapping=${encodeURIComponent(JSON.stringify({ ...mapping, excludeStacked: options.excludeStacked ?? false }))}`, {
		as,
		body: text,
		headers: { 'content-type': 'text/csv' }
	});

async function storedAt(lon: number, lat: number) {
	const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM incidents WHERE ST_X(geom) = ${lon} AND ST_Y(geom) = ${lat}`.execute(db());
	return rows[0]!.n;
}
const storedCount = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM incidents`.execute(db())).rows[0]!.n;

describe('stacked points in an incident import', () => {
	let world: World;
	beforeEach(async () => {
		await resetDatabase();
		world = await seedWorld();
		await db().updateTable('area_roles').set({ incidents: true }).where('user_id', '=', world.users.coordinator).execute();
	});

	it('reports a point holding many rows: how many, their share, the area it lies in and the nearest place', async () => {
		const res = await send(file(40), world.tokens.coordinator);
		expect(res.status, JSON.stringify(res.body)).toBe(201);
		// 349 placed rows: the threshold is max(10, ceil(0.002 × 349)) = 10, so 40 rows are a stack and 9 are not.
		expect(res.body).toMatchObject({ rows: 349, imported: 349, duplicates: 0, stackCount: 1, stackedRows: 40, excluded: 0, removed: 0, dryRun: false });
		expect(res.body.stacks).toHaveLength(1);
		const stack = res.body.stacks[0];
		expect(stack).toMatchObject({ lon: STACK.lon, lat: STACK.lat, rows: 40, share: Math.round((40 / 349) * 1000) / 1000, within: 'Södermalm', excluded: false });
		// 600 m of easting from the centre, 250 m from the centre to the east edge: about 350 m
		// (the square is drawn in SWEREF 99 TM, turned ~2.6° against the meridian here).
		expect(stack.nearest.name).toBe('Tantolunden');
		expect(Math.abs(stack.nearest.distanceM - 350)).toBeLessThan(10);
		expect(await storedAt(STACK.lon, STACK.lat)).toBe(40);
		// The import's record keeps the finding.
		const record = await db().selectFrom('incident_imports').select('report').executeTakeFirstOrThrow();
		expect(record.report).toMatchObject({ stackCount: 1, stackedRows: 40, excluded: 0 });
	});

	it('checks a file with dryRun: the same answer, nothing stored', async () => {
		const res = await send(file(40), world.tokens.coordinator, { dryRun: true });
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		expect(res.body).toMatchObject({ rows: 349, imported: 349, stackCount: 1, stackedRows: 40, dryRun: true });
		expect(res.body.stacks[0]).toMatchObject({ rows: 40, within: 'Södermalm', nearest: { name: 'Tantolunden' } });
		expect(await storedCount()).toBe(0);
		expect(await db().selectFrom('incident_imports').select('id').execute()).toEqual([]);
	});

	it('leaves the stacked rows out with excludeStacked, and keeps the others', async () => {
		const res = await send(file(40), world.tokens.coordinator, { excludeStacked: true });
		expect(res.status, JSON.stringify(res.body)).toBe(201);
		expect(res.body).toMatchObject({ rows: 349, imported: 309, duplicates: 0, stackCount: 1, stackedRows: 40, excluded: 40, removed: 0 });
		expect(res.body.stacks[0]).toMatchObject({ rows: 40, excluded: true });
		expect(await storedCount()).toBe(309);
		expect(await storedAt(STACK.lon, STACK.lat)).toBe(0);
		// The 9 rows on one point (below the threshold) stay.
		expect(await storedAt(TANTO.lon, TANTO.lat)).toBe(9);
	});

	it('removes what an earlier import stored on the stack when the same file comes again with excludeStacked', async () => {
		expect((await send(file(40), world.tokens.coordinator)).status).toBe(201);
		expect(await storedCount()).toBe(349);
		const again = await send(file(40), world.tokens.coordinator, { excludeStacked: true });
		expect(again.status, JSON.stringify(again.body)).toBe(201);
		expect(again.body).toMatchObject({ rows: 349, imported: 0, duplicates: 309, excluded: 40, removed: 40 });
		expect(await storedCount()).toBe(309);
		expect(await storedAt(STACK.lon, STACK.lat)).toBe(0);
	});

	it('keeps a row stored elsewhere under the same id: only the copy on the stack is left out', async () => {
		// First the rows placed properly (ids Q-301 … Q-340 at Tantolunden's centre area), then a file putting the same ids on the stack.
		const placed = ['id;tid;lon;lat', ...Array.from({ length: 40 }, (_, i) => `Q-${301 + i};2023-05-01 12:00;${(TANTO.lon + i * 1e-5).toFixed(6)};${TANTO.lat}`)].join('\n');
		expect((await send(placed, world.tokens.coordinator)).body).toMatchObject({ imported: 40, stackCount: 0 });
		const res = await send(file(40, 'Q'), world.tokens.coordinator, { excludeStacked: true });
		expect(res.body).toMatchObject({ rows: 349, imported: 309, duplicates: 0, excluded: 40, removed: 0 });
		expect(await storedCount()).toBe(349);
		expect(await storedAt(STACK.lon, STACK.lat)).toBe(0);
	});

	it('names no area the importer may not read', async () => {
		// A place in Södermalm just south of Norrmalm's edge, and a stack just inside Norrmalm (where Södermalm's square overlaps it).
		const square = await sql<{ g: string }>`SELECT ST_AsGeoJSON(ST_Transform(ST_Buffer(ST_Transform(ST_SetSRID(ST_MakePoint(18.06, 59.3255), 4326), 3006), 50, 'quad_segs=1'), 4326)) AS g`.execute(db());
		await sql`INSERT INTO areas (tenant_id, slug, name, kind, parent_id, geom)
			VALUES (${tenant}, 'mariatorget', 'Mariatorget', 'place', ${world.district},
				ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${square.rows[0]!.g}), 4326)))`.execute(db());
		await db().updateTable('area_roles').set({ incidents: true }).where('user_id', '=', world.users.outsider).execute();
		const lines = ['id;tid;lon;lat', ...Array.from({ length: 30 }, (_, i) => `S-${i};2023-05-01 12:00;18.06;59.3265`)].join('\n');
		// The admin reads every area: the stack lies in Norrmalm (the smaller of the two squares holding it), nearest Mariatorget.
		const admin = await send(lines, world.tokens.admin, { dryRun: true });
		expect(admin.body.stacks[0]).toMatchObject({ rows: 30, share: 1, within: 'Norrmalm', nearest: { name: 'Mariatorget' } });
		// Norrmalm's coordinator reads only Norrmalm: the nearest place it may read is Sergels torg.
		const outsider = await send(lines, world.tokens.outsider, { dryRun: true });
		expect(outsider.body.stacks[0]).toMatchObject({ rows: 30, within: 'Norrmalm', nearest: { name: 'Sergels torg' } });
		expect(outsider.body.stacks[0].nearest.distanceM).toBeGreaterThan(admin.body.stacks[0].nearest.distanceM);
		// Far from every area (Vaxholm, ~9 km from the nearest): no area, no place — the coordinates say where.
		const far = await send(['id;tid;lon;lat', ...Array.from({ length: 12 }, (_, i) => `V-${i};2023-05-01 12:00;18.35;59.40`)].join('\n'), world.tokens.admin, { dryRun: true });
		expect(far.body.stacks).toEqual([{ lon: 18.35, lat: 59.4, rows: 12, share: 1, within: null, nearest: null, excluded: false }]);
	});
});
