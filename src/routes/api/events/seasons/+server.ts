import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { database } from '$lib/server/db';
import { endpoint, readQuery, uuidParam } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { eventSeasonYears } from '$lib/events/events.server';
import { SEASON_MONTHS } from '$lib/time/season';

const query = z.object({ area: uuidParam.optional() });

/** GET /api/events/seasons?area= — `{ months: { first, last }, years }`: the seasons that have events the reader may see. */
export const GET = endpoint(async (event) => {
	const filter = readQuery(event.url, query);
	return json({ months: SEASON_MONTHS, years: await eventSeasonYears(database().db, contextOf(event), filter) });
});
