/**
 * The walk schedule of an area and year (./schedule for the rules): read by everyone who
 * reads the area, the requirement stored by its coordinators and admins. Counts the area's
 * own walks (a district's requirement is the district's; each place has its own).
 */
import { sql } from 'kysely';
import type { Database, Db } from '$lib/server/db';
import type { RequestContext } from '$lib/server/api/context';
import { badRequest } from '$lib/server/api/errors';
import { assertMayWrite } from '$lib/server/auth/write-scope.server';
import { areasWhere, inSet, MANAGE_ROLES } from '$lib/server/auth/scope.server';
import { recordAudit } from '$lib/server/audit';
import { fieldIssue } from '$lib/api/issues';
import { updateVersioned } from '$lib/server/db/versioned';
import { stockholmPeriod, stockholmToday } from '$lib/time/stockholm';
import { readableArea } from '$lib/surveys/surveys.server';
import { compliance, DEFAULT_REQUIREMENT, type RequirementInput, type WalkSchedule, type WalkState } from './schedule';
import type { WalkKind } from './walk';

/** The instant up to which a walk's start has passed: the end of `asOf`, or now when that is sooner. */
function cutoffOf(asOf: string, now: number): string {
	const end = stockholmPeriod(asOf, asOf).to;
	return Date.parse(end) < now ? end : new Date(now).toISOString();
}

async function storedRequirement(db: Db, tenant: string, areaId: string, year: number) {
	return db
		.selectFrom('walk_requirements')
		.select(['id', 'safety_walks', 'centre_inspections', 'note', 'version'])
		.where('tenant_id', '=', tenant)
		.where('area_id', '=', areaId)
		.where('year', '=', year)
		.executeTakeFirst();
}

/**
 * The schedule of `areaId` for `year`, read at `asOf` (default today; not after today: what
 * has not happened cannot be done).
 */
export async function walkSchedule(db: Database, ctx: RequestContext, areaId: string, year: number, asOf?: string, now = Date.now()): Promise<WalkSchedule> {
	const area = await readableArea(db, ctx, areaId);
	const today = stockholmToday(now);
	const day = asOf && asOf < today ? asOf : today;
	const cutoff = cutoffOf(day, now);
	const bounds = stockholmPeriod(`${year}-01-01`, `${year}-12-31`);
	const [stored, rows, manage] = await Promise.all([
		storedRequirement(db, ctx.tenant, area.id, year),
		sql<{ id: string; title: string; kind: WalkKind; starts_at: Date; participant_count: number | null; findings: number; state: WalkState }>`
			SELECT w.id, w.title, w.kind, w.starts_at, w.participant_count, f.findings,
				CASE WHEN w.starts_at >= ${cutoff}::timestamptz THEN 'planned'
					WHEN w.participant_count IS NOT NULL OR f.findings > 0 THEN 'done'
					ELSE 'not_recorded' END AS state
			FROM walks w, LATERAL (SELECT count(*)::int AS findings FROM findings x WHERE x.walk_id = w.id AND x.tenant_id = w.tenant_id) f
			WHERE w.tenant_id = ${ctx.tenant} AND w.area_id = ${area.id}
				AND w.starts_at >= ${bounds.from}::timestamptz AND w.starts_at < ${bounds.to}::timestamptz
			ORDER BY w.starts_at, w.title
			LIMIT 500`.execute(db),
		areasWhere(db, ctx.tenant, ctx.actor, MANAGE_ROLES)
	]);
	const requirement = stored
		? { safetyWalks: stored.safety_walks, centreInspections: stored.centre_inspections, note: stored.note, stored: true, version: stored.version }
		: { ...DEFAULT_REQUIREMENT, note: '', stored: false, version: null };
	const walks = rows.rows.map((r) => ({
		id: r.id,
		title: r.title,
		kind: r.kind,
		startsAt: new Date(r.starts_at).toISOString(),
		state: r.state,
		participants: r.participant_count,
		findings: Number(r.findings)
	}));
	return { areaId: area.id, areaName: area.name, year, asOf: day, requirement, ...compliance(walks, requirement, year, day), walks, writable: inSet(manage, area.id) };
}

/**
 * Stores the area's requirement for the year: a new one (no `version`), or a change of the
 * stored one (its `version`; 409 when stale). Coordinators and admins of the area.
 */
export async function setWalkRequirement(db: Database, ctx: RequestContext, areaId: string, year: number, input: RequirementInput): Promise<WalkSchedule> {
	const actor = await assertMayWrite(db, ctx, { areaId, roles: MANAGE_ROLES });
	await db.transaction().execute(async (trx) => {
		const stored = await storedRequirement(trx, ctx.tenant, areaId, year);
		const values = { safety_walks: input.safetyWalks, centre_inspections: input.centreInspections, note: input.note };
		if (!stored) {
			if (input.version !== undefined)
				throw badRequest('requirement_not_stored', 'No requirement is stored for this area and year; send it without a version to store one.', { field: 'version', entity: 'walk_requirement' });
			const { id } = await trx
				.insertInto('walk_requirements')
				.values({ tenant_id: ctx.tenant, area_id: areaId, year, ...values, created_by: actor.id, updated_by: actor.id })
				.returning('id')
				.executeTakeFirstOrThrow();
			await recordAudit(trx, { tenant: ctx.tenant, actor, action: 'create', entity: 'walk_requirement', entityId: id, after: { areaId, year, ...input }, requestId: ctx.requestId });
			return;
		}
		if (input.version === undefined)
			throw badRequest('validation_failed', 'Some fields are missing or invalid.', [fieldIssue('version', 'required', {}, 'version_required')]);
		await updateVersioned(trx, ctx, {
			table: 'walk_requirements',
			entity: 'walk_requirement',
			what: 'walk_requirement',
			id: stored.id,
			version: input.version,
			set: { ...values, updated_by: actor.id },
			before: { areaId, year, safetyWalks: stored.safety_walks, centreInspections: stored.centre_inspections, note: stored.note },
			after: async () => ({ areaId, year, ...input })
		});
	});
	return walkSchedule(db, ctx, areaId, year);
}
