/**
 * Incident vector tiles, so 200k incidents stay fluid on the map. Roles with incident
 * access get the points (layer `incidents`: category, t = epoch seconds) in their areas;
 * everyone else who may read an area gets hexagon counts (layer `incident_cells`) with
 * cells under MIN_CELL_COUNT left out, counted over whole cells of a grid fixed per zoom
 * level (not per tile), so a cell reads the same in every tile it crosses.
 *
 * PostgreSQL with PostGIS built with protobuf encodes the tile itself (ST_AsMVTGeom +
 * ST_AsMVT). The embedded PostGIS (PGlite) is built without protobuf-c, so there PostGIS
 * selects the same rows in tile coordinates and @maplibre/vt-pbf encodes them.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { GeoJSONVTFeature, GeoJSONVTTile } from '@maplibre/geojson-vt';
import type { Database } from '$lib/server/db';
import type { RequestContext } from '$lib/server/api/context';
import { unauthenticated } from '$lib/server/api/errors';
import { areasWhere, incidentAreas, isEmpty, READ_ROLES, type AreaSet } from '$lib/server/auth/scope.server';
import { inIncidentScope } from './incidents.server';
import { MIN_CELL_COUNT, type IncidentCategory } from './incident';
import { TileCache } from './tile-cache';

export interface TileQuery {
	z: number;
	x: number;
	y: number;
	from?: string;
	to?: string;
	category?: IncidentCategory;
}

export const EXTENT = 4096;
const BUFFER = 64;

/** Hexagon side in Web Mercator units for the aggregate layer: about 20 px on screen. */
export const aggregateCellSize = (z: number) => 40 * 2 ** (16 - Math.min(z, 18));

function filters(q: TileQuery) {
	return sql<SqlBool>`${q.from ? sql`x.occurred_at >= ${q.from}::timestamptz` : sql`true`}
		AND ${q.to ? sql`x.occurred_at < ${q.to}::timestamptz` : sql`true`}
		AND ${q.category ? sql`x.category = ${q.category}` : sql`true`}`;
}

const envelope = (q: TileQuery) => sql`ST_TileEnvelope(${q.z}::int, ${q.x}::int, ${q.y}::int)`;

/** The incidents of a tile, as rows (points in 3857 as `g`). */
function pointRows(tenant: string, q: TileQuery, scope: AreaSet) {
	return sql`
		SELECT ST_Transform(x.geom, 3857) AS g, x.category, extract(epoch FROM x.occurred_at)::bigint AS t
		FROM incidents x
		WHERE x.tenant_id = ${tenant} AND ST_Intersects(x.geom, ST_Transform(${envelope(q)}, 4326)) AND ${inIncidentScope(scope)} AND ${filters(q)}`;
}

/** The hexagons of a tile with their whole counts, at least MIN_CELL_COUNT (hexagons in 3857 as `g`). */
function cellRows(tenant: string, q: TileQuery, scope: AreaSet) {
	return sql`
		SELECT c.g, c.count FROM (
			SELECT h.geom AS g, (SELECT count(*) FROM incidents x
				WHERE x.tenant_id = ${tenant} AND x.geom && ST_Transform(h.geom, 4326)
					AND ST_Intersects(ST_Transform(x.geom, 3857), h.geom) AND ${inIncidentScope(scope)} AND ${filters(q)})::int AS count
			FROM ST_HexagonGrid(${aggregateCellSize(q.z)}::float8, ${envelope(q)}) AS h
		) AS c
		WHERE c.count >= ${MIN_CELL_COUNT}`;
}

/** The bare PostGIS tile query (ST_AsMVT) for rows with a 3857 geometry `g`; also run directly by the benchmark. */
export function nativeTileSql(layer: string, q: TileQuery, rows: RawBuilder<unknown>, columns: readonly string[]) {
	return sql<{ mvt: Uint8Array | null }>`
		SELECT ST_AsMVT(t.*, ${layer}, ${EXTENT}, 'geom') AS mvt
		FROM (SELECT ST_AsMVTGeom(r.g, ${envelope(q)}, ${EXTENT}, ${BUFFER}, true) AS geom, ${sql.join(columns.map((c) => sql.ref(`r.${c}`)))}
			FROM (${rows}) AS r) AS t`;
}

const POINT_COLUMNS = ['category', 't'] as const;
const CELL_COLUMNS = ['count'] as const;

export function pointTileSql(tenant: string, q: TileQuery, scope: AreaSet) {
	return nativeTileSql('incidents', q, pointRows(tenant, q, scope), POINT_COLUMNS);
}

/**
 * Runs a tile query without parallel workers: a tile is one aggregate, and on this kind of
 * machine the parallel plan's gather and combine cost more than they save (measured: 620 ms
 * against 400 ms for a z14 tile of 38k points).
 */
export function serially<R>(db: Database, query: RawBuilder<R>) {
	return db.transaction().execute(async (trx) => {
		await sql`SET LOCAL max_parallel_workers_per_gather = 0`.execute(trx);
		return query.execute(trx);
	});
}

let native: Promise<boolean> | null = null;
/** Whether this PostGIS can encode vector tiles (built with protobuf-c). */
export function hasNativeMvt(db: Database): Promise<boolean> {
	native ??= sql<{ ok: boolean }>`SELECT postgis_full_version() LIKE '%PROTOBUF%' AS ok`
		.execute(db)
		.then((r) => !!r.rows[0]?.ok)
		.catch(() => false);
	return native;
}

/** Encodes rows selected in tile coordinates with @maplibre/vt-pbf (no protobuf in PostGIS). */
async function encodedTile(db: Database, layer: string, q: TileQuery, rows: RawBuilder<unknown>, polygons: boolean): Promise<Uint8Array> {
	const k = sql.lit(EXTENT);
	const { rows: selected } = await sql<{ coords: string; props: Record<string, number | string> }>`
		WITH b AS (SELECT ${envelope(q)} AS env)
		SELECT ST_AsGeoJSON(ST_Affine(r.g, ${k} / (ST_XMax(b.env) - ST_XMin(b.env)), 0, 0, -${k} / (ST_YMax(b.env) - ST_YMin(b.env)),
				-ST_XMin(b.env) * ${k} / (ST_XMax(b.env) - ST_XMin(b.env)), ST_YMax(b.env) * ${k} / (ST_YMax(b.env) - ST_YMin(b.env))), 0) AS coords,
			to_jsonb(r) - 'g' AS props
		FROM (${rows}) AS r, b`.execute(db);
	if (selected.length === 0) return new Uint8Array();
	const features: GeoJSONVTFeature[] = selected.map((row) => {
		const geometry = JSON.parse(row.coords) as { type: string; coordinates: unknown };
		const tags = Object.fromEntries(Object.entries(row.props).map(([k, v]) => [k, typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v]));
		if (polygons) {
			// MVT rings go clockwise on screen (y down) for outer rings; a hexagon has one ring.
			const rings = (geometry.coordinates as [number, number][][]).map((ring) => ring.map(([x, y]) => [Math.round(x), Math.round(y)] as [number, number]));
			return { type: 3, tags, geometry: rings };
		}
		const [x, y] = geometry.coordinates as [number, number];
		return { type: 1, tags, geometry: [[Math.round(x), Math.round(y)]] };
	});
	const tile = { features, transformed: true } as unknown as GeoJSONVTTile;
	return fromGeojsonVt({ [layer]: tile }, { version: 2, extent: EXTENT });
}

export async function incidentTile(db: Database, ctx: RequestContext, q: TileQuery): Promise<Uint8Array> {
	if (!ctx.actor) throw unauthenticated();
	const points = await incidentAreas(db, ctx.tenant, ctx.actor);
	const full = !isEmpty(points);
	const scope = full ? points : await areasWhere(db, ctx.tenant, ctx.actor, [...READ_ROLES, 'partner']);
	if (isEmpty(scope)) return new Uint8Array();
	const layer = full ? 'incidents' : 'incident_cells';
	// Readers with the same areas and the same kind of access get the same tile of the same
	// data: it is made once and kept (see TileCache), under the tenant's incident version.
	const { rows: version } = await sql<{ v: string }>`SELECT version::text AS v FROM incident_versions WHERE tenant_id = ${ctx.tenant}`.execute(db);
	const key = [ctx.tenant, version[0]?.v ?? '0', layer, scope.all ? 'all' : [...scope.ids].sort().join(','), q.z, q.x, q.y, q.category ?? '', q.from ?? '', q.to ?? ''].join('|');
	return tileCache.get(key, async () => {
		const rows = full ? pointRows(ctx.tenant, q, scope) : cellRows(ctx.tenant, q, scope);
		if (!(await hasNativeMvt(db))) return encodedTile(db, layer, q, rows, !full);
		const { rows: result } = await serially(db, nativeTileSql(layer, q, rows, full ? POINT_COLUMNS : CELL_COLUMNS));
		const mvt = result[0]?.mvt;
		return mvt ? new Uint8Array(mvt) : new Uint8Array();
	});
}

/** 64 MB of tiles: a district's evening map at every zoom many times over. */
const tileCache = new TileCache(64 * 1024 * 1024);
