/**
 * What a follow-up and the steering-group report read of the plans: the goals to assess, the
 * programmes running in an area in a period, a programme's risks and its status report for the
 * period. Read straight from the programme tables (programme_goals, programmes,
 * programme_areas, risks, risk_reviews, status_reports) until the plans module offers its own
 * reads; then these move there.
 */
import { sql } from 'kysely';
import type { Db } from '$lib/server/db';
import type { PlanGoal } from './followup';
import type { ReportRisk, ReportStatusReport } from '$lib/reports/report';
import type { ReportPeriod } from './period';
import { stockholmToday } from '$lib/time/stockholm';

/**
 * The programmes that run in the area — named for it, for an area containing it or for one
 * nested in it — and overlap the period; `programmeId` narrows to that one.
 */
export async function programmesIn(db: Db, tenant: string, areaId: string, period: ReportPeriod, programmeId: string | null = null) {
	const { rows } = await sql<{ id: string; name: string; starts_on: string; ends_on: string }>`
		WITH RECURSIVE up AS (
			SELECT id, parent_id, 0 AS depth FROM areas WHERE id = ${areaId} AND tenant_id = ${tenant}
			UNION ALL SELECT a.id, a.parent_id, up.depth + 1 FROM areas a JOIN up ON a.id = up.parent_id WHERE up.depth < 20),
		down AS (
			SELECT id, 0 AS depth FROM areas WHERE id = ${areaId} AND tenant_id = ${tenant}
			UNION ALL SELECT a.id, down.depth + 1 FROM areas a JOIN down ON a.parent_id = down.id WHERE down.depth < 20)
		SELECT p.id, p.name, p.starts_on::text AS starts_on, p.ends_on::text AS ends_on FROM programmes p
		WHERE p.tenant_id = ${tenant}
			AND p.starts_on <= ${period.to}::date AND p.ends_on >= ${period.from}::date
			AND EXISTS (SELECT 1 FROM programme_areas pa WHERE pa.programme_id = p.id
				AND (pa.area_id IN (SELECT id FROM up) OR pa.area_id IN (SELECT id FROM down)))
			AND ${programmeId ? sql`p.id = ${programmeId}::uuid` : sql`true`}
		ORDER BY p.starts_on, p.name`.execute(db);
	return rows;
}

/** The goals of those programmes, in the plan's order. */
export async function planGoals(db: Db, tenant: string, areaId: string, period: ReportPeriod, programmeId: string | null = null): Promise<PlanGoal[]> {
	const programmes = await programmesIn(db, tenant, areaId, period, programmeId);
	if (programmes.length === 0) return [];
	const rows = await db
		.selectFrom('programme_goals as g')
		.innerJoin('programmes as p', 'p.id', 'g.programme_id')
		.select(['g.id', 'g.programme_id', 'p.name as programme_name', 'g.description', 'g.target'])
		.where('g.tenant_id', '=', tenant)
		.where('g.programme_id', 'in', programmes.map((p) => p.id))
		.orderBy('p.starts_on')
		.orderBy('p.name')
		.orderBy('g.sort')
		.orderBy('g.created_at')
		.execute();
	return rows.map((r) => ({ id: r.id, programmeId: r.programme_id, programmeName: r.programme_name, description: r.description, target: r.target }));
}

/** The programme's risks, the largest (likelihood × impact) first, with the last review's date. */
export async function programmeRisks(db: Db, tenant: string, programmeId: string): Promise<ReportRisk[]> {
	const rows = await db
		.selectFrom('risks as r')
		.select([
			'r.id', 'r.title', 'r.likelihood', 'r.impact', 'r.mitigation', 'r.owner', 'r.status', sql<string | null>`r.next_review_on::text`.as('next_review_on'),
			sql<string | null>`(SELECT max(v.reviewed_on)::text FROM risk_reviews v WHERE v.tenant_id = ${tenant} AND v.risk_id = r.id)`.as('reviewed_on')
		])
		.where('r.tenant_id', '=', tenant)
		.where('r.programme_id', '=', programmeId)
		.orderBy(sql`r.likelihood * r.impact`, 'desc')
		.orderBy('r.title')
		.limit(100)
		.execute();
	const today = stockholmToday();
	return rows.map((r) => ({
		id: r.id, title: r.title, likelihood: r.likelihood, impact: r.impact, mitigation: r.mitigation, owner: r.owner, status: r.status,
		reviewedOn: r.reviewed_on, nextReviewOn: r.next_review_on,
		// As the plan says it (src/lib/programmes/plan.server.ts): a risk not closed whose review date has passed.
		reviewOverdue: r.status !== 'closed' && r.next_review_on !== null && r.next_review_on < today
	}));
}

/** The programme's status report (lägesrapport) for the tertial, if written; none for the annual report. */
export async function programmeStatusReport(db: Db, tenant: string, programmeId: string, period: ReportPeriod): Promise<ReportStatusReport | null> {
	if (period.tertial === null) return null;
	const row = await db
		.selectFrom('status_reports')
		.select(['title', 'body', 'status', 'submitted_at'])
		.where('tenant_id', '=', tenant)
		.where('programme_id', '=', programmeId)
		.where('year', '=', period.year)
		.where('tertial', '=', period.tertial)
		.executeTakeFirst();
	return row ? { title: row.title, body: row.body, status: row.status, submittedAt: row.submitted_at ? new Date(row.submitted_at).toISOString() : null } : null;
}
