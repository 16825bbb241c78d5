/** The query string of measure lists. */
import { z } from 'zod';
import { bboxParam, uuidParam } from '$lib/server/api/endpoint';
import { MEASURE_KINDS, MEASURE_STATUSES } from './measure';

export const measureListQuery = z.object({
	area: uuidParam.optional(),
	programme: uuidParam.optional(),
	kind: z.enum(MEASURE_KINDS).optional(),
	status: z
		.string()
		.transform((s) => s.split(',').filter(Boolean))
		.pipe(z.array(z.enum(MEASURE_STATUSES)))
		.optional(),
	partner: uuidParam.optional(),
	bbox: bboxParam.optional()
});
