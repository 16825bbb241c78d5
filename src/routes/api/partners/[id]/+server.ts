import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, idParam, readJson, readQuery, versionQuery } from '$lib/server/api/endpoint';
import { notFound } from '$lib/server/api/errors';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { deletePartner, getPartner, updatePartner } from '$lib/partners/partners.server';
import { partnerPatchSchema } from '$lib/partners/partner';

export const GET = endpoint(async ({ params, locals }) => {
	const id = idParam(params.id, 'partner');
	const partner = await getPartner(database().db, locals.tenant, id, { signedIn: !!locals.actor });
	if (!partner) throw notFound('partner');
	return json(partner);
});

export const PATCH = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'partner');
	const patch = await readJson(event.request, partnerPatchSchema);
	const partner = await database().db.transaction().execute((trx) => updatePartner(trx, contextOf(event), id, patch));
	return json(partner);
});

export const DELETE = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'partner');
	const { version } = readQuery(event.url, versionQuery);
	await database().db.transaction().execute((trx) => deletePartner(trx, contextOf(event), id, version));
	return new Response(null, { status: 204 });
});
