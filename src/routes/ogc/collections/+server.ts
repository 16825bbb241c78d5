import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/api/endpoint';
import { database } from '$lib/server/db';
import { contextOf } from '$lib/server/api/context';
import { collectionsDoc, ogcBase } from '$lib/ogc/service.server';

/** The collections this reader may read (the public ones without a login), with their extents. */
export const GET = endpoint(async (event) => json(await collectionsDoc(database().db, contextOf(event), ogcBase(event.url), event.locals.locale)));
