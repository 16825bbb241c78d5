/**
 * Findings as a CSV file, in either dialect of `$lib/server/csv` (Swedish Excel's by
 * default), with users' text made formula-safe there.
 */
import { csvFile, type CsvDialect, type CsvValue } from '$lib/server/csv';
import { positionsOf } from '$lib/geometry/geojson';
import type { FindingCollection, FindingFeature } from './finding';

export type { CsvDialect };

/** A representative position: the point itself, or the mean of a line's or area's vertices. */
function representative(feature: FindingFeature): [number, number] {
	const positions = positionsOf(feature.geometry);
	const ring = feature.geometry.type === 'Polygon' ? positions.slice(0, -1) : positions;
	const lon = ring.reduce((s, p) => s + p[0], 0) / ring.length;
	const lat = ring.reduce((s, p) => s + p[1], 0) / ring.length;
	return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
}

const COLUMNS = [
	'id', 'area', 'walk_id', 'category', 'severity', 'times_of_day', 'description', 'proposed_measure', 'proposed_term',
	'responsible_partner', 'follow_up_on', 'overdue', 'status', 'status_reason', 'reinspect', 'confirmations', 'photos',
	'reporter', 'created_at', 'geometry_type', 'lon', 'lat', 'geometry'
] as const;

export function findingsCsv(collection: FindingCollection, dialect: CsvDialect): string {
	const rows = collection.features.map((f): Record<(typeof COLUMNS)[number], CsvValue> => {
		const p = f.properties;
		const [lon, lat] = representative(f);
		return {
			id: f.id,
			area: p.areaName,
			walk_id: p.walkId,
			category: p.category,
			severity: p.severity,
			times_of_day: p.timesOfDay.join(','),
			description: p.description,
			proposed_measure: p.proposedMeasure,
			proposed_term: p.proposedTerm,
			responsible_partner: p.responsiblePartnerName,
			follow_up_on: p.followUpOn,
			overdue: p.overdue ? 'yes' : 'no',
			status: p.status,
			status_reason: p.statusReason,
			reinspect: p.reinspect ? 'yes' : 'no',
			confirmations: p.confirmations,
			photos: p.photos.length,
			reporter: p.reporter?.name,
			created_at: p.createdAt,
			geometry_type: f.geometry.type,
			lon,
			lat,
			geometry: JSON.stringify(f.geometry)
		};
	});
	return csvFile(COLUMNS, rows, dialect);
}
