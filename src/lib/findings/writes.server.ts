/** Changing and deleting findings: the workflow with its status history, each in the caller's transaction with its audit row. */
import type { Transaction } from 'kysely';
import type { DB } from '$lib/server/db';
import { fromGeoJSON } from '$lib/server/db/postgis';
import { assertWritableGeometry } from '$lib/server/db/geometry';
import { badRequest, forbidden, unauthenticated } from '$lib/server/api/errors';
import { MANAGE_ROLES } from '$lib/server/auth/scope.server';
import { assertMayWrite } from '$lib/server/auth/write-scope.server';
import { deleteVersioned, updateVersioned } from '$lib/server/db/versioned';
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
	if (permission === 'none') throw forbidden('may_not_change', { entity: 'finding' });
	if (permission === 'partner' && fields.some((f) => !PARTNER_FIELDS.has(f)))
		throw forbidden('partner_status_only', { entity: 'finding' });
	if (permission === 'owner' && fields.some((f) => !OWNER_FIELDS.has(f) && f !== 'geometry'))
		throw forbidden('own_new_findings_only', { entity: 'finding' });

	const before = await getFinding(trx, ctx, id);
	const version = versionOf(patch);
	const actorId = ctx.actor.id;
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
	if (patch.geometry) {
		await assertWritableGeometry(trx, patch.geometry, FINDING_GEOMETRY_TYPES);
		// A finding stays in its area: moved, it must still lie within it (a walker's own too).
		await assertMayWrite(trx, ctx, { areaId: row.area_id, roles: permission === 'manage' ? MANAGE_ROLES : ['walker'], geometry: patch.geometry });
	}

	return updateVersioned(trx, ctx, {
		table: 'findings',
		entity: 'finding',
		what: 'The finding',
		id,
		version,
		before,
		set: {
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
			updated_by: actorId
		},
		after: async () => {
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
						changed_by: actorId
					})
					.execute();
			return getFinding(trx, ctx, id);
		}
	});
}

export async function deleteFinding(trx: Transaction<DB>, ctx: RequestContext, id: string, version?: number) {
	const row = await requireContentEditor(trx, ctx, id);
	const before = await getFinding(trx, ctx, id);
	await deleteVersioned(trx, ctx, { table: 'findings', entity: 'finding', what: 'The finding', id, version: version ?? row.version, before });
}
