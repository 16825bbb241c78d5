import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { database } from '$lib/server/db';
import { endpoint, readJson, readQuery, uuidParam } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { createFollowUp, listFollowUps } from '$lib/followups/followups.server';
import { followUpCreateSchema } from '$lib/followups/followup';
import { FIRST_YEAR, LAST_YEAR } from '$lib/followups/period';

const listQuery = z.strictObject({
	area: uuidParam.optional(),
	programme: uuidParam.optional(),
	year: z.coerce.number().int().min(FIRST_YEAR).max(LAST_YEAR).optional()
});

/** The follow-ups of the reader's areas (without their figures), newest period first. */
export const GET = endpoint(async (event) => {
	const q = readQuery(event.url, listQuery);
	return json(await listFollowUps(database().db, contextOf(event), q));
});

/** Saves a follow-up; its figures are drafted from the data now and kept as they are. */
export const POST = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const input = await readJson(event.request, followUpCreateSchema);
	const created = await createFollowUp(database().db, contextOf(event), input);
	return json(created, { status: 201, headers: { location: `/api/follow-ups/${created.id}` } });
});
