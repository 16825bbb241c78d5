import { endpoint } from '$lib/server/api/endpoint';
import { assertNoControlCharactersIn } from '$lib/server/api/control-characters';
import { badRequest, notFound } from '$lib/server/api/errors';
import { basemapTile } from '$lib/server/basemap';

const GZIP = [0x1f, 0x8b];

/**
 * GET /tiles/basemap/{z}/{x}/{y}.pbf — a vector tile of the self-hosted basemap (the same for
 * everyone, so publicly cacheable). 204 where the archive has no tile (outside the extract), 404
 * when no archive has been built.
 */
export const GET = endpoint(async (event) => {
	assertNoControlCharactersIn(Object.entries(event.params));
	const { z: zParam = '', x: xParam = '', y: yParam = '' } = event.params;
	const m = /^(\d{1,8})\.pbf$/.exec(yParam);
	const [z, x, y] = [Number(zParam), Number(xParam), Number(m?.[1])];
	if (!m || !/^\d{1,2}$/.test(zParam) || !/^\d{1,8}$/.test(xParam) || z > 22 || x >= 2 ** z || y >= 2 ** z)
		throw badRequest('invalid_tile', 'A tile is /tiles/basemap/{z}/{x}/{y}.pbf with 0 ≤ z ≤ 22 and 0 ≤ x, y < 2^z.');
	const tile = await basemapTile(z, x, y);
	if (tile === 'no-archive') throw notFound('The self-hosted basemap (build it with npm run basemap:build)');
	const headers: Record<string, string> = { 'content-type': 'application/vnd.mapbox-vector-tile', 'cache-control': 'public, max-age=3600' };
	if (!tile) return new Response(null, { status: 204, headers });
	// tilemaker stores tiles gzip-compressed: they go out as they are, for the browser to inflate.
	if (tile[0] === GZIP[0] && tile[1] === GZIP[1]) headers['content-encoding'] = 'gzip';
	return new Response(new Uint8Array(tile), { status: 200, headers });
});
