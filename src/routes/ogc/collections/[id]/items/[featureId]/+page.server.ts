import { database } from '$lib/server/db';
import { contextOf } from '$lib/server/api/context';
import { accessTo, itemDoc, ogcBase } from '$lib/ogc/service.server';
import { infoOf } from '$lib/ogc/collections.server';
import { readFeatureQuery } from '$lib/ogc/params.server';
import { STORAGE_CRS } from '$lib/ogc/crs';
import { forPage } from '$lib/ogc/page.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	forPage(event.locals.locale, async () => {
		const { db } = database();
		const access = await accessTo(db, contextOf(event), event.params.id);
		readFeatureQuery(event.url);
		const item = await itemDoc(db, access, ogcBase(event.url), event.params.featureId, STORAGE_CRS);
		return { info: infoOf(access.collection), feature: JSON.parse(item.feature) as GeoJSON.Feature };
	});
