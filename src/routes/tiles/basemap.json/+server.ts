import { json } from '@sveltejs/kit';
import { endpoint } from '$lib/server/api/endpoint';
import { notFound } from '$lib/server/api/errors';
import { basemapTileJson } from '$lib/server/basemap';

/**
 * GET /tiles/basemap.json — TileJSON of the self-hosted basemap (tile URL, zooms, bounds of the
 * extract, attribution), which the `self-hosted` map style points at. 404 when none has been built.
 */
export const GET = endpoint(async (event) => {
	const tileJson = await basemapTileJson(event.url.origin);
	if (!tileJson) throw notFound('The self-hosted basemap (build it with npm run basemap:build)');
	return json(tileJson, { headers: { 'cache-control': 'public, max-age=300' } });
});
