import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { isoDate } from '$lib/time/dates';
import { database } from '$lib/server/db';
import { endpoint, readQuery, uuidParam } from '$lib/server/api/endpoint';
import { badRequest } from '$lib/server/api/errors';
import { contextOf } from '$lib/server/api/context';
import { timePatterns } from '$lib/incidents/time-patterns.server';
import { INCIDENT_CATEGORIES } from '$lib/incidents/incident';
import { checkedPeriod } from '$lib/server/api/period';
import { MAX_INCIDENT_ANALYSIS_DAYS } from '$lib/analysis/limits';

const query = z.object({ area: uuidParam.optional(), zone: uuidParam.optional(), from: isoDate, to: isoDate, category: z.enum(INCIDENT_CATEGORIES).optional() });

/** Incidents per hour of the week and per month, for an area or a problem zone, over at most ten years. */
export const GET = endpoint(async (event) => {
	const q = readQuery(event.url, query);
	if (!q.area === !q.zone) throw badRequest('invalid_query', 'Name either an area or a zone.', { field: 'area' });
	const period = checkedPeriod(q.from, q.to, MAX_INCIDENT_ANALYSIS_DAYS);
	return json(await timePatterns(database().db, contextOf(event), { ...q, ...period }));
});
