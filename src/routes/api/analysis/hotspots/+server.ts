import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { isoDate } from '$lib/time/dates';
import { database } from '$lib/server/db';
import { endpoint, readQuery, uuidParam } from '$lib/server/api/endpoint';
import { badRequest } from '$lib/server/api/errors';
import { checkedPeriod } from '$lib/server/api/period';
import { contextOf } from '$lib/server/api/context';
import { hotspots, HOTSPOT_METHODS } from '$lib/incidents/hotspots.server';
import { INCIDENT_CATEGORIES } from '$lib/incidents/incident';
import { MAX_BAND_CELLS, MAX_INCIDENT_ANALYSIS_DAYS } from '$lib/analysis/limits';

const query = z.object({
	area: uuidParam,
	from: isoDate,
	to: isoDate,
	cell: z.coerce.number().min(25, 'at least 25 m').max(1000, 'at most 1000 m').default(100),
	band: z.coerce.number().min(25).max(5000).optional(),
	method: z.enum(HOTSPOT_METHODS).default('gistar'),
	category: z.enum(INCIDENT_CATEGORIES).optional(),
	slice: z.enum(['month', 'week']).default('month')
});

/**
 * Hexagon cells over an area and period with counts and, by `method`, Getis-Ord Gi*
 * (z, p, class), kernel density, or emerging-hotspot patterns over monthly or weekly slices;
 * at most ten years, 20,000 cells and a band of ten cell sides.
 */
export const GET = endpoint(async (event) => {
	const q = readQuery(event.url, query);
	const period = checkedPeriod(q.from, q.to, MAX_INCIDENT_ANALYSIS_DAYS);
	// Each cell's neighbourhood grows with (band / cell)²: 20,000 cells with a band of 200 sides would be 900 million pairs.
	if (q.band !== undefined && q.band > MAX_BAND_CELLS * q.cell)
		throw badRequest('band_too_wide', `The distance band may be at most ${MAX_BAND_CELLS} cell sides (${MAX_BAND_CELLS * q.cell} m for ${q.cell} m cells).`, {
			field: 'band',
			limit: MAX_BAND_CELLS * q.cell
		});
	if (q.method === 'emerging' && q.band === undefined && q.slice === 'week' && Date.parse(q.to) - Date.parse(q.from) > 3 * 366 * 86_400_000)
		throw badRequest('invalid_period', 'Weekly slices over more than three years: choose monthly slices.', { field: 'slice' });
	const started = performance.now();
	const result = await hotspots(database().db, contextOf(event), { ...q, ...period });
	return json({ ...result, meta: { ...result.meta, from: q.from, to: q.to, milliseconds: Math.round(performance.now() - started) } });
});
