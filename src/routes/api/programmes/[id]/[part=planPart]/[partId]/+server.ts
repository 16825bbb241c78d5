import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, idParam, readJson, readQuery, versionQuery } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { deletePart, updatePart } from '$lib/programmes/plan.server';
import { PART_SCHEMAS, type PlanPart } from '$lib/programmes/plan';

/** Changes a part of the plan; `version` is required (409 when someone changed it since). */
export const PATCH = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'programme');
	const part = event.params.part as PlanPart;
	const partId = idParam(event.params.partId, 'record', 'partId');
	const patch = (await readJson(event.request, PART_SCHEMAS[part].patch as never)) as Record<string, unknown> & { version: number };
	return json(await database().db.transaction().execute((trx) => updatePart(trx, contextOf(event), id, part, partId, patch)));
});

export const DELETE = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'programme');
	const part = event.params.part as PlanPart;
	const partId = idParam(event.params.partId, 'record', 'partId');
	const { version } = readQuery(event.url, versionQuery);
	await database().db.transaction().execute((trx) => deletePart(trx, contextOf(event), id, part, partId, version));
	return new Response(null, { status: 204 });
});
