import { error } from '@sveltejs/kit';
import type { CompassSetup } from '$lib/partners/directory';
import type { NeedDefinition } from '$lib/partners/needs';
import type { CompassFigures } from '$lib/partners/directory';
import { getJson, requireLogin } from '$lib/api/client';
import { stockholmToday } from '$lib/time/stockholm';
import type { PageLoad } from './$types';

/** The compass's figures for the follow-up: by default the last twelve months. */
export const load: PageLoad = async ({ fetch, url, params, parent }) => {
	const { user } = await parent();
	requireLogin(user, url);
	const setups = await getJson<CompassSetup[]>(fetch, '/api/compass/setups', url);
	const setup = setups.find((s) => s.areaSlug === params.slug);
	if (!setup) error(404, { message: 'Not found', code: 'not_found' });
	const today = stockholmToday();
	const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4, 7)}-01`;
	const from = /^\d{4}-\d{2}-\d{2}$/.test(url.searchParams.get('from') ?? '') ? url.searchParams.get('from')! : yearAgo;
	const to = /^\d{4}-\d{2}-\d{2}$/.test(url.searchParams.get('to') ?? '') ? url.searchParams.get('to')! : today;
	const [figures, needs] = await Promise.all([
		getJson<CompassFigures>(fetch, `/api/compass/stats?area=${setup.areaId}&from=${from}&to=${to}`, url),
		getJson<NeedDefinition[]>(fetch, '/api/compass/needs', url)
	]);
	return { setup, figures, needs, from, to };
};
