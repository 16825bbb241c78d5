/**
 * Coverage and placement suggestions for an area and period on the server: the area's
 * problem zones (their weights and hour profiles are aggregates, so every role that reads
 * the area gets them) against its events and done measures, through the same pure
 * functions the browser uses (./coverage, ./suggest).
 */
import { sql } from 'kysely';
import type { Database } from '$lib/server/db';
import type { RequestContext } from '$lib/server/api/context';
import { badRequest, forbidden, notFound, unauthenticated } from '$lib/server/api/errors';
import { areasWhere, inSet, READ_ROLES } from '$lib/server/auth/scope.server';
import { listZones } from '$lib/zones/zones.server';
import type { MultiPolygon, Polygon, Position } from '$lib/geometry/geojson';
import { activitiesIn, type Period } from './activities.server';
import { coverage, type CoverageZone } from './coverage';
import { gridInside, suggestSites } from './suggest';

export const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/** Hours of the week for days × [fromHour, toHour) (toHour may pass midnight: 22–02). */
export function hoursOfWeek(days: readonly (typeof WEEKDAY_CODES)[number][], fromHour: number, toHour: number): Set<number> {
	const set = new Set<number>();
	const span = (toHour - fromHour + 24) % 24 || 24;
	for (const day of days) {
		const d = WEEKDAY_CODES.indexOf(day);
		for (let k = 0; k < span; k++) set.add((d * 24 + fromHour + k) % 168);
	}
	return set;
}

async function readableArea(db: Database, ctx: RequestContext, areaId: string) {
	if (!ctx.actor) throw unauthenticated();
	const { rows } = await sql<{ geometry: string }>`SELECT ST_AsGeoJSON(geom, 7) AS geometry FROM areas WHERE id = ${areaId} AND tenant_id = ${ctx.tenant}`.execute(db);
	if (!rows[0]) throw notFound('The area');
	if (!inSet(await areasWhere(db, ctx.tenant, ctx.actor, [...READ_ROLES, 'partner']), areaId)) throw forbidden('This area is not one you work in.');
	return JSON.parse(rows[0].geometry) as Polygon | MultiPolygon;
}

async function zonesOf(db: Database, ctx: RequestContext, areaId: string) {
	const zones = (await listZones(db, ctx, { area: areaId })).features;
	if (zones.length === 0) throw badRequest('no_zones', 'The area has no problem zones to measure against; make them from hot cells or draw them first.', { field: 'area' });
	return zones;
}

const toCoverageZone = (z: Awaited<ReturnType<typeof zonesOf>>[number]): CoverageZone => ({ id: z.id, geometry: z.geometry, weight: z.properties.weight, profile: z.properties.hourProfile });

export async function areaCoverage(db: Database, ctx: RequestContext, areaId: string, period: Period, options: { hours?: Set<number>; byHour?: boolean } = {}) {
	const { hours, byHour = false } = options;
	await readableArea(db, ctx, areaId);
	const [zones, activities] = await Promise.all([zonesOf(db, ctx, areaId), activitiesIn(db, ctx, areaId, period, { plannedMeasures: false })]);
	const byId = new Map(activities.map((a) => [a.id, a]));
	const names = new Map(zones.map((z) => [z.id, z.properties.name]));
	const result = coverage(zones.map(toCoverageZone), activities, { ...period, hoursOfWeek: hours });
	return {
		zones: result.map(({ problemByHour, coveredByHour, ...z }) => ({
			...z,
			...(byHour && { problemByHour, coveredByHour }),
			name: names.get(z.zoneId) ?? '',
			coveredBy: z.coveredBy.map((c) => ({ ...c, kind: byId.get(c.id)?.kind, subkind: byId.get(c.id)?.subkind }))
		})),
		activities: activities.length
	};
}

export async function suggestInArea(
	db: Database,
	ctx: RequestContext,
	areaId: string,
	period: Period,
	input: { hours: Set<number>; k: number; radiusM: number; candidates?: Position[] }
) {
	const area = await readableArea(db, ctx, areaId);
	const zones = await zonesOf(db, ctx, areaId);
	let candidates = input.candidates;
	if (candidates) {
		const { rows } = await sql<{ outside: number[] }>`
			SELECT coalesce(array_agg(c.i - 1) FILTER (WHERE NOT ST_Covers(a.geom, ST_SetSRID(ST_MakePoint(c.lon, c.lat), 4326))), '{}') AS outside
			FROM areas a, jsonb_to_recordset(${JSON.stringify(candidates.map(([lon, lat], i) => ({ i: i + 1, lon, lat })))}::jsonb) AS c(i int, lon float8, lat float8)
			WHERE a.id = ${areaId}`.execute(db);
		const outside = rows[0]?.outside ?? [];
		if (outside.length) throw badRequest('candidates_outside_area', `${outside.length} of the candidate sites lie outside the area.`, { field: 'candidates', indices: outside });
	} else candidates = gridInside(area, Math.max(input.radiusM, 25));
	const activities = await activitiesIn(db, ctx, areaId, period, { plannedMeasures: false });
	return {
		candidates: candidates.length,
		suggestions: suggestSites(zones.map(toCoverageZone), activities, candidates, { ...period, hoursOfWeek: input.hours, k: input.k, radiusM: input.radiusM })
	};
}
