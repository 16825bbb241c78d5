import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, idParam, readJson, readQuery, versionQuery } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { getFinding } from '$lib/findings/reads.server';
import { deleteFinding, updateFinding } from '$lib/findings/writes.server';
import { findingPatchSchema } from '$lib/findings/finding';

export const GET = endpoint(async (event) => {
	const id = idParam(event.params.id, 'finding');
	return json(await getFinding(database().db, contextOf(event), id));
});

export const PATCH = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'finding');
	const patch = await readJson(event.request, findingPatchSchema);
	return json(await database().db.transaction().execute((trx) => updateFinding(trx, contextOf(event), id, patch)));
});

export const DELETE = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'finding');
	const { version } = readQuery(event.url, versionQuery);
	await database().db.transaction().execute((trx) => deleteFinding(trx, contextOf(event), id, version));
	return new Response(null, { status: 204 });
});
