/**
 * The tenant's vocabulary of needs: the built-in ones and those coordinators add. A need is
 * shared reference data like partners: any coordinator may add one or rename it; keys never
 * change (directories and statistics refer to them), and needs are not deleted.
 */
import type { Transaction } from 'kysely';
import type { Db, DB } from '$lib/server/db';
import { ApiError, badRequest, notFound } from '$lib/server/api/errors';
import { fieldIssue } from '$lib/api/issues';
import { holdsAnywhere, MANAGE_ROLES } from '$lib/users/access';
import { forbidden, unauthenticated } from '$lib/server/api/errors';
import { recordAudit } from '$lib/server/audit';
import type { RequestContext } from '$lib/server/api/context';
import { BUILT_IN_NEEDS, type NeedDefinition } from './needs';
import type { NeedInput } from './directory';

export async function listNeeds(db: Db, tenant: string): Promise<NeedDefinition[]> {
	const own = await db.selectFrom('directory_needs').select(['key', 'label_sv', 'label_en']).where('tenant_id', '=', tenant).orderBy('key').execute();
	const custom = own.map<NeedDefinition>((n) => ({ key: n.key, label: { sv: n.label_sv, en: n.label_en }, words: '', builtIn: false }));
	return [...BUILT_IN_NEEDS, ...custom];
}

/**
 * 400 naming each unknown need's field (`properties.needs.2`) unless every key is in the
 * tenant's vocabulary.
 */
export async function assertKnownNeeds(db: Db, tenant: string, keys: readonly { path: string; need: string }[]): Promise<void> {
	if (keys.length === 0) return;
	const known = new Set((await listNeeds(db, tenant)).map((n) => n.key));
	const unknown = keys.filter((k) => !known.has(k.need));
	if (unknown.length)
		throw badRequest('validation_failed', 'Some needs are not in the directory’s vocabulary.', unknown.map((k) => fieldIssue(k.path, 'unknown_need', { need: k.need })));
}

function requireCoordinator(ctx: RequestContext) {
	if (!ctx.actor) throw unauthenticated();
	if (!holdsAnywhere(ctx.actor.roles, MANAGE_ROLES)) throw forbidden('coordinator_anywhere');
	return ctx.actor;
}

/** Adds a need (409 when the key is taken, built-in or not). */
export async function createNeed(trx: Transaction<DB>, ctx: RequestContext, input: NeedInput): Promise<NeedDefinition> {
	const actor = requireCoordinator(ctx);
	if (BUILT_IN_NEEDS.some((n) => n.key === input.key))
		throw new ApiError(409, 'already_exists', 'A built-in need has that key.', { field: 'key' });
	await trx
		.insertInto('directory_needs')
		.values({ tenant_id: ctx.tenant, key: input.key, label_sv: input.label.sv, label_en: input.label.en, created_by: actor.id })
		.execute();
	const need: NeedDefinition = { key: input.key, label: input.label, words: '', builtIn: false };
	await recordAudit(trx, { tenant: ctx.tenant, actor, action: 'create', entity: 'need', entityId: input.key, after: need, requestId: ctx.requestId });
	return need;
}

/** Renames a need of the tenant's own (built-in needs keep their names). */
export async function renameNeed(trx: Transaction<DB>, ctx: RequestContext, key: string, label: { sv: string; en: string }): Promise<NeedDefinition> {
	const actor = requireCoordinator(ctx);
	const before = await trx.selectFrom('directory_needs').selectAll().where('tenant_id', '=', ctx.tenant).where('key', '=', key).executeTakeFirst();
	if (!before) throw notFound('need');
	await trx.updateTable('directory_needs').set({ label_sv: label.sv, label_en: label.en }).where('tenant_id', '=', ctx.tenant).where('key', '=', key).execute();
	const need: NeedDefinition = { key, label, words: '', builtIn: false };
	await recordAudit(trx, { tenant: ctx.tenant, actor, action: 'update', entity: 'need', entityId: key, before, after: need, requestId: ctx.requestId });
	return need;
}
