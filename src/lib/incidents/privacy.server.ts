/**
 * The database side of the incident privacy rule ($lib/incidents/privacy): who gets exact
 * figures where, and incident counts per cell of the privacy grid, from which every figure
 * for roles without incident access is built. Every path that computes something from
 * incidents for a reader decides here: hotspots and time patterns (`incidentAccess`, per
 * area), zones' weights and profiles and through them coverage, gap scores and suggestions
 * (`exactFigureAreas` + `exactIn`, per zone's area); effect series (`exactRegions`: per
 * series, exact when its region lies wholly inside areas with incident access).
 */
import { sql, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import type { DB, Database, Db } from '$lib/server/db';
import type { RequestContext } from '$lib/server/api/context';
import { forbidden, notFound, unauthenticated } from '$lib/server/api/errors';
import { areasWhere, incidentAreas, inSet, READ_ROLES, type AreaSet } from '$lib/server/auth/scope.server';
import { HOURS_OF_WEEK } from '$lib/analysis/hour-profile';
import { PRIVACY_CELL_AREA_M2, PRIVACY_CELL_M, type GridCell } from './privacy';
import type { IncidentCategory } from './incident';


/**
 * May the actor read the area (404/403 otherwise), and get exact incident figures there
 * (`full`)? For paths about one area: hotspots, time patterns.
 */
export async function incidentAccess(db: Database, ctx: RequestContext, areaId: string): Promise<{ full: boolean }> {
	if (!ctx.actor) throw unauthenticated();
	const area = await db.selectFrom('areas').select('id').where('id', '=', areaId).where('tenant_id', '=', ctx.tenant).executeTakeFirst();
	if (!area) throw notFound('area');
	if (!inSet(await areasWhere(db, ctx.tenant, ctx.actor, [...READ_ROLES, 'partner']), areaId)) throw forbidden('not_your_area', { entity: 'area' });
	return { full: inSet(await exactFigureAreas(db, ctx), areaId) };
}

/**
 * Where the actor gets exact incident figures: the areas (and those nested in them) of
 * grants with incident access. Looked up once per request and asked per area with
 * `exactIn` (paths over several areas' objects: zones, coverage); everywhere else figures
 * go through the grid.
 */
export async function exactFigureAreas(db: Db, ctx: RequestContext): Promise<AreaSet> {
	if (!ctx.actor) throw unauthenticated();
	return incidentAreas(db as Database, ctx.tenant, ctx.actor);
}

export const exactIn = (scope: AreaSet, areaId: string) => inSet(scope, areaId);

/** The hour of week (0 = Monday 00–01) of a timestamp column, in Stockholm. */
export function hourOfWeekSql(column: RawBuilder<unknown>) {
	return sql<number>`((extract(isodow FROM ${column} AT TIME ZONE 'Europe/Stockholm')::int - 1) * 24 + extract(hour FROM ${column} AT TIME ZONE 'Europe/Stockholm')::int)`;
}

/** The month ("YYYY-MM") of a timestamp column, in Stockholm. */
export function monthSql(column: RawBuilder<unknown>) {
	return sql<string>`to_char(${column} AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM')`;
}

export interface GridQuery {
	/** The polygon (an SQL expression of a geometry in WGS 84) whose cells are wanted. */
	region: RawBuilder<unknown>;
	/** ISO instants, `to` exclusive; open when null. */
	from: string | null;
	to: string | null;
	category?: IncidentCategory;
}

export interface GridCounts {
	/** Per cell met by the region: the share of it the region covers, and counts per hour of week. */
	hours: GridCell[];
	/** Per cell: counts per month ("YYYY-MM"). */
	months: { share: number; counts: Map<string, number> }[];
}

/**
 * The CTEs that put each row of `points` (SWEREF 99 TM `px`, `py`, and the `carry` columns)
 * into its cell of the privacy grid, as `binned` (carry…, i, j): the hexagon whose centre is
 * nearest (as the hotspots bin), columns 1.5·side apart, odd columns half a row higher.
 */
export function binnedCtes(carry: readonly string[]) {
	const s = PRIVACY_CELL_M;
	const h = Math.sqrt(3) * s;
	const w = 1.5 * s;
	const cols = sql.raw(carry.join(', '));
	return sql`near AS (
			SELECT ${cols}, px, py, floor(px / ${w}::float8)::int AS i0 FROM points
		),
		candidates AS (
			SELECT ${cols}, px, py, i0, round((py - (abs(i0) % 2) * ${h / 2}::float8) / ${h}::float8)::int AS j0,
				round((py - (abs(i0 + 1) % 2) * ${h / 2}::float8) / ${h}::float8)::int AS j1
			FROM near
		),
		binned AS (
			SELECT ${cols},
				CASE WHEN d0 <= d1 THEN i0 ELSE i0 + 1 END AS i, CASE WHEN d0 <= d1 THEN j0 ELSE j1 END AS j
			FROM (
				SELECT ${cols}, i0, j0, j1,
					(px - ${w}::float8 * i0) ^ 2 + (py - ${h}::float8 * j0 - (abs(i0) % 2) * ${h / 2}::float8) ^ 2 AS d0,
					(px - ${w}::float8 * (i0 + 1)) ^ 2 + (py - ${h}::float8 * j1 - (abs(i0 + 1) % 2) * ${h / 2}::float8) ^ 2 AS d1
				FROM candidates
			) AS d
		)`;
}

/** The share of cell `c.g` inside `region.g` (both SWEREF 99 TM), 0–1. */
const cellShare = sql<number>`CASE WHEN NOT ST_Intersects(c.g, region.g) THEN 0::float8 WHEN ST_Covers(region.g, c.g) THEN 1::float8
	ELSE ST_Area(ST_Intersection(c.g, region.g)) / ${PRIVACY_CELL_AREA_M2}::float8 END`;

/**
 * Incident counts per cell of the privacy grid, for every cell the region meets, with the
 * share of the cell inside the region. A cell counts every incident of the tenant inside it
 * (not only the region's, nor only one area's): a cell's figure must not depend on the
 * polygon asked about, or comparing two polygons would single out what lies between them.
 * Each incident goes to one cell, the hexagon whose centre is nearest (as the hotspots bin).
 */
export async function gridCounts(db: Db, tenant: string, q: GridQuery): Promise<GridCounts> {
	const s = PRIVACY_CELL_M;
	const period = sql<SqlBool>`${q.from ? sql`x.occurred_at >= ${q.from}::timestamptz` : sql`true`} AND ${q.to ? sql`x.occurred_at < ${q.to}::timestamptz` : sql`true`}`;
	const category = q.category ? sql<SqlBool>`x.category = ${q.category}` : sql<SqlBool>`true`;
	// Only the cells that hold incidents are built (ST_Hexagon), not every cell of the region:
	// a district of 200 km² has some 30,000 cells of 50 m and a few hundred with incidents.
	const { rows } = await sql<{ i: number; j: number; share: number; how: number | null; month: string | null; n: number }>`
		WITH region AS (SELECT ST_Transform(${q.region}, 3006) AS g),
		-- The incidents near the region (a cell it meets reaches at most two sides beyond it), by the index on incidents.geom.
		reach AS (SELECT ST_Transform(ST_Expand(ST_Envelope(region.g), ${3 * s}::float8), 4326) AS g FROM region),
		points AS MATERIALIZED (
			SELECT ${hourOfWeekSql(sql`x.occurred_at`)} AS how, ${monthSql(sql`x.occurred_at`)} AS month,
				ST_X(ST_Transform(x.geom, 3006)) AS px, ST_Y(ST_Transform(x.geom, 3006)) AS py
			FROM incidents x, reach
			WHERE x.tenant_id = ${tenant} AND x.geom && reach.g AND ${period} AND ${category}
		),
		${binnedCtes(['how', 'month'])},
		counted AS MATERIALIZED (
			SELECT i, j, how, month, count(*)::int AS n FROM binned GROUP BY GROUPING SETS ((i, j, how), (i, j, month))
		),
		cells AS MATERIALIZED (
			SELECT c.i, c.j, ST_SetSRID(ST_Hexagon(${s}::float8, c.i, c.j), 3006) AS g FROM (SELECT DISTINCT i, j FROM counted) AS c
		),
		shares AS (
			SELECT c.i, c.j, ${cellShare} AS share FROM cells c, region
		)
		SELECT k.i, k.j, sh.share, k.how, k.month, k.n
		FROM counted k JOIN shares sh ON sh.i = k.i AND sh.j = k.j
		WHERE sh.share > 0`.execute(db);

	const hours = new Map<string, GridCell & { counts: number[] }>();
	const months = new Map<string, { share: number; counts: Map<string, number> }>();
	for (const r of rows) {
		const key = `${r.i}:${r.j}`;
		if (r.how !== null) {
			let cell = hours.get(key);
			if (!cell) hours.set(key, (cell = { share: r.share, counts: new Array<number>(HOURS_OF_WEEK).fill(0) }));
			cell.counts[r.how] = r.n;
		} else if (r.month !== null) {
			let cell = months.get(key);
			if (!cell) months.set(key, (cell = { share: r.share, counts: new Map() }));
			cell.counts.set(r.month, r.n);
		}
	}
	return { hours: [...hours.values()], months: [...months.values()] };
}

/** A polygon asked about by several series at once (the effect analysis): a key and an SQL geometry in WGS 84. */
export interface KeyedRegion {
	key: string;
	region: RawBuilder<unknown>;
}

const regionValues = (regions: readonly KeyedRegion[]) => sql.join(regions.map((r) => sql`(${r.key}::text, ${r.region})`));

/**
 * The keys of the regions that lie wholly inside areas where the reader gets exact incident
 * figures (every region when the reader has them everywhere). Decided from the geometry
 * alone, never from the incidents, so the answer says nothing about where incidents are.
 */
export async function exactRegions(db: Db, ctx: RequestContext, regions: readonly KeyedRegion[]): Promise<Set<string>> {
	if (regions.length === 0) return new Set();
	const scope = await exactFigureAreas(db, ctx);
	if (scope.all) return new Set(regions.map((r) => r.key));
	if (scope.ids.length === 0) return new Set();
	const { rows } = await sql<{ key: string }>`
		WITH exact AS (SELECT ST_Union(geom) AS g FROM areas WHERE tenant_id = ${ctx.tenant} AND id = ANY(${scope.ids}::uuid[])),
		regions AS (SELECT * FROM (VALUES ${regionValues(regions)}) AS r(key, g))
		SELECT r.key FROM regions r, exact WHERE r.g IS NOT NULL AND ST_Covers(exact.g, r.g)`.execute(db);
	return new Set(rows.map((r) => r.key));
}

/**
 * Exact incident counts per month ("YYYY-MM", Stockholm) inside each region: the incidents
 * the reader may list (those of areas with incident access), for the regions `exactRegions`
 * let through.
 */
export async function exactMonthCounts(db: Db, ctx: RequestContext, regions: readonly KeyedRegion[], q: Omit<GridQuery, 'region'>): Promise<Map<string, Map<string, number>>> {
	const out = new Map<string, Map<string, number>>(regions.map((r) => [r.key, new Map()]));
	if (regions.length === 0) return out;
	const scope = await exactFigureAreas(db, ctx);
	const listable = scope.all ? sql<SqlBool>`true` : sql<SqlBool>`x.area_id = ANY(${scope.ids}::uuid[])`;
	const { rows } = await sql<{ key: string; month: string; n: number }>`
		WITH regions AS MATERIALIZED (SELECT * FROM (VALUES ${regionValues(regions)}) AS r(key, g))
		SELECT r.key, ${monthSql(sql`x.occurred_at`)} AS month, count(*)::int AS n
		FROM regions r JOIN incidents x ON x.geom && r.g AND ST_Intersects(x.geom, r.g)
		WHERE x.tenant_id = ${ctx.tenant} AND ${listable}
			AND ${q.from ? sql`x.occurred_at >= ${q.from}::timestamptz` : sql`true`} AND ${q.to ? sql`x.occurred_at < ${q.to}::timestamptz` : sql`true`}
			AND ${q.category ? sql`x.category = ${q.category}` : sql`true`}
		GROUP BY 1, 2`.execute(db);
	for (const r of rows) out.get(r.key)!.set(r.month, r.n);
	return out;
}

/**
 * Per region: the cells of the privacy grid it meets, each with its share inside the region
 * and its counts per month; the same cells and counts as `gridCounts` gives one region at a
 * time, for many regions in one statement.
 */
export async function gridMonthCounts(db: Db, tenant: string, regions: readonly KeyedRegion[], q: Omit<GridQuery, 'region'>): Promise<Map<string, { share: number; counts: Map<string, number> }[]>> {
	const out = new Map<string, { share: number; counts: Map<string, number> }[]>(regions.map((r) => [r.key, []]));
	if (regions.length === 0) return out;
	const s = PRIVACY_CELL_M;
	const { rows } = await sql<{ key: string; i: number; j: number; share: number; month: string; n: number }>`
		WITH region_list AS MATERIALIZED (
			-- Made valid again: a ring cut in metres and carried in degrees can come back with slivers GEOS refuses.
			SELECT key, ST_MakeValid(ST_Transform(g, 3006)) AS g FROM (VALUES ${regionValues(regions)}) AS r(key, g) WHERE g IS NOT NULL
		),
		reach AS (SELECT ST_Transform(ST_Expand(ST_Envelope(g), ${3 * s}::float8), 4326) AS g FROM region_list),
		points AS MATERIALIZED (
			SELECT month, ST_X(p) AS px, ST_Y(p) AS py FROM (
				SELECT DISTINCT ON (x.id) ${monthSql(sql`x.occurred_at`)} AS month, ST_Transform(x.geom, 3006) AS p
				FROM incidents x JOIN reach ON x.geom && reach.g
				WHERE x.tenant_id = ${tenant}
					AND ${q.from ? sql`x.occurred_at >= ${q.from}::timestamptz` : sql`true`} AND ${q.to ? sql`x.occurred_at < ${q.to}::timestamptz` : sql`true`}
					AND ${q.category ? sql`x.category = ${q.category}` : sql`true`}
			) AS near_points
		),
		${binnedCtes(['month'])},
		counted AS MATERIALIZED (SELECT i, j, month, count(*)::int AS n FROM binned GROUP BY i, j, month),
		cells AS MATERIALIZED (
			SELECT c.i, c.j, ST_SetSRID(ST_Hexagon(${s}::float8, c.i, c.j), 3006) AS g FROM (SELECT DISTINCT i, j FROM counted) AS c
		),
		shares AS (
			SELECT region.key, c.i, c.j, ${cellShare} AS share FROM cells c JOIN region_list region ON ST_Intersects(c.g, region.g)
		)
		SELECT sh.key, k.i, k.j, sh.share, k.month, k.n
		FROM counted k JOIN shares sh ON sh.i = k.i AND sh.j = k.j
		WHERE sh.share > 0`.execute(db);
	const cells = new Map<string, { share: number; counts: Map<string, number> }>();
	for (const r of rows) {
		const id = `${r.key}|${r.i}:${r.j}`;
		let cell = cells.get(id);
		if (!cell) {
			cells.set(id, (cell = { share: r.share, counts: new Map() }));
			out.get(r.key)!.push(cell);
		}
		cell.counts.set(r.month, r.n);
	}
	return out;
}
