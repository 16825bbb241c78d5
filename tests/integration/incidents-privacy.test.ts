import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { api, app, db, resetDatabase, seedWorld, tenant, type World } from './harness';

// Tantolunden (in Södermalm) and Sergels torg (in Norrmalm).
const TANTO = [18.0455, 59.3125] as const;
const SERGEL = [18.0649, 59.3326] as const;

/** The tile containing a point at a zoom level. */
function tileOf(lon: number, lat: number, z: number) {
	const n = 2 ** z;
	const x = Math.floor(((lon + 180) / 360) * n);
	const r = (lat * Math.PI) / 180;
	const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
	return { z, x, y };
}

async function tile(as: string, lon: number, lat: number, z: number, query = '') {
	const { origin } = await app();
	const t = tileOf(lon, lat, z);
	const response = await fetch(`${origin}/tiles/incidents/${t.z}/${t.x}/${t.y}.mvt${query}`, { headers: { authorization: `Bearer ${as}` } });
	const bytes = new Uint8Array(await response.arrayBuffer());
	const decoded = bytes.byteLength ? new VectorTile(new PbfReader(bytes)) : null;
	const layer = (name: string) => {
		const l = decoded?.layers[name];
		return l ? Array.from({ length: l.length }, (_, i) => l.feature(i)) : [];
	};
	return { response, decoded, layer, t };
}

describe('incident privacy', () => {
	let world: World;
	beforeEach(async () => {
		await resetDatabase();
		world = await seedWorld();
		await db().updateTable('area_roles').set({ incidents: true }).where('user_id', '=', world.users.coordinator).execute();
		// 10 incidents on one spot in Tantolunden (a cell of 10), 2 lonely ones 300 m away (a cell of 2), 5 at Sergels torg.
		const rows: string[] = [];
		const add = (lon: number, lat: number, k: number, area: string, category = 'narcotics') =>
			rows.push(`('${tenant}', '${area}', '${category}', 'police', '2023-06-${String(1 + (k % 28)).padStart(2, '0')}T20:00:00Z', 'p${rows.length}', ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326))`);
		for (let k = 0; k < 10; k++) add(TANTO[0] + k * 1e-6, TANTO[1], k, world.place);
		for (let k = 0; k < 2; k++) add(TANTO[0] + 0.005, TANTO[1] - 0.0015 + k * 1e-6, k, world.place, 'theft');
		for (let k = 0; k < 5; k++) add(SERGEL[0] + k * 1e-6, SERGEL[1], k, world.otherPlace);
		await sql.raw(`INSERT INTO incidents (tenant_id, area_id, category, source, occurred_at, content_hash, geom) VALUES ${rows.join(',')}`).execute(db());
	});

	it('lists individual incidents only where a role has incident access', async () => {
		const all = await api('GET', '/api/incidents', { as: world.tokens.admin });
		expect(all.body.features).toHaveLength(17);
		const mine = await api('GET', '/api/incidents', { as: world.tokens.coordinator });
		expect(mine.body.features).toHaveLength(12);
		expect(new Set(mine.body.features.map((f: any) => f.properties.areaId))).toEqual(new Set([world.place]));
		const theft = await api('GET', '/api/incidents?category=theft&from=2023-06-01&to=2023-06-30', { as: world.tokens.coordinator });
		expect(theft.body.features).toHaveLength(2);
		expect((await api('GET', `/api/incidents?area=${world.otherPlace}`, { as: world.tokens.coordinator })).status).toBe(403);
		const one = await api('GET', `/api/incidents/${mine.body.features[0].id}`, { as: world.tokens.coordinator });
		expect(one.status).toBe(200);
		const sergel = all.body.features.find((f: any) => f.properties.areaId === world.otherPlace);
		expect((await api('GET', `/api/incidents/${sergel.id}`, { as: world.tokens.coordinator })).status).toBe(403);
	});

	it('never gives a role without incident access an individual incident: lists, single incidents, exports, tiles', async () => {
		const any = (await api('GET', '/api/incidents', { as: world.tokens.admin })).body.features[0].id;
		for (const who of ['viewer', 'walker', 'partner', 'outsider'] as const) {
			for (const path of ['/api/incidents', `/api/incidents/${any}`, '/api/export/incidents.csv', '/api/export/incidents.geojson']) {
				const res = await api('GET', path, { as: world.tokens[who] });
				expect([res.status, res.body?.error?.code], `${who} ${path}`).toEqual([403, 'forbidden']);
			}
			for (const z of [12, 14, 16]) {
				const { response, decoded, layer } = await tile(world.tokens[who], TANTO[0], TANTO[1], z);
				expect(response.status, `${who} z${z}`).not.toBe(500);
				expect(decoded?.layers.incidents, `${who} z${z}`).toBeUndefined();
				for (const cell of layer('incident_cells')) expect(cell.properties.count as number, `${who} z${z}`).toBeGreaterThanOrEqual(3);
			}
		}
		expect((await api('GET', '/api/incidents')).status).toBe(401);
		expect((await api('GET', '/tiles/incidents/14/9013/4739.mvt')).status).toBe(401);
	});

	it('serves points to incident roles and cells of at least 3 to the others, as vector tiles with a private cache header', async () => {
		const full = await tile(world.tokens.coordinator, TANTO[0], TANTO[1], 14);
		expect(full.response.status).toBe(200);
		expect(full.response.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
		expect(full.response.headers.get('cache-control')).toBe('private, max-age=300');
		const points = full.layer('incidents');
		expect(points.length).toBe(12);
		const lonLats = points.map((f) => (f.toGeoJSON(full.t.x, full.t.y, full.t.z).geometry as any).coordinates as number[]);
		for (const [lon, lat] of lonLats) expect(Math.hypot(lon! - TANTO[0], lat! - TANTO[1])).toBeLessThan(0.01);
		expect(new Set(points.map((f) => f.properties.category))).toEqual(new Set(['narcotics', 'theft']));
		expect(full.layer('incident_cells')).toEqual([]);
		const narcotics = await tile(world.tokens.coordinator, TANTO[0], TANTO[1], 14, '?category=narcotics&from=2023-06-01&to=2023-06-30');
		expect(narcotics.layer('incidents').length).toBe(10);

		const aggregate = await tile(world.tokens.viewer, TANTO[0], TANTO[1], 16);
		const cells = aggregate.layer('incident_cells');
		// The cell of 10 is shown; the cell of 2 is not. Sergels torg is not the viewer's area.
		expect(cells.map((c) => c.properties.count)).toEqual([10]);
		const far = await tile(world.tokens.viewer, TANTO[0] + 0.005, TANTO[1] - 0.0015, 16);
		expect(far.layer('incident_cells').map((c) => c.properties.count)).not.toContain(2);
		const sergel = await tile(world.tokens.viewer, SERGEL[0], SERGEL[1], 16);
		expect(sergel.layer('incident_cells')).toEqual([]);
		expect((await tile(world.tokens.admin, SERGEL[0], SERGEL[1], 16)).layer('incidents').length).toBe(5);
	});

	it('serves a tile made once to readers of the same areas, and a changed one as soon as the incidents change', async () => {
		const counts = async (as: string) => (await tile(as, TANTO[0], TANTO[1], 16)).layer('incident_cells').map((c) => c.properties.count);
		expect(await counts(world.tokens.viewer)).toEqual([10]);
		expect(await counts(world.tokens.walker)).toEqual([10]); // the same areas: the same tile
		const version = async () => (await sql<{ v: string }>`SELECT version::text AS v FROM incident_versions WHERE tenant_id = ${tenant}`.execute(db())).rows[0]?.v;
		const before = await version();
		await sql`INSERT INTO incidents (tenant_id, area_id, category, source, occurred_at, content_hash, geom)
			SELECT ${tenant}, ${world.place}, 'narcotics', 'police', '2023-06-20T20:00:00Z', 'more-' || k, ST_SetSRID(ST_MakePoint(${TANTO[0]}, ${TANTO[1]}), 4326)
			FROM generate_series(1, 4) k`.execute(db());
		expect(await version()).not.toBe(before);
		expect(await counts(world.tokens.viewer)).toEqual([14]);
		await sql`DELETE FROM incidents WHERE content_hash LIKE 'more-%'`.execute(db());
		expect(await counts(world.tokens.walker)).toEqual([10]);
		const thefts = async () => (await tile(world.tokens.admin, TANTO[0], TANTO[1], 16)).layer('incidents').filter((f) => f.properties.category === 'theft').length;
		const theftsBefore = await thefts();
		await sql`UPDATE incidents SET category = 'theft' WHERE content_hash = 'p0'`.execute(db());
		expect(await thefts()).toBe(theftsBefore + 1);
	});

	it('exports incidents as Swedish CSV for incident roles', async () => {
		const res = await api('GET', '/api/export/incidents.csv', { as: world.tokens.coordinator });
		expect(res.status).toBe(200);
		const lines = String(res.body).replace(/^\uFEFF/, '').trim().split('\r\n');
		expect(lines[0]).toBe('id;external_id;source;category;occurred_at;lon;lat;description');
		expect(lines).toHaveLength(13);
		expect(lines[1]).toMatch(/;police;(narcotics|theft);2023-06-\d\dT20:00:00.000Z;18,\d+;59,\d+;$/);
	});

	it('refuses a malformed tile address', async () => {
		for (const path of ['/tiles/incidents/23/0/0.mvt', '/tiles/incidents/2/4/0.mvt', '/tiles/incidents/2/0/x.mvt', '/tiles/incidents/2/0/0.png']) {
			const res = await api('GET', path, { as: world.tokens.admin });
			expect([res.status, res.body?.error?.code], path).toEqual([400, 'invalid_tile']);
		}
	});
});
