import { error } from '@sveltejs/kit';
import type { CompassSetup } from '$lib/partners/directory';
import type { NeedDefinition } from '$lib/partners/needs';
import { getJson } from '$lib/api/client';
import type { PageLoad } from './$types';

/** The compass of an area (by the area's slug) and the needs it can name. */
export const load: PageLoad = async ({ fetch, url, params }) => {
	const [setups, needs] = await Promise.all([getJson<CompassSetup[]>(fetch, '/api/compass/setups', url), getJson<NeedDefinition[]>(fetch, '/api/compass/needs', url)]);
	const setup = setups.find((s) => s.areaSlug === params.slug);
	if (!setup) error(404, { message: 'Not found', code: 'not_found' });
	return { setup, needs };
};
