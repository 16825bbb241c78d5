import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { endpoint, readJson } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { unauthenticated } from '$lib/server/api/errors';
import { getWalk, joinWalk } from '$lib/walks/walks.server';
import { joinSchema } from '$lib/walks/walk';

/** The walk guest behind the cookie, if any. */
export const GET = endpoint(async (event) => {
	const guest = event.locals.guest;
	if (!guest) throw unauthenticated();
	return json({ walk: await getWalk(database().db, contextOf(event), guest.walkId), guest: { name: guest.name, expiresAt: guest.expiresAt } });
});

/** Joining a walk by its code, without an account. */
export const POST = endpoint(async (event) => {
	const { code, name } = await readJson(event.request, joinSchema);
	const { walk, guest } = await joinWalk(database().db, contextOf(event), code, name, event.cookies, event.url);
	return json({ walk, guest: { name: guest.name, expiresAt: guest.expiresAt } });
});
