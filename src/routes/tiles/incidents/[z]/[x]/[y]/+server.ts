import { z } from 'zod';
import { isoDate } from '$lib/time/dates';
import { database } from '$lib/server/db';
import { endpoint, readQuery } from '$lib/server/api/endpoint';
import { assertNoControlCharactersIn } from '$lib/server/api/control-characters';
import { badRequest } from '$lib/server/api/errors';
import { contextOf } from '$lib/server/api/context';
import { incidentTile } from '$lib/incidents/tiles.server';
import { INCIDENT_CATEGORIES } from '$lib/incidents/incident';
import { stockholmPeriod } from '$lib/time/stockholm';

const query = z.object({ from: isoDate.optional(), to: isoDate.optional(), category: z.enum(INCIDENT_CATEGORIES).optional() });

/**
 * GET /tiles/incidents/{z}/{x}/{y}.mvt — Mapbox Vector Tile of the incidents the caller
 * may see (points, or hexagon counts without incident access). Cached privately for five
 * minutes: the answer depends on who asks.
 */
export const GET = endpoint(async (event) => {
	assertNoControlCharactersIn(Object.entries(event.params));
	const m = /^(\d+)\.mvt$/.exec(event.params.y ?? '');
	const [z, x, y] = [Number(event.params.z), Number(event.params.x), Number(m?.[1])];
	if (!m || !Number.isInteger(z) || !Number.isInteger(x) || z < 0 || z > 22 || x < 0 || x >= 2 ** z || y < 0 || y >= 2 ** z)
		throw badRequest('invalid_tile', 'A tile is /tiles/incidents/{z}/{x}/{y}.mvt with 0 ≤ z ≤ 22 and 0 ≤ x, y < 2^z.');
	const q = readQuery(event.url, query);
	const period = q.from || q.to ? stockholmPeriod(q.from ?? '1900-01-01', q.to ?? '2999-12-31') : {};
	const tile = await incidentTile(database().db, contextOf(event), { z, x, y, category: q.category, ...period });
	return new Response(tile.byteLength ? Buffer.from(tile) : null, {
		status: tile.byteLength ? 200 : 204,
		headers: { 'content-type': 'application/vnd.mapbox-vector-tile', 'cache-control': 'private, max-age=300', vary: 'Cookie, Authorization' }
	});
});
