import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, idParam, readJson } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { reviewRisk } from '$lib/programmes/plan.server';
import { riskReviewSchema } from '$lib/programmes/plan';

/** Records a review of the risk; answers with the risk as it now stands (next review a month on unless named). */
export const POST = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'programme');
	const riskId = idParam(event.params.riskId, 'risk', 'riskId');
	const input = await readJson(event.request, riskReviewSchema);
	return json(await database().db.transaction().execute((trx) => reviewRisk(trx, contextOf(event), id, riskId, input)), { status: 201 });
});
