import { database } from '$lib/server/db';
import { contextOf } from '$lib/server/api/context';
import { accessTo, ogcBase, oneCollectionDoc } from '$lib/ogc/service.server';
import { infoOf } from '$lib/ogc/collections.server';
import { forPage } from '$lib/ogc/page.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	forPage(event.locals.locale, async () => {
		const { db } = database();
		const access = await accessTo(db, contextOf(event), event.params.id);
		return { collection: await oneCollectionDoc(db, contextOf(event), ogcBase(event.url), event.params.id, event.locals.locale), info: infoOf(access.collection) };
	});
