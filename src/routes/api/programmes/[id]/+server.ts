import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, idParam, readJson, readQuery, versionQuery } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { deleteProgramme, getProgramme, updateProgramme } from '$lib/programmes/programmes.server';
import { programmePatchSchema } from '$lib/programmes/programme';

/** One programme with its budget: cap, committed and spent per line and in total. */
export const GET = endpoint(async (event) => {
	const id = idParam(event.params.id, 'programme');
	return json(await getProgramme(database().db, contextOf(event), id));
});

export const PATCH = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'programme');
	const patch = await readJson(event.request, programmePatchSchema);
	return json(await database().db.transaction().execute((trx) => updateProgramme(trx, contextOf(event), id, patch)));
});

export const DELETE = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'programme');
	const { version } = readQuery(event.url, versionQuery);
	await database().db.transaction().execute((trx) => deleteProgramme(trx, contextOf(event), id, version));
	return new Response(null, { status: 204 });
});
