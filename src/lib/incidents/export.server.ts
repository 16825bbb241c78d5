/**
 * Incidents as CSV, in the same two dialects as findings (`sv`: `;`, decimal comma, BOM;
 * `rfc4180`), with columns the import's mapping step recognises, so an export can be
 * imported again (and is then recognised as duplicates).
 */
import { stringify } from 'csv-stringify/sync';
import type { CsvDialect } from '$lib/findings/export.server';
import type { IncidentFeature } from './incidents.server';

export const INCIDENT_CSV_COLUMNS = ['id', 'external_id', 'source', 'category', 'occurred_at', 'lon', 'lat', 'description'] as const;

export function incidentsCsv(features: readonly IncidentFeature[], dialect: CsvDialect): string {
	const number = (n: number) => (dialect === 'sv' ? String(n).replace('.', ',') : String(n));
	const rows = features.map((f) => ({
		id: f.id,
		external_id: f.properties.externalId ?? '',
		source: f.properties.source,
		category: f.properties.category,
		occurred_at: f.properties.occurredAt,
		lon: number(f.geometry.coordinates[0]!),
		lat: number(f.geometry.coordinates[1]!),
		description: f.properties.description
	}));
	const csv = stringify(rows, { header: true, delimiter: dialect === 'sv' ? ';' : ',', record_delimiter: 'windows', columns: [...INCIDENT_CSV_COLUMNS] });
	return dialect === 'sv' ? `\uFEFF${csv}` : csv;
}
