/**
 * A real client reads Lykta: GDAL's `ogrinfo` (Debian's gdal-bin) through its OAPIF driver
 * against the running app's /ogc, and on the GeoPackage files /api/export writes. Counts and
 * values are compared with the database, coordinates in SWEREF 99 TM with PostGIS's own
 * ST_Transform. In CI (CI=true) a missing GDAL fails the run instead of skipping it, so
 * these checks cannot pass by not running.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { app, db, resetDatabase, tenant } from './harness';
import { seedOgcWorld, TANTO, type OgcWorld } from './ogc-seed';

const run = promisify(execFile);
const hasGdal = await run('ogrinfo', ['--version']).then(
	() => true,
	() => false
);
const required = process.env.CI === 'true' || process.env.LYKTA_REQUIRE_GDAL === '1';
const EPSG3006 = 'http://www.opengis.net/def/crs/EPSG/0/3006';

/** ogrinfo with `args`, as `token` (GDAL sends it as a header on every request). Never blocks the event loop: the app runs in this process. */
async function ogrinfo(args: string[], token?: string): Promise<string> {
	const env = { ...process.env, GDAL_HTTP_TIMEOUT: '60', CPL_DEBUG: 'OFF', ...(token && { GDAL_HTTP_HEADERS: `Authorization: Bearer ${token}` }) };
	const { stdout } = await run('ogrinfo', ['-ro', ...args], { env, maxBuffer: 256 * 1024 * 1024, timeout: 120_000 });
	return stdout;
}

const layersOf = (out: string) => [...out.matchAll(/^\d+: (\S+)/gm)].map((m) => m[1]);
const featureCount = (out: string) => Number(/^Feature Count: (\d+)/m.exec(out)?.[1] ?? NaN);
const featuresIn = (out: string) => (out.match(/^OGRFeature\(/gm) ?? []).length;
const fieldValues = (out: string, field: string) => [...out.matchAll(new RegExp(`^  ${field} \\(\\w+\\) = (.*)$`, 'gm'))].map((m) => m[1]);
const count = async (table: string) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE tenant_id = ${tenant}`.execute(db())).rows[0]!.n;

describe('GDAL reads Lykta (ogrinfo)', () => {
	it('has GDAL installed (gdal-bin), required in CI', () => {
		if (!required && !hasGdal) console.warn('ogrinfo not found: the GDAL checks are skipped outside CI (apt-get install gdal-bin)');
		expect(hasGdal || !required, 'ogrinfo (Debian gdal-bin) is missing').toBe(true);
	});

	describe.skipIf(!hasGdal && !required)('through the OAPIF driver and on GeoPackage exports', () => {
		let world: OgcWorld;
		let ogc: string;
		let origin: string;
		let dir: string;
		beforeAll(async () => {
			await resetDatabase();
			world = await seedOgcWorld();
			origin = (await app()).origin;
			ogc = `OAPIF:${origin}/ogc`;
			dir = await mkdtemp(join(tmpdir(), 'lykta-gdal-'));
		});
		afterAll(async () => {
			if (dir) await rm(dir, { recursive: true, force: true });
		});

		it('lists the public collections to an anonymous client, and a token’s role’s to it', async () => {
			expect(layersOf(await ogrinfo(['-so', ogc]))).toEqual(['areas', 'services']);
			expect(layersOf(await ogrinfo(['-so', ogc], world.tokens.coordinator))).toEqual(['areas', 'services', 'walks', 'findings', 'measures', 'events', 'zones', 'incident-cells', 'follow-ups']);
			expect(layersOf(await ogrinfo(['-so', ogc], world.tokens.admin))).toContain('incidents');
		});

		it('counts what the database holds, reading every feature page by page', async () => {
			const tables: Record<string, string> = { areas: 'areas', services: 'partner_service_locations', walks: 'walks', findings: 'findings', measures: 'measures', events: 'events', zones: 'problem_zones', incidents: 'incidents', 'follow-ups': 'follow_ups' };
			for (const [layer, table] of Object.entries(tables)) {
				const expected = await count(table);
				expect(featureCount(await ogrinfo(['-so', ogc, layer], world.tokens.admin)), layer).toBe(expected);
				// Pages of 2: GDAL follows the next links until the last page.
				expect(featuresIn(await ogrinfo(['-al', '-q', '-oo', 'PAGE_SIZE=2', ogc, layer], world.tokens.admin)), layer).toBe(expected);
			}
			// A coordinator of Södermalm reads Södermalm's findings only.
			const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM findings f JOIN areas a ON a.id = f.area_id WHERE a.id = ${world.district} OR a.parent_id = ${world.district}`.execute(db());
			const coordinator = await ogrinfo(['-al', '-q', '-oo', 'PAGE_SIZE=2', ogc, 'findings'], world.tokens.coordinator);
			expect(featuresIn(coordinator)).toBe(rows[0]!.n);
			// Cells: the privacy grid's, small ones left out.
			expect(fieldValues(await ogrinfo(['-al', '-q', ogc, 'incident-cells'], world.tokens.coordinator), 'count')).toEqual(['10']);
		});

		it('reads the attribute values the database holds, and filters on the server', async () => {
			const findings = await ogrinfo(['-al', '-q', '-oo', 'PAGE_SIZE=3', ogc, 'findings'], world.tokens.admin);
			const { rows } = await sql<{ description: string; category: string; severity: number }>`SELECT description, category, severity FROM findings ORDER BY id`.execute(db());
			expect(fieldValues(findings, 'description')).toEqual(rows.map((r) => r.description));
			expect(fieldValues(findings, 'category')).toEqual(rows.map((r) => r.category));
			expect(fieldValues(findings, 'severity').map(Number)).toEqual(rows.map((r) => r.severity));
			const services = await ogrinfo(['-al', '-q', ogc, 'services']);
			expect(fieldValues(services, 'opening_hours').sort()).toEqual(['Mo-Fr 08:00-16:00', 'Sa 10:00-14:00']);
			// A queryable in the OpenAPI definition: GDAL sends `category=lighting` to the server.
			const lighting = await ogrinfo(['-al', '-q', '-where', "category='lighting'", ogc, 'findings'], world.tokens.admin);
			expect(fieldValues(lighting, 'description').sort()).toEqual(['Tanto 0', 'Tanto 1']);
		});

		it('reads SWEREF 99 TM (crs=EPSG:3006) within 0.01 m of PostGIS’s ST_Transform', async () => {
			const out = await ogrinfo(['-al', '-q', `OAPIF:${origin}/ogc/collections/findings?crs=${EPSG3006}`], world.tokens.admin);
			const ids = fieldValues(out, 'id');
			const points = [...out.matchAll(/POINT \(([-\d.]+) ([-\d.]+)\)/g)].map((m) => [Number(m[1]), Number(m[2])]);
			expect(points.length).toBe(7);
			expect(ids.length).toBe(7);
			const { rows } = await sql<{ id: string; e: number; n: number }>`SELECT id, ST_X(ST_Transform(geom, 3006)) AS e, ST_Y(ST_Transform(geom, 3006)) AS n FROM findings`.execute(db());
			const byId = new Map(rows.map((r) => [r.id, r]));
			ids.forEach((id, k) => {
				const expected = byId.get(id!)!;
				const [a, b] = points[k]!;
				// EPSG:3006 is northing first (Part 2); a GDAL that knows the CRS may print easting first.
				const error = Math.min(Math.hypot(a - expected.n, b - expected.e), Math.hypot(a - expected.e, b - expected.n));
				expect(error, id).toBeLessThan(0.01);
				expect(a, 'northing first').toBeGreaterThan(6_000_000);
			});
		});

		it('reads every GeoPackage export with the right counts, geometry types and SRS', async () => {
			const layers: [string, string, string][] = [
				['areas', 'areas', 'Multi Polygon'],
				['walks', 'walks', 'Line String'],
				['findings', 'findings', 'Unknown (any)'],
				['measures', 'measures', 'Unknown (any)'],
				['events', 'events', 'Unknown (any)'],
				['zones', 'problem_zones', 'Multi Polygon'],
				['services', 'partner_service_locations', 'Point'],
				['incidents', 'incidents', 'Point'],
				['followups', 'follow_ups', 'Multi Polygon']
			];
			for (const [layer, table, geometry] of layers) {
				for (const crs of ['4326', '3006']) {
					const response = await fetch(`${origin}/api/export/${layer}.gpkg${crs === '3006' ? '?crs=EPSG:3006' : ''}`, { headers: { authorization: `Bearer ${world.tokens.admin}` } });
					expect(response.status, layer).toBe(200);
					expect(response.headers.get('content-type')).toBe('application/geopackage+sqlite3');
					const file = join(dir, `${layer}-${crs}.gpkg`);
					await writeFile(file, Buffer.from(await response.arrayBuffer()));
					const info = await ogrinfo(['-so', file, layer]);
					expect(featureCount(info), `${layer} ${crs}`).toBe(await count(table));
					expect(/^Geometry: (.*)$/m.exec(info)?.[1], `${layer} ${crs}`).toBe(geometry);
					expect(info, `${layer} ${crs}`).toContain(`ID["EPSG",${crs}]`);
				}
			}
			// Typed attributes and the values of the database, in SWEREF 99 TM as PostGIS transforms.
			const findings = await ogrinfo(['-al', join(dir, 'findings-3006.gpkg'), 'findings']);
			expect(findings).toMatch(/^severity: Integer/m);
			expect(findings).toMatch(/^created_at: DateTime/m);
			expect(findings).toMatch(/^follow_up_on: Date/m);
			expect(findings).toMatch(/^reinspect: Integer\(Boolean\)/m);
			const ids = fieldValues(findings, 'id');
			const points = [...findings.matchAll(/POINT \(([-\d.]+) ([-\d.]+)\)/g)].map((m) => [Number(m[1]), Number(m[2])]);
			const { rows } = await sql<{ id: string; e: number; n: number; description: string }>`SELECT id, description, ST_X(ST_Transform(geom, 3006)) AS e, ST_Y(ST_Transform(geom, 3006)) AS n FROM findings`.execute(db());
			const byId = new Map(rows.map((r) => [r.id, r]));
			expect(ids.length).toBe(rows.length);
			ids.forEach((id, k) => {
				const expected = byId.get(id!)!;
				// A GeoPackage stores easting, northing.
				expect(Math.hypot(points[k]![0]! - expected.e, points[k]![1]! - expected.n), id).toBeLessThan(0.01);
			});
			expect(fieldValues(findings, 'description').sort()).toEqual(rows.map((r) => r.description).sort());
			// Filters are the list's: only Tantolunden's lighting findings.
			const filtered = await fetch(`${origin}/api/export/findings.gpkg?category=lighting&area=${world.place}`, { headers: { authorization: `Bearer ${world.tokens.admin}` } });
			await writeFile(join(dir, 'lighting.gpkg'), Buffer.from(await filtered.arrayBuffer()));
			expect(featureCount(await ogrinfo(['-so', join(dir, 'lighting.gpkg'), 'findings']))).toBe(2);
		});

		it('pages through thousands of incidents in a few requests', async () => {
			const extra = 12_000;
			await sql`
				INSERT INTO incidents (tenant_id, area_id, category, source, occurred_at, content_hash, geom)
				SELECT ${tenant}, ${world.place}, 'disorder', 'police', '2023-07-01T12:00:00Z'::timestamptz + n * interval '1 minute', 'bulk' || n,
					ST_SetSRID(ST_MakePoint(${TANTO[0]} + (n % 100) * 1e-5, ${TANTO[1]} + (n / 100) * 1e-5), 4326)
				FROM generate_series(1, ${extra}) AS n`.execute(db());
			const started = performance.now();
			const out = await ogrinfo(['-al', '-q', '-geom=NO', '-oo', 'PAGE_SIZE=5000', ogc, 'incidents'], world.tokens.admin);
			const seconds = (performance.now() - started) / 1000;
			expect(featuresIn(out)).toBe(await count('incidents'));
			expect(new Set(fieldValues(out, 'id')).size).toBe(await count('incidents'));
			console.log(`ogrinfo read ${await count('incidents')} incidents in pages of 5000 in ${seconds.toFixed(1)} s`);
		});
	});
});
