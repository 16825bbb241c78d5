import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { database } from '$lib/server/db';
import { endpoint, readQuery } from '$lib/server/api/endpoint';
import { assertNoControlCharactersIn } from '$lib/server/api/control-characters';
import { notFound } from '$lib/server/api/errors';
import { contextOf } from '$lib/server/api/context';
import { findingsCsv } from '$lib/findings/export.server';
import { incidentsCsv } from '$lib/incidents/export.server';
import type { FindingCollection } from '$lib/findings/finding';
import type { IncidentFeature } from '$lib/incidents/incidents.server';
import { EXPORT_LAYERS } from '$lib/exports/layers.server';
import { layerCsv } from '$lib/exports/csv.server';
import { geopackageFile, type ExportSrid } from '$lib/exports/geopackage.server';
import { crsNamed } from '$lib/ogc/crs';

const dialect = z.enum(['sv', 'rfc4180']).default('sv');
/** The GeoPackage's SRS: WGS 84 (default) or SWEREF 99 TM, as `EPSG:3006`, `3006` or the OGC URI. */
const gpkgCrs = z
	.string()
	.transform((value) => crsNamed(/^\d+$/.test(value) ? `EPSG:${value}` : value)?.srid)
	.pipe(z.union([z.literal(4326), z.literal(3006)], { error: 'unsupported_crs' }))
	.default(4326);

/**
 * `/api/export/{layer}.{geojson,csv,gpkg}` for areas, walks, findings, measures, events,
 * zones, services (the partners' service locations), follow-ups and incidents, with each list endpoint's
 * filters and the caller's rights (incidents only for roles with incident access). CSV in the
 * Swedish dialect unless `dialect=rfc4180`; GeoPackage in WGS 84 unless `crs=EPSG:3006`.
 */
export const GET = endpoint(async (event) => {
	assertNoControlCharactersIn(Object.entries(event.params));
	const match = /^([a-z]+)\.(csv|geojson|gpkg)$/.exec(event.params.file ?? '');
	const layer = match ? EXPORT_LAYERS[match[1]!] : undefined;
	if (!match || !layer) throw notFound('export');
	const format = match[2] as 'csv' | 'geojson' | 'gpkg';
	const schema = (layer.query as z.ZodObject).extend(format === 'gpkg' ? { crs: gpkgCrs } : format === 'csv' ? { dialect } : {});
	const { dialect: csvDialect, crs, ...filter } = readQuery(event.url, schema) as { dialect?: 'sv' | 'rfc4180'; crs?: ExportSrid } & Record<string, unknown>;
	const { db } = database();
	const collection = await layer.list(db, contextOf(event), filter);
	const stamp = new Date().toISOString().slice(0, 10);
	const disposition = `attachment; filename="lykta-${layer.name}-${stamp}${crs === 3006 ? '-sweref99tm' : ''}.${format}"`;
	if (format === 'geojson') return json(collection, { headers: { 'content-type': 'application/geo+json; charset=utf-8', 'content-disposition': disposition } });
	if (format === 'gpkg') {
		const file = await geopackageFile(db, layer, collection.features, crs ?? 4326);
		return new Response(file as unknown as BodyInit, { headers: { 'content-type': 'application/geopackage+sqlite3', 'content-disposition': disposition } });
	}
	// Findings and incidents keep their established columns (an incident export imports again).
	const csv =
		layer.name === 'findings'
			? findingsCsv(collection as unknown as FindingCollection, csvDialect ?? 'sv')
			: layer.name === 'incidents'
				? incidentsCsv(collection.features as unknown as IncidentFeature[], csvDialect ?? 'sv')
				: layerCsv(layer, collection.features, csvDialect ?? 'sv');
	return new Response(csv, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': disposition } });
});
