import { error } from '@sveltejs/kit';
import { getJson, requireLogin } from '$lib/api/client';
import type { EventCollection } from '$lib/events/event';
import type { PageLoad } from './$types';
import type { ProgrammeFeature } from '$lib/programmes/types';

const uuid = /^[0-9a-f-]{36}$/i;

/** One programme: its budget and its events. */
export const load: PageLoad = async ({ fetch, url, parent, params }) => {
	const { user } = await parent();
	requireLogin(user, url);
	if (!uuid.test(params.id)) error(404, { message: 'Not found', code: 'not_found' });
	const [programme, events] = await Promise.all([
		getJson<ProgrammeFeature>(fetch, `/api/programmes/${params.id}`, url),
		getJson<EventCollection>(fetch, `/api/events?programme=${params.id}`, url)
	]);
	return { programme, events: events.features };
};
