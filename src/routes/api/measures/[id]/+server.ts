import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, idParam, readJson, readQuery, versionQuery } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { deleteMeasure, getMeasure, updateMeasure } from '$lib/measures/measures.server';
import { measurePatchSchema } from '$lib/measures/measure';

export const GET = endpoint(async (event) => {
	const id = idParam(event.params.id, 'measure');
	return json(await getMeasure(database().db, contextOf(event), id));
});

export const PATCH = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'measure');
	const patch = await readJson(event.request, measurePatchSchema);
	return json(await database().db.transaction().execute((trx) => updateMeasure(trx, contextOf(event), id, patch)));
});

export const DELETE = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'measure');
	const { version } = readQuery(event.url, versionQuery);
	await database().db.transaction().execute((trx) => deleteMeasure(trx, contextOf(event), id, version));
	return new Response(null, { status: 204 });
});
