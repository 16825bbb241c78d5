import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { isoDate } from '$lib/time/dates';
import { database } from '$lib/server/db';
import { endpoint, readJson } from '$lib/server/api/endpoint';
import { badRequest } from '$lib/server/api/errors';
import { checkedPeriod } from '$lib/server/api/period';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { suggestInArea } from '$lib/zones/coverage.server';
import { SLOT_DAYS, slotHours } from '$lib/analysis/slot';
import { MAX_ANALYSIS_DAYS, MAX_SUGGEST_CANDIDATES, MAX_SUGGEST_K } from '$lib/analysis/limits';

const body = z.object({
	area: z.string().uuid(),
	from: isoDate,
	to: isoDate,
	/** The time slot: weekdays and hours, e.g. Friday 18–22. */
	days: z.array(z.enum(SLOT_DAYS)).min(1),
	startHour: z.number().int().min(0).max(23),
	endHour: z.number().int().min(1).max(24),
	k: z.number().int().min(1, `k is 1–${MAX_SUGGEST_K}`).max(MAX_SUGGEST_K, `k is 1–${MAX_SUGGEST_K}`),
	radius: z.number().min(10).max(1000).default(100),
	candidates: z.array(z.tuple([z.number(), z.number()])).min(1).max(MAX_SUGGEST_CANDIDATES, `at most ${MAX_SUGGEST_CANDIDATES} candidate sites`).optional()
});

/** Ranked sites for a new event in a time slot, each with the coverage it adds (greedy), over at most a year. */
export const POST = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const input = await readJson(event.request, body);
	const period = checkedPeriod(input.from, input.to, MAX_ANALYSIS_DAYS);
	if (input.startHour === input.endHour % 24) throw badRequest('validation_failed', 'The time slot is empty.', [{ path: 'endHour', message: 'equals startHour' }]);
	const started = performance.now();
	const result = await suggestInArea(database().db, contextOf(event), input.area, period, {
		hours: slotHours({ days: input.days, startHour: input.startHour, endHour: input.endHour }),
		k: input.k,
		radiusM: input.radius,
		candidates: input.candidates
	});
	return json({ area: input.area, ...result, milliseconds: Math.round(performance.now() - started) });
});
