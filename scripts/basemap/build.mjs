#!/usr/bin/env node
// The self-hosted basemap: turns an OpenStreetMap extract into one vector tile archive (MBTiles,
// OpenMapTiles schema) with Debian's tilemaker, for the app to serve at /tiles/basemap
// (PUBLIC_MAP_STYLE=self-hosted).
//
//   npm run basemap:build -- <extract.osm.pbf> [--out <file.mbtiles>]
//
// --out defaults to LYKTA_BASEMAP_TILES, or ./data/basemap.mbtiles — where the app reads it. The
// archive is written beside the target and moved into place when complete, so a running app
// switches to the new one at its next tile request and never reads half a file.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = resolve(outIndex >= 0 ? args[outIndex + 1] ?? '' : process.env.LYKTA_BASEMAP_TILES || './data/basemap.mbtiles');
const input = args.find((a, i) => !a.startsWith('--') && !(outIndex >= 0 && i === outIndex + 1));

function fail(message) {
	console.error(message);
	process.exit(2);
}

if (!input) fail('usage: npm run basemap:build -- <extract.osm.pbf> [--out <file.mbtiles>]');
if (!existsSync(input)) fail(`No such extract: ${input}`);
if (!/\.osm\.pbf$|\.pbf$/i.test(input)) fail(`Expected an OpenStreetMap extract in PBF format (.osm.pbf): ${input}`);
if (!out.endsWith('.mbtiles')) fail(`--out must name an .mbtiles file: ${out}`);
const probe = spawnSync('tilemaker', ['--help'], { encoding: 'utf8' });
if (probe.error) fail("tilemaker was not found. Install Debian's package: apt-get install tilemaker");
const version = /tilemaker (\S+)/.exec(probe.stdout + probe.stderr)?.[1] ?? 'unknown';

mkdirSync(dirname(out), { recursive: true });
const partial = `${out}.${process.pid}.partial.mbtiles`;
rmSync(partial, { force: true });
const started = performance.now();
console.log(`Building ${out} from ${input} with tilemaker ${version}…`);
const run = spawnSync(
	'tilemaker',
	['--input', resolve(input), '--output', partial, '--config', join(here, 'tilemaker/config.json'), '--process', join(here, 'tilemaker/process.lua')],
	// tilemaker reports its progress on the terminal; only its errors matter when it fails.
	{ stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }
);
if (run.status !== 0 || !existsSync(partial)) {
	rmSync(partial, { force: true });
	console.error(`${run.stdout ?? ''}\n${run.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n'));
	fail(`tilemaker failed (exit ${run.status ?? run.signal}).`);
}
renameSync(partial, out);
const seconds = (performance.now() - started) / 1000;
const bytes = statSync(out).size;
console.log(`Done in ${seconds.toFixed(1)} s: ${out}, ${(bytes / 1024).toFixed(0)} KiB. Serve it with PUBLIC_MAP_STYLE=self-hosted.`);
