import { endpoint } from '$lib/server/api/endpoint';
import { database } from '$lib/server/db';
import { contextOf } from '$lib/server/api/context';
import { ogcBase, OPENAPI, visibleCollections } from '$lib/ogc/service.server';
import { readerOf } from '$lib/ogc/reader.server';
import { infoOf } from '$lib/ogc/collections.server';
import { openApiDocument } from '$lib/ogc/openapi';

/** The OpenAPI 3.0 definition, with the items paths of the collections this reader may read. */
export const GET = endpoint(async (event) => {
	const reader = await readerOf(database().db, contextOf(event));
	const document = openApiDocument(ogcBase(event.url), visibleCollections(reader).map((a) => infoOf(a.collection)));
	return new Response(JSON.stringify(document), { headers: { 'content-type': OPENAPI } });
});
