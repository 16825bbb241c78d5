/**
 * Individual incidents: only for roles granted incident access in the area (the
 * `incidents` flag on a role). Everyone else is refused here and gets aggregates from
 * /api/analysis/hotspots and the aggregate layer of the incident tiles.
 */
import { sql, type SqlBool } from 'kysely';
import type { Database } from '$lib/server/db';
import type { RequestContext } from '$lib/server/api/context';
import { forbidden, notFound, unauthenticated } from '$lib/server/api/errors';
import { incidentAreas, inSet, isEmpty, type AreaSet, inAreaTree } from '$lib/server/auth/scope.server';
import { asGeoJSON, intersectsBBox, type BBox } from '$lib/server/db/postgis';
import type { Point } from '$lib/geometry/geojson';
import type { IncidentCategory, IncidentSource } from './incident';

export interface IncidentFilter {
	area?: string;
	from?: string;
	to?: string;
	category?: IncidentCategory;
	bbox?: BBox;
	limit: number;
}

export interface IncidentFeature {
	type: 'Feature';
	id: string;
	geometry: Point;
	properties: { areaId: string | null; category: IncidentCategory; source: IncidentSource; occurredAt: string; externalId: string | null; description: string };
}

/** The areas where the actor sees individual incidents; 403 when there are none. */
export async function requireIncidentAccess(db: Database, ctx: RequestContext): Promise<AreaSet> {
	if (!ctx.actor) throw unauthenticated();
	const scope = await incidentAreas(db, ctx.tenant, ctx.actor);
	if (isEmpty(scope)) throw forbidden('incident_access');
	return scope;
}

/** A WHERE clause keeping the incidents inside `scope` (rows outside every area only for all-area access). */
export function inIncidentScope(scope: AreaSet, column = 'x.area_id') {
	return scope.all ? sql<SqlBool>`true` : sql<SqlBool>`${sql.ref(column)} = ANY(${scope.ids}::uuid[])`;
}

export async function listIncidents(db: Database, ctx: RequestContext, filter: IncidentFilter) {
	const scope = await requireIncidentAccess(db, ctx);
	if (filter.area && !inSet(scope, filter.area)) throw forbidden('incident_access_area');
	let query = db
		.selectFrom('incidents as x')
		.select(['x.id', 'x.area_id', 'x.category', 'x.source', 'x.occurred_at', 'x.external_id', 'x.description', asGeoJSON<Point>('x.geom').as('geometry')])
		.where('x.tenant_id', '=', ctx.tenant)
		.where(inIncidentScope(scope));
	if (filter.area)
		query = query.where(inAreaTree('x.area_id', filter.area, ctx.tenant));
	if (filter.from) query = query.where('x.occurred_at', '>=', new Date(filter.from));
	if (filter.to) query = query.where('x.occurred_at', '<', new Date(filter.to));
	if (filter.category) query = query.where('x.category', '=', filter.category);
	if (filter.bbox) query = query.where(intersectsBBox('x.geom', filter.bbox));
	const rows = await query.orderBy('x.occurred_at', 'desc').orderBy('x.id').limit(filter.limit + 1).execute();
	const truncated = rows.length > filter.limit;
	return {
		type: 'FeatureCollection' as const,
		features: rows.slice(0, filter.limit).map(
			(r): IncidentFeature => ({
				type: 'Feature',
				id: r.id,
				geometry: r.geometry,
				properties: {
					areaId: r.area_id,
					category: r.category as IncidentCategory,
					source: r.source as IncidentSource,
					occurredAt: new Date(r.occurred_at).toISOString(),
					externalId: r.external_id,
					description: r.description
				}
			})
		),
		truncated
	};
}

export async function getIncident(db: Database, ctx: RequestContext, id: string): Promise<IncidentFeature> {
	const scope = await requireIncidentAccess(db, ctx);
	const row = await db
		.selectFrom('incidents as x')
		.select(['x.id', 'x.area_id', 'x.category', 'x.source', 'x.occurred_at', 'x.external_id', 'x.description', asGeoJSON<Point>('x.geom').as('geometry')])
		.where('x.tenant_id', '=', ctx.tenant)
		.where('x.id', '=', id)
		.executeTakeFirst();
	if (!row) throw notFound('incident');
	if (row.area_id ? !inSet(scope, row.area_id) : !scope.all) throw forbidden('incident_access_area');
	return {
		type: 'Feature',
		id: row.id,
		geometry: row.geometry,
		properties: { areaId: row.area_id, category: row.category as IncidentCategory, source: row.source as IncidentSource, occurredAt: new Date(row.occurred_at).toISOString(), externalId: row.external_id, description: row.description }
	};
}
