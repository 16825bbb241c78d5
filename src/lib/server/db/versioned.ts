/**
 * The one path for changing and deleting a versioned record (STYLE habit 13): the UPDATE or
 * DELETE names tenant, id and version in the statement itself, so a stale version (or a
 * record of another tenant) changes nothing and answers 409 (or 404); the audit row is
 * written in the same transaction. Every domain goes through here; the `version` column is
 * bumped by the `lykta_bump_version` trigger on UPDATE.
 */
import type { Kysely, Transaction, UpdateObject } from 'kysely';
import type { DB } from './schema';
import { recordAudit } from '../audit';
import { notFound, versionConflict } from '../api/errors';
import type { RequestContext } from '../api/context';

/** Tables whose rows carry tenant_id, id and version. */
export type VersionedTable = 'areas' | 'partners' | 'walks' | 'findings' | 'measures' | 'events' | 'problem_zones' | 'programmes' | 'budget_lines' | 'follow_ups' | 'compass_areas' | 'directory_reports' | 'partner_service_locations' | 'survey_indicators' | 'walk_requirements'
	| 'programme_goals' | 'programme_themes' | 'programme_activities' | 'activity_parties' | 'steering_group_members' | 'risks' | 'status_reports' | 'change_requests';

interface Target<T extends VersionedTable> {
	table: T;
	/** The audit log's name for it (finding, measure, budget_line …). */
	entity: string;
	/** How a 404 names it ("The finding"). */
	what: string;
	id: string;
	/** The version the client saw; a DELETE without one uses the version read in this transaction. */
	version: number;
}

/** 404 when the record is gone (or another tenant's), 409 with the current version when it moved on. */
async function refusal(trx: Transaction<DB>, ctx: RequestContext, target: Target<VersionedTable>): Promise<Error> {
	const row = await (trx as unknown as Kysely<any>)
		.selectFrom(target.table as string)
		.select('version')
		.where('tenant_id', '=', ctx.tenant)
		.where('id', '=', target.id)
		.executeTakeFirst();
	return row ? versionConflict(row.version as number) : notFound(target.what);
}

/**
 * Updates the record if it still has `version`, records the audit row (before and after)
 * and returns `after()`, the record as it is now.
 */
export async function updateVersioned<T extends VersionedTable, A>(
	trx: Transaction<DB>,
	ctx: RequestContext,
	target: Target<T> & {
		set: UpdateObject<DB, T, T>;
		before: unknown;
		after: () => Promise<A>;
		/** What the audit row keeps as "after", when more than the record (e.g. an over-budget reason). */
		audited?: (after: A) => unknown;
	}
): Promise<A> {
	// Typed at the caller (UpdateObject of its table); here every versioned table looks alike.
	const db = trx as unknown as Kysely<any>;
	const updated = await db
		.updateTable(target.table as string)
		.set(target.set as never)
		.where('tenant_id', '=', ctx.tenant)
		.where('id', '=', target.id)
		.where('version', '=', target.version)
		.returning('id')
		.executeTakeFirst();
	if (!updated) throw await refusal(trx, ctx, target);
	const after = await target.after();
	await recordAudit(trx, {
		tenant: ctx.tenant,
		actor: ctx.actor,
		action: 'update',
		entity: target.entity,
		entityId: target.id,
		before: target.before,
		after: target.audited ? target.audited(after) : after,
		requestId: ctx.requestId
	});
	return after;
}

/** Deletes the record if it still has `version`, and records the audit row with what it was. */
export async function deleteVersioned<T extends VersionedTable>(trx: Transaction<DB>, ctx: RequestContext, target: Target<T> & { before: unknown }): Promise<void> {
	const deleted = await (trx as unknown as Kysely<any>)
		.deleteFrom(target.table as string)
		.where('tenant_id', '=', ctx.tenant)
		.where('id', '=', target.id)
		.where('version', '=', target.version)
		.returning('id')
		.executeTakeFirst();
	if (!deleted) throw await refusal(trx, ctx, target);
	await recordAudit(trx, {
		tenant: ctx.tenant,
		actor: ctx.actor,
		action: 'delete',
		entity: target.entity,
		entityId: target.id,
		before: target.before,
		requestId: ctx.requestId
	});
}
