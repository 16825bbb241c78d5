/**
 * The figures a follow-up is drafted from, for an area (and the areas nested in it) and a
 * period, counted up to the period's end or today when it is not over (`asOf`):
 *
 * - findings: reported in the period (created_at); resolved in it (a status change to
 *   `resolved` dated in it, whenever the finding was reported); open at its end (the status
 *   the history gives at that moment) and, of those, overdue (follow-up date before the end
 *   day; the follow-up date as it is now, its history is not kept); each by category;
 * - measures done in the period (status done, done_on in it) with their cost and spending;
 * - events held: occasions not called off of events not cancelled or draft, started in the
 *   period and before now; attendance per occasion is the occasion's own count, else the
 *   event's (which the event form and the demo data give per occasion); unknown stays unknown;
 * - walks done: started in the period and before now, with participants and their findings;
 * - survey indicators of the area up to the period's year;
 * - the incident trend: per month, against the same months a year before;
 *
 * For one activity of a plan (`activityId`), the events, measures and walks are those linked to it,
 * and the findings those its measures address or its walks pinned; the survey figures, the
 * incident trend and the coverage stay the area's (an activity has no zones or survey of its own).
 * - coverage of the area's problem zones by its events and done measures in the period.
 *
 * The last two come from incidents (coverage through the zones' incident-derived weights and
 * hour profiles), so they follow the privacy rule: each is computed as a reader with incident
 * access in the area gets it (`exact`) and as everyone else does (`aggregated`, through the
 * privacy grid) by the same code the hotspot, time-pattern and coverage pages use, run for a
 * reader holding just that: a read role in the area, with or without incident access.
 */
import { sql } from 'kysely';
import type { Database } from '$lib/server/db';
import type { RequestContext } from '$lib/server/api/context';
import { ApiError, badRequest } from '$lib/server/api/errors';
import { inAreaTree } from '$lib/server/auth/scope.server';
import { timePatterns } from '$lib/incidents/time-patterns.server';
import { dataFrom } from '$lib/incidents/effect.server';
import { areaCoverage } from '$lib/zones/coverage.server';
import { stockholmPeriod, stockholmToday } from '$lib/time/stockholm';
import { monthRange } from '$lib/time/months';
import type { FindingCategory } from '$lib/findings/finding';
import {
	MAX_LISTED,
	type CoverageFigures,
	type EventFigures,
	type FindingFigures,
	type FollowUpFigures,
	type IncidentTrend,
	type MeasureFigures,
	type StoredFigures,
	type SurveyFigure,
	type WalkFigures
} from './followup';
import type { ReportPeriod } from './period';

/** What the figures are counted over: the area, the period, and the day they run to. */
export interface FigureScope {
	tenant: string;
	areaId: string;
	period: ReportPeriod;
	/** The period's last day, or today when it is not over (YYYY-MM-DD). */
	asOf: string;
	/** ISO instants: the start of the period and the end of `asOf` (exclusive). */
	from: string;
	end: string;
	/** Now, as an ISO instant: what has not happened yet is not counted as done. */
	now: string;
	/** One activity of a plan: only what is linked to it is counted (null: everything in the area). */
	activityId: string | null;
}

/** The scope of a period; a period that has not begun has nothing to follow up (400). */
export function figureScope(tenant: string, areaId: string, period: ReportPeriod, now = Date.now(), activityId: string | null = null): FigureScope {
	const today = stockholmToday(now);
	if (period.from > today)
		throw badRequest('period_not_started', `The period ${period.key} has not begun: there is nothing to follow up yet.`, { field: 'period', period: period.key, from: period.from });
	const asOf = period.to < today ? period.to : today;
	const instants = stockholmPeriod(period.from, asOf);
	return { tenant, areaId, period, asOf, from: instants.from, end: instants.to, now: new Date(now).toISOString(), activityId };
}

/** The same day a year before (29 February → 28 February). */
function yearBefore(date: string): string {
	const year = Number(date.slice(0, 4)) - 1;
	const md = date.slice(5) === '02-29' ? '02-28' : date.slice(5);
	return `${year}-${md}`;
}

const int = (v: unknown) => Number(v ?? 0);

/** Only what carries out the activity, when the scope names one. */
const ofActivity = (column: string, s: FigureScope) => (s.activityId ? sql<boolean>`${sql.ref(column)} = ${s.activityId}::uuid` : sql<boolean>`true`);

/** A finding counts for an activity when one of its measures addresses it or one of its walks pinned it. */
const findingOfActivity = (s: FigureScope) =>
	s.activityId
		? sql<boolean>`(EXISTS (SELECT 1 FROM measure_findings mf JOIN measures m ON m.tenant_id = mf.tenant_id AND m.id = mf.measure_id
				WHERE mf.tenant_id = ${s.tenant} AND mf.finding_id = f.id AND m.activity_id = ${s.activityId}::uuid)
			OR EXISTS (SELECT 1 FROM walks w WHERE w.tenant_id = ${s.tenant} AND w.id = f.walk_id AND w.activity_id = ${s.activityId}::uuid))`
		: sql<boolean>`true`;

// ------------------------------------------------------------------ findings

async function findingFigures(db: Database, s: FigureScope): Promise<FindingFigures> {
	const { rows } = await sql<{ category: FindingCategory; reported: number; resolved: number; open_at_end: number; overdue: number }>`
		WITH f AS (
			SELECT f.id, f.category, f.created_at, f.follow_up_on,
				coalesce(
					(SELECT h.to_status FROM finding_status_history h WHERE h.finding_id = f.id AND h.changed_at < ${s.end}::timestamptz
						ORDER BY h.changed_at DESC, h.id DESC LIMIT 1),
					-- A finding without any history (loaded by hand) is taken at its status now.
					CASE WHEN NOT EXISTS (SELECT 1 FROM finding_status_history h WHERE h.finding_id = f.id) THEN f.status END,
					'new') AS status_at_end,
				EXISTS (SELECT 1 FROM finding_status_history h WHERE h.finding_id = f.id AND h.to_status = 'resolved'
					AND h.changed_at >= ${s.from}::timestamptz AND h.changed_at < ${s.end}::timestamptz) AS resolved_in_period
			FROM findings f
			WHERE f.tenant_id = ${s.tenant} AND ${inAreaTree('f.area_id', s.areaId, s.tenant)} AND f.created_at < ${s.end}::timestamptz AND ${findingOfActivity(s)}
		)
		SELECT category,
			count(*) FILTER (WHERE created_at >= ${s.from}::timestamptz)::int AS reported,
			count(*) FILTER (WHERE resolved_in_period)::int AS resolved,
			count(*) FILTER (WHERE status_at_end IN ('new', 'assigned', 'in_progress'))::int AS open_at_end,
			count(*) FILTER (WHERE status_at_end IN ('new', 'assigned', 'in_progress') AND follow_up_on < ${s.asOf}::date)::int AS overdue
		FROM f GROUP BY category ORDER BY category`.execute(db);
	const byCategory = rows
		.map((r) => ({ category: r.category, reported: int(r.reported), resolved: int(r.resolved), overdue: int(r.overdue), openAtEnd: int(r.open_at_end) }))
		.filter((r) => r.reported + r.resolved + r.overdue + r.openAtEnd > 0);
	const sum = (key: 'reported' | 'resolved' | 'overdue' | 'openAtEnd') => byCategory.reduce((a, r) => a + r[key], 0);
	return { reported: sum('reported'), resolved: sum('resolved'), overdue: sum('overdue'), openAtEnd: sum('openAtEnd'), byCategory };
}

// ------------------------------------------------------------------ measures

async function measureFigures(db: Database, s: FigureScope): Promise<MeasureFigures> {
	const rows = await db
		.selectFrom('measures as m')
		.select(['m.id', 'm.title', 'm.kind', sql<string>`m.done_on::text`.as('done_on'), 'm.cost_sek', 'm.spent_sek'])
		.where('m.tenant_id', '=', s.tenant)
		.where(inAreaTree('m.area_id', s.areaId, s.tenant))
		.where(ofActivity('m.activity_id', s))
		.where('m.status', '=', 'done')
		.where(sql<boolean>`m.done_on BETWEEN ${s.period.from}::date AND ${s.asOf}::date`)
		.orderBy('m.done_on')
		.orderBy('m.title')
		.execute();
	const byKind = new Map<string, { kind: string; done: number; costSek: number }>();
	for (const r of rows) {
		const k = byKind.get(r.kind) ?? { kind: r.kind, done: 0, costSek: 0 };
		k.done += 1;
		k.costSek += r.cost_sek ?? 0;
		byKind.set(r.kind, k);
	}
	return {
		done: rows.length,
		costSek: rows.reduce((a, r) => a + (r.cost_sek ?? 0), 0),
		spentSek: rows.reduce((a, r) => a + (r.spent_sek ?? 0), 0),
		byKind: [...byKind.values()].sort((a, b) => b.done - a.done || a.kind.localeCompare(b.kind)),
		list: rows.slice(0, MAX_LISTED).map((r) => ({ id: r.id, title: r.title, kind: r.kind, doneOn: r.done_on, costSek: r.cost_sek }))
	};
}

// ------------------------------------------------------------------ events

async function eventFigures(db: Database, s: FigureScope): Promise<EventFigures> {
	const until = s.end < s.now ? s.end : s.now;
	const { rows } = await sql<{ id: string; title: string; kind: string; held: number; cancelled: number; attendance: number | null; counted: number; expected: number | null }>`
		SELECT e.id, e.title, e.kind,
			count(*) FILTER (WHERE NOT o.cancelled AND o.starts_at < ${until}::timestamptz)::int AS held,
			count(*) FILTER (WHERE o.cancelled)::int AS cancelled,
			sum(coalesce(o.actual_attendance, e.actual_attendance)) FILTER (WHERE NOT o.cancelled AND o.starts_at < ${until}::timestamptz)::int AS attendance,
			count(coalesce(o.actual_attendance, e.actual_attendance)) FILTER (WHERE NOT o.cancelled AND o.starts_at < ${until}::timestamptz)::int AS counted,
			sum(e.expected_attendance) FILTER (WHERE NOT o.cancelled AND o.starts_at < ${until}::timestamptz)::int AS expected
		FROM events e JOIN event_occurrences o ON o.event_id = e.id
		WHERE e.tenant_id = ${s.tenant} AND ${inAreaTree('e.area_id', s.areaId, s.tenant)} AND ${ofActivity('e.activity_id', s)} AND e.status NOT IN ('cancelled', 'draft')
			AND o.starts_at >= ${s.from}::timestamptz AND o.starts_at < ${s.end}::timestamptz
		GROUP BY e.id, e.title, e.kind
		ORDER BY min(o.starts_at), e.title`.execute(db);
	const held = rows.filter((r) => int(r.held) > 0);
	const byKind = new Map<string, { kind: string; held: number; attendance: number }>();
	for (const r of held) {
		const k = byKind.get(r.kind) ?? { kind: r.kind, held: 0, attendance: 0 };
		k.held += int(r.held);
		k.attendance += int(r.attendance);
		byKind.set(r.kind, k);
	}
	return {
		events: held.length,
		held: held.reduce((a, r) => a + int(r.held), 0),
		cancelled: rows.reduce((a, r) => a + int(r.cancelled), 0),
		attendance: held.reduce((a, r) => a + int(r.attendance), 0),
		attendanceCounted: held.reduce((a, r) => a + int(r.counted), 0),
		expected: held.reduce((a, r) => a + int(r.expected), 0),
		byKind: [...byKind.values()].sort((a, b) => b.held - a.held || a.kind.localeCompare(b.kind)),
		list: held.slice(0, MAX_LISTED).map((r) => ({ id: r.id, title: r.title, kind: r.kind, held: int(r.held), attendance: int(r.counted) > 0 ? int(r.attendance) : null }))
	};
}

// ------------------------------------------------------------------ walks

async function walkFigures(db: Database, s: FigureScope): Promise<WalkFigures> {
	const until = s.end < s.now ? s.end : s.now;
	const rows = await db
		.selectFrom('walks as w')
		.select([
			'w.id',
			'w.title',
			'w.kind',
			'w.starts_at',
			'w.participant_count',
			sql<number>`(SELECT count(*)::int FROM findings f WHERE f.walk_id = w.id)`.as('findings')
		])
		.where('w.tenant_id', '=', s.tenant)
		.where(inAreaTree('w.area_id', s.areaId, s.tenant))
		.where(ofActivity('w.activity_id', s))
		.where(sql<boolean>`w.starts_at >= ${s.from}::timestamptz AND w.starts_at < ${until}::timestamptz`)
		.orderBy('w.starts_at')
		.execute();
	return {
		done: rows.length,
		safetyWalks: rows.filter((r) => r.kind === 'safety_walk').length,
		centreInspections: rows.filter((r) => r.kind === 'centre_inspection').length,
		participants: rows.reduce((a, r) => a + (r.participant_count ?? 0), 0),
		findings: rows.reduce((a, r) => a + int(r.findings), 0),
		list: rows.slice(0, MAX_LISTED).map((r) => ({
			id: r.id,
			title: r.title,
			kind: r.kind,
			startsAt: new Date(r.starts_at).toISOString(),
			participants: r.participant_count,
			findings: int(r.findings)
		}))
	};
}

// ------------------------------------------------------------------ surveys

/** The area's own survey figures up to the period's year, the last six years of each indicator. */
async function surveyFigures(db: Database, s: FigureScope): Promise<SurveyFigure[]> {
	const rows = await db
		.selectFrom('survey_indicators')
		.select(['indicator', 'label', 'unit', 'year', 'value', 'respondents', 'source'])
		.where('tenant_id', '=', s.tenant)
		.where('area_id', '=', s.areaId)
		.where('year', '<=', s.period.year)
		.where('year', '>', s.period.year - 6)
		.orderBy('indicator')
		.orderBy('year')
		.orderBy('source')
		.execute();
	return rows.map((r) => ({ indicator: r.indicator, label: r.label, unit: r.unit, year: r.year, value: r.value, respondents: r.respondents, source: r.source }));
}

// ------------------------------------------------------------------ incidents and coverage

/**
 * The request's context for a reader with a read role in the area (and the areas nested in
 * it) and nothing else, with or without incident access there: the figures such a reader
 * gets are the ones stored for later readers of that kind.
 */
export function readerContext(ctx: RequestContext, areaId: string, incidents: boolean): RequestContext {
	if (!ctx.actor) return ctx;
	return { ...ctx, actor: { ...ctx.actor, roles: [{ areaId, role: 'viewer', incidents }] } };
}

async function incidentTrend(db: Database, reader: RequestContext, s: FigureScope): Promise<IncidentTrend> {
	const months = monthRange(s.period.months[0]!, s.asOf.slice(0, 7));
	const previousTo = yearBefore(s.asOf);
	const previousFrom = yearBefore(s.period.from);
	const current = stockholmPeriod(s.period.from, s.asOf);
	const previous = stockholmPeriod(previousFrom, previousTo);
	const [now, before, firstMonth] = await Promise.all([
		timePatterns(db, reader, { area: s.areaId, from: current.from, to: current.to }),
		timePatterns(db, reader, { area: s.areaId, from: previous.from, to: previous.to }),
		dataFrom(db, s.tenant)
	]);
	const comparable = firstMonth !== null && firstMonth <= previousFrom.slice(0, 7);
	const values = (p: typeof now) => p.monthly?.map((m) => m.count) ?? null;
	// Each year is shown or withheld whole on its own; "withheld" only when neither is shown.
	const figures = now.figures === 'exact' ? 'exact' : now.figures === 'withheld' && before.figures === 'withheld' ? 'withheld' : 'aggregated';
	const currentTotal = now.total;
	const previousTotal = before.total;
	return {
		figures,
		months,
		previousMonths: monthRange(previousFrom.slice(0, 7), previousTo.slice(0, 7)),
		current: values(now),
		previous: values(before),
		currentTotal,
		previousTotal,
		change: comparable && currentTotal !== null && previousTotal !== null && previousTotal > 0 ? Math.round((currentTotal / previousTotal - 1) * 1000) / 1000 : null,
		dataFrom: firstMonth,
		suppressedBelow: now.suppressedBelow
	};
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

async function coverageFigures(db: Database, reader: RequestContext, s: FigureScope, exact: boolean): Promise<CoverageFigures> {
	let result;
	try {
		result = await areaCoverage(db, reader, s.areaId, { from: s.from, to: s.end });
	} catch (error) {
		if (error instanceof ApiError && (error.code === 'no_zones' || error.code === 'too_many_zones')) return { available: false, reason: error.code };
		throw error;
	}
	const zones = result.zones.map((z) => ({
		id: z.zoneId,
		name: z.name,
		weight: round3(z.weight),
		spatialCoverage: round3(z.spatialCoverage),
		timeCoverage: z.timeCoverage === null ? null : round3(z.timeCoverage),
		gapScore: z.gapScore === null ? null : round3(z.gapScore)
	}));
	const weight = zones.reduce((a, z) => a + z.weight, 0);
	const timed = zones.filter((z) => z.timeCoverage !== null);
	const timedWeight = timed.reduce((a, z) => a + z.weight, 0);
	return {
		available: true,
		figures: exact ? 'exact' : 'aggregated',
		spatialCoverage: weight > 0 ? round3(zones.reduce((a, z) => a + z.weight * z.spatialCoverage, 0) / weight) : 0,
		timeCoverage: timedWeight > 0 ? round3(timed.reduce((a, z) => a + z.weight * z.timeCoverage!, 0) / timedWeight) : null,
		zones
	};
}

// ------------------------------------------------------------------ together

async function plainFigures(db: Database, s: FigureScope) {
	const [findings, measures, events, walks, surveys] = await Promise.all([
		findingFigures(db, s),
		measureFigures(db, s),
		eventFigures(db, s),
		walkFigures(db, s),
		surveyFigures(db, s)
	]);
	return {
		period: { key: s.period.key, from: s.period.from, to: s.period.to, asOf: s.asOf },
		takenAt: s.now,
		findings,
		measures,
		events,
		walks,
		surveys
	};
}

/**
 * The figures as one reader gets them now (the draft a writer sees, a report without a saved
 * follow-up): incidents and coverage exact when `exact` (the reader has incident access in the
 * area), through the privacy grid otherwise. The caller has checked the reader may read the area.
 */
export async function figuresFor(db: Database, ctx: RequestContext, s: FigureScope, exact: boolean): Promise<FollowUpFigures> {
	const reader = readerContext(ctx, s.areaId, exact);
	const [plain, incidents, coverage] = await Promise.all([plainFigures(db, s), incidentTrend(db, reader, s), coverageFigures(db, reader, s, exact)]);
	return { ...plain, incidents, coverage };
}

/** The figures to keep with a saved follow-up: both readings of the incident-derived parts. */
export async function figuresToStore(db: Database, ctx: RequestContext, s: FigureScope): Promise<StoredFigures> {
	const exact = readerContext(ctx, s.areaId, true);
	const aggregated = readerContext(ctx, s.areaId, false);
	const plain = await plainFigures(db, s);
	// One after the other: each runs several statements and an analysis, and a save is rare.
	const incidents = { exact: await incidentTrend(db, exact, s), aggregated: await incidentTrend(db, aggregated, s) };
	const coverage = { exact: await coverageFigures(db, exact, s, true), aggregated: await coverageFigures(db, aggregated, s, false) };
	return { format: 1, ...plain, incidents, coverage };
}

/** A stored follow-up's figures for one reader: the exact reading only with incident access in the area. */
export function storedFiguresFor(stored: StoredFigures, exact: boolean): FollowUpFigures {
	const { format: _format, incidents, coverage, ...plain } = stored;
	return { ...plain, incidents: exact ? incidents.exact : incidents.aggregated, coverage: exact ? coverage.exact : coverage.aggregated };
}
