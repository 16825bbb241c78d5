import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/api/endpoint';
import { database } from '$lib/server/db';
import { contextOf } from '$lib/server/api/context';
import { assertNoControlCharactersIn } from '$lib/server/api/control-characters';
import { ogcBase, oneCollectionDoc } from '$lib/ogc/service.server';

export const GET = endpoint(async (event) => {
	assertNoControlCharactersIn(Object.entries(event.params));
	return json(await oneCollectionDoc(database().db, contextOf(event), ogcBase(event.url), event.params.id ?? '', event.locals.locale));
});
