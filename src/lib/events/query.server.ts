/** The query string of event lists and exports. */
import { z } from 'zod';
import { isoDate } from '$lib/time/dates';
import { bboxParam, uuidParam } from '$lib/server/api/endpoint';
import { EVENT_KINDS } from './event';

export const eventListQuery = z.object({
	area: uuidParam.optional(),
	programme: uuidParam.optional(),
	kind: z.enum(EVENT_KINDS).optional(),
	from: isoDate.optional(),
	to: isoDate.optional(),
	bbox: bboxParam.optional()
});
