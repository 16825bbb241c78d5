/**
 * The mapping step's view of a file: its separator, columns (or feature properties) and
 * the first rows, read from the first 256 KB only. Nothing is stored.
 */
import { parse as csvParseSync } from 'csv-parse/sync';
import { JSONParser } from '@streamparser/json';
import { ApiError, badRequest } from '$lib/server/api/errors';
import { detectDelimiter, epsgOfCrsName } from './parse';
import type { ImportFormat } from './import.server';

const PREVIEW_BYTES = 256 * 1024;
const SAMPLE_ROWS = 20;

export interface ImportPreview {
	format: ImportFormat;
	delimiter: ';' | ',' | null;
	columns: string[];
	rows: Record<string, string>[];
	/** GeoJSON: the EPSG code of a legacy crs member. */
	epsg: number | null;
}

/**
 * The first 256 KB. The rest of what the client sends is read and dropped (up to the
 * import limit): answering while it is still sending would reset the connection, and the
 * client would never see the preview.
 */
async function head(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
	const reader = body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const { value, done } = await reader.read();
			if (done) break;
			if (size < PREVIEW_BYTES) chunks.push(value);
			size += value.byteLength;
			if (size > maxBytes) throw new ApiError(413, 'payload_too_large', `The file is larger than the import limit of ${Math.round(maxBytes / 1_000_000)} MB.`, { limit: maxBytes });
		}
	} catch (error) {
		await reader.cancel().catch(() => {});
		if (error instanceof ApiError) throw error;
		throw new ApiError(413, 'payload_too_large', 'The file is larger than the server accepts.', { limit: maxBytes });
	}
	return Buffer.concat(chunks).subarray(0, PREVIEW_BYTES);
}

function csvPreview(bytes: Uint8Array): ImportPreview {
	let text = new TextDecoder().decode(bytes);
	const delimiter = detectDelimiter(text);
	// Cut at the last line break so a half-read record is not shown.
	if (bytes.byteLength >= PREVIEW_BYTES) text = text.slice(0, Math.max(text.lastIndexOf('\n'), 0));
	let records: string[][] = [];
	try {
		records = csvParseSync(text, { delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true, to: SAMPLE_ROWS + 1 });
	} catch (error) {
		throw badRequest('bad_csv', `The CSV cannot be read: ${(error as Error).message}`, { parser: (error as Error).message });
	}
	const [header, ...data] = records;
	if (!header) throw badRequest('empty_file', 'The file is empty.');
	const columns = header.map((c) => c.trim());
	return { format: 'csv', delimiter, columns, rows: data.slice(0, SAMPLE_ROWS).map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i] ?? '']))), epsg: null };
}

function geojsonPreview(bytes: Uint8Array): ImportPreview {
	const parser = new JSONParser({ paths: ['$.crs', '$.features.*'], keepStack: false });
	const rows: Record<string, string>[] = [];
	const columns = new Set<string>();
	let epsg: number | null = null;
	parser.onValue = ({ value, key }) => {
		if (key === 'crs') epsg = epsgOfCrsName((value as { properties?: { name?: unknown } })?.properties?.name);
		else if (typeof key === 'number' && rows.length < SAMPLE_ROWS) {
			const properties = ((value as { properties?: Record<string, unknown> })?.properties ?? {}) as Record<string, unknown>;
			Object.keys(properties).forEach((k) => columns.add(k));
			rows.push(Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)])));
		}
	};
	try {
		parser.write(bytes);
	} catch (error) {
		throw badRequest('bad_geojson', `The GeoJSON cannot be read: ${(error as Error).message}`, { parser: (error as Error).message });
	}
	if (rows.length === 0) throw badRequest('bad_geojson', 'No features were found at the start of the file.', { reason: 'no_features' });
	return { format: 'geojson', delimiter: null, columns: [...columns], rows, epsg };
}

export async function previewImport(format: ImportFormat, body: ReadableStream<Uint8Array>, maxBytes: number): Promise<ImportPreview> {
	const bytes = await head(body, maxBytes);
	if (bytes.byteLength === 0) throw badRequest('empty_file', 'The file is empty.');
	return format === 'csv' ? csvPreview(bytes) : geojsonPreview(bytes);
}
