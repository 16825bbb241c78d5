import { z } from 'zod';
import { isoDate } from '$lib/time/dates';
import { bboxParam, uuidParam } from '$lib/server/api/endpoint';
import { INCIDENT_CATEGORIES } from '$lib/incidents/incident';

/** The filters of incident lists and exports (dates are whole days in Stockholm). */
export const incidentListQuery = z.object({
	area: uuidParam.optional(),
	from: isoDate.optional(),
	to: isoDate.optional(),
	category: z.enum(INCIDENT_CATEGORIES).optional(),
	bbox: bboxParam.optional(),
	limit: z.coerce.number().int().min(1).max(50_000).default(10_000)
});
