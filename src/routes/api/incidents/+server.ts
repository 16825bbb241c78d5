import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, readQuery } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { listIncidents } from '$lib/incidents/incidents.server';
import { incidentListQuery } from '$lib/incidents/query.server';
import { stockholmPeriod } from '$lib/time/stockholm';

/** Individual incidents, for roles with incident access only (403 for everyone else). */
export const GET = endpoint(async (event) => {
	const q = readQuery(event.url, incidentListQuery);
	const period = q.from || q.to ? stockholmPeriod(q.from ?? '1900-01-01', q.to ?? '2999-12-31') : {};
	return json(await listIncidents(database().db, contextOf(event), { ...q, ...period }));
});
