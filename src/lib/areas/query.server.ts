/** The query string of area lists and exports. */
import { z } from 'zod';
import { bboxParam, uuidParam } from '$lib/server/api/endpoint';
import { AREA_KINDS } from './area';

export const areaListQuery = z.object({
	bbox: bboxParam.optional(),
	parent: uuidParam.optional(),
	kind: z.enum(AREA_KINDS).optional()
});
