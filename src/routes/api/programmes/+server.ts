import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, readJson } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { createProgramme, listProgrammes } from '$lib/programmes/programmes.server';
import { programmeCreateSchema } from '$lib/programmes/programme';

export const GET = endpoint(async (event) => json(await listProgrammes(database().db, contextOf(event))));

export const POST = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const input = await readJson(event.request, programmeCreateSchema);
	const created = await database().db.transaction().execute((trx) => createProgramme(trx, contextOf(event), input));
	return json(created, { status: 201, headers: { location: `/api/programmes/${created.id}` } });
});
