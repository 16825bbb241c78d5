import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, idParam, readJson, readQuery, versionQuery } from '$lib/server/api/endpoint';
import { notFound } from '$lib/server/api/errors';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { deleteArea, getArea, updateArea } from '$lib/areas/areas.server';
import { partnersOfArea } from '$lib/partners/partners.server';
import { areaPatchSchema } from '$lib/areas/area';

/** One area, with the partners working in it (or in an area containing it). */
export const GET = endpoint(async ({ params, locals }) => {
	const id = idParam(params.id, 'area');
	const { db } = database();
	const area = await getArea(db, locals.tenant, id);
	if (!area) throw notFound('area');
	const partners = await partnersOfArea(db, locals.tenant, id);
	return json({ ...area, properties: { ...area.properties, partners } });
});

export const PATCH = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'area');
	const patch = await readJson(event.request, areaPatchSchema);
	const area = await database().db.transaction().execute((trx) => updateArea(trx, contextOf(event), id, patch));
	return json(area);
});

export const DELETE = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'area');
	const { version } = readQuery(event.url, versionQuery);
	await database().db.transaction().execute((trx) => deleteArea(trx, contextOf(event), id, version));
	return new Response(null, { status: 204 });
});
