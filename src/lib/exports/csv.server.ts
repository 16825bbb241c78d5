/**
 * A layer's export as CSV, in either dialect of `$lib/server/csv` (Swedish Excel's by
 * default), with its flat columns, the geometry's type, a representative point (lon, lat)
 * and the geometry itself as GeoJSON, so nothing is lost and a spreadsheet still has a
 * place to plot.
 */
import { csvFile, type CsvDialect, type CsvValue } from '$lib/server/csv';
import { positionsOf, type Geometry } from '$lib/geometry/geojson';
import type { ExportFeature, ExportLayer } from './layers.server';

/** The point itself, or the mean of a line's or area's vertices (a closing vertex counted once). */
export function representativePoint(geometry: Geometry): [number, number] {
	const positions = positionsOf(geometry);
	const closed = geometry.type === 'Polygon' || geometry.type === 'MultiPolygon';
	const points = closed ? positions.filter((p, i) => i === 0 || p[0] !== positions[0]![0] || p[1] !== positions[0]![1]) : positions;
	const lon = points.reduce((s, p) => s + p[0]!, 0) / points.length;
	const lat = points.reduce((s, p) => s + p[1]!, 0) / points.length;
	return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
}

export function layerCsv(layer: ExportLayer, features: readonly ExportFeature[], dialect: CsvDialect): string {
	const columns = ['id', ...layer.columns.map((c) => c.name), 'geometry_type', 'lon', 'lat', 'geometry'];
	const rows = features.map((f) => {
		const row: Record<string, CsvValue> = { id: f.id };
		for (const c of layer.columns) {
			const value = c.value(f.properties, f);
			row[c.name] = typeof value === 'boolean' ? (value ? 'yes' : 'no') : (value ?? null);
		}
		const [lon, lat] = f.geometry ? representativePoint(f.geometry) : [null, null];
		Object.assign(row, { geometry_type: f.geometry?.type ?? null, lon, lat, geometry: f.geometry ? JSON.stringify(f.geometry) : null });
		return row;
	});
	return csvFile(columns, rows, dialect);
}
