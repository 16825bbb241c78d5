import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, idParam, readJson, readQuery, versionQuery } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { deleteFollowUp, getFollowUp, updateFollowUp } from '$lib/followups/followups.server';
import { followUpPatchSchema } from '$lib/followups/followup';

/** One follow-up with its figures as they were when written (incident parts as this reader may see them). */
export const GET = endpoint(async (event) => {
	const id = idParam(event.params.id, 'follow_up');
	return json(await getFollowUp(database().db, contextOf(event), id));
});

/** Texts and verdicts of a draft, `refreshFigures` to draft its figures again, `status: 'submitted'` to submit. */
export const PATCH = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'follow_up');
	const patch = await readJson(event.request, followUpPatchSchema);
	return json(await updateFollowUp(database().db, contextOf(event), id, patch));
});

export const DELETE = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const id = idParam(event.params.id, 'follow_up');
	const { version } = readQuery(event.url, versionQuery);
	await deleteFollowUp(database().db, contextOf(event), id, version);
	return new Response(null, { status: 204 });
});
