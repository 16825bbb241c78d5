/**
 * Problem zones: read by everyone with a role in the area, created and changed by
 * coordinators and admins. The hour profile and the default weight come from the incidents
 * and findings inside the zone in its period (all time without one), kept split when the
 * zone is made, moved or recomputed (./figures): each reader gets them from what that reader
 * may see, exact with incident access in the zone's area, through the privacy grid otherwise
 * ($lib/incidents/privacy). The drawer is one such reader: a zone drawn without incident
 * access shows its drawer the grid's figures, never the exact ones it stores.
 */
import { sql, type SqlBool, type Transaction } from 'kysely';
import type { Database, Db, DB } from '$lib/server/db';
import type { RequestContext } from '$lib/server/api/context';
import { assertWritableGeometry } from '$lib/server/db/geometry';
import { asGeoJSON, fromGeoJSONMulti } from '$lib/server/db/postgis';
import { recordAudit } from '$lib/server/audit';
import { badRequest, forbidden, notFound, unauthenticated } from '$lib/server/api/errors';
import { assertMayWrite } from '$lib/server/auth/write-scope.server';
import { deleteVersioned, updateVersioned } from '$lib/server/db/versioned';
import { areasWhere, inSet, MANAGE_ROLES, READ_ROLES, inAreaTree, type AreaSet, inAreaSet, readableAreas } from '$lib/server/auth/scope.server';
import { fieldIssue } from '$lib/api/issues';
import { versionOf } from '$lib/api/versioning';
import { areaAt } from '$lib/findings/routing.server';
import { findingWeights, HOURS_OF_WEEK } from '$lib/analysis/hour-profile';
import { stockholmPeriod } from '$lib/time/stockholm';
import { HOUR_OF_WEEK_LEVELS, throughGrid } from '$lib/incidents/privacy';
import { exactFigureAreas, exactIn, gridCounts, hourOfWeekSql } from '$lib/incidents/privacy.server';
import type { Geometry, MultiPolygon } from '$lib/geometry/geojson';
import type { ZoneCreateInput, ZoneFeature, ZonePatchInput } from './zone';
import { zoneFigures, type StoredZoneFigures } from './figures';


function selectZones(db: Db, tenant: string) {
	return db
		.selectFrom('problem_zones as z')
		.innerJoin('areas as a', (j) => j.onRef('a.tenant_id', '=', 'z.tenant_id').onRef('a.id', '=', 'z.area_id'))
		.select([
			'z.id', 'z.area_id', 'a.name as area_name', 'z.name', 'z.origin', 'z.weight',
			// As JSON: the driver's text-array parser took ~50 ms for 500 zones' 168 numbers.
			sql<number[] | null>`to_json(z.incident_hours)`.as('incident_hours'),
			sql<number[] | null>`to_json(z.grid_incident_hours)`.as('grid_incident_hours'),
			sql<number[] | null>`to_json(z.finding_hours)`.as('finding_hours'),
			'z.finding_count', 'z.period_from', 'z.period_to', 'z.notes',
			'z.version', 'z.created_at', 'z.updated_at', asGeoJSON<MultiPolygon>('z.geom').as('geometry'),
			sql<number>`ST_Area(ST_Transform(z.geom, 3006))`.as('area_m2')
		])
		.where('z.tenant_id', '=', tenant);
}

type ZoneRow = Awaited<ReturnType<ReturnType<typeof selectZones>['executeTakeFirstOrThrow']>>;

/** The zone as a reader gets it; `exact`: the reader has incident access in the zone's area. */
const toFeature = (r: ZoneRow, exact: boolean): ZoneFeature => ({
	type: 'Feature',
	id: r.id,
	geometry: r.geometry,
	properties: {
		areaId: r.area_id,
		areaName: r.area_name,
		name: r.name,
		origin: r.origin as 'manual' | 'hotspot',
		...zoneFigures(
			{ givenWeight: r.weight, incidentHours: r.incident_hours, gridIncidentHours: r.grid_incident_hours, findingHours: r.finding_hours, findingCount: r.finding_count },
			exact
		),
		periodFrom: r.period_from,
		periodTo: r.period_to,
		notes: r.notes,
		areaM2: Math.round(r.area_m2),
		version: r.version,
		createdAt: new Date(r.created_at).toISOString(),
		updatedAt: new Date(r.updated_at).toISOString()
	}
});

/**
 * `scope`: the actor's readable areas when the caller has them already (one lookup per
 * request). Heaviest first by the weight this reader gets (ordering by the stored figures
 * would rank zones by incidents the reader may not see).
 */
export async function listZones(db: Database, ctx: RequestContext, filter: { area?: string } = {}, scope?: AreaSet) {
	scope ??= await readableAreas(db as Database, ctx.tenant, ctx.actor);
	const exact = await exactFigureAreas(db, ctx);
	let query = selectZones(db, ctx.tenant);
	query = query.where(inAreaSet('z.area_id', scope));
	if (filter.area) query = query.where(inAreaTree('z.area_id', filter.area, ctx.tenant));
	const rows = await query.orderBy('z.name').execute();
	const features = rows.map((r) => toFeature(r, exactIn(exact, r.area_id))).sort((a, b) => b.properties.weight - a.properties.weight);
	return { type: 'FeatureCollection' as const, features };
}

export async function getZone(db: Db, ctx: RequestContext, id: string): Promise<ZoneFeature> {
	const scope = await readableAreas(db as Database, ctx.tenant, ctx.actor);
	const row = await selectZones(db, ctx.tenant).where('z.id', '=', id).executeTakeFirst();
	if (!row) throw notFound('zone');
	if (!inSet(scope, row.area_id)) throw forbidden('not_your_area', { entity: 'zone' });
	return toFeature(row, exactIn(await exactFigureAreas(db, ctx), row.area_id));
}

type ZoneProblems = Omit<StoredZoneFigures, 'givenWeight'>;

/**
 * The problems inside a zone in its period (all time without one), split as ./figures
 * keeps them: the zone area's own incidents per hour of week (those a reader with incident
 * access there may list), the same place through the privacy grid, and the findings.
 */
async function zoneProblems(db: Db, tenant: string, areaId: string, geometryJson: string, from: string | null, to: string | null): Promise<ZoneProblems> {
	const period = from || to ? stockholmPeriod(from ?? '1900-01-01', to ?? '2999-12-31') : null;
	const within = (column: string) => (period ? sql<SqlBool>`${sql.ref(column)} >= ${period.from}::timestamptz AND ${sql.ref(column)} < ${period.to}::timestamptz` : sql<SqlBool>`true`);
	const zone = sql`ST_SetSRID(ST_GeomFromGeoJSON(${geometryJson}), 4326)`;
	const { rows: incidents } = await sql<{ how: number; n: number }>`
		SELECT ${hourOfWeekSql(sql.ref('x.occurred_at'))} AS how, count(*)::int AS n
		FROM incidents x WHERE x.tenant_id = ${tenant} AND ${inAreaTree('x.area_id', areaId, tenant)} AND ST_Intersects(x.geom, ${zone}) AND ${within('x.occurred_at')}
		GROUP BY 1`.execute(db);
	const { rows: findings } = await sql<{ times: string[] }>`
		SELECT times_of_day AS times FROM findings
		WHERE tenant_id = ${tenant} AND status <> 'rejected' AND ST_Intersects(geom, ${zone}) AND ${within('created_at')}`.execute(db);
	const grid = await gridCounts(db, tenant, { region: zone, from: period?.from ?? null, to: period?.to ?? null });
	const incidentHours = new Array<number>(HOURS_OF_WEEK).fill(0);
	for (const r of incidents) incidentHours[r.how] = r.n;
	return {
		incidentHours,
		gridIncidentHours: throughGrid(grid.hours, HOUR_OF_WEEK_LEVELS, HOURS_OF_WEEK),
		findingHours: findingWeights(findings.map((f) => f.times as ('day' | 'evening' | 'night')[])),
		findingCount: findings.length
	};
}

/** A zone's problems as its columns. */
const problemColumns = (p: ZoneProblems) => ({
	incident_hours: p.incidentHours ? [...p.incidentHours] : null,
	grid_incident_hours: p.gridIncidentHours ? [...p.gridIncidentHours] : null,
	finding_hours: p.findingHours ? [...p.findingHours] : null,
	finding_count: p.findingCount,
	figures_pending: false
});

/** The problem columns of a zone about to be stored by a system path (the demo loader). */
export async function zoneProblemColumns(db: Db, tenant: string, areaId: string, geometry: Geometry, from: string | null = null, to: string | null = null) {
	return problemColumns(await zoneProblems(db, tenant, areaId, JSON.stringify(geometry), from, to));
}

/**
 * Computes the figures of zones stored without them: those from before the figures were
 * split (marked by the migration), or inserted without them. A legacy weight equal to
 * what the old code derived (the count of problems, at least 1) is taken as derived, not
 * as given: it would otherwise show the exact count to everyone.
 */
export async function completeZoneFigures(db: Db, where: { tenant?: string; ids?: string[] } = {}) {
	let query = db
		.selectFrom('problem_zones')
		.select(['id', 'tenant_id', 'area_id', 'weight', 'figures_pending', 'period_from', 'period_to', sql<string>`ST_AsGeoJSON(geom)`.as('geometry')])
		.where((eb) => eb.or([eb('figures_pending', '=', true), eb('incident_hours', 'is', null)]));
	if (where.tenant) query = query.where('tenant_id', '=', where.tenant);
	if (where.ids) query = query.where('id', 'in', where.ids.length ? where.ids : ['00000000-0000-0000-0000-000000000000']);
	const zones = await query.execute();
	for (const z of zones) {
		const problems = await zoneProblems(db, z.tenant_id, z.area_id, z.geometry, z.period_from, z.period_to);
		const derived = Math.max(1, (problems.incidentHours ?? []).reduce((a, b) => a + b, 0) + problems.findingCount);
		await db
			.updateTable('problem_zones')
			.set({ ...problemColumns(problems), ...(z.figures_pending && z.weight === derived && { weight: null }) })
			.where('tenant_id', '=', z.tenant_id)
			.where('id', '=', z.id)
			.execute();
	}
	return zones.length;
}

/**
 * Hexagons "i:j" of side `cell` m in SWEREF 99 TM (as ST_HexagonGrid makes them), merged and
 * cut to the area (a zone lies within its area; a hot cell on the edge reaches past it), in
 * WGS 84; every cell must touch the area.
 */
async function mergedCells(db: Db, tenant: string, areaId: string, cell: number, ids: string[]): Promise<MultiPolygon> {
	const pairs = JSON.stringify([...new Set(ids)].map((id) => id.split(':').map(Number)));
	const { rows } = await sql<{ geometry: string | null; outside: number }>`
		WITH cells AS (
			SELECT ST_SetSRID(ST_Hexagon(${cell}::float8, (c->>0)::int, (c->>1)::int), 3006) AS g FROM jsonb_array_elements(${pairs}::jsonb) AS c
		), region AS (SELECT ST_Transform(geom, 3006) AS g FROM areas WHERE id = ${areaId} AND tenant_id = ${tenant})
		SELECT ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(ST_Transform(ST_Intersection(ST_Union(cells.g), region.g), 4326), 3)), 7) AS geometry,
			count(*) FILTER (WHERE NOT ST_Intersects(cells.g, region.g))::int AS outside
		FROM cells, region GROUP BY region.g`.execute(db);
	const row = rows[0];
	if (!row?.geometry) throw badRequest('unknown_reference', 'The area does not exist.', { field: 'areaId', entity: 'area' });
	if (row.outside > 0) throw badRequest('cells_outside_area', `${row.outside} of the cells lie outside the area.`, { field: 'fromCells', count: row.outside });
	return JSON.parse(row.geometry) as MultiPolygon;
}

export async function createZone(trx: Transaction<DB>, ctx: RequestContext, input: ZoneCreateInput): Promise<ZoneFeature> {
	const p = input.properties;
	let geometry: Geometry;
	if (input.fromCells) {
		await assertMayWrite(trx, ctx, { areaId: p.areaId!, roles: MANAGE_ROLES });
		geometry = await mergedCells(trx, ctx.tenant, p.areaId!, input.fromCells.cell, input.fromCells.ids);
	} else {
		geometry = input.geometry!;
		await assertWritableGeometry(trx, geometry, ['Polygon', 'MultiPolygon']);
	}
	const areaId = p.areaId ?? (await areaAt(trx, ctx.tenant, geometry as never))?.id;
	if (!areaId) throw badRequest('outside_areas', 'The zone is not inside any area; draw it inside an area or name the area.', { entity: 'zone' });
	const actor = await assertMayWrite(trx, ctx, { areaId, roles: MANAGE_ROLES, geometry: input.fromCells ? null : geometry });
	const problems = await zoneProblems(trx, ctx.tenant, areaId, JSON.stringify(geometry), p.periodFrom ?? null, p.periodTo ?? null);
	const { id } = await trx
		.insertInto('problem_zones')
		.values({
			tenant_id: ctx.tenant,
			area_id: areaId,
			name: p.name,
			origin: input.fromCells ? 'hotspot' : 'manual',
			weight: p.weight ?? null,
			...problemColumns(problems),
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
	const p = patch.properties ?? {};
	if (patch.geometry) await assertWritableGeometry(trx, patch.geometry, ['Polygon', 'MultiPolygon']);
	const actor = await assertMayWrite(trx, ctx, { areaId: b.areaId, roles: MANAGE_ROLES, geometry: patch.geometry });
	const periodFrom = p.periodFrom !== undefined ? p.periodFrom : b.periodFrom;
	const periodTo = p.periodTo !== undefined ? p.periodTo : b.periodTo;
	if (periodFrom && periodTo && periodTo < periodFrom) throw badRequest('validation_failed', 'The period must end after it starts.', [fieldIssue('properties.periodTo', 'ends_before_start')]);
	const recompute = p.recompute || !!patch.geometry || p.periodFrom !== undefined || p.periodTo !== undefined;
	const problems = recompute ? await zoneProblems(trx, ctx.tenant, b.areaId, JSON.stringify(patch.geometry ?? before.geometry), periodFrom, periodTo) : undefined;
	return updateVersioned(trx, ctx, {
		table: 'problem_zones',
		entity: 'problem_zone',
		what: 'The problem zone',
		id,
		version: versionOf(patch),
		before,
		set: {
			...(p.name !== undefined && { name: p.name }),
			...(p.weight !== undefined && { weight: p.weight }),
			...(p.notes !== undefined && { notes: p.notes }),
			...(p.periodFrom !== undefined && { period_from: p.periodFrom }),
			...(p.periodTo !== undefined && { period_to: p.periodTo }),
			...(problems && problemColumns(problems)),
			...(patch.geometry && { geom: fromGeoJSONMulti(patch.geometry) }),
			updated_by: actor.id
		},
		after: () => getZone(trx, ctx, id)
	});
}

export async function deleteZone(trx: Transaction<DB>, ctx: RequestContext, id: string, version?: number) {
	const before = await getZone(trx, ctx, id);
	await assertMayWrite(trx, ctx, { areaId: before.properties.areaId, roles: MANAGE_ROLES });
	await deleteVersioned(trx, ctx, { table: 'problem_zones', entity: 'problem_zone', what: 'The problem zone', id, version: version ?? before.properties.version, before });
}
