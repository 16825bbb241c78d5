import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { isoDate } from '$lib/time/dates';
import { database } from '$lib/server/db';
import { endpoint, readQuery, uuidParam } from '$lib/server/api/endpoint';
import { checkedPeriod } from '$lib/server/api/period';
import { contextOf } from '$lib/server/api/context';
import { areaCoverage } from '$lib/zones/coverage.server';
import { SLOT_DAYS, slotHours } from '$lib/analysis/slot';
import { MAX_ANALYSIS_DAYS } from '$lib/analysis/limits';

const days = z
	.string()
	.transform((s) => s.split(',').map((d) => d.trim().toUpperCase()).filter(Boolean))
	.pipe(z.array(z.enum(SLOT_DAYS)).min(1));
const hourRange = z
	.string()
	.regex(/^\d{1,2}-\d{1,2}$/, 'hours are from-to, e.g. 18-22')
	.transform((s) => s.split('-').map(Number) as [number, number])
	.refine(([a, b]) => a <= 23 && b <= 24 && a !== b % 24, 'hours are 0–24 and not empty');

const coverageQuery = z.object({
	area: uuidParam,
	from: isoDate,
	to: isoDate,
	days: days.optional(),
	hours: hourRange.optional(),
	byHour: z.enum(['true', 'false']).optional()
});

/**
 * Problem zones of an area with weight, spatialCoverage, timeCoverage, gapScore and
 * coveredBy (each activity's share), sorted by gap score; optionally only some hours of
 * the week (`days=FR,SA&hours=18-22`). With `byHour=true` each zone also carries
 * `problemByHour` and `coveredByHour` (168 values each, Monday 00–01 first): left out by
 * default, they are nine tenths of the answer (3.6 MB for 500 zones). At most a year.
 */
export const GET = endpoint(async (event) => {
	const q = readQuery(event.url, coverageQuery);
	const period = checkedPeriod(q.from, q.to, MAX_ANALYSIS_DAYS);
	const hours = q.days || q.hours ? slotHours({ days: q.days ?? [...SLOT_DAYS], startHour: q.hours?.[0] ?? 0, endHour: q.hours?.[1] ?? 24 }) : undefined;
	const started = performance.now();
	const result = await areaCoverage(database().db, contextOf(event), q.area, period, { hours, byHour: q.byHour === 'true' });
	return json({ area: q.area, from: q.from, to: q.to, ...result, milliseconds: Math.round(performance.now() - started) });
});
