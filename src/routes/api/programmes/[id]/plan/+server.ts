import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, idParam } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { getPlan } from '$lib/programmes/plan.server';

/** The programme's whole plan: texts, goals, themes, activities and parties, groups, risks, reports, change requests. */
export const GET = endpoint(async (event) => {
	const id = idParam(event.params.id, 'programme');
	return json(await getPlan(database().db, contextOf(event), id));
});
