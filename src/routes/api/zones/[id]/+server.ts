import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, idParam, readJson, readQuery, versionQuery } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { deleteZone, getZone, updateZone } from '$lib/zones/zones.server';
import { zonePatchSchema } from '$lib/zones/zone';

export const GET = endpoint(async (event) => json(await getZone(database().db, contextOf(event), idParam(event.params.id, 'zone'))));

export const PATCH = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'zone');
	const patch = await readJson(event.request, zonePatchSchema);
	return json(await database().db.transaction().execute((trx) => updateZone(trx, contextOf(event), id, patch)));
});

export const DELETE = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'zone');
	const { version } = readQuery(event.url, versionQuery);
	await database().db.transaction().execute((trx) => deleteZone(trx, contextOf(event), id, version));
	return new Response(null, { status: 204 });
});
