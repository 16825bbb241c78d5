import { endpoint } from '$lib/server/api/endpoint';
import { database } from '$lib/server/db';
import { contextOf } from '$lib/server/api/context';
import { assertNoControlCharactersIn } from '$lib/server/api/control-characters';
import { accessTo, GEOJSON, itemsDoc, itemsJson, ogcBase } from '$lib/ogc/service.server';
import { readItemsQuery } from '$lib/ogc/params.server';
import { contentCrsHeader } from '$lib/ogc/crs';

/** One page of a collection's features as GeoJSON, in the asked CRS, with a `next` link while more follow. */
export const GET = endpoint(async (event) => {
	assertNoControlCharactersIn(Object.entries(event.params));
	const { db } = database();
	const access = await accessTo(db, contextOf(event), event.params.id ?? '');
	const q = readItemsQuery(event.url, access.collection);
	const doc = await itemsDoc(db, access, event.url, ogcBase(event.url), q);
	return new Response(itemsJson(doc), { headers: { 'content-type': GEOJSON, 'content-crs': contentCrsHeader(q.crs) } });
});
