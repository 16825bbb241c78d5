import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, idParam, readJson, readQuery, versionQuery } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { deleteWalk, getWalk, updateWalk } from '$lib/walks/walks.server';
import { walkPatchSchema } from '$lib/walks/walk';

export const GET = endpoint(async (event) => {
	const id = idParam(event.params.id, 'walk');
	return json(await getWalk(database().db, contextOf(event), id));
});

export const PATCH = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'walk');
	const patch = await readJson(event.request, walkPatchSchema);
	return json(await database().db.transaction().execute((trx) => updateWalk(trx, contextOf(event), id, patch)));
});

export const DELETE = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'walk');
	const { version } = readQuery(event.url, versionQuery);
	await database().db.transaction().execute((trx) => deleteWalk(trx, contextOf(event), id, version));
	return new Response(null, { status: 204 });
});
