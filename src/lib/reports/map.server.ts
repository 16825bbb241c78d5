/**
 * What every area map of a document (the steering-group report, the area overview) shares:
 * the area's outline and extent, its problem zones, and the assembly of the layers into a
 * ReportMap with each zone's coverage. Which findings, measures and events a map shows is its
 * own question (a period's, or a day's), asked by the caller.
 */
import { sql } from 'kysely';
import type { Database } from '$lib/server/db';
import { inAreaTree } from '$lib/server/auth/scope.server';
import type { CoverageFigures } from '$lib/followups/followup';
import type { Geometry, MultiPolygon } from '$lib/geometry/geojson';
import type { FeatureCollection, ReportMap } from './report';

/** At most this many features of a kind on one map. */
export const MAX_MAP_FEATURES = 2000;

const collection = <G extends Geometry, P>(rows: { id: string; geometry: G; properties: P }[]): FeatureCollection<G, P> => ({
	type: 'FeatureCollection',
	features: rows.map((r) => ({ type: 'Feature', id: r.id, geometry: r.geometry, properties: r.properties }))
});

/** The area's outline and extent, and the problem zones of the area and the areas in it. */
export async function outlineAndZones(db: Database, tenant: string, areaId: string) {
	const [outline, zones] = await Promise.all([
		db
			.selectFrom('areas')
			.select([sql<MultiPolygon>`ST_AsGeoJSON(geom, 6)::json`.as('geometry'), sql<[number, number, number, number]>`ARRAY[ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom)]::float8[]`.as('bbox')])
			.where('tenant_id', '=', tenant)
			.where('id', '=', areaId)
			.executeTakeFirstOrThrow(),
		db
			.selectFrom('problem_zones as z')
			.select(['z.id', 'z.name', sql<MultiPolygon>`ST_AsGeoJSON(z.geom, 6)::json`.as('geometry')])
			.where('z.tenant_id', '=', tenant)
			.where(inAreaTree('z.area_id', areaId, tenant))
			.orderBy('z.name')
			.limit(MAX_MAP_FEATURES)
			.execute()
	]);
	return { outline, zones };
}

export interface MapLayers {
	area: { id: string; name: string };
	parts: Awaited<ReturnType<typeof outlineAndZones>>;
	findings: { id: string; geometry: Geometry; category: string; status: string; severity: number }[];
	measures: { id: string; geometry: Geometry; title: string; kind: string; status: string; done: boolean }[];
	events: { id: string; geometry: Geometry; title: string; kind: string }[];
	coverage: CoverageFigures;
}

/** The layers as one ReportMap, each zone with its coverage in the figures (null: not known). */
export function assembleMap({ area, parts, findings, measures, events, coverage }: MapLayers): ReportMap {
	const covered = coverage.available ? new Map(coverage.zones.map((z) => [z.id, z])) : new Map();
	return {
		bbox: parts.outline.bbox,
		areas: collection([{ id: area.id, geometry: parts.outline.geometry, properties: { name: area.name } }]),
		findings: collection(findings.map((f) => ({ id: f.id, geometry: f.geometry, properties: { category: f.category, status: f.status, severity: f.severity } }))),
		measures: collection(measures.map((m) => ({ id: m.id, geometry: m.geometry, properties: { title: m.title, kind: m.kind, status: m.status, doneInPeriod: m.done } }))),
		events: collection(events.map((e) => ({ id: e.id, geometry: e.geometry, properties: { title: e.title, kind: e.kind } }))),
		zones: collection(
			parts.zones.map((z) => ({
				id: z.id,
				geometry: z.geometry,
				properties: { name: z.name, timeCoverage: covered.get(z.id)?.timeCoverage ?? null, spatialCoverage: covered.get(z.id)?.spatialCoverage ?? null }
			}))
		)
	};
}
