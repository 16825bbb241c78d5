import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, idParam, readJson } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { createPart } from '$lib/programmes/plan.server';
import { PART_SCHEMAS, type PlanPart } from '$lib/programmes/plan';

/** Adds a part to the plan (a goal, theme, activity, party, member, risk, status report or change request). */
export const POST = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'programme');
	const part = event.params.part as PlanPart;
	const input = (await readJson(event.request, PART_SCHEMAS[part].create as never)) as Record<string, unknown>;
	const created = await database().db.transaction().execute((trx) => createPart(trx, contextOf(event), id, part, input));
	return json(created, { status: 201 });
});
