/**
 * Problem zones: read by everyone with a role in the area (they are aggregates), created
 * and changed by coordinators and admins. The hour profile and the default weight come
 * from the incidents and findings inside the zone in its period (all time without one).
 */
import { sql, type SqlBool, type Transaction } from 'kysely';
import type { Database, DB } from '$lib/server/db';
import type { RequestContext } from '$lib/server/api/context';
import { assertWritableGeometry } from '$lib/server/db/geometry';
import { asGeoJSON, fromGeoJSONMulti } from '$lib/server/db/postgis';
import { recordAudit } from '$lib/server/audit';
import { badRequest, forbidden, notFound, unauthenticated, versionConflict } from '$lib/server/api/errors';
import { fieldIssue } from '$lib/api/issues';
import { requireRole } from '$lib/server/auth/guard';
import { areasWhere, inSet, MANAGE_ROLES, READ_ROLES, inAreaTree } from '$lib/server/auth/scope.server';
import { versionOf } from '$lib/api/versioning';
import { areaAt } from '$lib/findings/findings.server';
import { hourProfile } from '$lib/analysis/hour-profile';
import { stockholmPeriod } from '$lib/time/stockholm';
import type { Geometry, MultiPolygon } from '$lib/geometry/geojson';
import type { ZoneCreateInput, ZoneFeature, ZonePatchInput } from './zone';

type Db = Database | Transaction<DB>;

function selectZones(db: Db, tenant: string) {
	return db
		.selectFrom('problem_zones as z')
		.innerJoin('areas as a', 'a.id', 'z.area_id')
		.select([
			'z.id', 'z.area_id', 'a.name as area_name', 'z.name', 'z.origin', 'z.weight',
			// As JSON: the driver's text-array parser took ~50 ms for 500 zones' 168 numbers.
			sql<number[] | null>`to_json(z.hour_profile)`.as('hour_profile'),
			'z.period_from', 'z.period_to', 'z.notes',
			'z.version', 'z.created_at', 'z.updated_at', asGeoJSON<MultiPolygon>('z.geom').as('geometry'),
			sql<number>`ST_Area(ST_Transform(z.geom, 3006))`.as('area_m2')
		])
		.where('z.tenant_id', '=', tenant);
}

type ZoneRow = Awaited<ReturnType<ReturnType<typeof selectZones>['executeTakeFirstOrThrow']>>;

const toFeature = (r: ZoneRow): ZoneFeature => ({
	type: 'Feature',
	id: r.id,
	geometry: r.geometry,
	properties: {
		areaId: r.area_id,
		areaName: r.area_name,
		name: r.name,
		origin: r.origin as 'manual' | 'hotspot',
		weight: r.weight,
		hourProfile: r.hour_profile ?? [],
		periodFrom: r.period_from,
		periodTo: r.period_to,
		notes: r.notes,
		areaM2: Math.round(r.area_m2),
		version: r.version,
		createdAt: new Date(r.created_at).toISOString(),
		updatedAt: new Date(r.updated_at).toISOString()
	}
});

async function readable(db: Db, ctx: RequestContext) {
	if (!ctx.actor) throw unauthenticated();
	return areasWhere(db as Database, ctx.tenant, ctx.actor, [...READ_ROLES, 'partner']);
}

export async function listZones(db: Database, ctx: RequestContext, filter: { area?: string } = {}) {
	const scope = await readable(db, ctx);
	let query = selectZones(db, ctx.tenant);
	if (!scope.all) query = query.where('z.area_id', 'in', scope.ids.length ? scope.ids : ['00000000-0000-0000-0000-000000000000']);
	if (filter.area) query = query.where(inAreaTree('z.area_id', filter.area));
	const rows = await query.orderBy('z.weight', 'desc').orderBy('z.name').execute();
	return { type: 'FeatureCollection' as const, features: rows.map(toFeature) };
}

export async function getZone(db: Db, ctx: RequestContext, id: string): Promise<ZoneFeature> {
	const scope = await readable(db, ctx);
	const row = await selectZones(db, ctx.tenant).where('z.id', '=', id).executeTakeFirst();
	if (!row) throw notFound('zone');
	if (!inSet(scope, row.area_id)) throw forbidden('not_your_area', { entity: 'zone' });
	return toFeature(row);
}

/** Incidents (by hour of week) and findings (by times of day) inside a geometry in a period. */
async function problemsInside(db: Db, tenant: string, geometryJson: string, from: string | null, to: string | null) {
	const period = from || to ? stockholmPeriod(from ?? '1900-01-01', to ?? '2999-12-31') : null;
	const within = (column: string) => (period ? sql<SqlBool>`${sql.ref(column)} >= ${period.from}::timestamptz AND ${sql.ref(column)} < ${period.to}::timestamptz` : sql<SqlBool>`true`);
	const zone = sql`ST_SetSRID(ST_GeomFromGeoJSON(${geometryJson}), 4326)`;
	const { rows: incidents } = await sql<{ how: number; n: number }>`
		SELECT ((extract(isodow FROM occurred_at AT TIME ZONE 'Europe/Stockholm')::int - 1) * 24
			+ extract(hour FROM occurred_at AT TIME ZONE 'Europe/Stockholm')::int) AS how, count(*)::int AS n
		FROM incidents WHERE tenant_id = ${tenant} AND ST_Intersects(geom, ${zone}) AND ${within('occurred_at')}
		GROUP BY 1`.execute(db);
	const { rows: findings } = await sql<{ times: string[] }>`
		SELECT times_of_day AS times FROM findings
		WHERE tenant_id = ${tenant} AND status <> 'rejected' AND ST_Intersects(geom, ${zone}) AND ${within('created_at')}`.execute(db);
	const counts = new Map(incidents.map((r) => [r.how, r.n]));
	return {
		profile: hourProfile(counts, findings.map((f) => f.times as ('day' | 'evening' | 'night')[])),
		count: incidents.reduce((s, r) => s + r.n, 0) + findings.length
	};
}

/** Hexagons "i:j" of side `cell` m in SWEREF 99 TM (as ST_HexagonGrid makes them), merged, in WGS 84; all must touch the area. */
async function mergedCells(db: Db, tenant: string, areaId: string, cell: number, ids: string[]): Promise<MultiPolygon> {
	const pairs = JSON.stringify([...new Set(ids)].map((id) => id.split(':').map(Number)));
	const { rows } = await sql<{ geometry: string | null; outside: number }>`
		WITH cells AS (
			SELECT ST_SetSRID(ST_Hexagon(${cell}::float8, (c->>0)::int, (c->>1)::int), 3006) AS g FROM jsonb_array_elements(${pairs}::jsonb) AS c
		), region AS (SELECT ST_Transform(geom, 3006) AS g FROM areas WHERE id = ${areaId} AND tenant_id = ${tenant})
		SELECT ST_AsGeoJSON(ST_Multi(ST_Transform(ST_Union(cells.g), 4326)), 7) AS geometry,
			count(*) FILTER (WHERE NOT ST_Intersects(cells.g, region.g))::int AS outside
		FROM cells, region`.execute(db);
	const row = rows[0];
	if (!row?.geometry) throw badRequest('unknown_reference', 'The area does not exist.', { field: 'areaId', entity: 'area' });
	if (row.outside > 0) throw badRequest('cells_outside_area', `${row.outside} of the cells lie outside the area.`, { field: 'fromCells', count: row.outside });
	return JSON.parse(row.geometry) as MultiPolygon;
}

export async function createZone(trx: Transaction<DB>, ctx: RequestContext, input: ZoneCreateInput): Promise<ZoneFeature> {
	const p = input.properties;
	let geometry: Geometry;
	if (input.fromCells) {
		await requireRole(trx, ctx.tenant, ctx.actor, MANAGE_ROLES, p.areaId!);
		geometry = await mergedCells(trx, ctx.tenant, p.areaId!, input.fromCells.cell, input.fromCells.ids);
	} else {
		geometry = input.geometry!;
		await assertWritableGeometry(trx, geometry, ['Polygon', 'MultiPolygon']);
	}
	const areaId = p.areaId ?? (await areaAt(trx, ctx.tenant, geometry as never))?.id;
	if (!areaId) throw badRequest('outside_areas', 'The zone is not inside any area; draw it inside an area or name the area.', { entity: 'zone' });
	const actor = await requireRole(trx, ctx.tenant, ctx.actor, MANAGE_ROLES, areaId);
	const problems = await problemsInside(trx, ctx.tenant, JSON.stringify(geometry), p.periodFrom ?? null, p.periodTo ?? null);
	const { id } = await trx
		.insertInto('problem_zones')
		.values({
			tenant_id: ctx.tenant,
			area_id: areaId,
			name: p.name,
			origin: input.fromCells ? 'hotspot' : 'manual',
			weight: p.weight ?? Math.max(1, problems.count),
			hour_profile: problems.profile,
			period_from: p.periodFrom ?? null,
			period_to: p.periodTo ?? null,
			notes: p.notes,
			geom: fromGeoJSONMulti(geometry),
			created_by: actor.id,
			updated_by: actor.id
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const created = await getZone(trx, ctx, id);
	await recordAudit(trx, { tenant: ctx.tenant, actor, action: 'create', entity: 'problem_zone', entityId: id, after: created, requestId: ctx.requestId });
	return created;
}

export async function updateZone(trx: Transaction<DB>, ctx: RequestContext, id: string, patch: ZonePatchInput): Promise<ZoneFeature> {
	const before = await getZone(trx, ctx, id);
	const b = before.properties;
	const actor = await requireRole(trx, ctx.tenant, ctx.actor, MANAGE_ROLES, b.areaId);
	const p = patch.properties ?? {};
	if (patch.geometry) await assertWritableGeometry(trx, patch.geometry, ['Polygon', 'MultiPolygon']);
	const periodFrom = p.periodFrom !== undefined ? p.periodFrom : b.periodFrom;
	const periodTo = p.periodTo !== undefined ? p.periodTo : b.periodTo;
	if (periodFrom && periodTo && periodTo < periodFrom) throw badRequest('validation_failed', 'The period must end after it starts.', [fieldIssue('properties.periodTo', 'ends_before_start')]);
	const recompute = p.recompute || !!patch.geometry || p.periodFrom !== undefined || p.periodTo !== undefined;
	const profile = recompute ? (await problemsInside(trx, ctx.tenant, JSON.stringify(patch.geometry ?? before.geometry), periodFrom, periodTo)).profile : undefined;
	const updated = await trx
		.updateTable('problem_zones')
		.set({
			...(p.name !== undefined && { name: p.name }),
			...(p.weight !== undefined && { weight: p.weight }),
			...(p.notes !== undefined && { notes: p.notes }),
			...(p.periodFrom !== undefined && { period_from: p.periodFrom }),
			...(p.periodTo !== undefined && { period_to: p.periodTo }),
			...(profile && { hour_profile: profile }),
			...(patch.geometry && { geom: fromGeoJSONMulti(patch.geometry) }),
			updated_by: actor.id
		})
		.where('id', '=', id)
		.where('version', '=', versionOf(patch))
		.returning('id')
		.executeTakeFirst();
	if (!updated) throw versionConflict(b.version);
	const after = await getZone(trx, ctx, id);
	await recordAudit(trx, { tenant: ctx.tenant, actor, action: 'update', entity: 'problem_zone', entityId: id, before, after, requestId: ctx.requestId });
	return after;
}

export async function deleteZone(trx: Transaction<DB>, ctx: RequestContext, id: string, version?: number) {
	const before = await getZone(trx, ctx, id);
	const actor = await requireRole(trx, ctx.tenant, ctx.actor, MANAGE_ROLES, before.properties.areaId);
	if (version !== undefined && version !== before.properties.version) throw versionConflict(before.properties.version);
	await trx.deleteFrom('problem_zones').where('id', '=', id).execute();
	await recordAudit(trx, { tenant: ctx.tenant, actor, action: 'delete', entity: 'problem_zone', entityId: id, before, requestId: ctx.requestId });
}
