import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, readQuery } from '$lib/server/api/endpoint';
import { compassQuerySchema } from '$lib/partners/compass';
import { searchCompass } from '$lib/partners/compass.server';

/**
 * The compass's search: partners and services for a need, a place problem or free text,
 * ranked for the place, the moment (`at`, default now) and the person. Public, like the
 * directory; a search a person made (`record=1`) is counted in the month's statistics.
 */
export const GET = endpoint(async ({ url, locals }) => {
	const query = readQuery(url, compassQuerySchema);
	return json(await searchCompass(database().db, locals.tenant, query), { headers: { 'cache-control': 'no-store' } });
});
