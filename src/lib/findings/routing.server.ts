/**
 * Where a finding belongs and who handles it: the area under a pin, and the partner with
 * authority over that kind of problem there (rådighet). Each is one SQL fragment, used
 * alone (the pinning page's suggestions, measures, events and zones) and inside the
 * finding's create statement, so both decide alike.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Database } from '$lib/server/db';
import { fromGeoJSON } from '$lib/server/db/postgis';
import { withinArea } from '$lib/server/auth/write-scope.server';
import type { Geometry } from '$lib/geometry/geojson';
import type { FindingCategory } from './finding';

/**
 * The areas of the tenant that hold a geometry (within the edge tolerance), most specific
 * first (a place before its district): a night walk along the park's edge and through the
 * streets beside it belongs to the district, a lamp in the park to the park.
 */
export function areasUnder(tenant: string, geometry: RawBuilder<unknown>): RawBuilder<{ id: string; name: string }> {
	return sql`
		SELECT id, name FROM areas
		WHERE tenant_id = ${tenant} AND ST_Intersects(geom, ST_PointOnSurface(${geometry})) AND ${withinArea(geometry, sql`geom`)}
		ORDER BY kind = 'place' DESC, ST_Area(geom)`;
}

/** The most specific area containing the geometry. */
export async function areaAt(db: Database, tenant: string, geometry: Geometry): Promise<{ id: string; name: string } | null> {
	const { rows } = await sql<{ id: string; name: string }>`${areasUnder(tenant, fromGeoJSON(geometry))} LIMIT 1`.execute(db);
	return rows[0] ?? null;
}

/**
 * The body of a recursive CTE named `name` (default `lineage`): the area and its ancestors,
 * with `depth` 0 for the area itself. Start the statement with WITH RECURSIVE.
 */
export function lineageCte(tenant: string, areaId: RawBuilder<unknown>, name = 'lineage'): RawBuilder<unknown> {
	return sql`
		SELECT id, parent_id, 0 AS depth FROM areas WHERE id = ${areaId} AND tenant_id = ${tenant}
		UNION ALL
		SELECT a.id, a.parent_id, l.depth + 1 FROM areas a JOIN ${sql.table(name)} l ON a.id = l.parent_id WHERE a.tenant_id = ${tenant} AND l.depth < 20`;
}

/**
 * The partners who handle a category in the area whose `lineage` CTE is in scope, each with
 * its place in the routing order (`routing_rank`, 1 = the partner a finding is routed to): it
 * handles the category (everywhere it works, or in this area specifically) and works in the
 * area or an area containing it. The most local comes first: a responsibility or presence in
 * the place itself before one in its district. One routing for findings and the compass
 * (issue 15): both read this fragment.
 */
export function responsiblePartners(tenant: string, category: FindingCategory): RawBuilder<{ id: string; name: string; routing_rank: number }> {
	return sql`
		SELECT id, name, row_number() OVER (ORDER BY specific DESC, depth, name, id)::int AS routing_rank
		FROM (
			SELECT DISTINCT ON (p.id) p.id, p.name, (r.area_id IS NOT NULL) AS specific, l.depth
			FROM partners p
			JOIN partner_responsibilities r ON r.tenant_id = p.tenant_id AND r.partner_id = p.id AND r.category = ${category}
			JOIN partner_areas pa ON pa.tenant_id = p.tenant_id AND pa.partner_id = p.id
			JOIN lineage l ON l.id = pa.area_id
			WHERE p.tenant_id = ${tenant} AND (r.area_id IS NULL OR r.area_id IN (SELECT id FROM lineage))
			ORDER BY p.id, (r.area_id IS NOT NULL) DESC, l.depth) AS best`;
}

/** The partner a finding of the category is routed to: the first of `responsiblePartners`. */
export function routedPartner(tenant: string, category: FindingCategory): RawBuilder<{ id: string; name: string }> {
	return sql`SELECT id, name FROM (${responsiblePartners(tenant, category)}) AS responsible ORDER BY routing_rank LIMIT 1`;
}

export async function suggestPartner(db: Database, tenant: string, areaId: string, category: FindingCategory): Promise<{ id: string; name: string } | null> {
	const { rows } = await sql<{ id: string; name: string }>`
		WITH RECURSIVE lineage AS (${lineageCte(tenant, sql`${areaId}::uuid`)})
		${routedPartner(tenant, category)}`.execute(db);
	return rows[0] ?? null;
}
