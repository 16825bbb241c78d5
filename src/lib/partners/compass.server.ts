/**
 * The compass's search in the database: which partners (and services) match a need, a place
 * problem or free text, whether they cover the place, their routing order for a category (the
 * same fragment a finding's routing reads), how well the text matched and how far away each
 * service is. One statement, at most COMPASS_CANDIDATES rows; `rankCandidates` orders them.
 *
 * Free text: PostgreSQL's Swedish full-text search ("härbärge" finds "härbärgen") OR trigram
 * word similarity on the words folded to lower case without diacritics, so a misspelling
 * ("härbärje") or a word typed without å/ä/ö still finds something. Both run alike on the
 * PostgreSQL server and the embedded PGlite (its 'swedish' configuration and pg_trgm).
 */
import { sql } from 'kysely';
import type { Db } from '$lib/server/db';
import { notFound } from '$lib/server/api/errors';
import { areasUnder, lineageCte, responsiblePartners } from '$lib/findings/routing.server';
import { stockholmToday } from '$lib/time/stockholm';
import type { FindingCategory } from '$lib/findings/finding';
import type { Position } from '$lib/geometry/geojson';
import {
	COMPASS_CANDIDATES,
	nothingFitting,
	rankCandidates,
	type CompassCandidate,
	type CompassQuery,
	type CompassResult
} from './compass';
import { folded, type TargetGroup } from './needs';
import type { PartnerKind } from './partner';


interface Row {
	partner_id: string;
	name: string;
	parent_name: string | null;
	kind: string;
	description: string;
	phone: string | null;
	website: string | null;
	opening_hours: string;
	needs: string[];
	categories: string[];
	locality: number | null;
	routing_rank: number | null;
	text_rank: number;
	service_id: string | null;
	service_name: string | null;
	address: string | null;
	service_description: string | null;
	service_phone: string | null;
	service_hours: string | null;
	target_groups: string[] | null;
	min_age: number | null;
	max_age: number | null;
	languages: string[] | null;
	lon: number | null;
	lat: number | null;
	distance_m: number | null;
}

/** A misspelt word still matches above this trigram word similarity ("härbärje" ~ "härbärgen": 0.67; "mat" ~ "automat": 0.5). */
export const WORD_SIMILARITY = 0.55;

export interface CompassSearch {
	/** The area the search counted as "this place": under the user, else the compass's. */
	place: { id: string; name: string } | null;
	candidates: CompassCandidate[];
}

/** The candidates for a search; `rankCandidates` orders them. */
export async function compassCandidates(db: Db, tenant: string, query: Omit<CompassQuery, 'limit' | 'record'>): Promise<CompassSearch> {
	const position: Position | null = query.lon !== undefined && query.lat !== undefined ? [query.lon, query.lat] : null;
	const point = position ? sql`ST_SetSRID(ST_MakePoint(${position[0]}::float8, ${position[1]}::float8), 4326)` : null;
	const text = query.q?.trim() ? query.q.trim() : null;
	const foldedText = text ? folded(text) : null;
	const tsquery = sql`websearch_to_tsquery('swedish', ${text})`;
	const category = query.category as FindingCategory | undefined;

	const { rows: places } = await sql<{ id: string; name: string }>`
		WITH chosen AS (SELECT id, name FROM areas WHERE tenant_id = ${tenant} AND id = ${query.area ?? null}::uuid)
		${point ? sql`SELECT * FROM (${areasUnder(tenant, point)} LIMIT 1) AS here UNION ALL ` : sql``}SELECT * FROM chosen`.execute(db);
	const place = places[0] ?? null;

	const { rows } = await sql<Row>`
		WITH RECURSIVE
		lineage AS (${lineageCte(tenant, sql`${place?.id ?? null}::uuid`)}),
		covering AS (
			SELECT pa.partner_id, min(l.depth) AS depth FROM partner_areas pa JOIN lineage l ON l.id = pa.area_id WHERE pa.tenant_id = ${tenant} GROUP BY pa.partner_id),
		responsible AS (${category ? responsiblePartners(tenant, category) : sql`SELECT NULL::uuid AS id, NULL::text AS name, NULL::int AS routing_rank WHERE false`}),
		-- Found by the Swedish full text (rank 1 + the stem's weight), else by trigram word
		-- similarity, computed once and only for what full text missed: on long entries it is
		-- the costly part.
		scored AS MATERIALIZED (
			SELECT p.id, ${text ? sql`s.tsv @@ ${tsquery}` : sql`false`} AS fts,
				${text ? sql`CASE WHEN s.tsv @@ ${tsquery} THEN 1 + ts_rank(s.tsv, ${tsquery}) ELSE word_similarity(${foldedText}, s.folded) END` : sql`0`}::float8 AS text_rank
			FROM partners p ${text ? sql`JOIN` : sql`LEFT JOIN`} partner_search s ON s.tenant_id = ${tenant} AND s.partner_id = p.id
			WHERE p.tenant_id = ${tenant}
				${query.need ? sql`AND EXISTS (SELECT 1 FROM partner_needs n WHERE n.tenant_id = ${tenant} AND n.partner_id = p.id AND n.need = ${query.need})` : sql``}
				${category ? sql`AND EXISTS (SELECT 1 FROM partner_responsibilities r WHERE r.tenant_id = ${tenant} AND r.partner_id = p.id AND r.category = ${category})` : sql``}),
		matched AS (SELECT id, text_rank FROM scored ${text ? sql`WHERE fts OR text_rank >= ${WORD_SIMILARITY}` : sql``}),
		-- The best candidates first (by what the database knows), their lists only for those kept.
		best AS (
			SELECT m.id AS partner_id, m.text_rank, c.depth AS locality, r.routing_rank, l.id AS service_id,
				${point ? sql`ST_Distance(l.geom::geography, ${point}::geography)` : sql`NULL`}::float8 AS distance_m
			FROM matched m
			JOIN partners p ON p.tenant_id = ${tenant} AND p.id = m.id
			LEFT JOIN covering c ON c.partner_id = p.id
			LEFT JOIN responsible r ON r.id = p.id
			LEFT JOIN partner_service_locations l ON l.tenant_id = ${tenant} AND l.partner_id = p.id
			ORDER BY (c.depth IS NULL), r.routing_rank NULLS LAST, distance_m NULLS LAST, m.text_rank DESC, p.name, l.name
			LIMIT ${COMPASS_CANDIDATES})
		SELECT b.partner_id, p.name, parent.name AS parent_name, p.kind, p.description, p.phone, p.website, p.opening_hours,
			ARRAY(SELECT need FROM partner_needs WHERE tenant_id = ${tenant} AND partner_id = p.id ORDER BY need) AS needs,
			ARRAY(SELECT category FROM partner_responsibilities WHERE tenant_id = ${tenant} AND partner_id = p.id AND area_id IS NULL ORDER BY category) AS categories,
			b.locality, b.routing_rank, b.text_rank,
			l.id AS service_id, l.name AS service_name, l.address, l.description AS service_description, l.phone AS service_phone,
			l.opening_hours AS service_hours, l.target_groups, l.min_age, l.max_age, l.languages,
			ST_X(l.geom) AS lon, ST_Y(l.geom) AS lat, b.distance_m
		FROM best b
		JOIN partners p ON p.tenant_id = ${tenant} AND p.id = b.partner_id
		LEFT JOIN partners parent ON parent.tenant_id = ${tenant} AND parent.id = p.parent_id
		LEFT JOIN partner_service_locations l ON l.tenant_id = ${tenant} AND l.id = b.service_id`.execute(db);

	const candidates = rows.map<CompassCandidate>((r) => ({
		partner: {
			id: r.partner_id,
			name: r.name,
			parentName: r.parent_name,
			kind: r.kind as PartnerKind,
			description: r.description,
			phone: r.phone,
			website: r.website,
			openingHours: r.opening_hours,
			needs: r.needs,
			categories: r.categories as FindingCategory[]
		},
		service: r.service_id
			? {
					id: r.service_id,
					name: r.service_name!,
					address: r.address ?? '',
					description: r.service_description ?? '',
					phone: r.service_phone,
					openingHours: r.service_hours ?? '',
					targetGroups: (r.target_groups ?? []) as TargetGroup[],
					minAge: r.min_age,
					maxAge: r.max_age,
					languages: r.languages ?? [],
					coordinates: [r.lon!, r.lat!]
				}
			: null,
		covers: r.locality !== null,
		locality: r.locality,
		routingRank: r.routing_rank,
		textRank: Number(r.text_rank),
		distanceM: r.distance_m === null ? null : Math.round(r.distance_m)
	}));
	return { place, candidates };
}

export interface CompassAnswer {
	at: string;
	place: { id: string; name: string } | null;
	results: CompassResult[];
	/** No result covers the place and takes the person. */
	nothingFitting: boolean;
}

/** Searches and ranks; a search a person made (`record`) is counted in the month's statistics. */
export async function searchCompass(db: Db, tenant: string, query: CompassQuery, now = Date.now()): Promise<CompassAnswer> {
	const at = query.at ? Date.parse(query.at) : now;
	const { place, candidates } = await compassCandidates(db, tenant, query);
	const results = rankCandidates(candidates, at, { age: query.age, group: query.group, lang: query.lang }, query.limit);
	const answer = { at: new Date(at).toISOString(), place, results, nothingFitting: nothingFitting(results) };
	if (query.record === '1') {
		// The compass's own area when one was chosen: where the user stands is never counted beyond the area.
		await countSearch(db, tenant, query.area ?? place?.id ?? null, searchSubject(query), answer.nothingFitting, now);
	}
	return answer;
}

/** What a search was for, as the statistics count it. */
export function searchSubject(query: Pick<CompassQuery, 'need' | 'category' | 'q'>): string {
	if (query.need) return `need:${query.need}`;
	if (query.category) return `category:${query.category}`;
	return query.q?.trim() ? 'text' : 'any';
}

/** The first day of the Stockholm month of an instant: the finest time the statistics keep. */
export function statsMonth(now: number): string {
	return `${stockholmToday(now).slice(0, 7)}-01`;
}

/**
 * Adds one to a counter (area, month, metric, subject). The only write the statistics get:
 * there is no row per search, and no column for who, which session, where or when within the month.
 */
async function bump(db: Db, tenant: string, areaId: string | null, metric: 'search' | 'no_match' | 'choice', subject: string, now: number) {
	await sql`
		INSERT INTO compass_stats (tenant_id, area_id, month, metric, subject, count)
		VALUES (${tenant}, ${areaId}::uuid, ${statsMonth(now)}::date, ${metric}, ${subject}, 1)
		ON CONFLICT (tenant_id, month, metric, subject, (coalesce(area_id, '00000000-0000-0000-0000-000000000000'::uuid)))
		DO UPDATE SET count = compass_stats.count + 1`.execute(db);
}

async function existingArea(db: Db, tenant: string, areaId: string | null): Promise<string | null> {
	if (!areaId) return null;
	const row = await db.selectFrom('areas').select('id').where('tenant_id', '=', tenant).where('id', '=', areaId).executeTakeFirst();
	return row?.id ?? null;
}

export async function countSearch(db: Db, tenant: string, areaId: string | null, subject: string, noMatch: boolean, now = Date.now()): Promise<void> {
	const area = await existingArea(db, tenant, areaId);
	await bump(db, tenant, area, 'search', subject, now);
	if (noMatch) await bump(db, tenant, area, 'no_match', subject, now);
}

/** A partner chosen from the compass (a call, a route, opened): counted per partner. */
export async function countChoice(db: Db, tenant: string, areaId: string | null, partnerId: string, now = Date.now()): Promise<void> {
	const partner = await db.selectFrom('partners').select('id').where('tenant_id', '=', tenant).where('id', '=', partnerId).executeTakeFirst();
	if (!partner) throw notFound('partner');
	await bump(db, tenant, await existingArea(db, tenant, areaId), 'choice', partnerId, now);
}
