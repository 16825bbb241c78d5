import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/api/endpoint';
import { landing, ogcBase } from '$lib/ogc/service.server';

/** The landing page of the OGC API – Features endpoint (JSON; browsers get the HTML page). */
export const GET = endpoint(async ({ url, locals }) => json(landing(ogcBase(url), locals.locale)));
