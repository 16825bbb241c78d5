import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { database } from '$lib/server/db';
import { endpoint, readQuery, uuidParam } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { effectAnalysis } from '$lib/incidents/effect.server';
import { INCIDENT_CATEGORIES } from '$lib/incidents/incident';
import { monthParam } from '$lib/time/months';
import { EFFECT_BUFFER_M, MAX_EFFECT_ACTIVITIES, MAX_EFFECT_CONTROLS, MAX_EFFECT_MONTHS, MAX_EFFECT_ZONES } from '$lib/analysis/limits';

const ids = (max: number) =>
	z
		.string()
		.transform((s) => [...new Set(s.split(',').map((id) => id.trim()).filter(Boolean))])
		.pipe(z.array(uuidParam).min(1).max(max));

const effectQuery = z.object({
	area: uuidParam,
	zones: ids(MAX_EFFECT_ZONES).optional(),
	control: ids(MAX_EFFECT_CONTROLS).optional(),
	programme: uuidParam.optional(),
	activity: uuidParam.optional(),
	measures: ids(MAX_EFFECT_ACTIVITIES).optional(),
	events: ids(MAX_EFFECT_ACTIVITIES).optional(),
	from: monthParam.optional(),
	to: monthParam.optional(),
	before: z.coerce.number().int().min(1).max(MAX_EFFECT_MONTHS).optional(),
	buffer: z.coerce.number().int().min(EFFECT_BUFFER_M.min).max(EFFECT_BUFFER_M.max).default(EFFECT_BUFFER_M.default),
	category: z.enum(INCIDENT_CATEGORIES).optional()
});

/**
 * The effect of an intervention in an area (`area`, from the month `from` to `to`; or named
 * by `programme`, a plan's `activity` or `measures`/`events`): monthly incident series of the treated region
 * (the area, or `zones`), its `buffer`-metre displacement ring and the controls (`control`,
 * zones or areas, or suggested), with difference in differences, WDD and WDQ. See
 * $lib/incidents/effect.server.
 */
export const GET = endpoint(async (event) => {
	const q = readQuery(event.url, effectQuery);
	const started = performance.now();
	const result = await effectAnalysis(database().db, contextOf(event), q);
	return json({ ...result, milliseconds: Math.round(performance.now() - started) });
});
