import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, readJson, readQuery } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { createWalk, listWalks } from '$lib/walks/walks.server';
import { walkCreateSchema } from '$lib/walks/walk';
import { walkListQuery } from '$lib/walks/query.server';

export const GET = endpoint(async (event) => {
	const filter = readQuery(event.url, walkListQuery);
	return json(await listWalks(database().db, contextOf(event), filter));
});

export const POST = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const input = await readJson(event.request, walkCreateSchema);
	const walk = await database().db.transaction().execute((trx) => createWalk(trx, contextOf(event), input));
	return json(walk, { status: 201, headers: { location: `/api/walks/${walk.id}` } });
});
