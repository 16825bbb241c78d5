/**
 * Cross-check (STYLE habit 8): the overlap fixtures computed by PostGIS directly —
 * ST_Buffer(ST_Transform(g, 3006), r, 'quad_segs=16'), ST_Intersection, ST_Area in
 * 3006 — agree with the pure analysis (src/lib/analysis) within 0.5 %. Needs only the
 * database, not the app server.
 *
 *   npx vitest run --project integration tests/integration/analysis-postgis.test.ts
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/lykta_test npx vitest run --project integration tests/integration/analysis-postgis.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { db, migrate } from './harness';
import { BUFFER_QUADRANT_SEGMENTS, footprint } from '../../src/lib/analysis/footprint';
import { intersectionArea } from '../../src/lib/analysis/intersection';
import { findOverlaps } from '../../src/lib/analysis/overlaps';
import { toSweref99tm } from '../../src/lib/analysis/sweref99tm';
import { areaM2 } from '../../src/lib/analysis/area';
import { loadOverlapFixtures, relDiff } from '../fixtures/analysis/load';

const TOLERANCE = 0.005;
const fixtures = loadOverlapFixtures();
const bufferStyle = `quad_segs=${BUFFER_QUADRANT_SEGMENTS}`;

describe('analysis cross-check against PostGIS', () => {
	beforeAll(() => migrate());

	it('projects to SWEREF 99 TM as ST_Transform does (to 1 mm)', async () => {
		const points: [number, number][] = [[18.04, 59.31], [18.0649, 59.3326], [11.9746, 57.7089], [20.2253, 67.8558], [13.0007, 55.6050]];
		for (const [lon, lat] of points) {
			const { rows } = await sql<{ x: number; y: number }>`
				SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326), 3006) AS p) s`.execute(db());
			const [e, n] = toSweref99tm([lon, lat]);
			expect(Math.abs(e - rows[0].x), `${lon},${lat} easting`).toBeLessThan(0.001);
			expect(Math.abs(n - rows[0].y), `${lon},${lat} northing`).toBeLessThan(0.001);
		}
	});

	for (const fx of fixtures) {
		describe(fx.name, () => {
			it('has the same footprint areas', async () => {
				for (const a of fx.activities) {
					const { rows } = await sql<{ area: number }>`
						SELECT ST_Area(ST_Buffer(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(a.geometry)}), 4326), 3006), ${a.radiusM}::float8, ${bufferStyle})) AS area`.execute(db());
					const ours = footprint(a.geometry, a.radiusM).areaM2;
					expect(relDiff(ours, Number(rows[0].area)), `${a.id}: ${ours} vs PostGIS ${rows[0].area}`).toBeLessThanOrEqual(TOLERANCE);
					if (a.geometry.type === 'Polygon') {
						const { rows: raw } = await sql<{ area: number }>`
							SELECT ST_Area(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(a.geometry)}), 4326), 3006)) AS area`.execute(db());
						expect(Math.abs(areaM2(a.geometry) - Number(raw[0].area)), `${a.id} area`).toBeLessThan(0.01);
					}
				}
			});

			it('has the same overlap area for every pair of footprints', async () => {
				const acts = fx.activities;
				for (let i = 0; i < acts.length; i++) {
					for (let j = i + 1; j < acts.length; j++) {
						const [a, b] = [acts[i], acts[j]];
						const fa = footprint(a.geometry, a.radiusM).geometry;
						const fb = footprint(b.geometry, b.radiusM).geometry;
						const ours = fa && fb ? intersectionArea(fa, fb) : 0;
						const { rows } = await sql<{ area: number }>`
							WITH g AS (
								SELECT ST_Buffer(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(a.geometry)}), 4326), 3006), ${a.radiusM}::float8, ${bufferStyle}) AS fa,
								       ST_Buffer(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(b.geometry)}), 4326), 3006), ${b.radiusM}::float8, ${bufferStyle}) AS fb)
							SELECT ST_Area(ST_Intersection(fa, fb)) AS area FROM g`.execute(db());
						const theirs = Number(rows[0].area);
						if (theirs < 1 && ours < 1) continue; // both (essentially) disjoint
						expect(relDiff(ours, theirs), `${a.id} ∩ ${b.id}: ${ours} vs PostGIS ${theirs}`).toBeLessThanOrEqual(TOLERANCE);
					}
				}
			});

			it('reports pairs whose areas PostGIS confirms', async () => {
				const byId = new Map(fx.activities.map((a) => [a.id, a]));
				for (const o of findOverlaps(fx.activities)) {
					const [a, b] = [byId.get(o.a)!, byId.get(o.b)!];
					const { rows } = await sql<{ area: number }>`
						SELECT ST_Area(ST_Intersection(
							ST_Buffer(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(a.geometry)}), 4326), 3006), ${a.radiusM}::float8, ${bufferStyle}),
							ST_Buffer(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(b.geometry)}), 4326), 3006), ${b.radiusM}::float8, ${bufferStyle}))) AS area`.execute(db());
					expect(relDiff(o.overlapAreaM2, Number(rows[0].area)), `${o.a}–${o.b}`).toBeLessThanOrEqual(TOLERANCE);
				}
			});
		});
	}
});
