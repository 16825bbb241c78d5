import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { database } from '$lib/server/db';
import { endpoint, idParam, readQuery } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { isoDate } from '$lib/time/dates';
import { areaOverview } from '$lib/overview/overview.server';

const overviewQuery = z.strictObject({ at: isoDate.optional(), since: isoDate.optional() });

/** The area overview (lägesbild) for the collaboration meeting, read at `at` (default today), changes since `since`. */
export const GET = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const areaId = idParam(event.params.id, 'area');
	const q = readQuery(event.url, overviewQuery);
	return json(await areaOverview(database().db, contextOf(event), areaId, q));
});
