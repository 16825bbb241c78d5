import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { isoDate } from '$lib/time/dates';
import { database } from '$lib/server/db';
import { endpoint, readJson } from '$lib/server/api/endpoint';
import { badRequest } from '$lib/server/api/errors';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { hoursOfWeek, suggestInArea, WEEKDAY_CODES } from '$lib/analysis/coverage.server';
import { stockholmPeriod } from '$lib/time/stockholm';

const body = z.object({
	area: z.string().uuid(),
	from: isoDate,
	to: isoDate,
	/** The time slot: weekdays and hours, e.g. Friday 18–22. */
	days: z.array(z.enum(WEEKDAY_CODES)).min(1),
	startHour: z.number().int().min(0).max(23),
	endHour: z.number().int().min(1).max(24),
	k: z.number().int().min(1, 'k is 1–10').max(10, 'k is 1–10'),
	radius: z.number().min(10).max(1000).default(100),
	candidates: z.array(z.tuple([z.number(), z.number()])).min(1).max(500).optional()
});

/** Ranked sites for a new event in a time slot, each with the coverage it adds (greedy). */
export const POST = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const input = await readJson(event.request, body);
	if (input.to < input.from) throw badRequest('invalid_period', 'The period must end after it starts.', { field: 'to' });
	if (input.startHour === input.endHour % 24) throw badRequest('validation_failed', 'The time slot is empty.', [{ path: 'endHour', message: 'equals startHour' }]);
	const started = performance.now();
	const result = await suggestInArea(database().db, contextOf(event), input.area, stockholmPeriod(input.from, input.to), {
		hours: hoursOfWeek(input.days, input.startHour, input.endHour),
		k: input.k,
		radiusM: input.radius,
		candidates: input.candidates
	});
	return json({ area: input.area, ...result, milliseconds: Math.round(performance.now() - started) });
});
