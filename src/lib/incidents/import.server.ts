/**
 * Importing incidents from CSV or GeoJSON as they arrive: the body is parsed as a stream
 * (csv-parse, @streamparser/json), rows are checked one by one and written in batches of
 * 1,000, so a 100k-row file never sits in memory. Coordinates are transformed in PostGIS
 * from any EPSG code it knows. A bad row is reported with its reason and never stops the
 * good ones; the whole import is one transaction, so an import that fails (a broken file,
 * a file over the limit, no good rows at all) leaves nothing behind. Re-importing is a
 * no-op: rows are unique by source + external id, or by a hash of their content.
 *
 * Points holding many rows (./stacks, usually a geocoder's centroid) are reported with the
 * area they lie in and the nearest place; with the mapping's `excludeStacked` their rows are
 * left out. A stack is known only when the whole file has been read, so its rows are written
 * like any others and deleted again before the transaction commits; the same statement
 * removes the rows an earlier import of the same rows (same key, same point) had stored, so
 * importing a file again with `excludeStacked` undoes what importing it without did.
 * A dry run (`checkImport`) is the same import rolled back: the page shows its answer,
 * stacks included, before anything reaches the shared map.
 */
import { once } from 'node:events';
import { parse as csvParse, CsvError } from 'csv-parse';
import { JSONParser } from '@streamparser/json';
import { sql, type Transaction } from 'kysely';
import type { DB } from '$lib/server/db';
import { config } from '$lib/server/config';
import { ApiError, badRequest, forbidden, unauthenticated } from '$lib/server/api/errors';
import { fieldIssue } from '$lib/api/issues';
import { incidentContentHash } from './content-hash.server';
import { controlCharacterIn } from '$lib/server/api/control-characters';
import { withoutFormulaGuard } from '$lib/server/csv';
import { inDateRange } from '$lib/time/dates';
import { areasWhere, incidentAreas, inSet, IMPORT_ROLES, READ_ROLES, type AreaSet } from '$lib/server/auth/scope.server';
import type { RequestContext } from '$lib/server/api/context';
import { detectDelimiter, epsgOfCrsName, parseNumber, parseTimestamp } from './parse';
import { INCIDENT_CATEGORIES, type ImportMapping, type ImportProgress, type ImportResult, type IncidentCategory, type RejectedRow } from './incident';
import { MAX_LISTED_STACKS, NEAREST_PLACE_MAX_M, StackCounter, type StackedPoint } from './stacks';
import { rejection } from './rejected-rows';
import { DEFAULT_LOCALE, textsFor, type Locale, type Texts } from '$lib/i18n/locale';

export const IMPORT_FORMATS = ['csv', 'geojson'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

const BATCH = 1000;
/** Rejected rows listed in the answer; the count covers all of them. */
const MAX_LISTED = 1000;

/** One row of the file, before checking: values by column (or property) name. */
interface RawRow {
	row: number;
	get: (key: string) => unknown;
	/** GeoJSON: the feature's point in the file's CRS, or why it has none (no geometry, or which type it is). */
	point?: [number, number] | { problem: 'no_geometry' | 'not_a_point'; type?: string };
}

interface Candidate {
	row: number;
	x: number;
	y: number;
	occurredAt: string;
	category: IncidentCategory;
	externalId: string | null;
	description: string;
}

export interface ImportInput {
	format: ImportFormat;
	filename: string;
	body: ReadableStream<Uint8Array>;
	mapping: ImportMapping;
	/** Content-Length when the client sent one (progress as a share of the file). */
	totalBytes: number | null;
	maxBytes: number;
	/** The language rejected rows' reasons are written in (the request's). */
	locale?: Locale;
	onProgress?: (progress: ImportProgress) => void;
}

/** Counts the bytes read and stops the import when the file is over the limit. */
async function* limited(body: ReadableStream<Uint8Array>, maxBytes: number, counter: { bytes: number }): AsyncGenerator<Uint8Array> {
	const tooLarge = () => new ApiError(413, 'payload_too_large', `The file is larger than the import limit of ${Math.round(maxBytes / 1_000_000)} MB.`, { limit: maxBytes });
	const reader = body.getReader();
	try {
		for (;;) {
			let chunk: ReadableStreamReadResult<Uint8Array>;
			try {
				chunk = await reader.read();
			} catch {
				// The server's outer body limit ends the stream: the same answer as our own limit.
				throw tooLarge();
			}
			const { value, done } = chunk;
			if (done) return;
			counter.bytes += value.byteLength;
			if (counter.bytes > maxBytes) throw tooLarge();
			yield value;
		}
	} finally {
		reader.releaseLock();
	}
}

/** CSV records as they are parsed; the separator is read from the header line. */
async function* csvRows(chunks: AsyncIterable<Uint8Array>, required: string[]): AsyncGenerator<RawRow> {
	const iterator = chunks[Symbol.asyncIterator]();
	const head: Uint8Array[] = [];
	const decoder = new TextDecoder();
	let text = '';
	while (!/[\r\n]/.test(text) && text.length < 1_000_000) {
		const { value, done } = await iterator.next();
		if (done) break;
		head.push(value);
		text += decoder.decode(value, { stream: true });
	}
	let header: string[] = [];
	const parser = csvParse({
		delimiter: detectDelimiter(text),
		bom: true,
		columns: (names: string[]) => {
			header = names.map((n) => String(n).trim());
			const missing = required.filter((c) => !header.includes(c));
			if (missing.length)
				throw badRequest('unknown_column', `The file has no column ${missing.map((c) => `"${c}"`).join(', ')}.`, { missing, columns: header });
			return header;
		},
		relax_column_count: true,
		skip_empty_lines: true,
		trim: true
	});
	const feeding = (async () => {
		for (const chunk of head) if (!parser.write(chunk)) await once(parser, 'drain');
		for (;;) {
			const { value, done } = await iterator.next();
			if (done) break;
			if (!parser.write(value)) await once(parser, 'drain');
		}
		parser.end();
	})().catch((error: unknown) => parser.destroy(error as Error));
	let row = 0;
	try {
		for await (const record of parser as AsyncIterable<Record<string, string>>) {
			row++;
			// Our own exports guard formula-like text with a leading '; read it back as it was.
			yield { row, get: (key) => (typeof record[key] === 'string' ? withoutFormulaGuard(record[key]) : record[key]) };
		}
	} catch (error) {
		if (error instanceof ApiError) throw error;
		if (error instanceof CsvError) {
			const line = (error as CsvError & { lines?: number }).lines;
			throw badRequest('bad_csv', `The CSV cannot be read near line ${line ?? '?'}: ${error.message}`, { ...(line ? { line } : {}), parser: error.message });
		}
		throw error;
	}
	await feeding;
	if (header.length === 0) throw badRequest('empty_file', 'The file is empty.');
}

/** Features of a GeoJSON FeatureCollection as they are parsed; `crs` reports a legacy crs member. */
async function* geojsonRows(chunks: AsyncIterable<Uint8Array>, crs: { epsg: number | null }): AsyncGenerator<RawRow> {
	const parser = new JSONParser({ paths: ['$.type', '$.crs', '$.features.*'], keepStack: false });
	const queue: RawRow[] = [];
	let type: unknown = undefined;
	let row = 0;
	parser.onValue = ({ value, key, parent }) => {
		if (key === 'type' && !Array.isArray(parent)) type = value;
		else if (key === 'crs') crs.epsg = epsgOfCrsName((value as { properties?: { name?: unknown } })?.properties?.name);
		else if (typeof key === 'number') {
			row++;
			const feature = value as { geometry?: { type?: string; coordinates?: unknown } | null; properties?: Record<string, unknown> | null };
			const properties = feature?.properties ?? {};
			const g = feature?.geometry;
			const c = g?.coordinates as unknown[] | undefined;
			let point: RawRow['point'];
			if (g?.type === 'Point' && Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number') point = [c[0], c[1]];
			else if (g?.type === 'MultiPoint' && Array.isArray(c) && c.length === 1 && Array.isArray(c[0])) point = [Number((c[0] as unknown[])[0]), Number((c[0] as unknown[])[1])];
			else point = g ? { problem: 'not_a_point', type: String(g.type ?? '?').slice(0, 40) } : { problem: 'no_geometry' };
			queue.push({ row, get: (k) => properties[k], point });
		}
	};
	try {
		for await (const chunk of chunks) {
			parser.write(chunk);
			while (queue.length) yield queue.shift()!;
		}
		if (!parser.isEnded) parser.end();
	} catch (error) {
		if (error instanceof ApiError) throw error;
		throw badRequest('bad_geojson', `The GeoJSON cannot be read: ${(error as Error).message}`, { parser: (error as Error).message });
	}
	while (queue.length) yield queue.shift()!;
	if (type !== 'FeatureCollection') throw badRequest('bad_geojson', 'The GeoJSON must be a FeatureCollection.', { reason: 'not_feature_collection' });
}

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());

/** The mapped columns whose values are read from each row. */
function mappedColumns(mapping: ImportMapping): string[] {
	return [mapping.x, mapping.y, mapping.time, mapping.clock, mapping.category, mapping.externalId, mapping.description].filter((c): c is string => !!c);
}

/** Checks one row's values (not yet its place); a rejection or a candidate. */
/** A value from the file as a rejection's text quotes it: short enough for a table cell. */
const quoted = (v: unknown) => text(v).slice(0, 60);

function candidateOf(raw: RawRow, mapping: ImportMapping, categories: Map<string, IncidentCategory>, texts: Texts): Candidate | RejectedRow {
	// Text the database cannot store (NUL) or no one typed: this row is refused, the others go on.
	for (const column of mappedColumns(mapping)) {
		const value = raw.get(column);
		const character = typeof value === 'string' ? controlCharacterIn(value) : null;
		if (character) return rejection(texts, raw.row, 'control_characters', { column, character });
	}
	let x: number | null;
	let y: number | null;
	if (raw.point) {
		if (!Array.isArray(raw.point)) return rejection(texts, raw.row, 'bad_geometry', { reason: raw.point.problem, ...(raw.point.type && { type: raw.point.type }) });
		[x, y] = raw.point;
	} else {
		x = parseNumber(raw.get(mapping.x!));
		y = parseNumber(raw.get(mapping.y!));
	}
	if (x === null || y === null || !Number.isFinite(x) || !Number.isFinite(y))
		return rejection(texts, raw.row, 'bad_coordinates', { x: quoted(raw.point ? x : raw.get(mapping.x!)), y: quoted(raw.point ? y : raw.get(mapping.y!)) });
	const when = mapping.clock ? `${text(raw.get(mapping.time))} ${text(raw.get(mapping.clock))}` : text(raw.get(mapping.time));
	if (!when.trim()) return rejection(texts, raw.row, 'missing_value', { reason: 'time' });
	const occurredAt = parseTimestamp(when, mapping.timeFormat);
	if (!occurredAt)
		return rejection(texts, raw.row, 'unparseable_time', mapping.timeFormat ? { reason: 'format', time: quoted(when), format: mapping.timeFormat } : { time: quoted(when) });
	if (!inDateRange(occurredAt)) return rejection(texts, raw.row, 'unparseable_time', { reason: 'out_of_range', time: quoted(when) });
	const value = mapping.category ? text(raw.get(mapping.category)).toLowerCase() : '';
	const category = categories.get(value) ?? mapping.otherCategory;
	const externalId = mapping.externalId ? text(raw.get(mapping.externalId)) || null : null;
	const description = mapping.description ? text(raw.get(mapping.description)).slice(0, 2000) : '';
	return { row: raw.row, x, y, occurredAt, category, externalId, description };
}

const [minLon, minLat, maxLon, maxLat] = config.LYKTA_SERVICE_AREA;

export async function assertKnownEpsg(trx: Transaction<DB>, epsg: number) {
	const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM spatial_ref_sys WHERE srid = ${epsg}`.execute(trx);
	if (!rows[0]?.n) throw badRequest('unknown_crs', `EPSG:${epsg} is not a coordinate system PostGIS knows.`, { field: 'epsg', epsg });
}

export async function importIncidents(trx: Transaction<DB>, ctx: RequestContext, input: ImportInput): Promise<ImportResult> {
	if (!ctx.actor) throw unauthenticated();
	const actor = ctx.actor;
	const scope: AreaSet = await incidentAreas(trx, ctx.tenant, actor, IMPORT_ROLES);
	if (!scope.all && scope.ids.length === 0) throw forbidden('incident_import');
	const { mapping } = input;
	if (input.format === 'csv' && (!mapping.x || !mapping.y)) throw badRequest('validation_failed', 'Name the x and y columns.', [fieldIssue('mapping.x', 'required_for_csv')]);
	await assertKnownEpsg(trx, mapping.epsg);

	const texts = textsFor(input.locale ?? DEFAULT_LOCALE);
	const categories = new Map<string, IncidentCategory>(INCIDENT_CATEGORIES.map((c) => [c, c]));
	for (const [from, to] of Object.entries(mapping.categories)) categories.set(from.trim().toLowerCase(), to);

	const { id: importId } = await trx
		.insertInto('incident_imports')
		.values({ tenant_id: ctx.tenant, filename: input.filename.slice(0, 200), format: input.format, created_by: actor.id })
		.returning('id')
		.executeTakeFirstOrThrow();

	const counter = { bytes: 0 };
	const chunks = limited(input.body, input.maxBytes, counter);
	const crs = { epsg: null as number | null };
	const required = input.format === 'csv' ? mappedColumns(mapping) : [];
	const rows = input.format === 'csv' ? csvRows(chunks, required) : geojsonRows(chunks, crs);

	const rejected: RejectedRow[] = [];
	let rejectedTotal = 0;
	const reject = (r: RejectedRow) => {
		rejectedTotal++;
		if (rejected.length < MAX_LISTED) rejected.push(r);
	};
	let total = 0;
	let imported = 0;
	let duplicates = 0;
	let batch: Candidate[] = [];
	const stackCounter = new StackCounter(mapping.excludeStacked);

	const flush = async () => {
		if (batch.length === 0) return;
		// A GeoJSON crs member names the CRS unless the mapping chose one.
		const epsg = input.format === 'geojson' && mapping.epsg === 4326 && crs.epsg ? crs.epsg : mapping.epsg;
		const points = JSON.stringify(batch.map((c, i) => ({ i, x: c.x, y: c.y })));
		// Transform, then find the innermost area, in one round trip.
		const { rows: placed } = await sql<{ i: number; lon: number | null; lat: number | null; area_id: string | null }>`
			SELECT r.i, ST_X(p.g) AS lon, ST_Y(p.g) AS lat,
				(SELECT a.id FROM areas a WHERE a.tenant_id = ${ctx.tenant} AND ST_Covers(a.geom, p.g) ORDER BY ST_Area(a.geom) LIMIT 1) AS area_id
			FROM jsonb_to_recordset(${points}::jsonb) AS r(i int, x float8, y float8)
			CROSS JOIN LATERAL (SELECT CASE WHEN ${epsg}::int = 4326 THEN ST_SetSRID(ST_MakePoint(r.x, r.y), 4326)
				ELSE ST_Transform(ST_SetSRID(ST_MakePoint(r.x, r.y), ${epsg}::int), 4326) END AS g) AS p
			ORDER BY r.i`.execute(trx);
		const good: Record<string, unknown>[] = [];
		for (const p of placed) {
			const c = batch[p.i]!;
			const { lon, lat } = p;
			if (lon === null || lat === null || !Number.isFinite(lon) || !Number.isFinite(lat) || lon < minLon || lon > maxLon || lat < minLat || lat > maxLat) {
				reject(rejection(texts, c.row, 'outside_service_area', { reason: epsg === 4326 ? 'swapped' : 'crs', x: c.x, y: c.y, epsg }));
				continue;
			}
			if (p.area_id ? !inSet(scope, p.area_id) : !scope.all) {
				reject(rejection(texts, c.row, 'not_your_area'));
				continue;
			}
			const lonR = Math.round(lon * 1e7) / 1e7;
			const latR = Math.round(lat * 1e7) / 1e7;
			const hash = c.externalId
				? incidentContentHash({ source: mapping.source, externalId: c.externalId })
				: incidentContentHash({ source: mapping.source, category: c.category, occurredAt: c.occurredAt, lon: lonR, lat: latR, description: c.description });
			stackCounter.add(lonR, latR, hash);
			good.push({ cat: c.category, at: c.occurredAt, ext: c.externalId, hash, descr: c.description, lon: lonR, lat: latR, area: p.area_id });
		}
		if (good.length) {
			const { rows: inserted } = await sql<{ id: string }>`
				INSERT INTO incidents (tenant_id, area_id, category, source, occurred_at, external_id, content_hash, description, import_id, geom, created_by, updated_by)
				SELECT ${ctx.tenant}, r.area, r.cat, ${mapping.source}, r.at, r.ext, r.hash, r.descr, ${importId}::uuid,
					ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326), ${actor.id}::uuid, ${actor.id}::uuid
				FROM jsonb_to_recordset(${JSON.stringify(good)}::jsonb) AS r(cat text, at timestamptz, ext text, hash text, descr text, lon float8, lat float8, area uuid)
				ON CONFLICT DO NOTHING
				RETURNING id`.execute(trx);
			imported += inserted.length;
			duplicates += good.length - inserted.length;
		}
		batch = [];
		input.onProgress?.({ rows: total, bytes: counter.bytes, totalBytes: input.totalBytes });
	};

	for await (const raw of rows) {
		total++;
		const candidate = candidateOf(raw, mapping, categories, texts);
		if ('code' in candidate) reject(candidate);
		else batch.push(candidate);
		if (batch.length >= BATCH) await flush();
		else if (total % BATCH === 0) input.onProgress?.({ rows: total, bytes: counter.bytes, totalBytes: input.totalBytes });
	}
	await flush();

	rejected.sort((a, b) => a.row - b.row);
	if (total === 0) throw badRequest('empty_file', 'The file has no rows.');
	if (imported === 0 && duplicates === 0)
		throw badRequest('nothing_imported', `None of the ${total} rows could be imported.`, { rows: total, rejected, rejectedTotal });

	const found = stackCounter.stacks();
	let excluded = 0;
	let removed = 0;
	if (mapping.excludeStacked && found.length) {
		const gone = await deleteStacked(trx, ctx.tenant, importId, found);
		excluded = found.reduce((sum, p) => sum + p.rows, 0);
		imported -= gone.fresh;
		duplicates -= excluded - gone.fresh;
		removed = gone.earlier;
	}
	const stacks = await placeStacks(trx, ctx, found.slice(0, MAX_LISTED_STACKS), stackCounter.placed, mapping.excludeStacked);
	const stackedRows = found.reduce((sum, p) => sum + p.rows, 0);

	// A large import changes the table's statistics enough to mislead the planner until autovacuum.
	if (imported >= 10_000) await sql`ANALYZE incidents`.execute(trx);
	await trx
		.updateTable('incident_imports')
		.set({
			status: 'done',
			total_rows: total,
			imported,
			rejected: rejectedTotal,
			report: JSON.stringify({ duplicates, rejected: rejected.slice(0, 200), stacks, stackCount: found.length, stackedRows, excluded, removed }),
			finished_at: new Date()
		})
		.where('tenant_id', '=', ctx.tenant)
		.where('id', '=', importId)
		.execute();
	return { importId, format: input.format, rows: total, imported, duplicates, rejected, rejectedTotal, stacks, stackCount: found.length, stackedRows, excluded, removed, dryRun: false };
}

/**
 * Deletes the incidents on stacked points whose key is one of the file's rows there: the
 * rows this import wrote (`fresh`) and those an earlier import of the same rows had stored
 * at the same point (`earlier`). A row with the same external id stored elsewhere stays:
 * it was placed, this copy was not.
 */
async function deleteStacked(trx: Transaction<DB>, tenant: string, importId: string, stacks: ReturnType<StackCounter['stacks']>) {
	const points = JSON.stringify(stacks.map((p) => ({ lon: p.lon, lat: p.lat, keys: p.keys ?? [] })));
	const { rows } = await sql<{ fresh: number; earlier: number }>`
		WITH gone AS (
			DELETE FROM incidents x
			USING jsonb_to_recordset(${points}::jsonb) AS s(lon float8, lat float8, keys text[])
			WHERE x.tenant_id = ${tenant} AND x.content_hash = ANY(s.keys) AND ST_X(x.geom) = s.lon AND ST_Y(x.geom) = s.lat
			RETURNING x.import_id
		)
		SELECT count(*) FILTER (WHERE import_id = ${importId}::uuid)::int AS fresh,
			count(*) FILTER (WHERE import_id IS DISTINCT FROM ${importId}::uuid)::int AS earlier
		FROM gone`.execute(trx);
	return rows[0] ?? { fresh: 0, earlier: 0 };
}

/**
 * Where each stack lies, in words a person knows: the innermost area holding it and the
 * nearest place (within NEAREST_PLACE_MAX_M) with the distance to its edge, among the areas
 * the importer may read.
 */
async function placeStacks(
	trx: Transaction<DB>,
	ctx: RequestContext,
	stacks: ReturnType<StackCounter['stacks']>,
	placed: number,
	excluded: boolean
): Promise<StackedPoint[]> {
	if (stacks.length === 0) return [];
	const readable = await areasWhere(trx, ctx.tenant, ctx.actor, [...READ_ROLES, 'partner']);
	const visible = readable.all ? sql<boolean>`true` : sql<boolean>`a.id = ANY(${readable.ids}::uuid[])`;
	const points = JSON.stringify(stacks.map((p, i) => ({ i, lon: p.lon, lat: p.lat })));
	const { rows } = await sql<{ i: number; within: string | null; nearest: string | null; distance: number | null }>`
		SELECT s.i, w.name AS within, n.name AS nearest, n.distance
		FROM jsonb_to_recordset(${points}::jsonb) AS s(i int, lon float8, lat float8)
		CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326) AS g) AS p
		LEFT JOIN LATERAL (
			SELECT a.name FROM areas a WHERE a.tenant_id = ${ctx.tenant} AND ${visible} AND ST_Covers(a.geom, p.g) ORDER BY ST_Area(a.geom) LIMIT 1
		) AS w ON true
		LEFT JOIN LATERAL (
			SELECT a.name, ST_Distance(a.geom::geography, p.g::geography) AS distance
			FROM areas a WHERE a.tenant_id = ${ctx.tenant} AND ${visible} AND a.kind = 'place'
				AND ST_DWithin(a.geom::geography, p.g::geography, ${NEAREST_PLACE_MAX_M}::float8)
			ORDER BY ST_Distance(a.geom::geography, p.g::geography), a.name LIMIT 1
		) AS n ON true
		ORDER BY s.i`.execute(trx);
	return stacks.map((p, i) => {
		const r = rows[i]!;
		return {
			lon: p.lon,
			lat: p.lat,
			rows: p.rows,
			share: Math.round((p.rows / placed) * 1000) / 1000,
			within: r.within,
			nearest: r.nearest === null ? null : { name: r.nearest, distanceM: Math.round(r.distance ?? 0) },
			excluded
		};
	});
}

/** Thrown to roll a dry run back; carries its answer out of the transaction. */
class DryRun extends Error {
	constructor(readonly result: ImportResult) {
		super('dry run');
	}
}

/**
 * The import as it would go, rolled back: counts, rejected rows and stacks, nothing stored.
 * `transaction` opens one (the route's edge); whatever the import throws is thrown on.
 */
export async function checkImport(transaction: <T>(work: (trx: Transaction<DB>) => Promise<T>) => Promise<T>, ctx: RequestContext, input: ImportInput): Promise<ImportResult> {
	try {
		await transaction(async (trx) => {
			throw new DryRun({ ...(await importIncidents(trx, ctx, input)), dryRun: true });
		});
	} catch (error) {
		if (error instanceof DryRun) return error.result;
		throw error;
	}
	throw new Error('unreachable: a dry run always rolls back');
}
