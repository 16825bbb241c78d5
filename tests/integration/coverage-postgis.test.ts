/**
 * The coverage fixtures computed in PostGIS — ST_Buffer in EPSG:3006 with the same 16
 * segments a quarter circle, ST_Union, ST_Intersection, ST_Area — against the pure
 * functions: spatial coverage, and time-aware coverage from the covered share of every
 * distinct set of active activities, within 0.5 %.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { db, migrate } from './harness';
import { coverage, periodHours, prepareActivities, type CoverageActivity, type CoverageZone } from '../../src/lib/analysis/coverage';
import { uniformProfile } from '../../src/lib/analysis/hour-profile';

interface Fixture {
	period: { from: string; to: string };
	zones: CoverageZone[];
	activities: CoverageActivity[];
}

const dir = resolve(__dirname, '../fixtures/analysis/coverage/in');
const fixtures = readdirSync(dir)
	.filter((f) => f.endsWith('.json'))
	.sort()
	.map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(dir, f), 'utf8')) as Fixture] as const);

/** Share of the zone covered by the union of these activities' footprints, in PostGIS. */
async function sharePostgis(zone: CoverageZone, activities: CoverageActivity[]): Promise<number> {
	if (activities.length === 0) return 0;
	const footprints = JSON.stringify(activities.map((a) => ({ g: JSON.stringify(a.geometry), r: a.radiusM })));
	const { rows } = await sql<{ share: number }>`
		WITH z AS (SELECT ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(zone.geometry)}), 4326), 3006) AS g),
		f AS (
			SELECT CASE WHEN (a->>'r')::float8 = 0 THEN ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(a->>'g'), 4326), 3006)
				ELSE ST_Buffer(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(a->>'g'), 4326), 3006), (a->>'r')::float8, 'quad_segs=16') END AS g
			FROM jsonb_array_elements(${footprints}::jsonb) AS a
		)
		SELECT ST_Area(ST_Intersection(z.g, (SELECT ST_Union(g) FROM f))) / ST_Area(z.g) AS share FROM z`.execute(db());
	return rows[0]!.share;
}

describe('coverage cross-checked against PostGIS', () => {
	beforeAll(migrate);

	it.each(fixtures)('%s', async (_name, fixture) => {
		const ours = coverage(fixture.zones, fixture.activities, fixture.period);
		const hours = periodHours(fixture.period);
		const prepared = prepareActivities(fixture.activities);
		for (const zone of fixture.zones) {
			const mine = ours.find((z) => z.zoneId === zone.id)!;
			const spatial = await sharePostgis(zone, fixture.activities);
			expect(Math.abs(mine.spatialCoverage - spatial), `spatial ${mine.spatialCoverage} vs ${spatial}`).toBeLessThanOrEqual(0.005 * Math.max(spatial, 1e-9) + 1e-9);

			// Time-aware: each distinct set of active activities once in PostGIS, weighted by the profile.
			const profile = zone.profile?.length === 168 ? zone.profile : uniformProfile();
			const shares = new Map<string, number>();
			let weighted = 0;
			let weights = 0;
			for (const { middle, how } of hours) {
				const w = profile[how] ?? 0;
				if (w <= 0) continue;
				const active = fixture.activities.filter((_, k) => prepared[k]!.spans.some(([s, e]) => s <= middle && middle < e));
				const key = active.map((a) => a.id).join(',');
				if (!shares.has(key)) shares.set(key, await sharePostgis(zone, active));
				weighted += w * shares.get(key)!;
				weights += w;
			}
			const time = weights > 0 ? weighted / weights : null;
			if (time === null) expect(mine.timeCoverage).toBeNull();
			else expect(Math.abs(mine.timeCoverage! - time), `time ${mine.timeCoverage} vs ${time}`).toBeLessThanOrEqual(0.005 * Math.max(time, 1e-9) + 1e-9);
		}
	});
});
