/**
 * Follow-ups: read by everyone who reads the area (partners too: the steering group's report
 * is shared), written by its coordinators and admins (assertMayWrite with MANAGE_ROLES), one
 * per area, programme (or none) and period.
 *
 * The figures are drafted from the data when the follow-up is saved and kept as they were
 * (`refreshFigures` drafts them again while it is a draft); submitted, nothing changes any
 * more. The incident-derived parts are kept in both readings (./figures.server): a reader
 * with incident access in the area gets the exact one, everyone else the privacy grid's —
 * decided when it is read, by the reader's access then, never by the writer's.
 */
import { sql, type Transaction } from 'kysely';
import type { Database, DB, Db } from '$lib/server/db';
import type { RequestContext } from '$lib/server/api/context';
import { ApiError, badRequest, forbidden, notFound, unauthenticated } from '$lib/server/api/errors';
import { assertMayWrite } from '$lib/server/auth/write-scope.server';
import { inAreaSet, inSet, MANAGE_ROLES, readableAreas } from '$lib/server/auth/scope.server';
import { recordAudit } from '$lib/server/audit';
import { deleteVersioned, updateVersioned } from '$lib/server/db/versioned';
import { exactFigureAreas, exactIn } from '$lib/incidents/privacy.server';
import { fieldIssue } from '$lib/api/issues';
import { figureScope, figuresFor, figuresToStore, storedFiguresFor } from './figures.server';
import { planGoals, programmesIn } from './plan-reads.server';
import { periodOf, type ReportPeriod } from './period';
import type { MultiPolygon } from '$lib/geometry/geojson';
import type {
	FollowUp,
	FollowUpCreateInput,
	FollowUpDraft,
	FollowUpPatchInput,
	FollowUpStatus,
	GoalAssessment,
	GoalVerdict,
	PlanGoal,
	StoredFigures
} from './followup';

/** The area, 404 when unknown, 403 when the actor does not read it. */
async function readableArea(db: Db, ctx: RequestContext, areaId: string) {
	if (!ctx.actor) throw unauthenticated();
	const area = await db.selectFrom('areas').select(['id', 'name']).where('id', '=', areaId).where('tenant_id', '=', ctx.tenant).executeTakeFirst();
	if (!area) throw notFound('area');
	if (!inSet(await readableAreas(db as Database, ctx.tenant, ctx.actor), area.id)) throw forbidden('not_your_area', { entity: 'area' });
	return area;
}

/** The programme must run in the area (for it, for an area containing it or one nested in it) in the period. */
async function checkedProgramme(db: Db, ctx: RequestContext, areaId: string, period: ReportPeriod, programmeId: string | null) {
	if (!programmeId) return null;
	const [programme] = await programmesIn(db, ctx.tenant, areaId, period, programmeId);
	if (!programme) {
		const known = await db.selectFrom('programmes').select('id').where('id', '=', programmeId).where('tenant_id', '=', ctx.tenant).executeTakeFirst();
		if (!known) throw badRequest('unknown_reference', 'The programme does not exist.', { field: 'programmeId', entity: 'programme' });
		throw badRequest('programme_not_in_area', `The programme does not run in this area in ${period.key}.`, { field: 'programmeId', period: period.key });
	}
	return programme;
}

/**
 * The activity of a follow-up: of the programme (named, or taken from the activity), and the
 * area's — its own area the follow-up's, one containing it or one nested in it, or none (all
 * the programme's areas). Returns the programme the follow-up is then about.
 */
async function checkedActivity(db: Db, ctx: RequestContext, areaId: string, programmeId: string | null, activityId: string | null): Promise<string | null> {
	if (!activityId) return programmeId;
	const activity = await db
		.selectFrom('programme_activities')
		.select(['programme_id', 'area_id'])
		.where('tenant_id', '=', ctx.tenant)
		.where('id', '=', activityId)
		.executeTakeFirst();
	if (!activity) throw badRequest('unknown_reference', 'The activity does not exist.', { field: 'activityId', entity: 'activity' });
	if (programmeId && activity.programme_id !== programmeId) throw badRequest('not_in_programme', 'The activity does not belong to the programme.', { field: 'activityId', entity: 'activity' });
	if (activity.area_id) {
		const { rows } = await sql<{ related: boolean }>`
			WITH RECURSIVE up AS (
				SELECT id, parent_id, 0 AS depth FROM areas WHERE tenant_id = ${ctx.tenant} AND id = ${areaId}
				UNION ALL SELECT a.id, a.parent_id, up.depth + 1 FROM areas a JOIN up ON a.id = up.parent_id WHERE a.tenant_id = ${ctx.tenant} AND up.depth < 20),
			down AS (
				SELECT id, parent_id, 0 AS depth FROM areas WHERE tenant_id = ${ctx.tenant} AND id = ${activity.area_id}
				UNION ALL SELECT a.id, a.parent_id, down.depth + 1 FROM areas a JOIN down ON a.id = down.parent_id WHERE a.tenant_id = ${ctx.tenant} AND down.depth < 20)
			SELECT ${activity.area_id}::uuid IN (SELECT id FROM up) OR ${areaId}::uuid IN (SELECT id FROM down) AS related`.execute(db);
		if (!rows[0]?.related) throw badRequest('activity_other_area', 'The activity belongs to another area.', { field: 'activityId', entity: 'activity' });
	}
	return activity.programme_id;
}

/** The figures as the data gives them now, with the goals to assess: nothing is saved. */
export async function draftFollowUp(
	db: Database,
	ctx: RequestContext,
	q: { area: string; programme: string | null; activity?: string | null; period: ReportPeriod },
	now = Date.now()
): Promise<FollowUpDraft> {
	const area = await readableArea(db, ctx, q.area);
	const activityId = q.activity ?? null;
	q = { ...q, programme: await checkedActivity(db, ctx, area.id, q.programme, activityId) };
	await checkedProgramme(db, ctx, area.id, q.period, q.programme);
	const scope = figureScope(ctx.tenant, area.id, q.period, now, activityId);
	const exact = exactIn(await exactFigureAreas(db, ctx), area.id);
	const [figures, goals, saved] = await Promise.all([
		figuresFor(db, ctx, scope, exact),
		planGoals(db, ctx.tenant, area.id, q.period, q.programme),
		savedFor(db, ctx.tenant, area.id, q.programme, q.period, activityId)
	]);
	return {
		areaId: area.id,
		areaName: area.name,
		programmeId: q.programme,
		activityId,
		period: { key: q.period.key, year: q.period.year, tertial: q.period.tertial },
		figures,
		goals,
		savedId: saved?.id ?? null
	};
}

async function savedFor(db: Db, tenant: string, areaId: string, programmeId: string | null, period: ReportPeriod, activityId: string | null = null) {
	let query = db
		.selectFrom('follow_ups')
		.select(['id', 'version'])
		.where('tenant_id', '=', tenant)
		.where('area_id', '=', areaId)
		.where('year', '=', period.year)
		.where(period.tertial === null ? sql<boolean>`tertial IS NULL` : sql<boolean>`tertial = ${period.tertial}`);
	query = programmeId ? query.where('programme_id', '=', programmeId) : query.where('programme_id', 'is', null);
	query = activityId ? query.where('activity_id', '=', activityId) : query.where('activity_id', 'is', null);
	return query.executeTakeFirst();
}

// ------------------------------------------------------------------ reading

function selectFollowUps(db: Db, tenant: string) {
	return db
		.selectFrom('follow_ups as u')
		.innerJoin('areas as a', 'a.id', 'u.area_id')
		.leftJoin('programmes as p', 'p.id', 'u.programme_id')
		.leftJoin('programme_activities as v', (j) => j.onRef('v.tenant_id', '=', 'u.tenant_id').onRef('v.id', '=', 'u.activity_id'))
		.leftJoin('users as w', 'w.id', 'u.created_by')
		.select([
			'u.id', 'u.area_id', 'a.name as area_name', 'u.programme_id', 'p.name as programme_name', 'u.activity_id', 'v.name as activity_name', 'u.year', 'u.tertial', 'u.status',
			'u.goal_reached', 'u.summary', 'u.activities', 'u.figures', 'w.display_name as written_by', 'u.submitted_at',
			'u.created_at', 'u.updated_at', 'u.version'
		])
		.where('u.tenant_id', '=', tenant);
}
type FollowUpRow = Awaited<ReturnType<ReturnType<typeof selectFollowUps>['executeTakeFirstOrThrow']>>;

async function goalsOf(db: Db, ids: string[]): Promise<Map<string, GoalAssessment[]>> {
	const out = new Map<string, GoalAssessment[]>(ids.map((id) => [id, []]));
	if (ids.length === 0) return out;
	const rows = await db
		.selectFrom('follow_up_goals')
		.select(['follow_up_id', 'goal_id', 'goal', 'reached', 'comment'])
		.where('follow_up_id', 'in', ids)
		.orderBy('follow_up_id')
		.orderBy('sort')
		.execute();
	for (const r of rows) out.get(r.follow_up_id)!.push({ goalId: r.goal_id, goal: r.goal, reached: r.reached as GoalVerdict | null, comment: r.comment });
	return out;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

function toFollowUp(r: FollowUpRow, goals: GoalAssessment[], exact: boolean): FollowUp {
	const period = periodOf(r.year, r.tertial);
	return {
		id: r.id,
		areaId: r.area_id,
		areaName: r.area_name,
		programmeId: r.programme_id,
		programmeName: r.programme_name,
		activityId: r.activity_id,
		activityName: r.activity_name,
		period: { key: period.key, year: period.year, tertial: period.tertial },
		status: r.status as FollowUpStatus,
		goalReached: r.goal_reached as GoalVerdict | null,
		summary: r.summary,
		activities: r.activities,
		goals,
		figures: storedFiguresFor(r.figures as unknown as StoredFigures, exact),
		writtenBy: r.written_by,
		submittedAt: iso(r.submitted_at),
		createdAt: iso(r.created_at)!,
		updatedAt: iso(r.updated_at)!,
		version: r.version
	};
}

/** One follow-up as this reader gets it (404 when unknown or another tenant's, 403 outside the reader's areas). */
export async function getFollowUp(db: Db, ctx: RequestContext, id: string): Promise<FollowUp> {
	if (!ctx.actor) throw unauthenticated();
	const row = await selectFollowUps(db, ctx.tenant).where('u.id', '=', id).executeTakeFirst();
	if (!row) throw notFound('follow_up');
	if (!inSet(await readableAreas(db as Database, ctx.tenant, ctx.actor), row.area_id)) throw forbidden('not_your_area', { entity: 'follow_up' });
	const goals = await goalsOf(db, [row.id]);
	return toFollowUp(row, goals.get(row.id)!, exactIn(await exactFigureAreas(db, ctx), row.area_id));
}

export interface FollowUpListFilter {
	area?: string;
	programme?: string;
	year?: number;
}

/** The follow-ups of the reader's areas, newest period first, without their figures (a list, not the documents). */
export async function listFollowUps(db: Database, ctx: RequestContext, filter: FollowUpListFilter) {
	if (!ctx.actor) throw unauthenticated();
	const scope = await readableAreas(db, ctx.tenant, ctx.actor);
	let query = db
		.selectFrom('follow_ups as u')
		.innerJoin('areas as a', 'a.id', 'u.area_id')
		.leftJoin('programmes as p', 'p.id', 'u.programme_id')
		.leftJoin('programme_activities as v', (j) => j.onRef('v.tenant_id', '=', 'u.tenant_id').onRef('v.id', '=', 'u.activity_id'))
		.select(['u.id', 'u.area_id', 'a.name as area_name', 'u.programme_id', 'p.name as programme_name', 'u.activity_id', 'v.name as activity_name', 'u.year', 'u.tertial', 'u.status', 'u.goal_reached', 'u.updated_at', 'u.version'])
		.where('u.tenant_id', '=', ctx.tenant)
		.where(inAreaSet('u.area_id', scope));
	if (filter.area) query = query.where('u.area_id', '=', filter.area);
	if (filter.programme) query = query.where('u.programme_id', '=', filter.programme);
	if (filter.year) query = query.where('u.year', '=', filter.year);
	const rows = await query
		.orderBy('u.year', 'desc')
		.orderBy(sql`coalesce(u.tertial, 4)`, 'desc')
		.orderBy('a.name')
		.limit(500)
		.execute();
	return rows.map((r) => {
		const period = periodOf(r.year, r.tertial);
		return {
			id: r.id,
			areaId: r.area_id,
			areaName: r.area_name,
			programmeId: r.programme_id,
			programmeName: r.programme_name,
			activityId: r.activity_id,
			activityName: r.activity_name,
			period: { key: period.key, year: period.year, tertial: period.tertial },
			status: r.status as FollowUpStatus,
			goalReached: r.goal_reached as GoalVerdict | null,
			updatedAt: iso(r.updated_at)!,
			version: r.version
		};
	});
}

/**
 * The follow-ups of the reader's areas as features on their area's outline, each with its kept
 * figures in the version the privacy rule gives this reader: the export layer (GeoJSON, CSV,
 * GeoPackage) with the list's filters. At most 500, as the list.
 */
export async function followUpFeatures(db: Database, ctx: RequestContext, filter: FollowUpListFilter) {
	if (!ctx.actor) throw unauthenticated();
	const scope = await readableAreas(db, ctx.tenant, ctx.actor);
	let query = selectFollowUps(db, ctx.tenant)
		.select(sql<string>`ST_AsGeoJSON(a.geom, 7)`.as('geometry'))
		.where(inAreaSet('u.area_id', scope));
	if (filter.area) query = query.where('u.area_id', '=', filter.area);
	if (filter.programme) query = query.where('u.programme_id', '=', filter.programme);
	if (filter.year) query = query.where('u.year', '=', filter.year);
	const rows = await query.orderBy('u.year', 'desc').orderBy(sql`coalesce(u.tertial, 4)`, 'desc').orderBy('a.name').limit(500).execute();
	const exact = await exactFigureAreas(db, ctx);
	const goals = await goalsOf(db, rows.map((r) => r.id));
	return {
		type: 'FeatureCollection' as const,
		features: rows.map((r) => ({
			id: r.id,
			geometry: JSON.parse(r.geometry) as MultiPolygon,
			properties: toFollowUp(r, goals.get(r.id)!, exactIn(exact, r.area_id))
		}))
	};
}

// ------------------------------------------------------------------ writing

/**
 * The goals as they are stored: a plan goal's text from the plan (it must be a goal of the
 * follow-up's programmes), a goal of the follow-up's own as written. Without `input`, every
 * plan goal, not yet assessed.
 */
function resolveGoals(input: FollowUpCreateInput['goals'], plan: PlanGoal[]): GoalAssessment[] {
	if (!input) return plan.map((g) => ({ goalId: g.id, goal: g.description, reached: null, comment: '' }));
	const issues = input.flatMap((g, i) => (g.goalId && !plan.some((p) => p.id === g.goalId) ? [fieldIssue(`goals.${i}.goalId`, 'unknown_goal')] : []));
	if (issues.length) throw badRequest('validation_failed', 'Some goals are not goals of this area’s plan for the period.', issues);
	return input.map((g) => ({
		goalId: g.goalId,
		goal: g.goalId ? plan.find((p) => p.id === g.goalId)!.description : g.goal!,
		reached: g.reached,
		comment: g.comment
	}));
}

async function writeGoals(trx: Transaction<DB>, tenant: string, followUpId: string, goals: GoalAssessment[]) {
	await trx.deleteFrom('follow_up_goals').where('follow_up_id', '=', followUpId).execute();
	if (goals.length)
		await trx
			.insertInto('follow_up_goals')
			.values(goals.map((g, sort) => ({ tenant_id: tenant, follow_up_id: followUpId, goal_id: g.goalId, goal: g.goal, reached: g.reached, comment: g.comment, sort })))
			.execute();
}

const figuresJson = (figures: StoredFigures) => JSON.stringify(figures);

/**
 * Saves a follow-up with its figures drafted from the data now. The figures are worked out
 * before the transaction (seconds for an area with many zones), the write is checked first.
 */
export async function createFollowUp(db: Database, ctx: RequestContext, input: FollowUpCreateInput, now = Date.now()): Promise<FollowUp> {
	const period = input.period;
	const actor = await assertMayWrite(db, ctx, {
		areaId: input.areaId,
		roles: MANAGE_ROLES,
		references: input.programmeId ? [{ field: 'programmeId', kind: 'programme', ids: [input.programmeId] }] : []
	});
	const activityId = input.activityId;
	input = { ...input, programmeId: await checkedActivity(db, ctx, input.areaId, input.programmeId, activityId) };
	await checkedProgramme(db, ctx, input.areaId, period, input.programmeId);
	const existing = await savedFor(db, ctx.tenant, input.areaId, input.programmeId, period, activityId);
	if (existing) throw followUpExists(existing.id);
	const goals = resolveGoals(input.goals, await planGoals(db, ctx.tenant, input.areaId, period, input.programmeId));
	const scope = figureScope(ctx.tenant, input.areaId, period, now, activityId);
	const figures = await figuresToStore(db, ctx, scope);
	const id = await db.transaction().execute(async (trx) => {
		// Another writer may have saved the same one while the figures were drafted.
		const raced = await savedFor(trx, ctx.tenant, input.areaId, input.programmeId, period, activityId);
		if (raced) throw followUpExists(raced.id);
		const { id } = await trx
			.insertInto('follow_ups')
			.values({
				tenant_id: ctx.tenant,
				area_id: input.areaId,
				programme_id: input.programmeId,
				activity_id: activityId,
				year: period.year,
				tertial: period.tertial,
				goal_reached: input.goalReached,
				summary: input.summary,
				activities: input.activities,
				figures: figuresJson(figures),
				figures_taken_at: figures.takenAt,
				status: input.submit ? 'submitted' : 'draft',
				submitted_at: input.submit ? new Date(now).toISOString() : null,
				created_by: actor.id,
				updated_by: actor.id
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await writeGoals(trx, ctx.tenant, id, goals);
		await recordAudit(trx, {
			tenant: ctx.tenant,
			actor,
			action: 'create',
			entity: 'follow_up',
			entityId: id,
			after: { ...input, period: period.key, goals, figuresTakenAt: figures.takenAt },
			requestId: ctx.requestId
		});
		return id;
	});
	return getFollowUp(db, ctx, id);
}

const followUpExists = (id: string) =>
	new ApiError(409, 'follow_up_exists', 'A follow-up for this area, programme and period is already saved; change that one.', { id, entity: 'follow_up' });

const followUpSubmitted = () => new ApiError(409, 'follow_up_submitted', 'The follow-up has been submitted; its figures and texts are final.', { entity: 'follow_up' });

/** The stored row the write acts on, with the permission to write it. */
async function writable(db: Db, ctx: RequestContext, id: string) {
	if (!ctx.actor) throw unauthenticated();
	const row = await db
		.selectFrom('follow_ups')
		.select(['id', 'area_id', 'programme_id', 'activity_id', 'year', 'tertial', 'status', 'version'])
		.where('id', '=', id)
		.where('tenant_id', '=', ctx.tenant)
		.executeTakeFirst();
	if (!row) throw notFound('follow_up');
	await assertMayWrite(db, ctx, { areaId: row.area_id, roles: MANAGE_ROLES });
	return row;
}

/**
 * Changes the texts and assessments of a draft, drafts its figures again on request
 * (`refreshFigures`), or submits it. A submitted follow-up does not change (409).
 */
export async function updateFollowUp(db: Database, ctx: RequestContext, id: string, patch: FollowUpPatchInput, now = Date.now()): Promise<FollowUp> {
	const row = await writable(db, ctx, id);
	if (row.status === 'submitted') throw followUpSubmitted();
	const period = periodOf(row.year, row.tertial);
	const goals = patch.goals ? resolveGoals(patch.goals, await planGoals(db, ctx.tenant, row.area_id, period, row.programme_id)) : null;
	const figures = patch.refreshFigures ? await figuresToStore(db, ctx, figureScope(ctx.tenant, row.area_id, period, now, row.activity_id)) : null;
	await db.transaction().execute(async (trx) => {
		const before = await getFollowUp(trx, ctx, id);
		await updateVersioned(trx, ctx, {
			table: 'follow_ups',
			entity: 'follow_up',
			what: 'follow_up',
			id,
			version: patch.version,
			set: {
				...(patch.goalReached !== undefined && { goal_reached: patch.goalReached }),
				...(patch.summary !== undefined && { summary: patch.summary }),
				...(patch.activities !== undefined && { activities: patch.activities }),
				...(figures && { figures: figuresJson(figures), figures_taken_at: figures.takenAt }),
				...(patch.status === 'submitted' && { status: 'submitted', submitted_at: new Date(now).toISOString() }),
				updated_by: ctx.actor!.id
			},
			// The audit keeps the texts and verdicts; the figures are in the row itself.
			before: { ...before, figures: undefined },
			after: async () => {
				if (goals) await writeGoals(trx, ctx.tenant, id, goals);
				return getFollowUp(trx, ctx, id);
			},
			audited: (after) => ({ ...after, figures: undefined, figuresRefreshed: !!figures })
		});
	});
	return getFollowUp(db, ctx, id);
}

/** Deletes a draft; a submitted follow-up stays (409). */
export async function deleteFollowUp(db: Database, ctx: RequestContext, id: string, version?: number): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const row = await writable(trx, ctx, id);
		if (row.status === 'submitted') throw followUpSubmitted();
		const before = await getFollowUp(trx, ctx, id);
		await deleteVersioned(trx, ctx, { table: 'follow_ups', entity: 'follow_up', what: 'follow_up', id, version: version ?? row.version, before: { ...before, figures: undefined } });
	});
}
