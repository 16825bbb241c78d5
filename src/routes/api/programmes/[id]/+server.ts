import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, idParam } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { getProgramme } from '$lib/programmes/programmes.server';

/** One programme with its budget: cap, committed and spent per line and in total. */
export const GET = endpoint(async (event) => {
	const id = idParam(event.params.id, 'The programme');
	return json(await getProgramme(database().db, contextOf(event), id));
});
