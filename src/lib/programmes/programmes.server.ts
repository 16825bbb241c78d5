/** Programmes: created by coordinators of all their areas; read by anyone with a role in one of them. */
import type { Transaction } from 'kysely';
import type { Database, Db, DB } from '$lib/server/db';
import { recordAudit } from '$lib/server/audit';
import { deleteVersioned, updateVersioned } from '$lib/server/db/versioned';
import { ApiError, badRequest, forbidden, notFound, unauthenticated } from '$lib/server/api/errors';
import { fieldIssue } from '$lib/api/issues';
import { requireRoleInAll } from '$lib/server/auth/guard';
import { areasWhere, inSet, MANAGE_ROLES, READ_ROLES } from '$lib/server/auth/scope.server';
import type { RequestContext } from '$lib/server/api/context';
import { slugify } from '$lib/areas/area';
import { versionOf } from '$lib/api/versioning';
import { assertWithinBudget, budgetOf } from './budget.server';
import type { BudgetEntry, BudgetEntryCreateInput, BudgetLineCreateInput, BudgetLinePatchInput, ProgrammeCreateInput, ProgrammePatchInput } from './programme';


async function programmeRows(db: Db, tenant: string, id?: string) {
	let query = db
		.selectFrom('programmes')
		.selectAll()
		.where('tenant_id', '=', tenant);
	if (id) query = query.where('id', '=', id);
	const programmes = await query.orderBy('starts_on', 'desc').execute();
	const areas = programmes.length
		? await db.selectFrom('programme_areas').select(['programme_id', 'area_id']).where('programme_id', 'in', programmes.map((p) => p.id)).execute()
		: [];
	return programmes.map((p) => ({ row: p, areaIds: areas.filter((a) => a.programme_id === p.id).map((a) => a.area_id) }));
}

async function toFeature(db: Db, { row, areaIds }: Awaited<ReturnType<typeof programmeRows>>[number]) {
	return {
		type: 'Feature' as const,
		id: row.id,
		geometry: null,
		properties: {
			slug: row.slug,
			name: row.name,
			description: row.description,
			areaIds,
			startsOn: row.starts_on,
			endsOn: row.ends_on,
			intensiveFrom: row.intensive_from,
			intensiveTo: row.intensive_to,
			status: row.status,
			planKind: row.plan_kind,
			background: row.background,
			delimitation: row.delimitation,
			communication: row.communication,
			financing: row.financing,
			budget: await budgetOf(db, row.id),
			version: row.version
		}
	};
}

async function visible(db: Db, ctx: RequestContext) {
	if (!ctx.actor) throw unauthenticated();
	return areasWhere(db as Database, ctx.tenant, ctx.actor, [...READ_ROLES, 'partner']);
}

export async function listProgrammes(db: Database, ctx: RequestContext) {
	const scope = await visible(db, ctx);
	const rows = (await programmeRows(db, ctx.tenant)).filter((p) => p.areaIds.some((a) => inSet(scope, a)));
	const features = [];
	for (const p of rows) features.push(await toFeature(db, p));
	return { type: 'FeatureCollection' as const, features };
}

export async function getProgramme(db: Db, ctx: RequestContext, id: string) {
	const scope = await visible(db, ctx);
	const [row] = await programmeRows(db, ctx.tenant, id);
	if (!row) throw notFound('programme');
	if (!row.areaIds.some((a) => inSet(scope, a))) throw forbidden('not_your_area', { entity: 'programme' });
	return toFeature(db, row);
}

export async function createProgramme(trx: Transaction<DB>, ctx: RequestContext, input: ProgrammeCreateInput) {
	const p = input.properties;
	const actor = await requireRoleInAll(trx, ctx.tenant, ctx.actor, MANAGE_ROLES, p.areaIds);
	const { id } = await trx
		.insertInto('programmes')
		.values({
			tenant_id: ctx.tenant,
			slug: p.slug ?? slugify(p.name),
			name: p.name,
			description: p.description,
			starts_on: p.startsOn,
			ends_on: p.endsOn,
			intensive_from: p.intensiveFrom,
			intensive_to: p.intensiveTo,
			budget_cap_sek: p.budgetCapSek,
			plan_kind: p.planKind,
			background: p.background,
			delimitation: p.delimitation,
			communication: p.communication,
			financing: p.financing,
			created_by: actor.id,
			updated_by: actor.id
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await trx.insertInto('programme_areas').values([...new Set(p.areaIds)].map((area_id) => ({ tenant_id: ctx.tenant, programme_id: id, area_id }))).execute();
	for (const line of p.budgetLines)
		await trx.insertInto('budget_lines').values({ tenant_id: ctx.tenant, programme_id: id, name: line.name, kind: line.kind, cap_sek: line.capSek, created_by: actor.id }).execute();
	const created = await getProgramme(trx, ctx, id);
	await recordAudit(trx, { tenant: ctx.tenant, actor, action: 'create', entity: 'programme', entityId: id, after: created, requestId: ctx.requestId });
	return created;
}

/** The programme, checked to exist and to be managed by the actor in every one of its areas. */
export async function managedProgramme(trx: Transaction<DB>, ctx: RequestContext, id: string) {
	const programme = await getProgramme(trx, ctx, id);
	const actor = await requireRoleInAll(trx, ctx.tenant, ctx.actor, MANAGE_ROLES, programme.properties.areaIds);
	return { programme, actor };
}
const managed = managedProgramme;

/** Whether the actor may write the programme and its plan (what `managedProgramme` requires), without refusing. */
export async function mayManageProgramme(db: Db, ctx: RequestContext, areaIds: string[]): Promise<boolean> {
	try {
		await requireRoleInAll(db as Database, ctx.tenant, ctx.actor, MANAGE_ROLES, areaIds);
		return true;
	} catch (error) {
		if (error instanceof ApiError && (error.status === 403 || error.status === 401)) return false;
		throw error;
	}
}

export async function updateProgramme(trx: Transaction<DB>, ctx: RequestContext, id: string, patch: ProgrammePatchInput) {
	const { programme: before, actor } = await managed(trx, ctx, id);
	const p = patch.properties ?? {};
	if (p.areaIds) await requireRoleInAll(trx, ctx.tenant, actor, MANAGE_ROLES, p.areaIds);
	const b = before.properties;
	const startsOn = p.startsOn ?? b.startsOn;
	const endsOn = p.endsOn ?? b.endsOn;
	if (endsOn < startsOn) throw badRequest('validation_failed', 'The programme must end after it starts.', [fieldIssue('properties.endsOn', 'ends_before_start')]);
	const intensiveFrom = p.intensiveFrom !== undefined ? p.intensiveFrom : b.intensiveFrom;
	const intensiveTo = p.intensiveTo !== undefined ? p.intensiveTo : b.intensiveTo;
	if (intensiveFrom && intensiveTo && intensiveTo < intensiveFrom)
		throw badRequest('validation_failed', 'The intensive period must end after it starts.', [fieldIssue('properties.intensiveTo', 'ends_before_start')]);
	return updateVersioned(trx, ctx, {
		table: 'programmes',
		entity: 'programme',
		what: 'The programme',
		id,
		version: versionOf(patch),
		before,
		set: {
			...(p.name !== undefined && { name: p.name }),
			...(p.description !== undefined && { description: p.description }),
			...(p.startsOn !== undefined && { starts_on: p.startsOn }),
			...(p.endsOn !== undefined && { ends_on: p.endsOn }),
			...(p.intensiveFrom !== undefined && { intensive_from: p.intensiveFrom }),
			...(p.intensiveTo !== undefined && { intensive_to: p.intensiveTo }),
			...(p.budgetCapSek !== undefined && { budget_cap_sek: p.budgetCapSek }),
			...(p.status !== undefined && { status: p.status }),
			...(p.planKind !== undefined && { plan_kind: p.planKind }),
			...(p.background !== undefined && { background: p.background }),
			...(p.delimitation !== undefined && { delimitation: p.delimitation }),
			...(p.communication !== undefined && { communication: p.communication }),
			...(p.financing !== undefined && { financing: p.financing }),
			updated_by: actor.id
		},
		after: async () => {
			if (p.areaIds) {
				await trx.deleteFrom('programme_areas').where('programme_id', '=', id).execute();
				await trx.insertInto('programme_areas').values([...new Set(p.areaIds)].map((area_id) => ({ tenant_id: ctx.tenant, programme_id: id, area_id }))).execute();
			}
			await assertWithinBudget(trx, undefined, { ...b.budget, programmeId: id }, p.overBudgetReason);
			return getProgramme(trx, ctx, id);
		},
		audited: (after) => ({ ...after, overBudgetReason: p.overBudgetReason })
	});
}

/** Deletes a programme and its budget; its events and measures stay, outside any programme. */
export async function deleteProgramme(trx: Transaction<DB>, ctx: RequestContext, id: string, version?: number) {
	const { programme: before } = await managed(trx, ctx, id);
	await deleteVersioned(trx, ctx, { table: 'programmes', entity: 'programme', what: 'The programme', id, version: version ?? before.properties.version, before });
}

async function lineOf(trx: Transaction<DB>, ctx: RequestContext, programmeId: string, lineId: string) {
	const line = await trx.selectFrom('budget_lines').selectAll().where('id', '=', lineId).where('programme_id', '=', programmeId).where('tenant_id', '=', ctx.tenant).executeTakeFirst();
	if (!line) throw notFound('budget_line');
	return line;
}

export async function addBudgetLine(trx: Transaction<DB>, ctx: RequestContext, programmeId: string, input: BudgetLineCreateInput) {
	const { actor } = await managed(trx, ctx, programmeId);
	const { id } = await trx
		.insertInto('budget_lines')
		.values({ tenant_id: ctx.tenant, programme_id: programmeId, name: input.name, kind: input.kind, cap_sek: input.capSek, created_by: actor.id })
		.returning('id')
		.executeTakeFirstOrThrow();
	await recordAudit(trx, { tenant: ctx.tenant, actor, action: 'create', entity: 'budget_line', entityId: id, after: input, requestId: ctx.requestId });
	return getProgramme(trx, ctx, programmeId);
}

export async function updateBudgetLine(trx: Transaction<DB>, ctx: RequestContext, programmeId: string, lineId: string, patch: BudgetLinePatchInput) {
	const { programme, actor } = await managed(trx, ctx, programmeId);
	const before = await lineOf(trx, ctx, programmeId, lineId);
	return updateVersioned(trx, ctx, {
		table: 'budget_lines',
		entity: 'budget_line',
		what: 'The budget line',
		id: lineId,
		version: patch.version!,
		before,
		set: {
			...(patch.name !== undefined && { name: patch.name }),
			...(patch.kind !== undefined && { kind: patch.kind }),
			...(patch.capSek !== undefined && { cap_sek: patch.capSek }),
			updated_by: actor.id
		},
		after: async () => {
			await assertWithinBudget(trx, lineId, { ...programme.properties.budget, programmeId }, patch.overBudgetReason);
			return getProgramme(trx, ctx, programmeId);
		},
		audited: () => patch
	});
}

/** Deletes a line and its manual entries; events and measures booked on it stay, unbooked. */
export async function deleteBudgetLine(trx: Transaction<DB>, ctx: RequestContext, programmeId: string, lineId: string, version?: number) {
	await managed(trx, ctx, programmeId);
	const before = await lineOf(trx, ctx, programmeId, lineId);
	await deleteVersioned(trx, ctx, { table: 'budget_lines', entity: 'budget_line', what: 'The budget line', id: lineId, version: version ?? before.version, before });
	return getProgramme(trx, ctx, programmeId);
}

export async function listBudgetEntries(db: Db, ctx: RequestContext, programmeId: string): Promise<BudgetEntry[]> {
	await getProgramme(db, ctx, programmeId);
	const rows = await db
		.selectFrom('budget_entries as e')
		.innerJoin('budget_lines as l', 'l.id', 'e.budget_line_id')
		.select(['e.id', 'e.budget_line_id', 'e.kind', 'e.amount_sek', 'e.booked_on', 'e.note', 'e.over_cap_reason', 'e.version'])
		.where('l.programme_id', '=', programmeId)
		.where('e.tenant_id', '=', ctx.tenant)
		.orderBy('e.booked_on')
		.orderBy('e.created_at')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		budgetLineId: r.budget_line_id,
		kind: r.kind as BudgetEntry['kind'],
		amountSek: Number(r.amount_sek),
		bookedOn: r.booked_on,
		note: r.note,
		overCapReason: r.over_cap_reason,
		version: r.version
	}));
}

export async function addBudgetEntry(trx: Transaction<DB>, ctx: RequestContext, programmeId: string, input: BudgetEntryCreateInput) {
	const { programme, actor } = await managed(trx, ctx, programmeId);
	const line = programme.properties.budget.lines.find((l) => l.id === input.budgetLineId);
	if (!line) throw badRequest('unknown_reference', 'The budget line is not in this programme.', { field: 'budgetLineId', entity: 'budget_line', reason: 'other_programme' });
	const { id } = await trx
		.insertInto('budget_entries')
		.values({
			tenant_id: ctx.tenant,
			budget_line_id: input.budgetLineId,
			kind: input.kind,
			amount_sek: input.amountSek,
			booked_on: input.bookedOn,
			note: input.note,
			over_cap_reason: input.overBudgetReason?.trim() || null,
			created_by: actor.id
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await assertWithinBudget(trx, input.budgetLineId, { ...programme.properties.budget, programmeId }, input.overBudgetReason);
	await recordAudit(trx, { tenant: ctx.tenant, actor, action: 'create', entity: 'budget_entry', entityId: id, after: input, requestId: ctx.requestId });
	return (await listBudgetEntries(trx, ctx, programmeId)).find((e) => e.id === id)!;
}

export async function deleteBudgetEntry(trx: Transaction<DB>, ctx: RequestContext, programmeId: string, entryId: string) {
	const { actor } = await managed(trx, ctx, programmeId);
	const before = (await listBudgetEntries(trx, ctx, programmeId)).find((e) => e.id === entryId);
	if (!before) throw notFound('budget_entry');
	await trx.deleteFrom('budget_entries').where('id', '=', entryId).where('tenant_id', '=', ctx.tenant).where('budget_line_id', '=', before.budgetLineId).execute();
	await recordAudit(trx, { tenant: ctx.tenant, actor, action: 'delete', entity: 'budget_entry', entityId: entryId, before, requestId: ctx.requestId });
}
