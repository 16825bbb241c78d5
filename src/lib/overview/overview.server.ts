/**
 * The area overview (./overview): read by everyone with a role in the area (partners too: it
 * is the shared picture; their finding lists hold what is routed to them, like everywhere).
 * Incident-derived parts (the trend, the zones' coverage) come from the follow-up figures for
 * the tertial `at` falls in, computed as this reader may see them: exact with incident access
 * in the area, through the privacy grid otherwise — the same code the follow-ups use.
 */
import { sql } from 'kysely';
import type { Database } from '$lib/server/db';
import type { RequestContext } from '$lib/server/api/context';
import { badRequest, forbidden, notFound, unauthenticated } from '$lib/server/api/errors';
import { inAreaTree, inSet, readableAreas } from '$lib/server/auth/scope.server';
import { exactFigureAreas, exactIn } from '$lib/incidents/privacy.server';
import { scopeOf, visibleTo } from '$lib/findings/visibility.server';
import { figureScope, figuresFor } from '$lib/followups/figures.server';
import { tertialOf } from '$lib/followups/period';
import { stockholmPeriod, stockholmToday } from '$lib/time/stockholm';
import { surveyIndicators } from '$lib/surveys/surveys.server';
import { walkSchedule } from '$lib/walks/schedule.server';
import type { Geometry } from '$lib/geometry/geojson';
import type { ReportMap } from '$lib/reports/report';
import { assembleMap, MAX_MAP_FEATURES, outlineAndZones } from '$lib/reports/map.server';
import { COMING_DAYS, DEFAULT_SINCE_DAYS, MAX_LISTED, type Overview, type OverviewFinding, type OverviewMeasure } from './overview';

const OPEN = ['new', 'assigned', 'in_progress'];

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const int = (v: unknown) => Number(v ?? 0);

/** The days and instants the overview counts over. */
export interface OverviewWindow {
	tenant: string;
	areaId: string;
	at: string;
	since: string;
	/** Start of `since`, and the end of `at` or now when sooner (ISO instants). */
	sinceStart: string;
	cutoff: string;
	/** The end of the coming-events window. */
	comingEnd: string;
}

/** A finding's status at an instant: the last history row before it (as the follow-up figures read it). */
const statusAt = (instant: string) => sql<string>`coalesce(
	(SELECT h.to_status FROM finding_status_history h WHERE h.finding_id = f.id AND h.changed_at < ${instant}::timestamptz
		ORDER BY h.changed_at DESC, h.id DESC LIMIT 1),
	CASE WHEN NOT EXISTS (SELECT 1 FROM finding_status_history h WHERE h.finding_id = f.id) THEN f.status END,
	'new')`;

/** A measure under way on day `d`: approved or ordered by then, not yet done or cancelled. */
const inProgressOn = (d: string) => sql<boolean>`(
	coalesce(m.approved_on, m.ordered_on, CASE WHEN m.status IN ('approved', 'ordered', 'done') THEN coalesce(m.proposed_on, m.created_at::date) END) <= ${d}::date
	AND (m.done_on IS NULL OR m.done_on > ${d}::date) AND (m.cancelled_on IS NULL OR m.cancelled_on > ${d}::date)
	AND m.status <> 'proposed' AND NOT (m.status = 'cancelled' AND m.cancelled_on IS NULL))`;

type FindingScope = Awaited<ReturnType<typeof scopeOf>>;

async function openFindings(db: Database, w: OverviewWindow, scope: FindingScope) {
	const base = db
		.selectFrom('findings as f')
		.where('f.tenant_id', '=', w.tenant)
		.where(inAreaTree('f.area_id', w.areaId, w.tenant))
		.where('f.created_at', '<', new Date(w.cutoff));
	const at = statusAt(w.cutoff);
	const [counts, list] = await Promise.all([
		db
			.selectFrom(base.select(['f.id', 'f.follow_up_on', at.as('status')]).as('x'))
			.select([
				sql<number>`count(*) FILTER (WHERE x.status IN ('new', 'assigned', 'in_progress'))::int`.as('open'),
				sql<number>`count(*) FILTER (WHERE x.status IN ('new', 'assigned', 'in_progress') AND x.follow_up_on < ${w.at}::date)::int`.as('overdue')
			])
			.executeTakeFirstOrThrow(),
		db
			.selectFrom(
				base
					.where(visibleTo(scope))
					.select(['f.id', 'f.description', 'f.category', 'f.severity', sql<string | null>`f.follow_up_on::text`.as('follow_up_on'), 'f.created_at', at.as('status')])
					.as('x')
			)
			.selectAll()
			.where('x.status', 'in', OPEN)
			// Overdue first (longest overdue first), then the most severe, newest.
			.orderBy(sql`(x.follow_up_on < ${w.at}::text) IS TRUE`, 'desc')
			.orderBy('x.follow_up_on', (ob) => ob.asc().nullsLast())
			.orderBy('x.severity', 'desc')
			.orderBy('x.created_at', 'desc')
			.limit(MAX_LISTED)
			.execute()
	]);
	return {
		open: int(counts.open),
		overdue: int(counts.overdue),
		list: list.map((r): OverviewFinding => ({
			id: r.id,
			description: r.description.slice(0, 140),
			category: r.category,
			severity: r.severity,
			status: r.status,
			followUpOn: r.follow_up_on,
			overdue: r.follow_up_on !== null && r.follow_up_on < w.at,
			createdAt: new Date(r.created_at).toISOString()
		}))
	};
}

function measureRow(r: { id: string; title: string; kind: string; status: string; started_on: string | null; done_on: string | null; cost_sek: number | null }): OverviewMeasure {
	return { id: r.id, title: r.title, kind: r.kind, status: r.status, startedOn: r.started_on, doneOn: r.done_on, costSek: r.cost_sek };
}

function selectMeasures(db: Database, w: OverviewWindow) {
	return db
		.selectFrom('measures as m')
		.select([
			'm.id', 'm.title', 'm.kind', 'm.status', 'm.cost_sek',
			sql<string | null>`coalesce(m.approved_on, m.ordered_on)::text`.as('started_on'),
			sql<string | null>`m.done_on::text`.as('done_on')
		])
		.where('m.tenant_id', '=', w.tenant)
		.where(inAreaTree('m.area_id', w.areaId, w.tenant));
}

async function measuresInProgress(db: Database, w: OverviewWindow) {
	const [count, list] = await Promise.all([
		db.selectFrom('measures as m').select(sql<number>`count(*)::int`.as('n')).where('m.tenant_id', '=', w.tenant).where(inAreaTree('m.area_id', w.areaId, w.tenant)).where(inProgressOn(w.at)).executeTakeFirstOrThrow(),
		selectMeasures(db, w).where(inProgressOn(w.at)).orderBy(sql`coalesce(m.approved_on, m.ordered_on)`).orderBy('m.title').limit(MAX_LISTED).execute()
	]);
	return { inProgress: int(count.n), list: list.map(measureRow) };
}

const liveOccasions = (w: OverviewWindow) => sql<boolean>`e.tenant_id = ${w.tenant} AND ${inAreaTree('e.area_id', w.areaId, w.tenant)}
	AND e.status NOT IN ('cancelled', 'draft') AND NOT o.cancelled`;

async function comingEvents(db: Database, w: OverviewWindow) {
	const { rows } = await sql<{ event_id: string; title: string; kind: string; starts_at: Date; ends_at: Date; total: number }>`
		SELECT o.event_id, e.title, e.kind, o.starts_at, o.ends_at, count(*) OVER ()::int AS total
		FROM event_occurrences o JOIN events e ON e.id = o.event_id
		WHERE ${liveOccasions(w)} AND o.starts_at >= ${w.cutoff}::timestamptz AND o.starts_at < ${w.comingEnd}::timestamptz
		ORDER BY o.starts_at, e.title
		LIMIT ${MAX_LISTED}`.execute(db);
	return {
		coming: rows.length ? int(rows[0]!.total) : 0,
		days: COMING_DAYS,
		list: rows.map((r) => ({ eventId: r.event_id, title: r.title, kind: r.kind, startsAt: new Date(r.starts_at).toISOString(), endsAt: new Date(r.ends_at).toISOString() }))
	};
}

async function changesSince(db: Database, w: OverviewWindow, scope: FindingScope) {
	const [findings, resolved, done, held, newList, doneList] = await Promise.all([
		db.selectFrom('findings as f').select(sql<number>`count(*)::int`.as('n'))
			.where('f.tenant_id', '=', w.tenant).where(inAreaTree('f.area_id', w.areaId, w.tenant))
			.where('f.created_at', '>=', new Date(w.sinceStart)).where('f.created_at', '<', new Date(w.cutoff)).executeTakeFirstOrThrow(),
		sql<{ n: number }>`SELECT count(DISTINCT h.finding_id)::int AS n FROM finding_status_history h JOIN findings f ON f.id = h.finding_id
			WHERE f.tenant_id = ${w.tenant} AND ${inAreaTree('f.area_id', w.areaId, w.tenant)} AND h.to_status = 'resolved'
				AND h.changed_at >= ${w.sinceStart}::timestamptz AND h.changed_at < ${w.cutoff}::timestamptz`.execute(db),
		db.selectFrom('measures as m').select(sql<number>`count(*)::int`.as('n'))
			.where('m.tenant_id', '=', w.tenant).where(inAreaTree('m.area_id', w.areaId, w.tenant)).where('m.status', '=', 'done')
			.where(sql<boolean>`m.done_on BETWEEN ${w.since}::date AND ${w.at}::date`).executeTakeFirstOrThrow(),
		sql<{ n: number; attendance: number | null }>`SELECT count(*)::int AS n, sum(coalesce(o.actual_attendance, e.actual_attendance))::int AS attendance
			FROM event_occurrences o JOIN events e ON e.id = o.event_id
			WHERE ${liveOccasions(w)} AND o.starts_at >= ${w.sinceStart}::timestamptz AND o.starts_at < ${w.cutoff}::timestamptz`.execute(db),
		db.selectFrom('findings as f')
			.select(['f.id', 'f.description', 'f.category', 'f.severity', 'f.status', sql<string | null>`f.follow_up_on::text`.as('follow_up_on'), 'f.created_at'])
			.where('f.tenant_id', '=', w.tenant).where(inAreaTree('f.area_id', w.areaId, w.tenant)).where(visibleTo(scope))
			.where('f.created_at', '>=', new Date(w.sinceStart)).where('f.created_at', '<', new Date(w.cutoff))
			.orderBy('f.created_at', 'desc').limit(MAX_LISTED).execute(),
		selectMeasures(db, w).where('m.status', '=', 'done').where(sql<boolean>`m.done_on BETWEEN ${w.since}::date AND ${w.at}::date`)
			.orderBy('m.done_on', 'desc').orderBy('m.title').limit(MAX_LISTED).execute()
	]);
	return {
		newFindings: int(findings.n),
		resolvedFindings: int(resolved.rows[0]?.n),
		measuresDone: int(done.n),
		eventsHeld: int(held.rows[0]?.n),
		attendance: int(held.rows[0]?.attendance),
		newFindingList: newList.map((r): OverviewFinding => ({
			id: r.id,
			description: r.description.slice(0, 140),
			category: r.category,
			severity: r.severity,
			// The status now: what became of it since.
			status: r.status,
			followUpOn: r.follow_up_on,
			overdue: r.follow_up_on !== null && r.follow_up_on < w.at && OPEN.includes(r.status),
			createdAt: new Date(r.created_at).toISOString()
		})),
		measuresDoneList: doneList.map(measureRow)
	};
}

/** The map: the area, its open findings (as the reader may see them), measures under way or done since, coming events, zones with coverage. */
async function mapOf(db: Database, w: OverviewWindow, area: { id: string; name: string }, scope: FindingScope, coverage: Overview['coverage']): Promise<ReportMap> {
	const [parts, findings, measures, events] = await Promise.all([
		outlineAndZones(db, w.tenant, area.id),
		db
			.selectFrom('findings as f')
			.select(['f.id', 'f.category', 'f.severity', statusAt(w.cutoff).as('status'), sql<Geometry>`ST_AsGeoJSON(f.geom, 6)::json`.as('geometry')])
			.where('f.tenant_id', '=', w.tenant)
			.where(inAreaTree('f.area_id', area.id, w.tenant))
			.where(visibleTo(scope))
			.where('f.created_at', '<', new Date(w.cutoff))
			.where(sql<boolean>`${statusAt(w.cutoff)} IN ('new', 'assigned', 'in_progress')`)
			.limit(MAX_MAP_FEATURES)
			.execute(),
		db
			.selectFrom('measures as m')
			.select(['m.id', 'm.title', 'm.kind', 'm.status', sql<boolean>`m.status = 'done' AND m.done_on BETWEEN ${w.since}::date AND ${w.at}::date`.as('done'), sql<Geometry>`ST_AsGeoJSON(m.geom, 6)::json`.as('geometry')])
			.where('m.tenant_id', '=', w.tenant)
			.where(inAreaTree('m.area_id', area.id, w.tenant))
			.where((eb) => eb.or([inProgressOn(w.at), eb.and([eb('m.status', '=', 'done'), sql<boolean>`m.done_on BETWEEN ${w.since}::date AND ${w.at}::date`])]))
			.orderBy('m.title')
			.limit(MAX_MAP_FEATURES)
			.execute(),
		db
			.selectFrom('events as e')
			.select(['e.id', 'e.title', 'e.kind', sql<Geometry>`ST_AsGeoJSON(e.geom, 6)::json`.as('geometry')])
			.where('e.tenant_id', '=', w.tenant)
			.where(inAreaTree('e.area_id', area.id, w.tenant))
			.where('e.status', 'not in', ['cancelled', 'draft'])
			.where(sql<boolean>`EXISTS (SELECT 1 FROM event_occurrences o WHERE o.event_id = e.id AND NOT o.cancelled
				AND o.starts_at >= ${w.cutoff}::timestamptz AND o.starts_at < ${w.comingEnd}::timestamptz)`)
			.orderBy('e.title')
			.limit(MAX_MAP_FEATURES)
			.execute()
	]);
	return assembleMap({ area, parts, findings, measures, events, coverage });
}

/** The area's last follow-up saved before the end of `at`: its save day is the default `since`. */
async function lastFollowUp(db: Database, tenant: string, areaId: string, cutoff: string) {
	const row = await db
		.selectFrom('follow_ups')
		.select(['id', 'year', 'tertial', sql<Date>`coalesce(submitted_at, updated_at)`.as('saved_at')])
		.where('tenant_id', '=', tenant)
		.where('area_id', '=', areaId)
		.where(sql<boolean>`coalesce(submitted_at, updated_at) < ${cutoff}::timestamptz`)
		.orderBy(sql`coalesce(submitted_at, updated_at)`, 'desc')
		.limit(1)
		.executeTakeFirst();
	if (!row) return null;
	return { id: row.id, period: row.tertial === null ? String(row.year) : `${row.year}-T${row.tertial}`, savedOn: stockholmToday(new Date(row.saved_at).getTime()) };
}

export interface OverviewQuery {
	at?: string;
	since?: string;
}

/** The overview of an area for this reader: 404 unknown, 403 not theirs, 400 for days that do not fit. */
export async function areaOverview(db: Database, ctx: RequestContext, areaId: string, q: OverviewQuery, now = Date.now()): Promise<Overview> {
	if (!ctx.actor) throw unauthenticated();
	const area = await db
		.selectFrom('areas as a')
		.leftJoin('areas as p', 'p.id', 'a.parent_id')
		.select(['a.id', 'a.name', 'p.name as parent_name'])
		.where('a.tenant_id', '=', ctx.tenant)
		.where('a.id', '=', areaId)
		.executeTakeFirst();
	if (!area) throw notFound('area');
	if (!inSet(await readableAreas(db, ctx.tenant, ctx.actor), area.id)) throw forbidden('not_your_area', { entity: 'area' });

	const today = stockholmToday(now);
	const at = q.at ?? today;
	if (at > today) throw badRequest('date_in_future', 'The overview is read at a day that has come (today or before).', { field: 'at', today });
	const atEnd = stockholmPeriod(at, at).to;
	const cutoff = Date.parse(atEnd) < now ? atEnd : new Date(now).toISOString();
	const last = await lastFollowUp(db, ctx.tenant, area.id, cutoff);
	const since = q.since ?? (last && last.savedOn <= at ? last.savedOn : addDays(at, -DEFAULT_SINCE_DAYS));
	if (since > at) throw badRequest('since_after_at', 'The day to compare with must come before the day the overview is read at.', { field: 'since', at });
	const w: OverviewWindow = {
		tenant: ctx.tenant,
		areaId: area.id,
		at,
		since,
		sinceStart: stockholmPeriod(since, since).from,
		cutoff,
		comingEnd: stockholmPeriod(addDays(at, COMING_DAYS), addDays(at, COMING_DAYS)).from
	};
	const period = tertialOf(at);
	// The follow-up figures of the tertial up to `at`: "now" is the moment the overview is read at.
	const scope = figureScope(ctx.tenant, area.id, period, Math.min(now, Date.parse(atEnd) - 1));
	const exact = exactIn(await exactFigureAreas(db, ctx), area.id);
	const findingScope = await scopeOf(db, ctx);
	const [figures, findings, measures, events, changes, surveys, walks] = await Promise.all([
		figuresFor(db, ctx, scope, exact),
		openFindings(db, w, findingScope),
		measuresInProgress(db, w),
		comingEvents(db, w),
		changesSince(db, w, findingScope),
		surveyIndicators(db, ctx, area.id),
		walkSchedule(db, ctx, area.id, Number(at.slice(0, 4)), at, now)
	]);
	const map = await mapOf(db, w, area, findingScope, figures.coverage);
	return {
		area: { id: area.id, name: area.name, parentName: area.parent_name },
		at,
		since,
		sinceFrom: q.since ? 'query' : last && last.savedOn <= at ? 'follow_up' : 'default',
		lastFollowUp: last,
		period: { key: period.key, from: period.from, to: period.to },
		findings,
		measures,
		events,
		changes,
		incidents: figures.incidents,
		coverage: figures.coverage,
		surveys,
		walks,
		map,
		generatedAt: new Date(now).toISOString()
	};
}

