/** The query string of finding lists and exports: the same filters everywhere. */
import { z } from 'zod';
import { isoDate } from '$lib/time/dates';
import { bboxParam, uuidParam } from '$lib/server/api/endpoint';
import { FINDING_CATEGORIES, FINDING_LIST_DEFAULT, FINDING_LIST_MAX, FINDING_STATUSES } from './finding';

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
export const findingListQuery = z.object({
	area: uuidParam.optional(),
	walk: uuidParam.optional(),
	category: z.enum(FINDING_CATEGORIES).optional(),
	status: z
		.string()
		.transform((s) => s.split(',').filter(Boolean))
		.pipe(z.array(z.enum(FINDING_STATUSES)))
		.optional(),
	severity: z.coerce.number().int().min(1).max(3).optional(),
	from: isoDate.optional(),
	to: isoDate.optional(),
	partner: uuidParam.optional(),
	bbox: bboxParam.optional(),
	overdue: flag.optional(),
	reinspect: flag.optional(),
	limit: z.coerce.number().int().min(1).max(FINDING_LIST_MAX).default(FINDING_LIST_DEFAULT)
});

