import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, idParam } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { getIncident } from '$lib/incidents/incidents.server';

export const GET = endpoint(async (event) => {
	const id = idParam(event.params.id, 'incident');
	return json(await getIncident(database().db, contextOf(event), id));
});
