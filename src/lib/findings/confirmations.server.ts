/** "Same problem": +1 on an open finding instead of reporting it again. */
import type { Transaction } from 'kysely';
import type { DB } from '$lib/server/db';
import { recordAudit } from '$lib/server/audit';
import { ApiError, forbidden } from '$lib/server/api/errors';
import type { RequestContext } from '$lib/server/api/context';
import { guestAreas } from './visibility.server';
import { loadRow, requireReporter } from './permissions.server';
import { OPEN_STATUSES, type FindingStatus } from './finding';

export async function confirmFinding(trx: Transaction<DB>, ctx: RequestContext, id: string, comment: string) {
	const row = await loadRow(trx, ctx.tenant, id);
	if (ctx.guest) {
		if (!(await guestAreas(trx, ctx)).includes(row.area_id)) throw forbidden('join_code_own_area', { entity: 'finding' });
	} else await requireReporter(trx, ctx, row.area_id);
	if (!OPEN_STATUSES.includes(row.status as FindingStatus))
		throw new ApiError(409, 'finding_closed', 'This finding is closed; report the problem as a new finding.');
	const { confirmations } = await trx
		.updateTable('findings')
		.set((eb) => ({ confirmations: eb('confirmations', '+', 1) }))
		.where('tenant_id', '=', ctx.tenant)
		.where('id', '=', id)
		.returning('confirmations')
		.executeTakeFirstOrThrow();
	await trx
		.insertInto('finding_comments')
		.values({ tenant_id: ctx.tenant, finding_id: id, kind: 'confirm', body: comment, author_id: ctx.actor?.id ?? null })
		.execute();
	await recordAudit(trx, {
		tenant: ctx.tenant,
		actor: ctx.actor,
		actorLabel: ctx.guest ? `guest:${ctx.guest.name || ctx.guest.id}` : undefined,
		action: 'update',
		entity: 'finding',
		entityId: id,
		after: { confirmations, comment },
		requestId: ctx.requestId
	});
	return { confirmations };
}
