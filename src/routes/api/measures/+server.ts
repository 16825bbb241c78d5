import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, readJson, readQuery } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { createMeasure, listMeasures } from '$lib/measures/measures.server';
import { measureListQuery } from '$lib/measures/query.server';
import { measureCreateSchema } from '$lib/measures/measure';

export const GET = endpoint(async (event) => {
	const filter = readQuery(event.url, measureListQuery);
	return json(await listMeasures(database().db, contextOf(event), filter));
});

export const POST = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const input = await readJson(event.request, measureCreateSchema);
	const measure = await database().db.transaction().execute((trx) => createMeasure(trx, contextOf(event), input));
	return json(measure, { status: 201, headers: { location: `/api/measures/${measure.id}` } });
});
