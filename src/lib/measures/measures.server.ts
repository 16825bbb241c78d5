/**
 * Measures: queries and mutations. Coordinators and admins of the area plan them;
 * partners read the measures of their areas and move the status of those routed to them;
 * everyone else with a role in the area reads.
 */
import { sql, type SqlBool, type Transaction } from 'kysely';
import type { Database, Db, DB } from '$lib/server/db';
import { asGeoJSON, fromGeoJSON, intersectsBBox, type BBox } from '$lib/server/db/postgis';
import { assertWritableGeometry } from '$lib/server/db/geometry';
import { recordAudit } from '$lib/server/audit';
import { badRequest, forbidden, notFound, unauthenticated } from '$lib/server/api/errors';
import { fieldIssue } from '$lib/api/issues';
import { areasWhere, inSet, MANAGE_ROLES, READ_ROLES, inAreaTree, inAreaSet, readableAreas } from '$lib/server/auth/scope.server';
import { assertMayWrite, type Reference } from '$lib/server/auth/write-scope.server';
import { deleteVersioned, updateVersioned } from '$lib/server/db/versioned';
import type { RequestContext } from '$lib/server/api/context';
import { versionOf } from '$lib/api/versioning';
import { areaAt } from '$lib/findings/routing.server';
import { OPEN_STATUSES } from '$lib/findings/finding';
import { assertWithinBudget, budgetOf, programmeOfLine } from '$lib/programmes/budget.server';
import {
	MEASURE_DEFAULT_RADIUS_M,
	MEASURE_GEOMETRY_TYPES,
	MEASURE_STATUS_TRANSITIONS,
	STATUS_DATE,
	activeHoursOf,
	type MeasureCollection,
	type MeasureCreateInput,
	type MeasureFeature,
	type MeasureGeometry,
	type MeasureKind,
	type MeasurePatchInput,
	type MeasureStatus
} from './measure';

export interface MeasureFilter {
	area?: string;
	programme?: string;
	kind?: MeasureKind;
	status?: MeasureStatus[];
	partner?: string;
	bbox?: BBox;
}

const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());

function selectMeasures(db: Db, tenant: string) {
	return db
		.selectFrom('measures as m')
		.innerJoin('areas as a', (j) => j.onRef('a.tenant_id', '=', 'm.tenant_id').onRef('a.id', '=', 'm.area_id'))
		.leftJoin('partners as p', (j) => j.onRef('p.tenant_id', '=', 'm.tenant_id').onRef('p.id', '=', 'm.responsible_partner_id'))
		.select([
			'm.id', 'm.area_id', 'a.name as area_name', 'm.programme_id', 'm.activity_id', 'm.budget_line_id', 'm.kind', 'm.title',
			'm.description', 'm.influence_radius_m', 'm.active_hours', 'm.status', 'm.status_reason', 'm.proposed_on',
			'm.approved_on', 'm.ordered_on', 'm.done_on', 'm.cancelled_on', 'm.cost_sek', 'm.spent_sek',
			'm.responsible_partner_id', 'p.name as partner_name', 'm.version', 'm.created_at', 'm.updated_at',
			asGeoJSON<MeasureGeometry>('m.geom').as('geometry'),
			sql<string[]>`ARRAY(SELECT mf.finding_id FROM measure_findings mf WHERE mf.tenant_id = ${tenant} AND mf.measure_id = m.id ORDER BY mf.finding_id)`.as('finding_ids')
		])
		.where('m.tenant_id', '=', tenant);
}

type MeasureRow = Awaited<ReturnType<ReturnType<typeof selectMeasures>['executeTakeFirstOrThrow']>>;

function toFeature(r: MeasureRow): MeasureFeature {
	return {
		type: 'Feature',
		id: r.id,
		geometry: r.geometry,
		properties: {
			areaId: r.area_id, areaName: r.area_name, programmeId: r.programme_id, activityId: r.activity_id, budgetLineId: r.budget_line_id,
			kind: r.kind as MeasureKind, title: r.title, description: r.description, influenceRadiusM: r.influence_radius_m,
			activeHours: r.active_hours as 'dark' | 'always', status: r.status as MeasureStatus, statusReason: r.status_reason,
			proposedOn: r.proposed_on, approvedOn: r.approved_on, orderedOn: r.ordered_on, doneOn: r.done_on, cancelledOn: r.cancelled_on,
			costSek: r.cost_sek, spentSek: r.spent_sek, responsiblePartnerId: r.responsible_partner_id, responsiblePartnerName: r.partner_name,
			findingIds: r.finding_ids, version: r.version,
			createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString()
		}
	};
}

export async function listMeasures(db: Database, ctx: RequestContext, filter: MeasureFilter = {}): Promise<MeasureCollection> {
	const scope = await readableAreas(db as Database, ctx.tenant, ctx.actor);
	let query = selectMeasures(db, ctx.tenant);
	query = query.where(inAreaSet('m.area_id', scope));
	if (filter.area) query = query.where(inAreaTree('m.area_id', filter.area, ctx.tenant));
	if (filter.programme) query = query.where('m.programme_id', '=', filter.programme);
	if (filter.kind) query = query.where('m.kind', '=', filter.kind);
	if (filter.status?.length) query = query.where('m.status', 'in', filter.status);
	if (filter.partner) query = query.where('m.responsible_partner_id', '=', filter.partner);
	if (filter.bbox) query = query.where(intersectsBBox('m.geom', filter.bbox));
	const rows = await query.orderBy('m.created_at', 'desc').orderBy('m.id').execute();
	return { type: 'FeatureCollection', features: rows.map(toFeature) };
}

export async function getMeasure(db: Db, ctx: RequestContext, id: string): Promise<MeasureFeature> {
	const scope = await readableAreas(db as Database, ctx.tenant, ctx.actor);
	const row = await selectMeasures(db, ctx.tenant).where('m.id', '=', id).executeTakeFirst();
	if (!row) throw notFound('measure');
	if (!inSet(scope, row.area_id)) throw forbidden('not_your_area', { entity: 'measure' });
	return toFeature(row);
}

/** Replaces the findings a measure addresses (each already checked by assertMayWrite). */
async function linkFindings(trx: Transaction<DB>, tenant: string, measureId: string, findingIds: string[]) {
	await trx.deleteFrom('measure_findings').where('measure_id', '=', measureId).execute();
	const unique = [...new Set(findingIds)];
	if (unique.length)
		await trx.insertInto('measure_findings').values(unique.map((finding_id) => ({ tenant_id: tenant, measure_id: measureId, finding_id }))).execute();
}

/** What a measure's write names: the findings it addresses, its budget line and programme. */
function referencesOf(p: { findingIds?: string[]; budgetLineId?: string | null; programmeId?: string | null; activityId?: string | null }): Reference[] {
	return [
		...(p.activityId ? [{ field: 'activityId', kind: 'activity' as const, ids: [p.activityId] }] : []),
		...(p.findingIds?.length ? [{ field: 'findingIds', kind: 'finding' as const, ids: p.findingIds }] : []),
		...(p.budgetLineId ? [{ field: 'budgetLineId', kind: 'budget_line' as const, ids: [p.budgetLineId] }] : []),
		...(p.programmeId ? [{ field: 'programmeId', kind: 'programme' as const, ids: [p.programmeId] }] : [])
	];
}

function assertDates(p: { status?: MeasureStatus; doneOn?: string | null }) {
	if (p.status === 'done' && p.doneOn === null) throw badRequest('validation_failed', 'A done measure needs its done date.', [fieldIssue('properties.doneOn', 'required_when_done')]);
}

export async function createMeasure(trx: Transaction<DB>, ctx: RequestContext, input: MeasureCreateInput): Promise<MeasureFeature> {
	const p = input.properties;
	await assertWritableGeometry(trx, input.geometry, MEASURE_GEOMETRY_TYPES);
	const geometry = input.geometry as MeasureGeometry;
	const areaId = p.areaId ?? (await areaAt(trx, ctx.tenant, geometry))?.id;
	if (!areaId) throw badRequest('outside_areas', 'The measure is not inside any area; draw it inside an area or name the area.', { entity: 'measure' });
	const actor = await assertMayWrite(trx, ctx, { areaId, roles: MANAGE_ROLES, geometry, references: referencesOf(p) });
	const status = p.status ?? 'proposed';
	assertDates({ status, doneOn: p.doneOn });
	const day = today();
	const budgetBefore = p.budgetLineId ? await budgetOf(trx, await programmeOfLine(trx, ctx.tenant, p.budgetLineId)) : null;
	const { id } = await trx
		.insertInto('measures')
		.values({
			tenant_id: ctx.tenant,
			area_id: areaId,
			programme_id: p.programmeId ?? budgetBefore?.programmeId ?? null,
			activity_id: p.activityId ?? null,
			budget_line_id: p.budgetLineId ?? null,
			kind: p.kind,
			title: p.title,
			description: p.description,
			influence_radius_m: p.influenceRadiusM ?? MEASURE_DEFAULT_RADIUS_M[p.kind],
			active_hours: activeHoursOf(p.kind),
			status,
			status_reason: p.statusReason ?? null,
			proposed_on: p.proposedOn ?? day,
			approved_on: p.approvedOn ?? (status === 'approved' ? day : null),
			ordered_on: p.orderedOn ?? (status === 'ordered' ? day : null),
			done_on: p.doneOn ?? (status === 'done' ? day : null),
			cancelled_on: p.cancelledOn ?? (status === 'cancelled' ? day : null),
			cost_sek: p.costSek ?? null,
			spent_sek: p.spentSek ?? null,
			responsible_partner_id: p.responsiblePartnerId ?? null,
			geom: fromGeoJSON(geometry),
			created_by: actor.id,
			updated_by: actor.id
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await linkFindings(trx, ctx.tenant, id, p.findingIds);
	await assertWithinBudget(trx, p.budgetLineId ?? null, budgetBefore, p.overBudgetReason);
	const created = await getMeasure(trx, ctx, id);
	await recordAudit(trx, { tenant: ctx.tenant, actor, action: 'create', entity: 'measure', entityId: id, after: { ...created, overBudgetReason: p.overBudgetReason }, requestId: ctx.requestId });
	return created;
}

const PARTNER_FIELDS = new Set(['status', 'statusReason', 'approvedOn', 'orderedOn', 'doneOn', 'cancelledOn', 'spentSek', 'overBudgetReason', 'version']);

export async function updateMeasure(trx: Transaction<DB>, ctx: RequestContext, id: string, patch: MeasurePatchInput): Promise<MeasureFeature> {
	if (!ctx.actor) throw unauthenticated();
	const before = await getMeasure(trx, ctx, id);
	const b = before.properties;
	const p = patch.properties ?? {};
	if (patch.geometry) await assertWritableGeometry(trx, patch.geometry, MEASURE_GEOMETRY_TYPES);
	const manages = inSet(await areasWhere(trx, ctx.tenant, ctx.actor, MANAGE_ROLES), b.areaId);
	if (!manages) {
		const routed = ctx.actor.partnerId !== null && ctx.actor.partnerId === b.responsiblePartnerId;
		const fields = [...Object.keys(p).filter((k) => (p as Record<string, unknown>)[k] !== undefined), ...(patch.geometry ? ['geometry'] : [])];
		if (!routed || !inSet(await areasWhere(trx, ctx.tenant, ctx.actor, ['partner']), b.areaId)) throw forbidden('may_not_change', { entity: 'measure' });
		if (fields.some((f) => !PARTNER_FIELDS.has(f))) throw forbidden('partner_status_only', { entity: 'measure' });
	} else {
		await assertMayWrite(trx, ctx, { areaId: b.areaId, roles: MANAGE_ROLES, geometry: patch.geometry, references: referencesOf(p) });
	}
	const status = p.status ?? b.status;
	if (status !== b.status && !MEASURE_STATUS_TRANSITIONS[b.status].includes(status))
		throw badRequest('invalid_transition', `A measure cannot go from ${b.status} to ${status}.`, { from: b.status, to: status, allowed: MEASURE_STATUS_TRANSITIONS[b.status] });
	// A status change stamps its date unless one is given.
	const stamped = status !== b.status && p[STATUS_DATE[status]] === undefined ? { [STATUS_DATE[status]]: today() } : {};
	const dates = { ...p, ...stamped };
	assertDates({ status, doneOn: dates.doneOn === undefined ? b.doneOn : dates.doneOn });
	const kind = p.kind ?? b.kind;
	const budgetLineId = p.budgetLineId !== undefined ? p.budgetLineId : b.budgetLineId;
	const budgetBefore = budgetLineId ? await budgetOf(trx, await programmeOfLine(trx, ctx.tenant, budgetLineId)) : null;
	return updateVersioned(trx, ctx, {
		table: 'measures',
		entity: 'measure',
		what: 'The measure',
		id,
		version: versionOf(patch),
		before,
		set: {
			...(p.programmeId !== undefined && { programme_id: p.programmeId }),
			...(p.activityId !== undefined && { activity_id: p.activityId }),
			...(p.budgetLineId !== undefined && { budget_line_id: p.budgetLineId }),
			...(p.kind !== undefined && { kind: p.kind, active_hours: activeHoursOf(kind) }),
			...(p.title !== undefined && { title: p.title }),
			...(p.description !== undefined && { description: p.description }),
			...(p.influenceRadiusM !== undefined && { influence_radius_m: p.influenceRadiusM }),
			...(p.statusReason !== undefined && { status_reason: p.statusReason }),
			...(dates.proposedOn !== undefined && { proposed_on: dates.proposedOn }),
			...(dates.approvedOn !== undefined && { approved_on: dates.approvedOn }),
			...(dates.orderedOn !== undefined && { ordered_on: dates.orderedOn }),
			...(dates.doneOn !== undefined && { done_on: dates.doneOn }),
			...(dates.cancelledOn !== undefined && { cancelled_on: dates.cancelledOn }),
			...(p.costSek !== undefined && { cost_sek: p.costSek }),
			...(p.spentSek !== undefined && { spent_sek: p.spentSek }),
			...(p.responsiblePartnerId !== undefined && { responsible_partner_id: p.responsiblePartnerId }),
			...(patch.geometry && { geom: fromGeoJSON(patch.geometry) }),
			status,
			updated_by: ctx.actor.id
		},
		after: async () => {
			if (p.findingIds) await linkFindings(trx, ctx.tenant, id, p.findingIds);
			if (p.resolveFindings && status === 'done') await resolveLinkedFindings(trx, ctx, id, b.title);
			await assertWithinBudget(trx, budgetLineId, budgetBefore, p.overBudgetReason);
			return getMeasure(trx, ctx, id);
		},
		audited: (after) => ({ ...after, overBudgetReason: p.overBudgetReason })
	});
}

/**
 * Marks the open findings a finished measure addresses as resolved, with a history note:
 * those in areas the actor manages (links are checked when made; this also holds for links
 * made before that check existed).
 */
async function resolveLinkedFindings(trx: Transaction<DB>, ctx: RequestContext, measureId: string, title: string) {
	const managed = await areasWhere(trx, ctx.tenant, ctx.actor, MANAGE_ROLES);
	let query = trx
		.selectFrom('findings as f')
		.innerJoin('measure_findings as mf', 'mf.finding_id', 'f.id')
		.select(['f.id', 'f.status'])
		.where('mf.measure_id', '=', measureId)
		.where('f.tenant_id', '=', ctx.tenant)
		.where('f.status', 'in', [...OPEN_STATUSES]);
	query = query.where(inAreaSet('f.area_id', managed));
	for (const f of await query.execute()) {
		await trx.updateTable('findings').set({ status: 'resolved', updated_by: ctx.actor!.id }).where('id', '=', f.id).where('tenant_id', '=', ctx.tenant).execute();
		await recordAudit(trx, {
			tenant: ctx.tenant, actor: ctx.actor!, action: 'update', entity: 'finding', entityId: f.id,
			before: { status: f.status }, after: { status: 'resolved', byMeasure: measureId }, requestId: ctx.requestId
		});
		await trx
			.insertInto('finding_status_history')
			.values({ tenant_id: ctx.tenant, finding_id: f.id, from_status: f.status, to_status: 'resolved', note: `Åtgärd klar: ${title}`, changed_by: ctx.actor!.id })
			.execute();
	}
}

export async function deleteMeasure(trx: Transaction<DB>, ctx: RequestContext, id: string, version?: number) {
	const before = await getMeasure(trx, ctx, id);
	await assertMayWrite(trx, ctx, { areaId: before.properties.areaId, roles: MANAGE_ROLES });
	await deleteVersioned(trx, ctx, { table: 'measures', entity: 'measure', what: 'The measure', id, version: version ?? before.properties.version, before });
}
