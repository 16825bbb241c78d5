/**
 * Findings as CSV and GeoJSON files. CSV comes in two dialects: `sv` (default; what
 * Swedish Excel opens directly: `;` separator, decimal comma, UTF-8 with BOM) and
 * `rfc4180` (comma separator, decimal point, no BOM) for scripts and GIS tools.
 */
import { stringify } from 'csv-stringify/sync';
import { positionsOf } from '$lib/geometry/geojson';
import type { FindingCollection, FindingFeature } from './finding';

export type CsvDialect = 'sv' | 'rfc4180';

/** A representative position: the point itself, or the mean of a line's or area's vertices. */
function representative(feature: FindingFeature): [number, number] {
	const positions = positionsOf(feature.geometry);
	const ring = feature.geometry.type === 'Polygon' ? positions.slice(0, -1) : positions;
	const lon = ring.reduce((s, p) => s + p[0], 0) / ring.length;
	const lat = ring.reduce((s, p) => s + p[1], 0) / ring.length;
	return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
}

export function findingsCsv(collection: FindingCollection, dialect: CsvDialect): string {
	const number = (n: number) => (dialect === 'sv' ? String(n).replace('.', ',') : String(n));
	const rows = collection.features.map((f) => {
		const p = f.properties;
		const [lon, lat] = representative(f);
		return {
			id: f.id,
			area: p.areaName,
			walk_id: p.walkId ?? '',
			category: p.category,
			severity: p.severity,
			times_of_day: p.timesOfDay.join(','),
			description: p.description,
			proposed_measure: p.proposedMeasure,
			proposed_term: p.proposedTerm ?? '',
			responsible_partner: p.responsiblePartnerName ?? '',
			follow_up_on: p.followUpOn ?? '',
			overdue: p.overdue ? 'yes' : 'no',
			status: p.status,
			status_reason: p.statusReason ?? '',
			reinspect: p.reinspect ? 'yes' : 'no',
			confirmations: p.confirmations,
			photos: p.photos.length,
			reporter: p.reporter?.name ?? '',
			created_at: p.createdAt,
			geometry_type: f.geometry.type,
			lon: number(lon),
			lat: number(lat),
			geometry: JSON.stringify(f.geometry)
		};
	});
	const csv = stringify(rows, {
		header: true,
		delimiter: dialect === 'sv' ? ';' : ',',
		record_delimiter: 'windows',
		columns: rows.length ? undefined : ['id', 'area', 'category', 'status', 'lon', 'lat']
	});
	return dialect === 'sv' ? `\uFEFF${csv}` : csv;
}
