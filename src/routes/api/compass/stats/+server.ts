import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { database } from '$lib/server/db';
import { endpoint, readQuery } from '$lib/server/api/endpoint';
import { requireRole } from '$lib/server/auth/guard';
import { SEE_ROLES } from '$lib/users/access';
import { isoDate } from '$lib/time/dates';
import { compassFigures } from '$lib/partners/stats.server';

const query = z.object({ area: z.string().uuid('not_id'), from: isoDate, to: isoDate });

/** The compass's figures for an area and period (months), for those who see the area. */
export const GET = endpoint(async ({ url, locals }) => {
	const q = readQuery(url, query);
	const { db } = database();
	await requireRole(db, locals.tenant, locals.actor, SEE_ROLES, q.area);
	return json(await compassFigures(db, locals.tenant, q.area, q.from, q.to));
});
