import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { isoDate } from '$lib/time/dates';
import { database } from '$lib/server/db';
import { endpoint, readQuery, uuidParam } from '$lib/server/api/endpoint';
import { badRequest } from '$lib/server/api/errors';
import { contextOf } from '$lib/server/api/context';
import { activitiesIn } from '$lib/analysis/activities.server';
import { findOverlaps } from '$lib/analysis/overlaps';
import { stockholmPeriod } from '$lib/time/stockholm';

const query = z.object({ area: uuidParam, from: isoDate, to: isoDate });

/**
 * Conflicts (events whose footprints and times overlap) and redundancies (measures of the
 * same kind with heavily overlapping footprints) in an area and period, computed with the
 * same pure functions the browser uses while an event is being placed.
 */
export const GET = endpoint(async (event) => {
	const { area, from, to } = readQuery(event.url, query);
	if (to < from) throw badRequest('invalid_period', 'The period must end after it starts.', { field: 'to' });
	const period = stockholmPeriod(from, to);
	const started = performance.now();
	const activities = await activitiesIn(database().db, contextOf(event), area, period);
	const pairs = findOverlaps(activities);
	return json({ area, from, to, activities: activities.length, pairs, milliseconds: Math.round(performance.now() - started) });
});
