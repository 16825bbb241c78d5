/**
 * Features of a collection (./collections.server) as OGC API – Features serves them: one
 * page of items, one item, the count of all that match, and the extents. The database does
 * the work: it filters (bbox in any offered CRS, datetime, queryables), pages by keyset on
 * the feature id — stable while rows come and go, and as fast on page 1,000 as on page 1
 * (the primary key's index) — transforms to the asked CRS in PostGIS and writes each feature
 * as GeoJSON text, which the endpoint joins without parsing.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '$lib/server/db';
import { config } from '$lib/server/config';
import { isoTime } from '$lib/findings/feature.server';
import { outputPropertiesOf } from './collection';
import type { Crs } from './crs';
import type { ItemsQuery } from './params.server';
import type { InsideQuery, OgcCollection } from './collections.server';
import type { Reader } from './reader.server';

export interface Access {
	collection: OgcCollection;
	reader: Reader;
	/** A public collection: read whole, whoever asks. */
	whole: boolean;
}

/** The feature's geometry in `crs`, axes in its order, as GeoJSON (null stays null). */
function geometryIn(crs: Crs): RawBuilder<unknown> {
	const transformed = crs.srid === 4326 ? sql`r.geom` : sql`ST_Transform(r.geom, ${sql.lit(crs.srid)})`;
	const ordered = crs.flip ? sql`ST_FlipCoordinates(${transformed})` : transformed;
	return sql`CASE WHEN r.geom IS NULL THEN NULL ELSE ST_AsGeoJSON(${ordered}, ${sql.lit(crs.decimals)})::json END`;
}

function propertiesJson(collection: OgcCollection): RawBuilder<unknown> {
	const pairs = outputPropertiesOf(collection).map((p) => {
		const column = sql.ref(`r.${p.name}`);
		return sql`${sql.lit(p.name)}, ${p.type === 'date-time' ? sql`CASE WHEN ${column} IS NULL THEN NULL ELSE ${isoTime(sql`${column}`)} END` : column}`;
	});
	return sql`json_build_object(${sql.join(pairs)})`;
}

/** A feature as GeoJSON text: the id, the geometry in `crs`, the properties. */
function featureText(collection: OgcCollection, crs: Crs): RawBuilder<string> {
	return sql<string>`json_build_object('type', 'Feature', 'id', r.id, 'geometry', ${geometryIn(crs)}, 'properties', ${propertiesJson(collection)})::text`;
}

/** The query's box as a WGS 84 polygon: a box in another CRS is densified first, so its transformed edges stay true. */
function boxGeometry(bbox: NonNullable<ItemsQuery['bbox']>): RawBuilder<unknown> {
	const [x1, y1, x2, y2] = bbox.box;
	const envelope = sql`ST_MakeEnvelope(${x1}::float8, ${y1}::float8, ${x2}::float8, ${y2}::float8, ${sql.lit(bbox.crs.srid)})`;
	if (bbox.crs.srid === 4326) return envelope;
	const step = Math.max(x2 - x1, y2 - y1, 1) / 32;
	return sql`ST_Transform(ST_Segmentize(${envelope}, ${step}::float8), 4326)`;
}

function whereOf(access: Access, q: Pick<ItemsQuery, 'bbox' | 'datetime' | 'filters'>): RawBuilder<SqlBool> {
	const { collection } = access;
	const clauses: RawBuilder<SqlBool>[] = [];
	if (q.bbox) clauses.push(sql<SqlBool>`ST_Intersects(r.geom, ${boxGeometry(q.bbox)})`);
	if (!collection.filtersInside) {
		const t = q.datetime;
		if (t) {
			const before = (column: RawBuilder<unknown>) => (t.endExclusive ? sql`${column} < ${t.end}::timestamptz` : sql`${column} <= ${t.end}::timestamptz`);
			if (collection.temporal === 'instant') {
				if (t.start) clauses.push(sql<SqlBool>`r.t0 >= ${t.start}::timestamptz`);
				if (t.end) clauses.push(sql<SqlBool>`${before(sql`r.t0`)}`);
			} else {
				if (t.start) clauses.push(sql<SqlBool>`(r.t1 IS NULL OR r.t1 >= ${t.start}::timestamptz)`);
				if (t.end) clauses.push(sql<SqlBool>`(r.t0 IS NULL OR ${before(sql`r.t0`)})`);
			}
		}
		for (const f of q.filters) clauses.push(sql<SqlBool>`${sql.ref(`r.${f.property.name}`)} = ${f.value}`);
	}
	return clauses.length ? sql<SqlBool>`${sql.join(clauses, sql` AND `)}` : sql<SqlBool>`true`;
}

function insideOf(q: Pick<ItemsQuery, 'bbox' | 'datetime' | 'filters'>, featureId: string | null = null): InsideQuery {
	return { datetime: q.datetime, filters: q.filters, near: q.bbox ? boxGeometry(q.bbox) : null, featureId };
}

const relationOf = (access: Access, inside: InsideQuery) => access.collection.relation(access.reader, access.whole, inside);

export interface ItemsPage {
	/** Each feature as GeoJSON text. */
	features: string[];
	numberMatched: number;
	/** The cursor of the next page (the last id of this one), null on the last page. */
	next: string | null;
}

/** One page of items: at most `limit`, after `cursor`, in id order; and how many match in all. */
export async function itemsPage(db: Db, access: Access, q: ItemsQuery): Promise<ItemsPage> {
	const where = whereOf(access, q);
	const relation = relationOf(access, insideOf(q));
	const after = q.cursor ? sql<SqlBool>`r.id > ${q.cursor}` : sql<SqlBool>`true`;
	const { rows } = await sql<{ id: string; feature: string }>`
		SELECT r.id::text AS id, ${featureText(access.collection, q.crs)} AS feature
		FROM (${relation}) AS r
		WHERE ${where} AND ${after}
		ORDER BY r.id
		LIMIT ${q.limit + 1}`.execute(db);
	const { rows: counted } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (${relation}) AS r WHERE ${where}`.execute(db);
	const page = rows.slice(0, q.limit);
	return { features: page.map((r) => r.feature), numberMatched: counted[0]?.n ?? 0, next: rows.length > q.limit ? page.at(-1)!.id : null };
}

/** One feature as GeoJSON text, or null when the reader has no such feature. */
export async function oneItem(db: Db, access: Access, featureId: string, crs: Crs): Promise<string | null> {
	const relation = relationOf(access, { datetime: null, filters: [], near: null, featureId });
	const { rows } = await sql<{ feature: string }>`
		SELECT ${featureText(access.collection, crs)} AS feature FROM (${relation}) AS r WHERE r.id = ${featureId}`.execute(db);
	return rows[0]?.feature ?? null;
}

export interface Extent {
	/** WGS 84 lon/lat: west, south, east, north. */
	bbox: [number, number, number, number];
	/** ISO instants, null = open; absent for collections without time. */
	interval: [string | null, string | null] | null;
}

/**
 * The extent of what the reader sees of the collection: the features' box and time span. For
 * the incident cells, the box of the areas they are counted over and no time span — the
 * features' own extent would show where and when the outermost incidents happened.
 */
export async function extentOf(db: Db, access: Access): Promise<Extent> {
	const { collection, reader } = access;
	const serviceArea = [...config.LYKTA_SERVICE_AREA] as [number, number, number, number];
	if (collection.extentOfAreas) {
		const scope = access.whole ? { all: true as const } : reader.readable;
		const inScope = scope.all ? sql`true` : scope.ids.length ? sql`id = ANY(${scope.ids}::uuid[])` : sql`false`;
		const { rows } = await sql<{ x1: number | null; y1: number; x2: number; y2: number }>`
			SELECT ST_XMin(e) AS x1, ST_YMin(e) AS y1, ST_XMax(e) AS x2, ST_YMax(e) AS y2
			FROM (SELECT ST_Extent(geom) AS e FROM areas WHERE tenant_id = ${reader.tenant} AND ${inScope}) AS s`.execute(db);
		const r = rows[0];
		return { bbox: r && r.x1 !== null ? [r.x1, r.y1, r.x2, r.y2] : serviceArea, interval: [null, null] };
	}
	const relation = relationOf(access, { datetime: null, filters: [], near: null, featureId: null });
	const time = collection.temporal
		? sql`, ${isoTime(sql`min(r.t0)`)} AS t0, ${isoTime(sql`max(coalesce(r.t1, r.t0))`)} AS t1, bool_or(r.t0 IS NULL) AS open0, bool_or(r.t1 IS NULL) AS open1`
		: sql``;
	const { rows } = await sql<{ x1: number | null; y1: number; x2: number; y2: number; t0?: string | null; t1?: string | null; open0?: boolean; open1?: boolean }>`
		SELECT ST_XMin(e) AS x1, ST_YMin(e) AS y1, ST_XMax(e) AS x2, ST_YMax(e) AS y2 ${collection.temporal ? sql`, t0, t1, open0, open1` : sql``}
		FROM (SELECT ST_Extent(r.geom) AS e ${time} FROM (${relation}) AS r) AS s`.execute(db);
	const r = rows[0];
	const bbox: Extent['bbox'] = r && r.x1 !== null ? [r.x1, r.y1, r.x2, r.y2] : serviceArea;
	if (!collection.temporal) return { bbox, interval: null };
	// An interval's open end (a measure still in place) leaves the extent open on that side.
	const interval: Extent['interval'] = [r?.open0 ? null : (r?.t0 ?? null), collection.temporal === 'interval' && r?.open1 ? null : (r?.t1 ?? null)];
	return { bbox, interval };
}
