import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, readJson, readQuery } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { createEvent, listEvents } from '$lib/events/events.server';
import { eventCreateSchema } from '$lib/events/event';
import { eventListQuery } from '$lib/events/query.server';

export const GET = endpoint(async (event) => {
	const filter = readQuery(event.url, eventListQuery);
	return json(await listEvents(database().db, contextOf(event), filter));
});

export const POST = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const input = await readJson(event.request, eventCreateSchema);
	const created = await database().db.transaction().execute((trx) => createEvent(trx, contextOf(event), input));
	return json(created, { status: 201, headers: { location: `/api/events/${created.id}` } });
});
