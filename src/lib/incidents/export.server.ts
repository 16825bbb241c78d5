/**
 * Incidents as CSV, in the same two dialects as findings (`sv`: `;`, decimal comma, BOM;
 * `rfc4180`), with columns the import's mapping step recognises, so an export can be
 * imported again (and is then recognised as duplicates). Text is made formula-safe by
 * `$lib/server/csv`.
 */
import { csvFile, type CsvDialect } from '$lib/server/csv';
import type { IncidentFeature } from './incidents.server';

export const INCIDENT_CSV_COLUMNS = ['id', 'external_id', 'source', 'category', 'occurred_at', 'lon', 'lat', 'description'] as const;

export function incidentsCsv(features: readonly IncidentFeature[], dialect: CsvDialect): string {
	const rows = features.map((f) => ({
		id: f.id,
		external_id: f.properties.externalId,
		source: f.properties.source,
		category: f.properties.category,
		occurred_at: f.properties.occurredAt,
		lon: f.geometry.coordinates[0]!,
		lat: f.geometry.coordinates[1]!,
		description: f.properties.description
	}));
	return csvFile(INCIDENT_CSV_COLUMNS, rows, dialect);
}
