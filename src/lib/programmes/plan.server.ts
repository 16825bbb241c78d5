/**
 * A programme's plan: read by everyone who reads the programme (a role in one of its areas,
 * partners too), written by coordinators and admins of every one of its areas — the same
 * rule as the programme itself (`managedProgramme`). Each part (goal, theme, activity,
 * party, member, risk, status report, change request) is created, changed with its version
 * (409 when stale) and deleted through the one versioned write path, with an audit row.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Db, DB } from '$lib/server/db';
import type { RequestContext } from '$lib/server/api/context';
import { ApiError, badRequest, forbidden, notFound, unauthenticated, type Entity } from '$lib/server/api/errors';
import type { Database } from '$lib/server/db';
import { inSet, readableAreas } from '$lib/server/auth/scope.server';
import { fieldIssue } from '$lib/api/issues';
import { recordAudit } from '$lib/server/audit';
import { deleteVersioned, updateVersioned, type VersionedTable } from '$lib/server/db/versioned';
import { stockholmToday } from '$lib/time/stockholm';
import { getProgramme, managedProgramme, mayManageProgramme } from './programmes.server';
import {
	monthAfter,
	targetIssue,
	type Plan,
	type PlanActivity,
	type PlanChangeRequest,
	type PlanGoal,
	type PlanKind,
	type PlanMember,
	type PlanPart,
	type PlanParty,
	type PlanRisk,
	type PlanStatusReport,
	type PlanTheme,
	type RiskReviewInput
} from './plan';

type PartTable = Extract<VersionedTable, 'programme_goals' | 'programme_themes' | 'programme_activities' | 'activity_parties' | 'steering_group_members' | 'risks' | 'status_reports' | 'change_requests'>;

const PARTS: Record<PlanPart, { table: PartTable; entity: Entity }> = {
	goals: { table: 'programme_goals', entity: 'goal' },
	themes: { table: 'programme_themes', entity: 'theme' },
	activities: { table: 'programme_activities', entity: 'activity' },
	parties: { table: 'activity_parties', entity: 'party' },
	members: { table: 'steering_group_members', entity: 'member' },
	risks: { table: 'risks', entity: 'risk' },
	'status-reports': { table: 'status_reports', entity: 'status_report' },
	'change-requests': { table: 'change_requests', entity: 'change_request' }
};

/** Input field → column: camelCase to snake_case, and the member's group (a reserved word in SQL). */
const column = (field: string) => (field === 'group' ? 'group_kind' : field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
const fieldOf = (col: string) => (col === 'group_kind' ? 'group' : col.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()));
const HIDDEN = new Set(['tenant_id', 'created_by', 'updated_by', 'created_at', 'updated_at', 'programme_id']);

function toPart<T>(row: Record<string, unknown>): T {
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(row)) {
		if (HIDDEN.has(key)) continue;
		out[fieldOf(key)] = value instanceof Date ? value.toISOString() : value;
	}
	return out as T;
}

function columnsOf(input: Record<string, unknown>, skip: readonly string[] = ['version']): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(input)) if (value !== undefined && !skip.includes(key)) out[column(key)] = value;
	return out;
}

const any = (db: Db) => db as unknown as Kysely<any>;

// ------------------------------------------------------------------ reading

async function partRows(db: Db, tenant: string, table: PartTable, programmeId: string, order: string[]) {
	let query = any(db).selectFrom(table).selectAll().where('tenant_id', '=', tenant).where('programme_id', '=', programmeId);
	for (const o of order) query = query.orderBy(o);
	return (await query.orderBy('created_at').orderBy('id').execute()) as Record<string, unknown>[];
}

async function partiesOf(db: Db, tenant: string, programmeId: string): Promise<PlanParty[]> {
	const rows = await db
		.selectFrom('activity_parties as p')
		.innerJoin('programme_activities as a', (j) => j.onRef('a.tenant_id', '=', 'p.tenant_id').onRef('a.id', '=', 'p.activity_id'))
		.leftJoin('partners as r', (j) => j.onRef('r.tenant_id', '=', 'p.tenant_id').onRef('r.id', '=', 'p.partner_id'))
		.selectAll('p')
		.select('r.name as partner_name')
		.where('p.tenant_id', '=', tenant)
		.where('a.programme_id', '=', programmeId)
		.orderBy('p.sort')
		.orderBy('p.created_at')
		.execute();
	return rows.map(({ partner_name, ...r }) => {
		const party = toPart<PlanParty>(r);
		return { ...party, name: party.name || partner_name || '' };
	});
}

async function risksOf(db: Db, tenant: string, programmeId: string, today: string): Promise<PlanRisk[]> {
	const rows = await partRows(db, tenant, 'risks', programmeId, []);
	const reviews = rows.length
		? await db
				.selectFrom('risk_reviews')
				.select(['risk_id', sql<string>`reviewed_on::text`.as('reviewed_on'), 'likelihood', 'impact', 'note'])
				.where('tenant_id', '=', tenant)
				.where('risk_id', 'in', rows.map((r) => r.id as string))
				.orderBy('reviewed_on', 'desc')
				.orderBy('created_at', 'desc')
				.execute()
		: [];
	return rows
		.map((row) => {
			const r = toPart<Omit<PlanRisk, 'score' | 'reviewOverdue' | 'reviews' | 'lastReviewedOn'>>(row);
			const own = reviews.filter((v) => v.risk_id === r.id).map((v) => ({ reviewedOn: v.reviewed_on, likelihood: v.likelihood, impact: v.impact, note: v.note }));
			return {
				...r,
				score: r.likelihood * r.impact,
				lastReviewedOn: own[0]?.reviewedOn ?? null,
				reviewOverdue: r.status !== 'closed' && r.nextReviewOn !== null && r.nextReviewOn < today,
				reviews: own
			};
		})
		.sort((a, b) => b.score - a.score || a.title.localeCompare(b.title, 'sv'));
}

/** The whole plan of a programme, as the reader may see it (403 outside the programme's areas). */
export async function getPlan(db: Db, ctx: RequestContext, programmeId: string, now = Date.now()): Promise<Plan> {
	const programme = await getProgramme(db, ctx, programmeId);
	const row = await db
		.selectFrom('programmes')
		.select(['plan_kind', 'background', 'delimitation', 'communication', 'financing'])
		.where('tenant_id', '=', ctx.tenant)
		.where('id', '=', programmeId)
		.executeTakeFirstOrThrow();
	const today = stockholmToday(now);
	const [goals, themes, activityRows, parties, members, risks, reports, changes, linked] = await Promise.all([
		partRows(db, ctx.tenant, 'programme_goals', programmeId, ['sort']),
		partRows(db, ctx.tenant, 'programme_themes', programmeId, ['priority']),
		partRows(db, ctx.tenant, 'programme_activities', programmeId, ['sort']),
		partiesOf(db, ctx.tenant, programmeId),
		partRows(db, ctx.tenant, 'steering_group_members', programmeId, ['sort']),
		risksOf(db, ctx.tenant, programmeId, today),
		partRows(db, ctx.tenant, 'status_reports', programmeId, ['year', 'tertial']),
		partRows(db, ctx.tenant, 'change_requests', programmeId, ['requested_on']),
		sql<{ activity_id: string; events: number; measures: number; walks: number }>`
			SELECT a.id AS activity_id,
				(SELECT count(*)::int FROM events e WHERE e.tenant_id = a.tenant_id AND e.activity_id = a.id) AS events,
				(SELECT count(*)::int FROM measures m WHERE m.tenant_id = a.tenant_id AND m.activity_id = a.id) AS measures,
				(SELECT count(*)::int FROM walks w WHERE w.tenant_id = a.tenant_id AND w.activity_id = a.id) AS walks
			FROM programme_activities a WHERE a.tenant_id = ${ctx.tenant} AND a.programme_id = ${programmeId}`.execute(db)
	]);
	const activities = activityRows.map((r) => {
		const a = toPart<Omit<PlanActivity, 'parties' | 'linked'>>(r);
		const l = linked.rows.find((x) => x.activity_id === a.id);
		return { ...a, parties: parties.filter((p) => p.activityId === a.id), linked: { events: l?.events ?? 0, measures: l?.measures ?? 0, walks: l?.walks ?? 0 } };
	});
	return {
		programmeId,
		planKind: row.plan_kind as PlanKind,
		texts: { background: row.background, delimitation: row.delimitation, communication: row.communication, financing: row.financing },
		today,
		manage: await mayManageProgramme(db, ctx, programme.properties.areaIds),
		goals: goals.map((g) => toPart<PlanGoal>(g)),
		themes: themes.map((t) => toPart<PlanTheme>(t)),
		activities,
		members: members.map((m) => toPart<PlanMember>(m)),
		risks,
		statusReports: reports.map((r) => toPart<PlanStatusReport>(r)),
		changeRequests: changes.map((c) => toPart<PlanChangeRequest>(c)),
		overdueReviews: risks.filter((r) => r.reviewOverdue).length
	};
}

/** One part as the plan lists it. */
async function readPart(db: Db, ctx: RequestContext, part: PlanPart, programmeId: string, id: string, now = Date.now()) {
	if (part === 'parties') return (await partiesOf(db, ctx.tenant, programmeId)).find((p) => p.id === id) ?? null;
	if (part === 'risks') return (await risksOf(db, ctx.tenant, programmeId, stockholmToday(now))).find((r) => r.id === id) ?? null;
	if (part === 'activities') {
		const plan = await getPlan(db, ctx, programmeId, now);
		return plan.activities.find((a) => a.id === id) ?? null;
	}
	const row = await any(db)
		.selectFrom(PARTS[part].table)
		.selectAll()
		.where('tenant_id', '=', ctx.tenant)
		.where('programme_id', '=', programmeId)
		.where('id', '=', id)
		.executeTakeFirst();
	return row ? toPart<Record<string, unknown>>(row) : null;
}

/** The stored row of a part of this programme (404 otherwise). */
async function storedPart(db: Db, ctx: RequestContext, part: PlanPart, programmeId: string, id: string): Promise<Record<string, unknown>> {
	const { table, entity } = PARTS[part];
	const row =
		part === 'parties'
			? await db
					.selectFrom('activity_parties as p')
					.innerJoin('programme_activities as a', (j) => j.onRef('a.tenant_id', '=', 'p.tenant_id').onRef('a.id', '=', 'p.activity_id'))
					.selectAll('p')
					.where('p.tenant_id', '=', ctx.tenant)
					.where('p.id', '=', id)
					.where('a.programme_id', '=', programmeId)
					.executeTakeFirst()
			: await any(db).selectFrom(table).selectAll().where('tenant_id', '=', ctx.tenant).where('id', '=', id).where('programme_id', '=', programmeId).executeTakeFirst();
	if (!row) throw notFound(entity);
	return toPart<Record<string, unknown>>(row);
}

// ------------------------------------------------------------------ checks of what a part names

const notInProgramme = (field: string, entity: Entity) =>
	badRequest('not_in_programme', `The ${entity.replaceAll('_', ' ')} does not belong to this programme.`, { field, entity });

async function checkReferences(trx: Transaction<DB>, ctx: RequestContext, part: PlanPart, programmeId: string, areaIds: string[], merged: Record<string, unknown>) {
	if (part === 'goals') {
		const field = targetIssue(merged);
		if (field) throw badRequest('validation_failed', 'A target needs its value and whether it is at most or at least.', [fieldIssue(field, 'target_incomplete')]);
	}
	if (part === 'activities') {
		if (merged.startsOn && merged.endsOn && (merged.endsOn as string) < (merged.startsOn as string))
			throw badRequest('validation_failed', 'The activity must end after it starts.', [fieldIssue('endsOn', 'ends_before_start')]);
		if (merged.themeId) {
			const theme = await trx.selectFrom('programme_themes').select('id').where('tenant_id', '=', ctx.tenant).where('id', '=', merged.themeId as string).where('programme_id', '=', programmeId).executeTakeFirst();
			if (!theme) throw notInProgramme('themeId', 'theme');
		}
		if (merged.areaId && !areaIds.includes(merged.areaId as string)) throw notInProgramme('areaId', 'area');
	}
	if (part === 'parties' && merged.activityId) {
		const activity = await trx.selectFrom('programme_activities').select('id').where('tenant_id', '=', ctx.tenant).where('id', '=', merged.activityId as string).where('programme_id', '=', programmeId).executeTakeFirst();
		if (!activity) throw notInProgramme('activityId', 'activity');
	}
	if ((part === 'parties' || part === 'members') && merged.partnerId) {
		const partner = await trx.selectFrom('partners').select('id').where('tenant_id', '=', ctx.tenant).where('id', '=', merged.partnerId as string).executeTakeFirst();
		if (!partner) throw badRequest('unknown_reference', 'The partner does not exist.', { field: 'partnerId', entity: 'partner' });
	}
	if (part === 'parties' && !merged.partnerId && !merged.name)
		throw badRequest('validation_failed', 'Name the party or choose a partner.', [fieldIssue('name', 'party_name_required')]);
	if (part === 'change-requests' && merged.decidedOn && (merged.decidedOn as string) < (merged.requestedOn as string))
		throw badRequest('validation_failed', 'The decision cannot come before the request.', [fieldIssue('decidedOn', 'ends_before_start')]);
}

/** Derived columns: a decision's date, a report's submission time, a new risk's first review. */
function derived(part: PlanPart, input: Record<string, unknown>, before: Record<string, unknown> | null, now: number): Record<string, unknown> {
	const today = stockholmToday(now);
	if (part === 'change-requests') {
		const decision = (input.decision ?? before?.decision ?? 'pending') as string;
		if (decision === 'pending') return { decided_on: null };
		const decidedOn = input.decidedOn !== undefined ? input.decidedOn : before?.decidedOn;
		return decidedOn ? {} : { decided_on: today };
	}
	if (part === 'status-reports' && input.status !== undefined)
		return input.status === 'submitted' ? (before?.status === 'submitted' ? {} : { submitted_at: new Date(now).toISOString() }) : { submitted_at: null };
	if (part === 'risks' && !before && !input.nextReviewOn) return { next_review_on: monthAfter(today) };
	return {};
}

// ------------------------------------------------------------------ writing

export async function createPart(trx: Transaction<DB>, ctx: RequestContext, programmeId: string, part: PlanPart, input: Record<string, unknown>, now = Date.now()) {
	const { programme, actor } = await managedProgramme(trx, ctx, programmeId);
	await checkReferences(trx, ctx, part, programmeId, programme.properties.areaIds, input);
	const { table, entity } = PARTS[part];
	const values = {
		...columnsOf(input, part === 'parties' ? [] : ['version']),
		...derived(part, input, null, now),
		tenant_id: ctx.tenant,
		...(part !== 'parties' && { programme_id: programmeId }),
		created_by: actor.id,
		updated_by: actor.id
	};
	const { id } = (await any(trx).insertInto(table).values(values).returning('id').executeTakeFirstOrThrow()) as { id: string };
	const created = await readPart(trx, ctx, part, programmeId, id, now);
	await recordAudit(trx, { tenant: ctx.tenant, actor, action: 'create', entity, entityId: id, after: created, requestId: ctx.requestId });
	return created;
}

export async function updatePart(trx: Transaction<DB>, ctx: RequestContext, programmeId: string, part: PlanPart, id: string, patch: Record<string, unknown> & { version: number }, now = Date.now()) {
	const { programme, actor } = await managedProgramme(trx, ctx, programmeId);
	const before = await storedPart(trx, ctx, part, programmeId, id);
	const merged = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
	await checkReferences(trx, ctx, part, programmeId, programme.properties.areaIds, merged);
	const { table, entity } = PARTS[part];
	return updateVersioned(trx, ctx, {
		table,
		entity,
		what: entity,
		id,
		version: patch.version,
		before,
		set: { ...columnsOf(patch), ...derived(part, patch, before, now), updated_by: actor.id } as never,
		after: async () => readPart(trx, ctx, part, programmeId, id, now)
	});
}

export async function deletePart(trx: Transaction<DB>, ctx: RequestContext, programmeId: string, part: PlanPart, id: string, version?: number) {
	await managedProgramme(trx, ctx, programmeId);
	const before = await storedPart(trx, ctx, part, programmeId, id);
	const { table, entity } = PARTS[part];
	if (part === 'activities') {
		const followUp = await trx.selectFrom('follow_ups').select('id').where('tenant_id', '=', ctx.tenant).where('activity_id', '=', id).executeTakeFirst();
		if (followUp) throw new ApiError(409, 'in_use', 'The activity has follow-ups; they keep what the steering group was told.', { entity: 'follow_up' });
	}
	await deleteVersioned(trx, ctx, { table, entity, what: entity, id, version: version ?? (before.version as number), before });
}

/**
 * Records a review of a risk (the monthly risk analysis): the likelihood and impact as judged
 * now become the risk's, and the next review is due a month later unless named.
 */
export async function reviewRisk(trx: Transaction<DB>, ctx: RequestContext, programmeId: string, riskId: string, input: RiskReviewInput, now = Date.now()) {
	const { actor } = await managedProgramme(trx, ctx, programmeId);
	const before = await storedPart(trx, ctx, 'risks', programmeId, riskId);
	const nextReviewOn = input.nextReviewOn ?? monthAfter(input.reviewedOn);
	if (nextReviewOn <= input.reviewedOn)
		throw badRequest('validation_failed', 'The next review must come after this one.', [fieldIssue('nextReviewOn', 'ends_before_start')]);
	await trx
		.insertInto('risk_reviews')
		.values({ tenant_id: ctx.tenant, risk_id: riskId, reviewed_on: input.reviewedOn, likelihood: input.likelihood, impact: input.impact, note: input.note, reviewed_by: actor.id })
		.execute();
	return updateVersioned(trx, ctx, {
		table: 'risks',
		entity: 'risk',
		what: 'risk',
		id: riskId,
		version: before.version as number,
		before,
		set: { likelihood: input.likelihood, impact: input.impact, next_review_on: nextReviewOn, updated_by: actor.id },
		after: async () => readPart(trx, ctx, 'risks', programmeId, riskId, now),
		audited: (after) => ({ ...after, review: input })
	});
}

/**
 * The activities an event, measure or walk in the area may carry out: those of the programmes
 * running there (for it, an area containing it or one nested in it) whose own area is the
 * area or one containing it, or which have none. For the forms' choice; 403 outside the reader's areas.
 */
export async function activitiesForArea(db: Db, ctx: RequestContext, areaId: string) {
	if (!ctx.actor) throw unauthenticated();
	if (!inSet(await readableAreas(db as Database, ctx.tenant, ctx.actor), areaId)) throw forbidden('not_your_area', { entity: 'area' });
	const { rows } = await sql<{ id: string; name: string; programme_id: string; programme_name: string; area_id: string | null; theme_title: string | null }>`
		WITH RECURSIVE up AS (
			SELECT id, parent_id, 0 AS depth FROM areas WHERE id = ${areaId} AND tenant_id = ${ctx.tenant}
			UNION ALL SELECT a.id, a.parent_id, up.depth + 1 FROM areas a JOIN up ON a.id = up.parent_id WHERE a.tenant_id = ${ctx.tenant} AND up.depth < 20),
		down AS (
			SELECT id, 0 AS depth FROM areas WHERE id = ${areaId} AND tenant_id = ${ctx.tenant}
			UNION ALL SELECT a.id, down.depth + 1 FROM areas a JOIN down ON a.parent_id = down.id WHERE a.tenant_id = ${ctx.tenant} AND down.depth < 20)
		SELECT a.id, a.name, p.id AS programme_id, p.name AS programme_name, a.area_id, t.title AS theme_title
		FROM programme_activities a
		JOIN programmes p ON p.tenant_id = a.tenant_id AND p.id = a.programme_id
		LEFT JOIN programme_themes t ON t.tenant_id = a.tenant_id AND t.id = a.theme_id
		WHERE a.tenant_id = ${ctx.tenant}
			AND CASE WHEN a.area_id IS NOT NULL THEN a.area_id IN (SELECT id FROM up)
				ELSE EXISTS (SELECT 1 FROM programme_areas pa WHERE pa.tenant_id = a.tenant_id AND pa.programme_id = p.id AND (pa.area_id IN (SELECT id FROM up) OR pa.area_id IN (SELECT id FROM down))) END
		ORDER BY p.starts_on DESC, p.name, t.priority NULLS LAST, a.sort, a.name
		LIMIT 500`.execute(db);
	return rows.map((r) => ({ id: r.id, name: r.name, programmeId: r.programme_id, programmeName: r.programme_name, areaId: r.area_id, themeTitle: r.theme_title }));
}
