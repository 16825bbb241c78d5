import { database } from '$lib/server/db';
import { contextOf } from '$lib/server/api/context';
import { accessTo, itemsDoc, ogcBase, withParams } from '$lib/ogc/service.server';
import { infoOf } from '$lib/ogc/collections.server';
import { readItemsQuery } from '$lib/ogc/params.server';
import { outputPropertiesOf } from '$lib/ogc/collection';
import { forPage } from '$lib/ogc/page.server';
import type { PageServerLoad } from './$types';

/** One page of items as a table and a map, with the same paging as the JSON. */
export const load: PageServerLoad = (event) =>
	forPage(event.locals.locale, async () => {
		const { db } = database();
		const access = await accessTo(db, contextOf(event), event.params.id);
		const q = readItemsQuery(event.url, access.collection);
		// The map and the table show the features in WGS 84 whatever `crs` the JSON links carry.
		const doc = await itemsDoc(db, access, event.url, ogcBase(event.url), { ...q, crs: { ...q.crs, srid: 4326, flip: false, decimals: 7 } });
		const next = doc.links.find((l) => l.rel === 'next');
		const info = infoOf(access.collection);
		return {
			info,
			columns: outputPropertiesOf(info).map((p) => p.name),
			features: { type: 'FeatureCollection' as const, features: doc.features.map((f) => JSON.parse(f) as GeoJSON.Feature) },
			numberMatched: doc.numberMatched,
			numberReturned: doc.numberReturned,
			next: next ? withParams(next.href, { f: 'html' }) : null,
			first: event.url.searchParams.has('cursor') ? withParams(event.url.toString(), { cursor: null, f: 'html' }) : null,
			json: withParams(event.url.toString(), { f: 'json' })
		};
	});
