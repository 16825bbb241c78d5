/** The query string of walk lists and exports. */
import { z } from 'zod';
import { isoDate } from '$lib/time/dates';
import { uuidParam } from '$lib/server/api/endpoint';

export const walkListQuery = z.object({ area: uuidParam.optional(), from: isoDate.optional(), to: isoDate.optional() });
