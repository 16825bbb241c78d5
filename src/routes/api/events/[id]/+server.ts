import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, idParam, readJson, readQuery, versionQuery } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { deleteEvent, getEvent, updateEvent } from '$lib/events/events.server';
import { eventPatchSchema } from '$lib/events/event';

export const GET = endpoint(async (event) => {
	const id = idParam(event.params.id, 'event');
	return json(await getEvent(database().db, contextOf(event), id));
});

export const PATCH = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'event');
	const patch = await readJson(event.request, eventPatchSchema);
	return json(await database().db.transaction().execute((trx) => updateEvent(trx, contextOf(event), id, patch)));
});

export const DELETE = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'event');
	const { version } = readQuery(event.url, versionQuery);
	await database().db.transaction().execute((trx) => deleteEvent(trx, contextOf(event), id, version));
	return new Response(null, { status: 204 });
});
