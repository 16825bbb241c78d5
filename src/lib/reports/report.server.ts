/**
 * The steering-group report: per area and period, or per programme and period (a section per
 * area of the programme the reader may read). Each section shows the area's saved follow-up —
 * for a programme report the one written for that programme, else the area's own — with the
 * figures as they were when written; without one, the figures as the data gives them now,
 * marked as such. Incident figures follow the privacy rule as everywhere (the follow-up's
 * reading for this reader); the map shows what the reader may see.
 */
import { sql } from 'kysely';
import type { Database } from '$lib/server/db';
import type { RequestContext } from '$lib/server/api/context';
import { badRequest, forbidden, notFound, unauthenticated } from '$lib/server/api/errors';
import { inAreaTree, inSet, readableAreas, type AreaSet } from '$lib/server/auth/scope.server';
import { exactFigureAreas, exactIn } from '$lib/incidents/privacy.server';
import { scopeOf, visibleTo } from '$lib/findings/visibility.server';
import { figureScope, figuresFor, type FigureScope } from '$lib/followups/figures.server';
import { getFollowUp } from '$lib/followups/followups.server';
import { planGoals, programmeRisks, programmeStatusReport } from '$lib/followups/plan-reads.server';
import type { ReportPeriod } from '$lib/followups/period';
import type { FollowUpFigures } from '$lib/followups/followup';
import type { Geometry } from '$lib/geometry/geojson';
import type { Report, ReportCompass, ReportMap, ReportSection } from './report';
import { assembleMap, MAX_MAP_FEATURES, outlineAndZones } from './map.server';
import { compassFigures } from '$lib/partners/stats.server';
import { listNeeds } from '$lib/partners/needs.server';

/** Most areas one programme report holds, and most features of a kind on one map. */
export const MAX_REPORT_AREAS = 12;

interface AreaRow {
	id: string;
	name: string;
	parent_name: string | null;
}

async function areaRows(db: Database, tenant: string, ids: string[]): Promise<AreaRow[]> {
	if (ids.length === 0) return [];
	return db
		.selectFrom('areas as a')
		.leftJoin('areas as p', 'p.id', 'a.parent_id')
		.select(['a.id', 'a.name', 'p.name as parent_name'])
		.where('a.tenant_id', '=', tenant)
		.where('a.id', 'in', ids)
		.orderBy('a.name')
		.execute();
}

/** The saved follow-up a section shows: the programme's for a programme report, else the area's own, else the newest. */
async function followUpFor(db: Database, tenant: string, areaId: string, period: ReportPeriod, programmeId: string | null) {
	const rows = await db
		.selectFrom('follow_ups')
		.select(['id', 'programme_id'])
		.where('tenant_id', '=', tenant)
		.where('area_id', '=', areaId)
		.where('year', '=', period.year)
		.where(period.tertial === null ? sql<boolean>`tertial IS NULL` : sql<boolean>`tertial = ${period.tertial}`)
		// The report is the area's (or programme's): a follow-up of one activity is not it.
		.where('activity_id', 'is', null)
		.orderBy('updated_at', 'desc')
		.execute();
	return rows.find((r) => r.programme_id === programmeId) ?? rows.find((r) => r.programme_id === null) ?? (programmeId ? null : rows[0]) ?? null;
}

/** What the section's map shows, as the reader may see it. */
async function mapOf(db: Database, ctx: RequestContext, area: AreaRow, s: FigureScope, figures: FollowUpFigures): Promise<ReportMap> {
	const findingScope = await scopeOf(db, ctx);
	const [parts, findings, measures, events] = await Promise.all([
		outlineAndZones(db, ctx.tenant, area.id),
		db
			.selectFrom('findings as f')
			.select(['f.id', 'f.category', 'f.status', 'f.severity', sql<Geometry>`ST_AsGeoJSON(f.geom, 6)::json`.as('geometry')])
			.where('f.tenant_id', '=', ctx.tenant)
			.where(inAreaTree('f.area_id', area.id, ctx.tenant))
			.where(visibleTo(findingScope))
			.where(sql<boolean>`f.created_at >= ${s.from}::timestamptz AND f.created_at < ${s.end}::timestamptz`)
			.orderBy('f.created_at')
			.limit(MAX_MAP_FEATURES)
			.execute(),
		db
			.selectFrom('measures as m')
			.select(['m.id', 'm.title', 'm.kind', 'm.status', sql<boolean>`m.status = 'done'`.as('done'), sql<Geometry>`ST_AsGeoJSON(m.geom, 6)::json`.as('geometry')])
			.where('m.tenant_id', '=', ctx.tenant)
			.where(inAreaTree('m.area_id', area.id, ctx.tenant))
			.where((eb) =>
				eb.or([
					eb.and([eb('m.status', '=', 'done'), sql<boolean>`m.done_on BETWEEN ${s.period.from}::date AND ${s.asOf}::date`]),
					eb.and([eb('m.status', 'in', ['approved', 'ordered']), sql<boolean>`coalesce(m.approved_on, m.proposed_on, m.created_at::date) <= ${s.asOf}::date`])
				])
			)
			.orderBy('m.title')
			.limit(MAX_MAP_FEATURES)
			.execute(),
		db
			.selectFrom('events as e')
			.select(['e.id', 'e.title', 'e.kind', sql<Geometry>`ST_AsGeoJSON(e.geom, 6)::json`.as('geometry')])
			.where('e.tenant_id', '=', ctx.tenant)
			.where(inAreaTree('e.area_id', area.id, ctx.tenant))
			.where('e.status', 'not in', ['cancelled', 'draft'])
			.where(sql<boolean>`EXISTS (SELECT 1 FROM event_occurrences o WHERE o.event_id = e.id AND NOT o.cancelled
				AND o.starts_at >= ${s.from}::timestamptz AND o.starts_at < ${s.end}::timestamptz AND o.starts_at < ${s.now}::timestamptz)`)
			.orderBy('e.title')
			.limit(MAX_MAP_FEATURES)
			.execute()
	]);
	return assembleMap({ area, parts, findings, measures, events, coverage: figures.coverage });
}

async function sectionOf(db: Database, ctx: RequestContext, exact: AreaSet, area: AreaRow, period: ReportPeriod, programmeId: string | null, now: number): Promise<ReportSection> {
	const s = figureScope(ctx.tenant, area.id, period, now);
	const saved = await followUpFor(db, ctx.tenant, area.id, period, programmeId);
	let section: Omit<ReportSection, 'map'>;
	if (saved) {
		const f = await getFollowUp(db, ctx, saved.id);
		section = {
			area: { id: area.id, name: area.name, parentName: area.parent_name },
			followUp: {
				id: f.id,
				status: f.status,
				programmeName: f.programmeName,
				goalReached: f.goalReached,
				summary: f.summary,
				activities: f.activities,
				writtenBy: f.writtenBy,
				submittedAt: f.submittedAt,
				updatedAt: f.updatedAt
			},
			goals: f.goals,
			figures: f.figures
		};
	} else {
		const [figures, goals] = await Promise.all([figuresFor(db, ctx, s, exactIn(exact, area.id)), planGoals(db, ctx.tenant, area.id, period, programmeId)]);
		section = {
			area: { id: area.id, name: area.name, parentName: area.parent_name },
			followUp: null,
			goals: goals.map((g) => ({ goalId: g.id, goal: g.description, reached: null, comment: '' })),
			figures
		};
	}
	return { ...section, map: await mapOf(db, ctx, area, s, section.figures) };
}

// ------------------------------------------------------------------ the partner compass
/**
 * The partner compass's usage statistics for the report's areas and period (issue 15), read from
 * the counters the compass keeps per area and month (nothing about who searched exists to be
 * read). An area is in the section when it has a compass set up or was searched in during the
 * period; null when none is. The months are whole months: the period's first to its last.
 */
async function compassUsage(db: Database, ctx: RequestContext, areas: { id: string; name: string }[], period: ReportPeriod): Promise<ReportCompass | null> {
	if (areas.length === 0) return null;
	const ids = areas.map((a) => a.id);
	const { rows: used } = await sql<{ id: string }>`
		SELECT a.id FROM areas a
		WHERE a.tenant_id = ${ctx.tenant} AND a.id = ANY(${ids}::uuid[])
		  AND (EXISTS (SELECT 1 FROM compass_areas c WHERE c.tenant_id = a.tenant_id AND c.area_id = a.id)
		    OR EXISTS (SELECT 1 FROM compass_stats s WHERE s.tenant_id = a.tenant_id AND s.area_id = a.id
		                 AND s.month BETWEEN date_trunc('month', ${period.from}::date) AND ${period.to}::date))`.execute(db);
	if (used.length === 0) return null;
	const withCompass = new Set(used.map((r) => r.id));
	const sections: ReportCompass['areas'] = [];
	for (const a of areas.filter((x) => withCompass.has(x.id)))
		sections.push({ areaId: a.id, areaName: a.name, figures: await compassFigures(db, ctx.tenant, a.id, period.from, period.to) });
	return { areas: sections, needs: await listNeeds(db, ctx.tenant) };
}
// ------------------------------------------------------------------

const periodOut = (p: ReportPeriod) => ({ key: p.key, year: p.year, tertial: p.tertial, from: p.from, to: p.to });

/** The report of one area: 404 unknown, 403 not the reader's. */
export async function areaReport(db: Database, ctx: RequestContext, areaId: string, period: ReportPeriod, now = Date.now()): Promise<Report> {
	if (!ctx.actor) throw unauthenticated();
	const [area] = await areaRows(db, ctx.tenant, [areaId]);
	if (!area) throw notFound('area');
	const read = await readableAreas(db, ctx.tenant, ctx.actor);
	if (!inSet(read, area.id)) throw forbidden('not_your_area', { entity: 'area' });
	const exact = await exactFigureAreas(db, ctx);
	const section = await sectionOf(db, ctx, exact, area, period, null, now);
	const compass = await compassUsage(db, ctx, [area], period);
	return { kind: 'area', id: area.id, title: area.name, period: periodOut(period), programme: null, sections: [section], compass, generatedAt: new Date(now).toISOString() };
}

/** The report of a programme: a section per area of it the reader reads (403 when none). */
export async function programmeReport(db: Database, ctx: RequestContext, programmeId: string, period: ReportPeriod, now = Date.now()): Promise<Report> {
	if (!ctx.actor) throw unauthenticated();
	const programme = await db
		.selectFrom('programmes')
		.select(['id', 'name', 'description', sql<string>`starts_on::text`.as('starts_on'), sql<string>`ends_on::text`.as('ends_on')])
		.where('id', '=', programmeId)
		.where('tenant_id', '=', ctx.tenant)
		.executeTakeFirst();
	if (!programme) throw notFound('programme');
	if (programme.starts_on > period.to || programme.ends_on < period.from)
		throw badRequest('programme_not_in_area', `The programme does not run in ${period.key}.`, { field: 'period', period: period.key });
	const read = await readableAreas(db, ctx.tenant, ctx.actor);
	const linked = (await db.selectFrom('programme_areas').select('area_id').where('programme_id', '=', programme.id).execute()).map((r) => r.area_id);
	const mine = linked.filter((id) => inSet(read, id));
	if (mine.length === 0) throw forbidden('not_your_area', { entity: 'programme' });
	const areas = (await areaRows(db, ctx.tenant, mine)).slice(0, MAX_REPORT_AREAS);
	const exact = await exactFigureAreas(db, ctx);
	const sections: ReportSection[] = [];
	// One area after the other: each is a draft's worth of statements and an analysis.
	for (const area of areas) sections.push(await sectionOf(db, ctx, exact, area, period, programme.id, now));
	const [goals, risks, statusReport] = await Promise.all([
		areas.length ? planGoals(db, ctx.tenant, areas[0]!.id, period, programme.id) : [],
		programmeRisks(db, ctx.tenant, programme.id),
		programmeStatusReport(db, ctx.tenant, programme.id, period)
	]);
	return {
		kind: 'programme',
		id: programme.id,
		title: programme.name,
		period: periodOut(period),
		programme: { id: programme.id, name: programme.name, description: programme.description, startsOn: programme.starts_on, endsOn: programme.ends_on, goals, risks, statusReport },
		sections,
		compass: await compassUsage(db, ctx, areas, period),
		generatedAt: new Date(now).toISOString()
	};
}
