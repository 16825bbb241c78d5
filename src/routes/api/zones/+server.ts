import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, readJson, readQuery } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { createZone, listZones } from '$lib/zones/zones.server';
import { zoneCreateSchema } from '$lib/zones/zone';
import { zoneListQuery } from '$lib/zones/query.server';

export const GET = endpoint(async (event) => {
	const filter = readQuery(event.url, zoneListQuery);
	return json(await listZones(database().db, contextOf(event), filter));
});

/** A zone drawn by hand (`geometry`) or merged from hotspot cells (`fromCells`). */
export const POST = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const input = await readJson(event.request, zoneCreateSchema);
	const created = await database().db.transaction().execute((trx) => createZone(trx, contextOf(event), input));
	return json(created, { status: 201, headers: { location: `/api/zones/${created.id}` } });
});
