import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { isoDate } from '$lib/time/dates';
import { database } from '$lib/server/db';
import { bboxParam, endpoint, readJson, readQuery, uuidParam } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { createEvent, listEvents } from '$lib/events/events.server';
import { EVENT_KINDS, eventCreateSchema } from '$lib/events/event';

const listQuery = z.object({
	area: uuidParam.optional(),
	programme: uuidParam.optional(),
	kind: z.enum(EVENT_KINDS).optional(),
	from: isoDate.optional(),
	to: isoDate.optional(),
	bbox: bboxParam.optional()
});

export const GET = endpoint(async (event) => {
	const filter = readQuery(event.url, listQuery);
	return json(await listEvents(database().db, contextOf(event), filter));
});

export const POST = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const input = await readJson(event.request, eventCreateSchema);
	const created = await database().db.transaction().execute((trx) => createEvent(trx, contextOf(event), input));
	return json(created, { status: 201, headers: { location: `/api/events/${created.id}` } });
});
