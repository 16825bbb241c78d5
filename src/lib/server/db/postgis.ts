/**
 * PostGIS through small typed helpers, one clause each. Storage is WGS 84 (SRID 4326);
 * lengths and areas are computed in SWEREF 99 TM (EPSG:3006), the national projection,
 * whose scale error stays within ±0.1 ‰ over Stockholm — good enough for m² on parks
 * and plazas, and it keeps the numbers identical to what QGIS users see in 3006.
 */
import { sql, type RawBuilder, type Expression } from 'kysely';
import type { Geometry } from '$lib/geometry/geojson';

export const STORAGE_SRID = 4326;
export const METRIC_SRID = 3006;

/** A geometry column (or expression) rendered as GeoJSON by the database, 7 decimals ≈ 1 cm. */
export function asGeoJSON<G extends Geometry = Geometry>(column: string | Expression<unknown>): RawBuilder<G> {
	const ref = typeof column === 'string' ? sql.ref(column) : column;
	return sql<G>`ST_AsGeoJSON(${ref}, 7)::json`;
}

/**
 * A GeoJSON geometry as a 4326 geometry value; bound as a parameter, never interpolated.
 * Heights (a third coordinate from a phone's GPS) are dropped: the columns are 2D.
 */
export function fromGeoJSON(geometry: Geometry): RawBuilder<string> {
	return sql<string>`ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), ${sql.lit(STORAGE_SRID)}))`;
}

/** Same, promoted to a multi-geometry for columns typed MultiPolygon. */
export function fromGeoJSONMulti(geometry: Geometry): RawBuilder<string> {
	return sql<string>`ST_Multi(${fromGeoJSON(geometry)})`;
}

export type BBox = readonly [west: number, south: number, east: number, north: number];

/** Bounding-box overlap (`&&`), which the GiST index on the column answers directly. */
export function intersectsBBox(column: string, bbox: BBox): RawBuilder<boolean> {
	const [w, s, e, n] = bbox;
	return sql<boolean>`${sql.ref(column)} && ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, ${sql.lit(STORAGE_SRID)})`;
}

/** Area in m², computed in SWEREF 99 TM. */
export function areaM2(column: string): RawBuilder<number> {
	return sql<number>`ST_Area(ST_Transform(${sql.ref(column)}, ${sql.lit(METRIC_SRID)}))`;
}

/** Bounding box of a geometry as [w, s, e, n]. */
export function bboxOf(column: string): RawBuilder<[number, number, number, number]> {
	const ref = sql.ref(column);
	return sql`ARRAY[ST_XMin(${ref}), ST_YMin(${ref}), ST_XMax(${ref}), ST_YMax(${ref})]::float8[]`;
}
