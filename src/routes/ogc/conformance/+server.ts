import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/api/endpoint';
import { conformance, ogcBase } from '$lib/ogc/service.server';

export const GET = endpoint(async ({ url }) => json(conformance(ogcBase(url))));
