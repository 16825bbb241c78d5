import { database } from '$lib/server/db';
import { contextOf } from '$lib/server/api/context';
import { collectionsDoc, ogcBase } from '$lib/ogc/service.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => collectionsDoc(database().db, contextOf(event), ogcBase(event.url), event.locals.locale);
