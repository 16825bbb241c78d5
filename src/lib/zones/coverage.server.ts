/**
 * Coverage and placement suggestions for an area and period: the area's problem zones
 * against its events and done measures, worked out in the analysis worker by the same pure
 * functions the browser uses ($lib/analysis/coverage, $lib/analysis/suggest). The zones'
 * weights and hour profiles are the reader's view of them (listZones: exact with incident
 * access in a zone's area, through the privacy grid otherwise), so time-aware coverage and
 * gap scores cannot bring back an hour the reader may not see. The actor's area scope is
 * looked up once and serves the area check, the zones and the activities alike.
 */
import { sql } from 'kysely';
import type { Database } from '$lib/server/db';
import type { RequestContext } from '$lib/server/api/context';
import { badRequest, forbidden, notFound } from '$lib/server/api/errors';
import { inSet, type AreaSet } from '$lib/server/auth/scope.server';
import { runAnalysis } from '$lib/server/workers/pool';
import { MAX_ANALYSIS_ZONES } from '$lib/analysis/limits';
import type { Period } from '$lib/analysis/activities';
import type { CoverageZone } from '$lib/analysis/coverage';
import type { MultiPolygon, Polygon, Position } from '$lib/geometry/geojson';
import { activityRowsIn, analysisScope } from './activities.server';
import { listZones } from './zones.server';

async function readableArea(db: Database, ctx: RequestContext, scope: AreaSet, areaId: string) {
	const { rows } = await sql<{ geometry: string }>`SELECT ST_AsGeoJSON(geom, 7) AS geometry FROM areas WHERE id = ${areaId} AND tenant_id = ${ctx.tenant}`.execute(db);
	if (!rows[0]) throw notFound('area');
	if (!inSet(scope, areaId)) throw forbidden('not_your_area', { entity: 'area' });
	return JSON.parse(rows[0].geometry) as Polygon | MultiPolygon;
}

/** The area's zones as the analysis takes them, with their names; refused when there are none or too many. */
async function zonesOf(db: Database, ctx: RequestContext, scope: AreaSet, areaId: string) {
	const zones = (await listZones(db, ctx, { area: areaId }, scope)).features;
	if (zones.length === 0) throw badRequest('no_zones', 'The area has no problem zones to measure against; make them from hot cells or draw them first.', { field: 'area' });
	if (zones.length > MAX_ANALYSIS_ZONES)
		throw badRequest('too_many_zones', `The area has ${zones.length} problem zones; one analysis weighs at most ${MAX_ANALYSIS_ZONES}: choose a smaller area.`, {
			field: 'area',
			limit: MAX_ANALYSIS_ZONES,
			count: zones.length
		});
	return {
		zones: zones.map((z): CoverageZone => ({ id: z.id, geometry: z.geometry, weight: z.properties.weight, profile: z.properties.hourProfile })),
		names: new Map(zones.map((z) => [z.id, z.properties.name]))
	};
}

export async function areaCoverage(db: Database, ctx: RequestContext, areaId: string, period: Period, options: { hours?: Set<number>; byHour?: boolean } = {}) {
	const scope = await analysisScope(db, ctx);
	await readableArea(db, ctx, scope, areaId);
	const [{ zones, names }, rows] = await Promise.all([zonesOf(db, ctx, scope, areaId), activityRowsIn(db, ctx, scope, areaId, period, { doneMeasuresOnly: true })]);
	const result = await runAnalysis({ kind: 'coverage', zones, ...rows, period, hoursOfWeek: options.hours && [...options.hours], byHour: options.byHour ?? false });
	return { zones: result.zones.map((z) => ({ ...z, name: names.get(z.zoneId) ?? '' })), activities: result.activities };
}

export async function suggestInArea(
	db: Database,
	ctx: RequestContext,
	areaId: string,
	period: Period,
	input: { hours: Set<number>; k: number; radiusM: number; candidates?: Position[] }
) {
	const scope = await analysisScope(db, ctx);
	const area = await readableArea(db, ctx, scope, areaId);
	const { zones } = await zonesOf(db, ctx, scope, areaId);
	if (input.candidates) {
		const { rows } = await sql<{ outside: number[] }>`
			SELECT coalesce(array_agg(c.i - 1) FILTER (WHERE NOT ST_Covers(a.geom, ST_SetSRID(ST_MakePoint(c.lon, c.lat), 4326))), '{}') AS outside
			FROM areas a, jsonb_to_recordset(${JSON.stringify(input.candidates.map(([lon, lat], i) => ({ i: i + 1, lon, lat })))}::jsonb) AS c(i int, lon float8, lat float8)
			WHERE a.id = ${areaId}`.execute(db);
		const outside = rows[0]?.outside ?? [];
		if (outside.length) throw badRequest('candidates_outside_area', `${outside.length} of the candidate sites lie outside the area.`, { field: 'candidates', indices: outside });
	}
	const rows = await activityRowsIn(db, ctx, scope, areaId, period, { doneMeasuresOnly: true });
	return runAnalysis({ kind: 'suggest', zones, ...rows, period, area, hoursOfWeek: [...input.hours], k: input.k, radiusM: input.radiusM, candidates: input.candidates });
}
