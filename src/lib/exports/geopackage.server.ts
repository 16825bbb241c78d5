/**
 * A layer's export as an OGC GeoPackage, written with NGA's GeoPackage library
 * (@ngageoint/geopackage, on the better-sqlite3 the basemap tiles already use): one feature
 * table named after the layer, with the layer's geometry type (GEOMETRY where a layer mixes
 * points, lines and areas), the SRS (EPSG:4326, or EPSG:3006 with its definition from
 * PostGIS) and one column per attribute, typed. Coordinates in SWEREF 99 TM are transformed
 * by PostGIS, as everywhere else, not by the library's own proj4.
 *
 * The library writes synchronously: the rows go in transactions of a few thousand, with the
 * event loop let through between them, so a 50,000-incident export does not stall other
 * requests for seconds.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Db } from '$lib/server/db';
import type { Geometry } from '$lib/geometry/geojson';
import type { GeometryKind } from '$lib/ogc/collection';
import type { CellValue, ColumnType, ExportFeature, ExportLayer } from './layers.server';

export type ExportSrid = 4326 | 3006;

const CHUNK = 2_000;

const GEOMETRY_NAMES: Record<GeometryKind, string> = {
	Point: 'POINT',
	LineString: 'LINESTRING',
	Polygon: 'POLYGON',
	MultiPolygon: 'MULTIPOLYGON',
	Geometry: 'GEOMETRY'
};

/** The features' geometries in `srid`, transformed by PostGIS in one statement (WGS 84 as they are). */
async function geometriesIn(db: Db, features: readonly ExportFeature[], srid: ExportSrid): Promise<(Geometry | null)[]> {
	if (srid === 4326) return features.map((f) => f.geometry);
	const texts = features.map((f) => (f.geometry ? JSON.stringify(f.geometry) : null));
	const { rows } = await sql<{ n: number; g: string | null }>`
		SELECT t.n::int AS n, ST_AsGeoJSON(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(t.g), 4326), 3006), 3) AS g
		FROM unnest(${texts}::text[]) WITH ORDINALITY AS t(g, n)`.execute(db);
	const out = new Array<Geometry | null>(features.length).fill(null);
	for (const r of rows) out[r.n - 1] = r.g ? (JSON.parse(r.g) as Geometry) : null;
	return out;
}

/** The bounding box of some geometries: [minX, minY, maxX, maxY], or null when there are none. */
function extentOf(geometries: readonly (Geometry | null)[]): [number, number, number, number] | null {
	let box: [number, number, number, number] | null = null;
	const visit = (c: unknown): void => {
		if (Array.isArray(c) && typeof c[0] === 'number') {
			const [x, y] = c as [number, number];
			box = box ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)] : [x, y, x, y];
		} else if (Array.isArray(c)) c.forEach(visit);
	};
	for (const g of geometries) if (g && 'coordinates' in g) visit(g.coordinates);
	return box;
}

/** A cell as the library stores it: dates and times as Date, the rest as they are. */
function stored(type: ColumnType, value: CellValue): unknown {
	if (type === 'date') return new Date(`${String(value).slice(0, 10)}T00:00:00Z`);
	if (type === 'datetime') return new Date(String(value));
	return value;
}

export async function geopackageFile(db: Db, layer: ExportLayer, features: readonly ExportFeature[], srid: ExportSrid): Promise<Buffer> {
	const geometries = await geometriesIn(db, features, srid);
	const { rows: srs } = srid === 3006 ? await sql<{ wkt: string }>`SELECT srtext AS wkt FROM spatial_ref_sys WHERE srid = 3006`.execute(db) : { rows: [] };
	// Loaded on the first GeoPackage export only: the library and its SQLite are not small.
	const gp = await import('@ngageoint/geopackage');
	const wkx = (await import('wkx')).default;
	const dir = await mkdtemp(join(tmpdir(), 'lykta-gpkg-'));
	const path = join(dir, `${layer.name}.gpkg`);
	try {
		const geoPackage = await gp.GeoPackageAPI.create(path);
		if (srid === 3006) {
			const sweref = new gp.SpatialReferenceSystem();
			sweref.srs_name = 'SWEREF99 TM';
			sweref.srs_id = 3006;
			sweref.organization = 'EPSG';
			sweref.organization_coordsys_id = 3006;
			sweref.definition = srs[0]!.wkt;
			sweref.description = 'SWEREF 99 TM (EPSG:3006)';
			geoPackage.createSpatialReferenceSystem(sweref);
		}
		const geometryColumns = new gp.GeometryColumns();
		geometryColumns.table_name = layer.name;
		geometryColumns.column_name = 'geom';
		geometryColumns.geometry_type_name = GEOMETRY_NAMES[layer.geometry];
		geometryColumns.z = 0;
		geometryColumns.m = 0;
		const types: Record<ColumnType, number> = {
			text: gp.GeoPackageDataType.TEXT,
			integer: gp.GeoPackageDataType.INTEGER,
			real: gp.GeoPackageDataType.REAL,
			boolean: gp.GeoPackageDataType.BOOLEAN,
			date: gp.GeoPackageDataType.DATE,
			datetime: gp.GeoPackageDataType.DATETIME
		};
		const columns = [
			gp.FeatureColumn.createPrimaryKeyColumn(0, 'fid'),
			gp.FeatureColumn.createGeometryColumn(1, 'geom', gp.GeometryType.fromName(GEOMETRY_NAMES[layer.geometry]), false, undefined),
			gp.FeatureColumn.createColumn(2, 'id', gp.GeoPackageDataType.TEXT),
			...layer.columns.map((c, i) => gp.FeatureColumn.createColumn(3 + i, c.name, types[c.type]))
		];
		const box = extentOf(geometries) ?? [0, 0, 0, 0];
		// BoundingBox takes (minLongitude, maxLongitude, minLatitude, maxLatitude): x and y ranges.
		geoPackage.createFeatureTable(layer.name, geometryColumns, columns, new gp.BoundingBox(box[0], box[2], box[1], box[3]), srid);
		const dao = geoPackage.getFeatureDao(layer.name);
		const connection = geoPackage.connection;
		for (let start = 0; start < features.length; start += CHUNK) {
			connection.transaction(() => {
				for (let k = start; k < Math.min(start + CHUNK, features.length); k++) {
					const feature = features[k]!;
					const row = dao.newRow();
					const geometry = geometries[k];
					if (geometry) {
						const data = new gp.GeometryData();
						data.setSrsId(srid);
						data.setGeometry(wkx.Geometry.parseGeoJSON(geometry));
						row.geometry = data;
					}
					row.setValueWithColumnName('id', feature.id);
					for (const c of layer.columns) {
						const value = c.value(feature.properties, feature);
						// Unset stays NULL (the library cannot store a null date).
						if (value !== null && value !== undefined) row.setValueWithColumnName(c.name, stored(c.type, value));
					}
					dao.create(row);
				}
			});
			await new Promise((done) => setImmediate(done));
		}
		geoPackage.close();
		return await readFile(path);
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}
