import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint } from '$lib/server/api/endpoint';
import { offlineDirectory } from '$lib/partners/exchange.server';

/** The directory as the phone keeps it, to search offline with the last known copy. */
export const GET = endpoint(async ({ locals }) => {
	return json(await offlineDirectory(database().db, locals.tenant), { headers: { 'cache-control': 'no-store' } });
});
