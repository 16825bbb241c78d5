import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, readJson } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { notFound } from '$lib/server/api/errors';
import { requireUser } from '$lib/server/auth/guard';
import { renameNeed } from '$lib/partners/needs.server';
import { needRenameSchema } from '$lib/partners/directory';
import { NEED_KEY } from '$lib/partners/needs';
import { refreshSearch } from '$lib/partners/partners.server';

/** A coordinator renames one of the tenant's needs; the partners with it are found by the new words. */
export const PATCH = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const key = event.params.key ?? '';
	if (!NEED_KEY.test(key) || key.length > 40) throw notFound('need');
	const input = await readJson(event.request, needRenameSchema);
	const ctx = contextOf(event);
	const need = await database().db.transaction().execute(async (trx) => {
		const renamed = await renameNeed(trx, ctx, key, input.label);
		const partners = await trx.selectFrom('partner_needs').select('partner_id').where('tenant_id', '=', ctx.tenant).where('need', '=', key).execute();
		await refreshSearch(trx, ctx.tenant, partners.map((p) => p.partner_id));
		return renamed;
	});
	return json(need);
});
