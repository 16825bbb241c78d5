/**
 * Who may change a finding (DESIGN §7, issue 3): walkers, coordinators and admins of the
 * area report and confirm findings (walk guests on their walk only); walkers edit their own
 * findings while they are new; coordinators and admins of the area manage all; partners
 * move the status of findings routed to them.
 */
import type { Transaction } from 'kysely';
import type { DB } from '$lib/server/db';
import { forbidden, notFound, unauthenticated } from '$lib/server/api/errors';
import { areasWhere, inSet, MANAGE_ROLES, REPORT_ROLES } from '$lib/server/auth/scope.server';
import type { RequestContext } from '$lib/server/api/context';

export async function requireReporter(trx: Transaction<DB>, ctx: RequestContext, areaId: string) {
	if (ctx.actor) {
		const reporters = await areasWhere(trx, ctx.tenant, ctx.actor, REPORT_ROLES);
		if (!inSet(reporters, areaId)) throw forbidden('report_in_area', { entity: 'finding' });
		return;
	}
	if (ctx.guest) return; // the walk's area, enforced by the caller
	throw unauthenticated();
}

export type Permission = 'manage' | 'partner' | 'owner' | 'none';

type PermissionRow = { area_id: string; reported_by: string | null; status: string; responsible_partner_id: string | null };

export async function permissionOn(trx: Transaction<DB>, ctx: RequestContext, row: PermissionRow): Promise<Permission> {
	if (!ctx.actor) return 'none';
	if (inSet(await areasWhere(trx, ctx.tenant, ctx.actor, MANAGE_ROLES), row.area_id)) return 'manage';
	if (
		ctx.actor.partnerId &&
		row.responsible_partner_id === ctx.actor.partnerId &&
		inSet(await areasWhere(trx, ctx.tenant, ctx.actor, ['partner']), row.area_id)
	)
		return 'partner';
	if (row.reported_by === ctx.actor.id && row.status === 'new' && inSet(await areasWhere(trx, ctx.tenant, ctx.actor, ['walker']), row.area_id))
		return 'owner';
	return 'none';
}

/** The fields of a finding its workflow and permissions depend on; 404 when there is none. */
export async function loadRow(trx: Transaction<DB>, tenant: string, id: string) {
	const row = await trx
		.selectFrom('findings')
		.select(['id', 'area_id', 'walk_id', 'status', 'status_reason', 'reported_by', 'responsible_partner_id', 'version'])
		.where('id', '=', id)
		.where('tenant_id', '=', tenant)
		.executeTakeFirst();
	if (!row) throw notFound('finding');
	return row;
}

/** The finding's row, when the caller manages it or is its walker and it is still new. */
export async function requireContentEditor(trx: Transaction<DB>, ctx: RequestContext, id: string) {
	if (!ctx.actor) throw unauthenticated();
	const row = await loadRow(trx, ctx.tenant, id);
	const permission = await permissionOn(trx, ctx, row);
	if (permission !== 'manage' && permission !== 'owner') throw forbidden('may_not_change', { entity: 'finding' });
	return row;
}
