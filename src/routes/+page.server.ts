import { database } from '$lib/server/db';
import { listAreas } from '$lib/areas/areas.server';
import { listPartners } from '$lib/partners/partners.server';
import type { PageServerLoad } from './$types';

/** Areas and partners are public reference data; the map needs both up front. */
export const load: PageServerLoad = async ({ locals }) => {
	const { db } = database();
	const [areas, partners] = [await listAreas(db, locals.tenant), await listPartners(db, locals.tenant)];
	return { areas, partners };
};
