import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, readJson, readQuery } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { createArea, listAreas } from '$lib/areas/areas.server';
import { areaCreateSchema } from '$lib/areas/area';
import { areaListQuery } from '$lib/areas/query.server';

/** Areas are public reference data: anyone may list them. */
export const GET = endpoint(async ({ url, locals }) => {
	const filter = readQuery(url, areaListQuery);
	return json(await listAreas(database().db, locals.tenant, filter));
});

export const POST = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const input = await readJson(event.request, areaCreateSchema);
	const area = await database().db.transaction().execute((trx) => createArea(trx, contextOf(event), input));
	return json(area, { status: 201, headers: { location: `/api/areas/${area.id}` } });
});
