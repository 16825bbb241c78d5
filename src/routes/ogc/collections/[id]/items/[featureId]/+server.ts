import { endpoint } from '$lib/server/api/endpoint';
import { database } from '$lib/server/db';
import { contextOf } from '$lib/server/api/context';
import { assertNoControlCharactersIn } from '$lib/server/api/control-characters';
import { accessTo, GEOJSON, itemDoc, itemJson, ogcBase } from '$lib/ogc/service.server';
import { readFeatureQuery } from '$lib/ogc/params.server';
import { contentCrsHeader } from '$lib/ogc/crs';

/** One feature; 404 when the reader has no such feature (whether it exists elsewhere is not said). */
export const GET = endpoint(async (event) => {
	assertNoControlCharactersIn(Object.entries(event.params));
	const { db } = database();
	const access = await accessTo(db, contextOf(event), event.params.id ?? '');
	const { crs } = readFeatureQuery(event.url);
	const item = await itemDoc(db, access, ogcBase(event.url), event.params.featureId ?? '', crs);
	return new Response(itemJson(item), { headers: { 'content-type': GEOJSON, 'content-crs': contentCrsHeader(crs) } });
});
