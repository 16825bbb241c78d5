import type { AreaCollection } from '$lib/areas/area';
import type { WalkCollection } from '$lib/walks/walk';
import { areaRefs, getJson, requireLogin } from '$lib/api/client';
import type { PageLoad } from './$types';

// Dates outside what the API accepts are dropped like malformed ones, not sent on to a 400.
const isoDate = /^(19\d\d|20\d\d|2100)-\d{2}-\d{2}$/;
const uuid = /^[0-9a-f-]{36}$/i;

/** Walks, filtered by area and period from the URL (so the list can be shared). */
export const load: PageLoad = async ({ fetch, url, parent }) => {
	const { user } = await parent();
	requireLogin(user, url);
	const read = (name: string, ok: RegExp) => {
		const value = url.searchParams.get(name) ?? '';
		return ok.test(value) ? value : '';
	};
	const filters = { area: read('area', uuid), from: read('from', isoDate), to: read('to', isoDate) };
	const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ''));
	const [walks, areas] = await Promise.all([
		getJson<WalkCollection>(fetch, `/api/walks${query.size ? `?${query}` : ''}`, url),
		getJson<AreaCollection>(fetch, '/api/areas', url)
	]);
	return { walks: walks.features, areas: areaRefs(areas), filters };
};
