import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, idParam, readJson, readQuery, versionQuery } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { notFound } from '$lib/server/api/errors';
import { requireUser } from '$lib/server/auth/guard';
import { deleteSetup, getSetup, updateSetup } from '$lib/partners/setups.server';
import { compassSetupPatchSchema } from '$lib/partners/directory';

export const GET = endpoint(async ({ params, locals }) => {
	const setup = await getSetup(database().db, locals.tenant, idParam(params.id, 'compass'));
	if (!setup) throw notFound('compass');
	return json(setup);
});

export const PATCH = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'compass');
	const patch = await readJson(event.request, compassSetupPatchSchema);
	return json(await database().db.transaction().execute((trx) => updateSetup(trx, contextOf(event), id, patch)));
});

export const DELETE = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'compass');
	const { version } = readQuery(event.url, versionQuery);
	await database().db.transaction().execute((trx) => deleteSetup(trx, contextOf(event), id, version));
	return new Response(null, { status: 204 });
});
