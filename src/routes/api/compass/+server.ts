import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, readQuery } from '$lib/server/api/endpoint';
import { compassQuerySchema } from '$lib/partners/compass';
import { searchCompass } from '$lib/partners/compass.server';
import { assertKnownNeeds } from '$lib/partners/needs.server';

/**
 * The compass's search: partners and services for a need, a place problem or free text,
 * ranked for the place, the moment (`at`, default now) and the person. Public, like the
 * directory; a search a person made (`record=1`) is counted in the month's statistics. A need
 * the directory's vocabulary does not have is a 400 naming `need` (a typo in a link, not a
 * search that found nothing).
 */
export const GET = endpoint(async ({ url, locals }) => {
	const query = readQuery(url, compassQuerySchema);
	const { db } = database();
	if (query.need) await assertKnownNeeds(db, locals.tenant, [{ path: 'need', need: query.need }]);
	return json(await searchCompass(db, locals.tenant, query), { headers: { 'cache-control': 'no-store' } });
});
