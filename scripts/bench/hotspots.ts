/**
 * Benchmark of the incident pipeline on synthetic, realistically clustered data
 * (not a test; figures for the closing note):
 *   1. import rate: a 100k-row Swedish police-style CSV (semicolons, decimal commas,
 *      SWEREF 99 TM) streamed to POST /api/import/incidents over HTTP;
 *   2. hotspots: Gi* over the 100k incidents at 100 m cells (GET /api/analysis/hotspots);
 *   3. tiles: after a second 100k (200k in all), a zoom-14 tile over the densest cluster
 *      from GET /tiles/incidents/… versus the bare ST_AsMVT query run directly.
 *
 *   npm run bench -- hotspots [--rows 100000]
 *
 * Runs against DATABASE_URL (default postgres://postgres@127.0.0.1:5432/lykta_bench,
 * created if missing), or the embedded database with --embedded. Needs a build
 * (`npx vite build`). Empties the benchmark database first.
 */
import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { densestTile, importFile as upload, writeCsv } from './incident-data';
import { benchServer, stats } from './server';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? args[i + 1]! : fallback;
};
const ROWS = Number(option('rows', '100000'));
const embedded = args.includes('--embedded');

const { db, sql, tenant, area, origin, headers, close } = await benchServer({
	embedded,
	env: { LYKTA_IMPORT_LIMIT: '200000000', BODY_SIZE_LIMIT: '250M' }
});
const { pointTileSql, hasNativeMvt, serially } = await import('../../src/lib/incidents/tiles.server');

const importFile = (path: string) => upload(origin, headers, path);

const ms = (n: number) => `${n.toFixed(1)} ms`;

// 1. Import
const first = writeCsv(ROWS, 1, 'A');
console.log(`\nimport: ${ROWS.toLocaleString('en')} rows, ${(statSync(first).size / 1e6).toFixed(1)} MB CSV`);
const imported = await importFile(first);
console.log(`  ${imported.imported} imported, ${imported.rejectedTotal} rejected (outside the service area or district), ${imported.duplicates} duplicates`);
console.log(`  ${imported.seconds.toFixed(1)} s → ${Math.round(imported.rows / imported.seconds).toLocaleString('en')} rows/s`);
const again = await importFile(first);
console.log(`  re-import of the same file: ${again.imported} imported, ${again.duplicates} duplicates in ${again.seconds.toFixed(1)} s`);

// 2. Hotspots
const hotspotTimes: number[] = [];
const serverTimes: number[] = [];
let cells = 0;
let hot = 0;
for (let run = 0; run < 5; run++) {
	const started = performance.now();
	const response = await fetch(`${origin}/api/analysis/hotspots?area=${area}&from=2023-01-01&to=2024-12-31&cell=100&method=gistar`, { headers });
	const body = (await response.json()) as { features: { properties: { class: string } }[]; meta: { cells: number; incidents: number; milliseconds: number } };
	hotspotTimes.push(performance.now() - started);
	serverTimes.push(body.meta.milliseconds);
	cells = body.meta.cells;
	hot = body.features.filter((f) => f.properties.class === 'hot99').length;
	if (run === 0) console.log(`\nhotspots (Gi*, 100 m cells): ${body.meta.incidents.toLocaleString('en')} incidents in ${cells} cells, ${hot} hot at 99 %`);
}
const h = stats(hotspotTimes);
console.log(`  over HTTP: median ${ms(h.median)} (min ${ms(h.min)}, max ${ms(h.max)}) of 5 runs; in the server ${ms(stats(serverTimes).median)}`);

// 3. Tiles over 200k
const second = writeCsv(ROWS, 2, 'B');
const more = await importFile(second);
const { rows: countRows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM incidents`.execute(db);
console.log(`\ntiles: ${countRows[0]!.n.toLocaleString('en')} incidents after a second import (${Math.round(more.rows / more.seconds).toLocaleString('en')} rows/s)`);
const { z, x, y } = densestTile(14);
const RUNS = 50;
const http: number[] = [];
let bytes = 0;
for (let run = 0; run < RUNS + 3; run++) {
	const started = performance.now();
	const response = await fetch(`${origin}/tiles/incidents/${z}/${x}/${y}.mvt`, { headers });
	bytes = (await response.arrayBuffer()).byteLength;
	if (run >= 3) http.push(performance.now() - started);
}
const native = await hasNativeMvt(db);
const bare: number[] = [];
if (native) {
	for (let run = 0; run < RUNS + 3; run++) {
		const started = performance.now();
		await serially(db, pointTileSql(tenant, { z, x, y }, { all: true }));
		if (run >= 3) bare.push(performance.now() - started);
	}
}
const th = stats(http);
console.log(`  tile ${z}/${x}/${y} (${(bytes / 1024).toFixed(0)} KiB): GET /tiles median ${ms(th.median)}, p95 ${ms(th.p95)} over ${RUNS} requests`);
if (native) {
	const tb = stats(bare);
	console.log(`  bare ST_AsMVT query, same tile, run directly on the database (no parallel workers, as the endpoint): median ${ms(tb.median)}, p95 ${ms(tb.p95)} over ${RUNS} runs`);
} else console.log('  (this PostGIS has no protobuf: tiles are encoded with @maplibre/vt-pbf; no bare ST_AsMVT to compare)');

await close();
