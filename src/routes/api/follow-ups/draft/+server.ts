import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { database } from '$lib/server/db';
import { endpoint, readQuery, uuidParam } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { draftFollowUp } from '$lib/followups/followups.server';
import { periodParam } from '$lib/followups/period';

const draftQuery = z.strictObject({
	area: uuidParam,
	programme: uuidParam.optional(),
	activity: uuidParam.optional(),
	period: periodParam
});

/**
 * The figures of an area (`area`, optionally one `programme`'s goals) for a period
 * (`period=2023-T2`, or `2023` for the year) as the data gives them now, for this reader, and
 * the goals to assess. Nothing is saved.
 */
export const GET = endpoint(async (event) => {
	const q = readQuery(event.url, draftQuery);
	const started = performance.now();
	const draft = await draftFollowUp(database().db, contextOf(event), { area: q.area, programme: q.programme ?? null, activity: q.activity ?? null, period: q.period });
	return json({ ...draft, milliseconds: Math.round(performance.now() - started) });
});
