import { endpoint } from '$lib/server/api/endpoint';
import { database } from '$lib/server/db';
import { contextOf } from '$lib/server/api/context';
import { assertNoControlCharactersIn } from '$lib/server/api/control-characters';
import { accessTo, ogcBase, queryablesDoc, SCHEMA_JSON } from '$lib/ogc/service.server';
import { infoOf } from '$lib/ogc/collections.server';

/** The properties that filter the items (`?name=value`), as JSON Schema (OGC API – Features Part 3). */
export const GET = endpoint(async (event) => {
	assertNoControlCharactersIn(Object.entries(event.params));
	const access = await accessTo(database().db, contextOf(event), event.params.id ?? '');
	return new Response(JSON.stringify(queryablesDoc(ogcBase(event.url), infoOf(access.collection), event.locals.locale)), { headers: { 'content-type': SCHEMA_JSON } });
});
