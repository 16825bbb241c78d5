/** The query string of zone lists and exports. */
import { z } from 'zod';
import { uuidParam } from '$lib/server/api/endpoint';

export const zoneListQuery = z.object({ area: uuidParam.optional() });
