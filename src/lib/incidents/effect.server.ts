/**
 * Effect evaluation (GET /api/analysis/effect): monthly incident counts of the treated
 * region A (an area, or some of its problem zones), its displacement buffer B (a ring of
 * `buffer` metres around A, A left out) and the controls C (chosen, or suggested: comparable
 * untreated zones or areas of the same kind in the same district, outside A and B, by their
 * before months' level and trend), before and during the intervention; the statistics are
 * $lib/analysis/effect's.
 *
 * The intervention is a period, optionally named by a programme (its intensive period, else
 * its whole period; its areas are treated, so never controls) or by measures and events of
 * the area (the first month one of them was done or held; the treated zones are those their
 * footprints reach).
 *
 * Incident privacy, decided per series (./privacy.server `exactRegions`): exact when the
 * series' region lies wholly inside areas where the reader has incident access, counting the
 * incidents the reader may list; otherwise through the privacy grid, coarsened or withheld
 * whole. Every figure of the answer (estimates, candidate scores, buffer parts) is computed
 * from the series as this reader gets them.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Database } from '$lib/server/db';
import type { RequestContext } from '$lib/server/api/context';
import { badRequest, forbidden, notFound, unauthenticated } from '$lib/server/api/errors';
import { areasWhere, inAreaTree, inSet, nestedAreas, READ_ROLES, type AreaSet } from '$lib/server/auth/scope.server';
import { stockholmPeriod, stockholmToday } from '$lib/time/stockholm';
import { addMonths, lastDayOf, monthCount, monthRange } from '$lib/time/months';
import {
	beforeDuring,
	differenceInDifferences,
	FEW_INCIDENTS,
	preTrend,
	rankControls,
	seasonsAlike,
	weightedDisplacementDifference,
	weightedDisplacementQuotient
} from '$lib/analysis/effect';
import { MAX_EFFECT_CANDIDATES, MAX_EFFECT_MONTHS, SUGGESTED_CONTROLS } from '$lib/analysis/limits';
import { MIN_INCIDENTS, monthLevels, PRIVACY_CELL_M, rounded, throughGrid, type IncidentFigures } from './privacy';
import { exactMonthCounts, exactRegions, gridMonthCounts, monthSql, type KeyedRegion } from './privacy.server';
import type { EffectAnalysis, EffectSeries, EffectUnit } from './effect';
import type { IncidentCategory } from './incident';

export interface EffectQuery {
	area: string;
	/** Treated problem zones of the area; default: those the intervention's activities reach, else the whole area. */
	zones?: string[];
	/** Control zones or areas; default: suggested. */
	control?: string[];
	programme?: string;
	/** An activity of a plan: the measures and events linked to it (and its period, when `from` is not given). */
	activity?: string;
	measures?: string[];
	events?: string[];
	/** Months "YYYY-MM": the first and last month of the intervention. */
	from?: string;
	to?: string;
	/** Months before the intervention to compare with; default as many as during (at most MAX_EFFECT_MONTHS). */
	before?: number;
	buffer: number;
	category?: IncidentCategory;
}

/** The candidates the answer lists for the user to choose from. */
const LISTED_CANDIDATES = 10;
/** Places the buffer is split by in the answer, and the least overlap (m²) that makes one. */
const LISTED_BUFFER_PARTS = 10;
const MIN_PART_M2 = 100;

/** A geometry computed once, carried to the next statements as hex EWKB. */
const ewkb = (hex: string) => sql`ST_GeomFromEWKB(decode(${hex}, 'hex'))`;

async function districtOf(db: Database, tenant: string, areaId: string): Promise<{ id: string; name: string }> {
	const { rows } = await sql<{ id: string; name: string }>`
		WITH RECURSIVE up AS (
			SELECT id, parent_id, name, 0 AS depth FROM areas WHERE id = ${areaId} AND tenant_id = ${tenant}
			UNION ALL
			SELECT a.id, a.parent_id, a.name, up.depth + 1 FROM areas a JOIN up ON a.id = up.parent_id WHERE up.depth < 20
		)
		SELECT id, name FROM up ORDER BY depth DESC LIMIT 1`.execute(db);
	return rows[0]!;
}

interface Intervention {
	programme: { id: string; name: string } | null;
	measures: { id: string; title: string }[];
	events: { id: string; title: string }[];
	from: string | null;
	to: string | null;
	/** Areas treated by the programme (never controls). */
	treatedAreas: string[];
	/** Zones of the area the activities' footprints reach. */
	reachedZones: string[];
}

async function interventionOf(db: Database, ctx: RequestContext, scope: AreaSet, areaId: string, q: EffectQuery): Promise<Intervention> {
	const out: Intervention = { programme: null, measures: [], events: [], from: null, to: null, treatedAreas: [], reachedZones: [] };
	if (q.programme) {
		const p = await db
			.selectFrom('programmes')
			.select(['id', 'name', 'starts_on', 'ends_on', 'intensive_from', 'intensive_to'])
			.where('id', '=', q.programme)
			.where('tenant_id', '=', ctx.tenant)
			.executeTakeFirst();
		if (!p) throw notFound('The programme');
		const areas = (await db.selectFrom('programme_areas').select('area_id').where('programme_id', '=', p.id).execute()).map((r) => r.area_id);
		if (!scope.all && !areas.some((id) => inSet(scope, id))) throw forbidden('This programme is not in an area you work in.');
		out.programme = { id: p.id, name: p.name };
		// The intensive period is when it worked hardest; without one, the whole programme.
		out.from = String(p.intensive_from ?? p.starts_on).slice(0, 7);
		out.to = String(p.intensive_to ?? p.ends_on).slice(0, 7);
		out.treatedAreas = await nestedAreas(db, ctx.tenant, areas);
	}
	if (q.activity) {
		const a = await db
			.selectFrom('programme_activities as a')
			.innerJoin('programmes as p', (j) => j.onRef('p.id', '=', 'a.programme_id').onRef('p.tenant_id', '=', 'a.tenant_id'))
			.select(['a.id', 'a.starts_on', 'a.ends_on', 'p.id as programme_id', 'p.name as programme_name'])
			.where('a.tenant_id', '=', ctx.tenant)
			.where('a.id', '=', q.activity)
			.executeTakeFirst();
		if (!a) throw notFound('The activity');
		const areas = (await db.selectFrom('programme_areas').select('area_id').where('tenant_id', '=', ctx.tenant).where('programme_id', '=', a.programme_id).execute()).map((r) => r.area_id);
		if (!scope.all && !areas.some((id) => inSet(scope, id))) throw forbidden('This activity is not in an area you work in.');
		out.programme ??= { id: a.programme_id, name: a.programme_name };
		const linked = async (table: 'measures' | 'events') =>
			(await db.selectFrom(table).select('id').where('tenant_id', '=', ctx.tenant).where('activity_id', '=', a.id).where(inAreaTree('area_id', areaId, ctx.tenant)).execute()).map((r) => r.id);
		q = { ...q, measures: [...new Set([...(q.measures ?? []), ...(await linked('measures'))])], events: [...new Set([...(q.events ?? []), ...(await linked('events'))])] };
		if (!q.from && a.starts_on) out.from = String(a.starts_on).slice(0, 7);
		if (!q.to && a.ends_on) out.to = String(a.ends_on).slice(0, 7);
	}
	const activities: { kind: 'measure' | 'event'; id: string; title: string; started: string | null; footprint: RawBuilder<unknown> }[] = [];
	if (q.measures?.length) {
		const rows = await db
			.selectFrom('measures as m')
			.select(['m.id', 'm.title', 'm.done_on'])
			.where('m.tenant_id', '=', ctx.tenant)
			.where('m.id', 'in', q.measures)
			.where(inAreaTree('m.area_id', areaId, ctx.tenant))
			.execute();
		const missing = q.measures.filter((id) => !rows.some((r) => r.id === id));
		if (missing.length) throw badRequest('activity_not_in_area', 'Some measures do not exist in this area.', { field: 'measures', ids: missing });
		for (const r of rows)
			activities.push({ kind: 'measure', id: r.id, title: r.title, started: r.done_on ? String(r.done_on).slice(0, 10) : null, footprint: sql`(SELECT ST_Buffer(geom::geography, influence_radius_m)::geometry FROM measures WHERE id = ${r.id})` });
	}
	if (q.events?.length) {
		const rows = await db
			.selectFrom('events as e')
			.select([
				'e.id',
				'e.title',
				sql<string | null>`(SELECT to_char(min(o.starts_at) AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD') FROM event_occurrences o WHERE o.event_id = e.id AND NOT o.cancelled)`.as('started')
			])
			.where('e.tenant_id', '=', ctx.tenant)
			.where('e.id', 'in', q.events)
			.where(inAreaTree('e.area_id', areaId, ctx.tenant))
			.execute();
		const missing = q.events.filter((id) => !rows.some((r) => r.id === id));
		if (missing.length) throw badRequest('activity_not_in_area', 'Some events do not exist in this area.', { field: 'events', ids: missing });
		for (const r of rows)
			activities.push({ kind: 'event', id: r.id, title: r.title, started: r.started, footprint: sql`(SELECT ST_Buffer(geom::geography, influence_radius_m)::geometry FROM events WHERE id = ${r.id})` });
	}
	if (activities.length) {
		out.measures = activities.filter((a) => a.kind === 'measure').map(({ id, title }) => ({ id, title }));
		out.events = activities.filter((a) => a.kind === 'event').map(({ id, title }) => ({ id, title }));
		const started = activities.map((a) => a.started).filter((d): d is string => !!d).sort();
		if (started[0] && !out.from) out.from = started[0].slice(0, 7);
		const footprints = sql.join(activities.map((a) => sql`SELECT ${a.footprint} AS g`), sql` UNION ALL `);
		const { rows } = await sql<{ id: string }>`
			SELECT z.id FROM problem_zones z
			WHERE z.tenant_id = ${ctx.tenant} AND ${inAreaTree('z.area_id', areaId, ctx.tenant)}
				AND EXISTS (SELECT 1 FROM (${footprints}) AS f WHERE ST_Intersects(z.geom, f.g))
			ORDER BY z.name, z.id`.execute(db);
		out.reachedZones = rows.map((r) => r.id);
	}
	return out;
}

/** The first month holding at least MIN_INCIDENTS of the tenant's incidents: the data begins there (a tenant-wide figure, no place in it). */
export async function dataFrom(db: Database, tenant: string): Promise<string | null> {
	const { rows } = await sql<{ month: string }>`
		SELECT month FROM (SELECT ${monthSql(sql`occurred_at`)} AS month, count(*) AS n FROM incidents WHERE tenant_id = ${tenant} GROUP BY 1) AS m
		WHERE n >= ${MIN_INCIDENTS} ORDER BY month LIMIT 1`.execute(db);
	return rows[0]?.month ?? null;
}

interface Series {
	values: number[] | null;
	figures: IncidentFigures;
}

/** Monthly series of each region as this reader gets them (see the file's comment). */
async function seriesOf(db: Database, ctx: RequestContext, regions: KeyedRegion[], months: string[], category: IncidentCategory | undefined): Promise<Map<string, Series>> {
	const out = new Map<string, Series>();
	if (regions.length === 0 || months.length === 0) return out;
	const period = stockholmPeriod(`${months[0]}-01`, lastDayOf(months.at(-1)!));
	const query = { from: period.from, to: period.to, category };
	const exact = await exactRegions(db, ctx, regions);
	const counted = await exactMonthCounts(db, ctx, regions.filter((r) => exact.has(r.key)), query);
	for (const [key, counts] of counted) out.set(key, { values: months.map((m) => counts.get(m) ?? 0), figures: 'exact' });
	const grid = await gridMonthCounts(db, ctx.tenant, regions.filter((r) => !exact.has(r.key)), query);
	const levels = monthLevels(months);
	for (const [key, cells] of grid) {
		const values = throughGrid(cells.map((c) => ({ share: c.share, counts: months.map((m) => c.counts.get(m) ?? 0) })), levels, months.length);
		out.set(key, { values, figures: values ? 'aggregated' : 'withheld' });
	}
	return out;
}

function seriesAnswer(series: Series | undefined, during: boolean[]): EffectSeries {
	if (!series?.values) return { values: null, figures: series?.figures ?? 'withheld', before: null, during: null };
	const sums = beforeDuring(series.values, during);
	const show = series.figures === 'exact' ? (v: number) => v : rounded;
	return { values: series.values.map(show), figures: series.figures, before: show(sums.before), during: show(sums.during) };
}

interface Candidate extends EffectUnit {
	inDistrict: boolean;
}

export async function effectAnalysis(db: Database, ctx: RequestContext, q: EffectQuery, now = Date.now()): Promise<EffectAnalysis> {
	if (!ctx.actor) throw unauthenticated();
	const scope = await areasWhere(db, ctx.tenant, ctx.actor, [...READ_ROLES, 'partner']);
	const area = await db.selectFrom('areas').select(['id', 'name', 'kind']).where('id', '=', q.area).where('tenant_id', '=', ctx.tenant).executeTakeFirst();
	if (!area) throw notFound('The area');
	if (!inSet(scope, area.id)) throw forbidden('This area is not one you work in.');
	const district = await districtOf(db, ctx.tenant, area.id);
	const intervention = await interventionOf(db, ctx, scope, area.id, q);

	// ------------------------------------------------------------ the months
	const from = q.from ?? intervention.from;
	if (!from) throw badRequest('validation_failed', 'Name the month the intervention started (`from`), or an intervention with dates.', [{ path: 'from', message: 'required' }]);
	const lastFull = addMonths(stockholmToday(now).slice(0, 7), -1);
	if (from > lastFull) throw badRequest('not_started', `The intervention must have started by ${lastFull}: a month not yet over has no counts to compare.`, { field: 'from', lastMonth: lastFull });
	let to = q.to ?? intervention.to ?? addMonths(from, 11);
	if (to > lastFull) to = lastFull;
	if (to < from) throw badRequest('invalid_period', 'The intervention must end after it starts.', { field: 'to' });
	const duringMonths = monthCount(from, to);
	if (duringMonths > MAX_EFFECT_MONTHS)
		throw badRequest('period_too_long', `The intervention period may be at most ${MAX_EFFECT_MONTHS} months.`, {
			field: 'to',
			limit: Math.round((MAX_EFFECT_MONTHS * 365.25) / 12),
			days: Math.round((Date.parse(`${lastDayOf(to)}T00:00:00Z`) - Date.parse(`${from}-01T00:00:00Z`)) / 86_400_000) + 1
		});
	const firstData = await dataFrom(db, ctx.tenant);
	const wanted = q.before ?? Math.min(duringMonths, MAX_EFFECT_MONTHS);
	let beforeFrom = addMonths(from, -wanted);
	const beforeCut = !!firstData && beforeFrom < firstData;
	if (beforeCut) beforeFrom = firstData!;
	const beforeTo = addMonths(from, -1);
	if (beforeFrom > beforeTo)
		throw badRequest('no_data_before', `The incidents begin in ${firstData}: an intervention from ${from} has no months before it to compare with.`, { field: 'from', dataFrom: firstData });
	const months = monthRange(beforeFrom, to);
	const during = months.map((m) => m >= from);
	const beforeMonths = months.filter((m) => m < from);

	// ------------------------------------------------------------ the treated region
	const zoneIds = q.zones ?? (intervention.reachedZones.length ? intervention.reachedZones : []);
	const treatedUnits: EffectUnit[] = [];
	if (zoneIds.length) {
		const zones = await db
			.selectFrom('problem_zones as z')
			.innerJoin('areas as a', 'a.id', 'z.area_id')
			.select(['z.id', 'z.name', 'z.area_id', 'a.name as area_name', sql<boolean>`${inAreaTree('z.area_id', area.id, ctx.tenant)}`.as('inside')])
			.where('z.tenant_id', '=', ctx.tenant)
			.where('z.id', 'in', zoneIds)
			.orderBy('z.name')
			.execute();
		for (const id of zoneIds) {
			const zone = zones.find((z) => z.id === id);
			if (!zone) throw notFound('The problem zone');
			if (!zone.inside) throw badRequest('zone_not_in_area', `The problem zone “${zone.name}” is not in ${area.name}.`, { field: 'zones', id });
		}
		treatedUnits.push(...zones.map((z) => ({ kind: 'zone' as const, id: z.id, name: z.name, areaName: z.area_name })));
	} else treatedUnits.push({ kind: 'area', id: area.id, name: area.name, areaName: area.name });
	const treatedSql = zoneIds.length
		? sql`(SELECT ST_Multi(ST_Union(geom)) FROM problem_zones WHERE tenant_id = ${ctx.tenant} AND id = ANY(${zoneIds}::uuid[]))`
		: sql`(SELECT geom FROM areas WHERE id = ${area.id})`;
	const { rows: shapes } = await sql<{ treated: string; reach: string; ring: string }>`
		WITH t AS (SELECT ${treatedSql} AS g), m AS (SELECT ST_Transform(g, 3006) AS g FROM t)
		SELECT encode(ST_AsEWKB(t.g), 'hex') AS treated,
			encode(ST_AsEWKB(ST_MakeValid(ST_Transform(ST_Buffer(m.g, ${q.buffer}::float8), 4326))), 'hex') AS reach,
			encode(ST_AsEWKB(ST_MakeValid(ST_Transform(ST_Difference(ST_Buffer(m.g, ${q.buffer}::float8), m.g), 4326))), 'hex') AS ring
		FROM t, m`.execute(db);
	const shape = shapes[0]!;
	const treatedRegion = ewkb(shape.treated);
	const reach = ewkb(shape.reach);
	const ring = ewkb(shape.ring);
	const visible = (column: string) => (scope.all ? sql`true` : sql`${sql.ref(column)} = ANY(${scope.ids}::uuid[])`);

	// ------------------------------------------------------------ chosen controls
	let controls: (EffectUnit & { suggested: boolean })[] = [];
	let controlsFrom: EffectAnalysis['controlsFrom'] = 'none';
	if (q.control?.length) {
		const { rows } = await sql<{ kind: 'zone' | 'area'; id: string; name: string; area_id: string; area_name: string; too_close: boolean }>`
			SELECT 'zone' AS kind, z.id, z.name, z.area_id, a.name AS area_name, ST_Intersects(z.geom, ${reach}) AS too_close
			FROM problem_zones z JOIN areas a ON a.id = z.area_id WHERE z.tenant_id = ${ctx.tenant} AND z.id = ANY(${q.control}::uuid[])
			UNION ALL
			SELECT 'area', a.id, a.name, a.id, a.name, ST_Intersects(a.geom, ${reach})
			FROM areas a WHERE a.tenant_id = ${ctx.tenant} AND a.id = ANY(${q.control}::uuid[])`.execute(db);
		for (const id of q.control) {
			const c = rows.find((r) => r.id === id);
			if (!c) throw notFound('The control zone or area');
			if (!inSet(scope, c.area_id)) throw forbidden(`The control “${c.name}” is not in an area you work in.`);
			if (c.too_close || treatedUnits.some((u) => u.id === id))
				throw badRequest('control_in_buffer', `The control “${c.name}” lies in or within ${q.buffer} m of the treated region: it may be touched by the intervention or by displacement.`, { field: 'control', id, name: c.name, buffer: q.buffer });
		}
		controls = q.control.map((id) => rows.find((r) => r.id === id)!).map((c) => ({ kind: c.kind, id: c.id, name: c.name, areaName: c.area_name, suggested: false }));
		controlsFrom = 'chosen';
	}

	// ------------------------------------------------------------ the series of A, B, C and the buffer's places
	const { rows: parts } = await sql<{ id: string; name: string }>`
		SELECT a.id, a.name FROM areas a
		WHERE a.tenant_id = ${ctx.tenant} AND a.kind = 'place' AND ${visible('a.id')} AND ST_Intersects(a.geom, ${ring})
			-- More than a sliver: the ring and the area it was cut from share an edge.
			AND ST_Area(ST_Transform(ST_Intersection(a.geom, ${ring}), 3006)) > ${MIN_PART_M2}::float8
		ORDER BY ST_Area(ST_Intersection(a.geom, ${ring})) DESC, a.name LIMIT ${LISTED_BUFFER_PARTS}`.execute(db);
	const controlRegion = (units: EffectUnit[]) => {
		const zones = units.filter((u) => u.kind === 'zone').map((u) => u.id);
		const areas = units.filter((u) => u.kind === 'area').map((u) => u.id);
		return sql`(SELECT ST_Multi(ST_Union(g)) FROM (
			SELECT geom AS g FROM problem_zones WHERE tenant_id = ${ctx.tenant} AND id = ANY(${zones}::uuid[])
			UNION ALL SELECT geom FROM areas WHERE tenant_id = ${ctx.tenant} AND id = ANY(${areas}::uuid[])) AS u)`;
	};
	const main: KeyedRegion[] = [
		{ key: 'A', region: treatedRegion },
		{ key: 'B', region: ring },
		...parts.map((p) => ({ key: `P:${p.id}`, region: sql`(SELECT ST_Intersection(geom, ${ring}) FROM areas WHERE id = ${p.id})` }))
	];
	if (controls.length) main.push({ key: 'C', region: controlRegion(controls) });
	const series = await seriesOf(db, ctx, main, months, q.category);
	const treatedSeries = series.get('A')!;

	// ------------------------------------------------------------ suggested controls
	let candidates: EffectAnalysis['candidates'] = [];
	if (!q.control?.length && treatedSeries.values) {
		const districtAreas = await nestedAreas(db, ctx.tenant, [district.id]);
		const programmeAreas = intervention.treatedAreas;
		const notTreatedElsewhere = (column: string) => (programmeAreas.length ? sql`${sql.ref(column)} <> ALL(${programmeAreas}::uuid[])` : sql`true`);
		const { rows: found } = zoneIds.length
			? await sql<{ kind: 'zone'; id: string; name: string; area_name: string; in_district: boolean }>`
				SELECT 'zone' AS kind, z.id, z.name, a.name AS area_name, z.area_id = ANY(${districtAreas}::uuid[]) AS in_district
				FROM problem_zones z JOIN areas a ON a.id = z.area_id
				WHERE z.tenant_id = ${ctx.tenant} AND ${visible('z.area_id')} AND ${notTreatedElsewhere('z.area_id')}
					AND z.id <> ALL(${zoneIds}::uuid[]) AND NOT ST_Intersects(z.geom, ${reach})
				ORDER BY z.geom <-> ${treatedRegion}, z.id LIMIT ${MAX_EFFECT_CANDIDATES}`.execute(db)
			: await sql<{ kind: 'area'; id: string; name: string; area_name: string; in_district: boolean }>`
				SELECT 'area' AS kind, a.id, a.name, a.name AS area_name, a.id = ANY(${districtAreas}::uuid[]) AS in_district
				FROM areas a
				WHERE a.tenant_id = ${ctx.tenant} AND a.kind = ${area.kind} AND ${visible('a.id')} AND ${notTreatedElsewhere('a.id')}
					AND a.id <> ${area.id} AND NOT ST_Intersects(a.geom, ${reach})
				ORDER BY a.geom <-> ${treatedRegion}, a.id LIMIT ${MAX_EFFECT_CANDIDATES}`.execute(db);
		const pool: Candidate[] = found.map((c) => ({ kind: c.kind, id: c.id, name: c.name, areaName: c.area_name, inDistrict: c.in_district }));
		const candidateSeries = await seriesOf(
			db,
			ctx,
			pool.map((c) => ({ key: c.id, region: c.kind === 'zone' ? sql`(SELECT geom FROM problem_zones WHERE id = ${c.id})` : sql`(SELECT geom FROM areas WHERE id = ${c.id})` })),
			beforeMonths,
			q.category
		);
		const treatedBefore = treatedSeries.values.filter((_, i) => !during[i]);
		// A withheld candidate has no figures to compare: it cannot be suggested.
		const ranked = rankControls(
			treatedBefore,
			pool.filter((c) => candidateSeries.get(c.id)?.values).map((c) => ({ id: c.id, before: candidateSeries.get(c.id)!.values! }))
		);
		const byId = new Map(pool.map((c) => [c.id, c]));
		const eligible = ranked.filter((r) => r.eligible);
		const inDistrict = eligible.filter((r) => byId.get(r.id)!.inDistrict);
		const picked = (inDistrict.length ? inDistrict : eligible).slice(0, SUGGESTED_CONTROLS);
		controlsFrom = picked.length === 0 ? 'none' : inDistrict.length ? 'district' : 'elsewhere';
		controls = picked.map((r) => {
			const { inDistrict: _, ...unit } = byId.get(r.id)!;
			return { ...unit, suggested: true };
		});
		const figuresOf = (id: string) => candidateSeries.get(id)!.figures;
		candidates = ranked.slice(0, LISTED_CANDIDATES).map(({ id, ...rank }) => {
			const { inDistrict: _, ...unit } = byId.get(id)!;
			const show = figuresOf(id) === 'exact' ? (v: number) => v : rounded;
			return { ...unit, ...rank, level: show(rank.level) };
		});
		if (controls.length) {
			const controlSeries = await seriesOf(db, ctx, [{ key: 'C', region: controlRegion(controls) }], months, q.category);
			series.set('C', controlSeries.get('C')!);
		}
	}

	// ------------------------------------------------------------ the estimates
	const a = series.get('A')!;
	const b = series.get('B')!;
	const c = series.get('C') ?? null;
	const did = a.values && c?.values ? differenceInDifferences({ treated: a.values, control: c.values, during }) : null;
	const trend = a.values && c?.values ? preTrend({ treated: a.values, control: c.values, during }) : null;
	const sums = (s: Series | null) => (s?.values ? beforeDuring(s.values, during) : null);
	const [aSums, bSums, cSums] = [sums(a), sums(b), sums(c)];
	const monthsOf = { before: beforeMonths.length, during: duringMonths };
	const wdd = aSums && bSums && cSums ? weightedDisplacementDifference({ treated: aSums, buffer: bSums, control: cSums, months: monthsOf }) : null;
	const wdq = aSums && bSums && cSums ? weightedDisplacementQuotient({ treated: aSums, buffer: bSums, control: cSums }) : null;
	const bufferParts = parts.map((p) => {
		const s = series.get(`P:${p.id}`)!;
		const part = sums(s);
		const show = s.figures === 'exact' ? (v: number) => v : rounded;
		const perMonth = part && cSums && cSums.before > 0 ? (part.during - (part.before * cSums.during) / cSums.before) / duringMonths : null;
		return { areaId: p.id, name: p.name, before: part ? show(part.before) : null, during: part ? show(part.during) : null, perMonth, figures: s.figures };
	});

	// ------------------------------------------------------------ caveats, in the order they matter
	const caveats: EffectAnalysis['caveats'] = [{ code: 'not_proof' }];
	if (!a.values) caveats.push({ code: 'withheld', values: { min: MIN_INCIDENTS } });
	if (controlsFrom === 'none') caveats.push({ code: 'no_control' });
	if (controlsFrom === 'elsewhere') caveats.push({ code: 'controls_elsewhere', values: { district: district.name } });
	if (did) {
		const least = Math.min(did.treated.before, did.treated.during, did.control.before, did.control.during);
		if (least < FEW_INCIDENTS) caveats.push({ code: 'few_incidents', values: { min: Math.round(least), threshold: FEW_INCIDENTS } });
	}
	if (!seasonsAlike(beforeMonths, months.filter((m) => m >= from))) caveats.push({ code: 'seasons_differ', values: { before: beforeMonths.length, during: duringMonths } });
	if (trend?.differs) caveats.push({ code: 'pre_trend', values: { perMonth: trend.perMonth } });
	if (beforeCut) caveats.push({ code: 'short_before', values: { months: beforeMonths.length, dataFrom: firstData! } });
	if (did && did.dispersion > 1.5) caveats.push({ code: 'overdispersion', values: { factor: Math.sqrt(did.dispersion) } });
	if (bSums && bSums.before + bSums.during === 0) caveats.push({ code: 'buffer_empty', values: { buffer: q.buffer } });
	if (wdq && wdq.successMeasure !== null && wdq.successMeasure >= 0) caveats.push({ code: 'no_reduction' });
	const all = [a, b, ...(c ? [c] : [])];
	if (all.some((s) => s.figures !== 'exact') && a.values) caveats.push({ code: 'aggregated', values: { cell: PRIVACY_CELL_M, min: MIN_INCIDENTS } });

	const figures: IncidentFigures = !a.values ? 'withheld' : all.every((s) => s.figures === 'exact') && bufferParts.every((p) => p.figures === 'exact') ? 'exact' : 'aggregated';
	return {
		area: { id: area.id, name: area.name },
		intervention: { programme: intervention.programme, measures: intervention.measures, events: intervention.events },
		category: q.category ?? null,
		treated: { kind: zoneIds.length ? 'zones' : 'area', units: treatedUnits },
		controls,
		controlsFrom,
		district,
		candidates,
		bufferM: q.buffer,
		months,
		during,
		period: {
			before: { from: beforeMonths[0]!, to: beforeTo, months: beforeMonths.length },
			during: { from, to, months: duringMonths },
			dataFrom: firstData,
			beforeCut
		},
		series: { treated: seriesAnswer(a, during), control: c ? seriesAnswer(c, during) : null, buffer: seriesAnswer(b, during) },
		bufferParts,
		did,
		preTrend: trend,
		wdd,
		wdq,
		caveats,
		figures,
		suppressedBelow: figures === 'exact' ? null : MIN_INCIDENTS,
		gridCellM: figures === 'exact' ? null : PRIVACY_CELL_M,
		method: { did: 'poisson-month-effects', interval: 'quasi-poisson-t', wdd: 'wheeler-ratcliffe-2018', wdq: 'bowers-johnson-2003', confidence: 0.95 }
	};
}
