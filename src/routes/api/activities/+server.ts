import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { database } from '$lib/server/db';
import { endpoint, readQuery, uuidParam } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { activitiesForArea } from '$lib/programmes/plan.server';

/** The plan activities an event, measure or walk in `area` may carry out. */
export const GET = endpoint(async (event) => {
	const { area } = readQuery(event.url, z.object({ area: uuidParam }));
	return json(await activitiesForArea(database().db, contextOf(event), area));
});
