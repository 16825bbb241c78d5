/**
 * The query string of `/ogc/collections/{id}/items`, read strictly: `limit`, `bbox`,
 * `bbox-crs`, `crs`, `datetime`, `cursor` (the keyset paging of the `next` links), `f`, and
 * the collection's queryables as `name=value`. Anything else, or a value that cannot be read,
 * is a 400 `invalid_query` whose details name each parameter and what is wrong with it
 * (field problems with texts in both languages), never a silently ignored filter: a client
 * that believes it filtered must not get everything.
 */
import { badRequest } from '$lib/server/api/errors';
import { assertNoControlCharactersIn } from '$lib/server/api/control-characters';
import { fieldIssue, type FieldIssue } from '$lib/api/issues';
import { inDateRange, isoDate, isoDateTime } from '$lib/time/dates';
import { stockholmIso } from '$lib/time/stockholm';
import { crsNamed, STORAGE_CRS, SUPPORTED_CRS, type Crs } from './crs';
import { DEFAULT_LIMIT, MAX_LIMIT, UUID, isFeatureId, queryablesOf, type CollectionInfo, type OgcProperty } from './collection';

/** A time interval: ISO instants, either end open (null); `endExclusive` for an end that is a day's end. */
export interface Interval {
	start: string | null;
	end: string | null;
	endExclusive: boolean;
}

export interface PropertyFilter {
	property: OgcProperty;
	value: string | number | boolean;
}

export interface ItemsQuery {
	limit: number;
	cursor: string | null;
	crs: Crs;
	/** The box in storage coordinates order of its CRS as PostGIS reads it (x = easting/longitude). */
	bbox: { crs: Crs; box: [number, number, number, number] } | null;
	datetime: Interval | null;
	filters: PropertyFilter[];
}

const FIXED = ['f', 'limit', 'bbox', 'bbox-crs', 'crs', 'datetime', 'cursor'] as const;

function invalid(issues: FieldIssue[]): never {
	throw badRequest('invalid_query', 'Some query parameters are invalid.', issues);
}

/** `crs` or `bbox-crs`: one of the CRS Lykta offers. */
export function readCrs(value: string | null, name: string, issues: FieldIssue[]): Crs {
	if (value === null) return STORAGE_CRS;
	const crs = crsNamed(value);
	if (!crs) issues.push(fieldIssue(name, 'unsupported_crs', { values: SUPPORTED_CRS.map((c) => c.uri) }));
	return crs ?? STORAGE_CRS;
}

/** The start and the (exclusive) end of a calendar day in Stockholm. */
function stockholmDay(date: string): { start: string; next: string } {
	const [y, m, d] = date.split('-').map(Number);
	const next = new Date(Date.UTC(y!, m! - 1, d! + 1)).toISOString().slice(0, 10);
	return { start: stockholmIso(date, '00:00')!, next: stockholmIso(next, '00:00')! };
}

type Bound = { at: string; dayEnd: string | null } | null;

/** One end of `datetime`: an instant with its offset, a date (a whole day in Stockholm) or open (`..` or empty). */
function readBound(text: string, issues: FieldIssue[]): Bound | undefined {
	if (text === '..' || text === '') return null;
	if (isoDateTime.safeParse(text).success) return { at: new Date(text).toISOString(), dayEnd: null };
	if (isoDate.safeParse(text).success) {
		const day = stockholmDay(text);
		return { at: new Date(day.start).toISOString(), dayEnd: new Date(day.next).toISOString() };
	}
	issues.push(fieldIssue('datetime', inDateRangeOrNot(text) ? 'datetime_format' : 'date_out_of_range'));
	return undefined;
}

const inDateRangeOrNot = (text: string) => !/^\d{4}-\d{2}-\d{2}/.test(text) || inDateRange(text);

/**
 * `datetime`: an instant (`2023-06-02T18:00:00Z`), a date (that whole day in Stockholm), or an
 * interval `start/end` with `..` (or nothing) for an open end. Both ends count (a feature at
 * the end instant matches); a date as the end means up to that day's end.
 */
export function readDatetime(value: string, issues: FieldIssue[]): Interval | null {
	const parts = value.split('/');
	if (parts.length > 2) {
		issues.push(fieldIssue('datetime', 'datetime_format'));
		return null;
	}
	if (parts.length === 1) {
		if (parts[0] === '..' || parts[0] === '') {
			issues.push(fieldIssue('datetime', 'datetime_format'));
			return null;
		}
		const at = readBound(parts[0]!, issues);
		if (!at) return null;
		return at.dayEnd ? { start: at.at, end: at.dayEnd, endExclusive: true } : { start: at.at, end: at.at, endExclusive: false };
	}
	const start = readBound(parts[0]!, issues);
	const end = readBound(parts[1]!, issues);
	if (start === undefined || end === undefined) return null;
	if (start === null && end === null) return { start: null, end: null, endExclusive: false };
	const interval: Interval = { start: start?.at ?? null, end: end ? (end.dayEnd ?? end.at) : null, endExclusive: !!end?.dayEnd };
	if (interval.start && interval.end && Date.parse(interval.start) > Date.parse(interval.end)) {
		issues.push(fieldIssue('datetime', 'ends_before_start'));
		return null;
	}
	return interval;
}

/**
 * `bbox` in `crs`'s axis order (lower corner, upper corner), returned in PostGIS's order
 * (x = easting or longitude). Degrees must be degrees, and the lower corner lower.
 */
export function readBbox(value: string, crs: Crs, issues: FieldIssue[]): [number, number, number, number] | null {
	const numbers = value.split(',').map((n) => n.trim());
	if (numbers.length === 6) {
		issues.push(fieldIssue('bbox', 'bbox_3d'));
		return null;
	}
	if (numbers.length !== 4 || numbers.some((n) => !/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(n))) {
		issues.push(fieldIssue('bbox', 'bbox_numbers'));
		return null;
	}
	const [a1, b1, a2, b2] = numbers.map(Number) as [number, number, number, number];
	const [x1, y1, x2, y2] = crs.flip ? [b1, a1, b2, a2] : [a1, b1, a2, b2];
	if (x1 > x2 || y1 > y2) {
		issues.push(fieldIssue('bbox', 'bbox_corners'));
		return null;
	}
	if (crs.srid === 4326 && (x1 < -180 || x2 > 180 || y1 < -90 || y2 > 90)) {
		issues.push(fieldIssue('bbox', 'bbox_degrees'));
		return null;
	}
	return [x1, y1, x2, y2];
}

/** A queryable's value, read as its type says. */
function readFilter(property: OgcProperty, value: string, issues: FieldIssue[]): PropertyFilter | null {
	const bad = (code: string, params: Record<string, unknown> = {}) => {
		issues.push(fieldIssue(property.name, code, params));
		return null;
	};
	if (property.format === 'uuid') return UUID.test(value) ? { property, value } : bad('not_id');
	if (property.enum) return property.enum.includes(value) ? { property, value } : bad('not_allowed', { values: [...property.enum] });
	switch (property.type) {
		case 'integer':
			return /^-?\d{1,15}$/.test(value) ? { property, value: Number(value) } : bad('not_integer');
		case 'number':
			return /^-?\d+(\.\d+)?$/.test(value) ? { property, value: Number(value) } : bad('not_number');
		case 'boolean':
			return value === 'true' || value === 'false' ? { property, value: value === 'true' } : bad('not_boolean');
		case 'date':
			return isoDate.safeParse(value).success ? { property, value } : bad('not_date');
		case 'date-time':
			return isoDateTime.safeParse(value).success ? { property, value: new Date(value).toISOString() } : bad('not_datetime');
		default:
			return value.length <= 500 ? { property, value } : bad('too_long', { maximum: 500 });
	}
}

/** The items query of `collection`; 400 naming every parameter that is wrong. */
export function readItemsQuery(url: URL, collection: CollectionInfo): ItemsQuery {
	assertNoControlCharactersIn(url.searchParams);
	const issues: FieldIssue[] = [];
	const queryables = new Map(queryablesOf(collection).map((p) => [p.name, p]));
	const seen = new Set<string>();
	for (const name of url.searchParams.keys()) {
		if (seen.has(name)) issues.push(fieldIssue(name, 'repeated_parameter'));
		seen.add(name);
		if (!(FIXED as readonly string[]).includes(name) && !queryables.has(name))
			issues.push(fieldIssue(name, 'unknown_parameter', { values: [...FIXED, ...queryables.keys()] }));
	}
	const get = (name: string) => url.searchParams.get(name);

	let limit = DEFAULT_LIMIT;
	const limitText = get('limit');
	if (limitText !== null) {
		if (!/^\d{1,9}$/.test(limitText)) issues.push(fieldIssue('limit', 'not_integer'));
		else if (Number(limitText) < 1) issues.push(fieldIssue('limit', 'too_small', { minimum: 1 }));
		// A larger page than the server gives is lowered, as OGC API – Features allows: clients ask big.
		else limit = Math.min(Number(limitText), MAX_LIMIT);
	}

	const cursor = get('cursor');
	if (cursor !== null && !isFeatureId(collection, cursor)) issues.push(fieldIssue('cursor', 'invalid_cursor'));

	const crs = readCrs(get('crs'), 'crs', issues);
	const bboxCrs = readCrs(get('bbox-crs'), 'bbox-crs', issues);
	const bboxText = get('bbox');
	const box = bboxText === null ? null : readBbox(bboxText, bboxCrs, issues);

	const datetimeText = get('datetime');
	let datetime: Interval | null = null;
	if (datetimeText !== null) {
		if (!collection.temporal) issues.push(fieldIssue('datetime', 'not_temporal'));
		else datetime = readDatetime(datetimeText, issues);
	}

	const filters: PropertyFilter[] = [];
	for (const [name, property] of queryables) {
		const value = get(name);
		if (value === null) continue;
		const filter = readFilter(property, value, issues);
		if (filter) filters.push(filter);
	}

	const f = get('f');
	if (f !== null && !['json', 'html', 'geojson'].includes(f)) issues.push(fieldIssue('f', 'not_allowed', { values: ['json', 'html'] }));

	if (issues.length) invalid(issues);
	return { limit, cursor, crs, bbox: box ? { crs: bboxCrs, box } : null, datetime, filters };
}

/** `crs` (and `f`) on a single feature; nothing else. */
export function readFeatureQuery(url: URL): { crs: Crs } {
	assertNoControlCharactersIn(url.searchParams);
	const issues: FieldIssue[] = [];
	for (const name of url.searchParams.keys())
		if (name !== 'crs' && name !== 'f') issues.push(fieldIssue(name, 'unknown_parameter', { values: ['crs', 'f'] }));
	const crs = readCrs(url.searchParams.get('crs'), 'crs', issues);
	if (issues.length) invalid(issues);
	return { crs };
}
