/** Changing and deleting findings: the workflow with its status history, each in the caller's transaction with its audit row. */
import type { Transaction } from 'kysely';
import type { DB } from '$lib/server/db';
import { fromGeoJSON } from '$lib/server/db/postgis';
import { assertWritableGeometry } from '$lib/server/db/geometry';
import { recordAudit } from '$lib/server/audit';
import { badRequest, forbidden, unauthenticated, versionConflict } from '$lib/server/api/errors';
import type { RequestContext } from '$lib/server/api/context';
import { versionOf } from '$lib/api/versioning';
import { writeAuditScores } from './audit-scores.server';
import { getFinding } from './reads.server';
import { loadRow, permissionOn, requireContentEditor } from './permissions.server';
import { FINDING_GEOMETRY_TYPES, STATUS_TRANSITIONS, type FindingPatchInput, type FindingStatus } from './finding';

const PARTNER_FIELDS = new Set(['status', 'statusReason', 'note', 'version']);
const OWNER_FIELDS = new Set(['category', 'severity', 'timesOfDay', 'description', 'proposedMeasure', 'proposedTerm', 'audit', 'version']);

export async function updateFinding(trx: Transaction<DB>, ctx: RequestContext, id: string, patch: FindingPatchInput) {
	if (!ctx.actor) throw unauthenticated();
	const row = await loadRow(trx, ctx.tenant, id);
	const permission = await permissionOn(trx, ctx, row);
	const p = patch.properties ?? {};
	const fields = Object.keys(p).filter((k) => (p as Record<string, unknown>)[k] !== undefined);
	if (patch.geometry) fields.push('geometry');
	if (permission === 'none') throw forbidden('You may not change this finding.');
	if (permission === 'partner' && fields.some((f) => !PARTNER_FIELDS.has(f)))
		throw forbidden('As a partner you may update the status of findings routed to you, nothing else.');
	if (permission === 'owner' && fields.some((f) => !OWNER_FIELDS.has(f) && f !== 'geometry'))
		throw forbidden('You may edit the content of your own new findings; the workflow is the coordinators’.');

	const before = await getFinding(trx, ctx, id);
	const version = versionOf(patch);
	let status = (p.status ?? row.status) as FindingStatus;
	const notes: string[] = [];
	// Routing a new finding to a partner is what "assigned" means.
	if (p.responsiblePartnerId && p.status === undefined && row.status === 'new') {
		status = 'assigned';
		notes.push('routed to a partner');
	}
	if (status !== row.status && !STATUS_TRANSITIONS[row.status as FindingStatus].includes(status))
		throw badRequest('invalid_transition', `A finding cannot go from ${row.status} to ${status}.`, {
			from: row.status,
			allowed: STATUS_TRANSITIONS[row.status as FindingStatus]
		});
	const statusReason = p.statusReason !== undefined ? p.statusReason : status === row.status ? row.status_reason : null;
	if (status === 'rejected' && !statusReason?.trim())
		throw badRequest('reason_required', 'Say why the finding is rejected.', { field: 'statusReason' });
	if (patch.geometry) await assertWritableGeometry(trx, patch.geometry, FINDING_GEOMETRY_TYPES);

	const updated = await trx
		.updateTable('findings')
		.set({
			...(p.category !== undefined && { category: p.category }),
			...(p.severity !== undefined && { severity: p.severity }),
			...(p.timesOfDay !== undefined && { times_of_day: [...new Set(p.timesOfDay)] }),
			...(p.description !== undefined && { description: p.description }),
			...(p.proposedMeasure !== undefined && { proposed_measure: p.proposedMeasure }),
			...(p.proposedTerm !== undefined && { proposed_term: p.proposedTerm }),
			...(p.responsiblePartnerId !== undefined && { responsible_partner_id: p.responsiblePartnerId }),
			...(p.followUpOn !== undefined && { follow_up_on: p.followUpOn }),
			...(p.reinspect !== undefined && { reinspect: p.reinspect }),
			...(patch.geometry && { geom: fromGeoJSON(patch.geometry) }),
			status,
			status_reason: statusReason,
			updated_by: ctx.actor.id
		})
		.where('id', '=', id)
		.where('version', '=', version)
		.returning('id')
		.executeTakeFirst();
	if (!updated) throw versionConflict(row.version);
	if (p.audit !== undefined) await writeAuditScores(trx, ctx.tenant, id, p.audit);
	if (status !== row.status || p.note)
		await trx
			.insertInto('finding_status_history')
			.values({
				tenant_id: ctx.tenant,
				finding_id: id,
				from_status: row.status,
				to_status: status,
				note: [p.note, ...notes].filter(Boolean).join(' · '),
				changed_by: ctx.actor.id
			})
			.execute();
	const after = await getFinding(trx, ctx, id);
	await recordAudit(trx, { tenant: ctx.tenant, actor: ctx.actor, action: 'update', entity: 'finding', entityId: id, before, after, requestId: ctx.requestId });
	return after;
}

export async function deleteFinding(trx: Transaction<DB>, ctx: RequestContext, id: string, version?: number) {
	const row = await requireContentEditor(trx, ctx, id, 'You may not delete this finding.');
	if (version !== undefined && version !== row.version) throw versionConflict(row.version);
	const before = await getFinding(trx, ctx, id);
	await trx.deleteFrom('findings').where('id', '=', id).execute();
	await recordAudit(trx, { tenant: ctx.tenant, actor: ctx.actor, action: 'delete', entity: 'finding', entityId: id, before, requestId: ctx.requestId });
}
