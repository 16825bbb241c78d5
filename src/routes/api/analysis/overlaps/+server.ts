import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { isoDate } from '$lib/time/dates';
import { database } from '$lib/server/db';
import { endpoint, readQuery, uuidParam } from '$lib/server/api/endpoint';
import { checkedPeriod } from '$lib/server/api/period';
import { contextOf } from '$lib/server/api/context';
import { areaOverlaps } from '$lib/zones/activities.server';
import { MAX_ANALYSIS_DAYS } from '$lib/analysis/limits';

const query = z.object({ area: uuidParam, from: isoDate, to: isoDate });

/**
 * Conflicts (events whose footprints and times overlap) and redundancies (measures of the
 * same kind with heavily overlapping footprints) in an area and period (at most a year),
 * computed with the same pure functions the browser uses while an event is being placed.
 */
export const GET = endpoint(async (event) => {
	const { area, from, to } = readQuery(event.url, query);
	const period = checkedPeriod(from, to, MAX_ANALYSIS_DAYS);
	const started = performance.now();
	const { activities, pairs } = await areaOverlaps(database().db, contextOf(event), area, period);
	return json({ area, from, to, activities, pairs, milliseconds: Math.round(performance.now() - started) });
});
