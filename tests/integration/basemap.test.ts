/**
 * The self-hosted basemap, end to end: the operator command (`npm run basemap:build`, tilemaker)
 * turns a real OpenStreetMap extract (500 m around Mariatorget) into one MBTiles archive that
 * holds the named streets there, and the app serves it as TileJSON and vector tiles.
 * Needs Debian's tilemaker (.ci/run installs it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, describe, expect, it } from 'vitest';
import { api, app } from './harness';

const ARCHIVE = process.env.LYKTA_BASEMAP_TILES!;
const EXTRACT = 'tests/fixtures/osm/mariatorget.osm.pbf';
const MARIATORGET = { lon: 18.0645, lat: 59.3165 };

/** The XYZ tile holding a point. */
function tileAt(lon: number, lat: number, z: number) {
	const n = 2 ** z;
	const rad = (lat * Math.PI) / 180;
	return { z, x: Math.floor(((lon + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n) };
}

function layerValues(tile: VectorTile, layer: string, property: string): string[] {
	const l = tile.layers[layer];
	const values: string[] = [];
	for (let i = 0; l && i < l.length; i++) {
		const value = l.feature(i).properties[property];
		if (typeof value === 'string') values.push(value);
	}
	return [...new Set(values)].sort();
}

const featureCount = (tile: VectorTile, layer: string) => tile.layers[layer]?.length ?? 0;

afterAll(() => rmSync(ARCHIVE, { force: true }));

describe('the self-hosted basemap', () => {
	it('answers 404 in the error shape while no archive has been built', async () => {
		rmSync(ARCHIVE, { force: true });
		const tileJson = await api('GET', '/tiles/basemap.json');
		expect(tileJson.status).toBe(404);
		expect(tileJson.body.error.code).toBe('not_found');
		const { z, x, y } = tileAt(MARIATORGET.lon, MARIATORGET.lat, 14);
		const tile = await api('GET', `/tiles/basemap/${z}/${x}/${y}.pbf`);
		expect(tile.status).toBe(404);
		expect(tile.body.error.code).toBe('not_found');
	});

	it('builds one archive from the extract that holds Mariatorget’s streets with their names', () => {
		const started = performance.now();
		const run = spawnSync('node', ['scripts/basemap/build.mjs', EXTRACT, '--out', ARCHIVE], { encoding: 'utf8' });
		const seconds = (performance.now() - started) / 1000;
		expect(run.stderr + run.stdout).not.toMatch(/tilemaker was not found/);
		expect(run.status, run.stderr).toBe(0);
		expect(existsSync(ARCHIVE)).toBe(true);
		console.log(`basemap:build on ${EXTRACT}: ${seconds.toFixed(1)} s, ${(statSync(ARCHIVE).size / 1024).toFixed(0)} KiB`);

		const db = new Database(ARCHIVE, { readonly: true });
		try {
			const metadata = Object.fromEntries((db.prepare('SELECT name, value FROM metadata').all() as { name: string; value: string }[]).map((r) => [r.name, r.value]));
			expect(metadata.format).toBe('pbf');
			expect(metadata.maxzoom).toBe('14');
			const [w, s, e, n] = metadata.bounds.split(',').map(Number);
			expect(w).toBeLessThan(MARIATORGET.lon);
			expect(e).toBeGreaterThan(MARIATORGET.lon);
			expect(s).toBeLessThan(MARIATORGET.lat);
			expect(n).toBeGreaterThan(MARIATORGET.lat);

			const { z, x, y } = tileAt(MARIATORGET.lon, MARIATORGET.lat, 14);
			const row = db.prepare('SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?').get(z, x, 2 ** z - 1 - y) as { tile_data: Buffer } | undefined;
			expect(row).toBeDefined();
			const tile = new VectorTile(new PbfReader(gunzipSync(row!.tile_data)));
			expect(layerValues(tile, 'transportation_name', 'name:latin')).toEqual(expect.arrayContaining(['Hornsgatan', 'Sankt Paulsgatan']));
			expect(featureCount(tile, 'transportation')).toBeGreaterThan(10);
			expect(featureCount(tile, 'building')).toBeGreaterThan(10);
		} finally {
			db.close();
		}
	});

	it('is served as TileJSON and tiles, gzip as stored; none outside the extract; bad tile paths refused', async () => {
		expect(existsSync(ARCHIVE)).toBe(true);
		const { origin } = await app();
		const tileJson = await api('GET', '/tiles/basemap.json');
		expect(tileJson.status).toBe(200);
		expect(tileJson.body).toMatchObject({
			tilejson: '3.0.0',
			tiles: [`${origin}/tiles/basemap/{z}/{x}/{y}.pbf`],
			minzoom: 0,
			maxzoom: 14,
			attribution: expect.stringContaining('OpenStreetMap contributors')
		});
		expect(tileJson.body.bounds).toHaveLength(4);
		expect(tileJson.body.vector_layers.map((l: { id: string }) => l.id)).toEqual(expect.arrayContaining(['transportation', 'transportation_name', 'building', 'water', 'park']));

		const { z, x, y } = tileAt(MARIATORGET.lon, MARIATORGET.lat, 14);
		const response = await fetch(`${origin}/tiles/basemap/${z}/${x}/${y}.pbf`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
		expect(response.headers.get('content-encoding')).toBe('gzip');
		expect(response.headers.get('cache-control')).toMatch(/public/);
		// fetch inflates it, as a browser does.
		const tile = new VectorTile(new PbfReader(new Uint8Array(await response.arrayBuffer())));
		expect(layerValues(tile, 'transportation_name', 'name:latin')).toContain('Hornsgatan');

		const skarholmen = tileAt(17.907, 59.277, 14);
		const outside = await fetch(`${origin}/tiles/basemap/14/${skarholmen.x}/${skarholmen.y}.pbf`);
		expect(outside.status).toBe(204);

		for (const path of ['/tiles/basemap/23/0/0.pbf', '/tiles/basemap/2/4/0.pbf', '/tiles/basemap/2/0/4.pbf', '/tiles/basemap/1/0/0.png', '/tiles/basemap/a/0/0.pbf', '/tiles/basemap/1/-1/0.pbf']) {
			const bad = await api('GET', path);
			expect(bad.status, path).toBe(400);
			expect(bad.body.error.code, path).toBe('invalid_tile');
		}
	});
});
