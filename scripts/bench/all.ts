/**
 * `npm run bench` — every benchmark on generated data of a stated size, one table: each
 * figure of the app beside the same work done bare in PostgreSQL/PostGIS (or, where the
 * work has no SQL counterpart, the analysis library alone) in the same run, and the ratio
 * app ÷ bare (> 1: the app costs that many times more). `--quick` is a ~1-minute version
 * with less data and fewer runs. What each figure means: README, "Benchmarks".
 *
 *   npx vite build && npm run bench [-- --quick] [-- --rows N] [-- --no-whatif]
 *
 * Runs against DATABASE_URL (default postgres://postgres@127.0.0.1:5432/lykta_bench, created
 * if missing and EMPTIED first); the what-if runs in Chromium against its own embedded demo
 * server (CHROMIUM_PATH, default /usr/bin/chromium). Progress goes to stderr, the table to stdout.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { statSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { benchServer } from './server';
import { densestTile, importFile, writeCsv, IMPORT_MAPPING } from './incident-data';
import { coverageData, FROM, TO, storeCoverageData } from './coverage-data';
import { bareWrites, writesWorld } from './writes-world';
import { load } from './load';
import { whatIf } from './whatif';
import { formatTable, latency, rate, type Row } from './figures';
import { coverage } from '../../src/lib/analysis/coverage';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const option = (name: string, fallback: number) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SIZE = quick
	? { rows: 10_000, hotspotRuns: 3, tileRuns: 15, ogcPage: 1000, zones: 100, activities: 400, analysisRuns: 3, writeSeconds: 3, whatIf: { zones: 10, events: 40, steps: 15 } }
	: { rows: 100_000, hotspotRuns: 5, tileRuns: 50, ogcPage: 1000, zones: 500, activities: 2000, analysisRuns: 5, writeSeconds: 10, whatIf: { zones: 50, events: 200, steps: 40 } };
SIZE.rows = option('rows', SIZE.rows);
const WRITE_CLIENTS = 8;
const log = (line: string) => process.stderr.write(`${line}\n`);
const t0 = performance.now();

const server = await benchServer({ env: { LYKTA_IMPORT_LIMIT: '200000000', BODY_SIZE_LIMIT: '250M' } });
const { db, sql, tenant, area, origin, headers } = server;
const { pointTileSql, hasNativeMvt, serially } = await import('../../src/lib/incidents/tiles.server');
const bare = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: WRITE_CLIENTS });
const rows: Row[] = [];
const sizes: string[] = [];

/** Runs `f` `runs` times after one warm-up run; the timings in ms. */
async function timed(runs: number, f: () => Promise<unknown>): Promise<number[]> {
	await f();
	const out: number[] = [];
	for (let i = 0; i < runs; i++) {
		const started = performance.now();
		await f();
		out.push(performance.now() - started);
	}
	return out;
}
async function get(path: string, init: RequestInit = { headers }): Promise<Response> {
	const response = await fetch(origin + path, init);
	if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${(await response.text()).slice(0, 300)}`);
	return response;
}

// 1. Import: the app's streaming CSV import against COPY into a staging table + one INSERT … SELECT.
const csv = writeCsv(SIZE.rows, 1, 'A');
const mb = statSync(csv).size / 1e6;
log(`import: ${SIZE.rows.toLocaleString('en')} rows, ${mb.toFixed(1)} MB CSV`);
const imported = await importFile(origin, headers, csv);
await sql`CREATE TABLE bare_incidents (LIKE incidents INCLUDING ALL)`.execute(db);
const categoryCase = Object.entries(IMPORT_MAPPING.categories)
	.map(([sv, en]) => `WHEN '${sv}' THEN '${en}'`)
	.join(' ');
const bareImportSql = [
	'CREATE TEMP TABLE staging (ext text, at text, cat text, nord text, ost text)',
	`\\copy staging FROM '${csv}' WITH (FORMAT csv, DELIMITER ';', HEADER true, ENCODING 'UTF8')`,
	`INSERT INTO bare_incidents (tenant_id, area_id, category, source, occurred_at, external_id, content_hash, geom)
	 SELECT '${tenant}', a.id, CASE lower(s.cat) ${categoryCase} ELSE 'other' END, 'police', s.at::timestamp AT TIME ZONE 'Europe/Stockholm', s.ext, md5('police:' || s.ext), p.g
	 FROM staging s
	 CROSS JOIN LATERAL (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(replace(s.ost, ',', '.')::float8, replace(s.nord, ',', '.')::float8), 3006), 4326) AS g) p
	 LEFT JOIN LATERAL (SELECT id FROM areas WHERE tenant_id = '${tenant}' AND ST_Intersects(geom, p.g) ORDER BY ST_Area(geom) LIMIT 1) a ON true
	 ON CONFLICT DO NOTHING`
];
const bareStarted = performance.now();
await promisify(execFile)('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', process.env.DATABASE_URL!, ...bareImportSql.flatMap((c) => ['-c', c])]);
const bareSeconds = (performance.now() - bareStarted) / 1000;
const { rows: bareCount } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM bare_incidents`.execute(db);
await sql`DROP TABLE bare_incidents`.execute(db);
log(`  app: ${imported.imported} imported, ${imported.rejectedTotal} rejected in ${imported.seconds.toFixed(1)} s; bare: ${bareCount[0]!.n} rows in ${bareSeconds.toFixed(1)} s`);
rows.push({ name: `import ${SIZE.rows.toLocaleString('en')}-row police CSV`, app: rate(imported.rows, imported.seconds, 'rows'), bare: rate(SIZE.rows, bareSeconds, 'rows'), bareWhat: 'psql \\copy + INSERT … SELECT' });
sizes.push(`${imported.imported.toLocaleString('en')} incidents (${mb.toFixed(1)} MB CSV)`);
await sql`ANALYZE`.execute(db);

// 2. Hotspots: Gi* at 100 m cells over the imported incidents, against the binning and Gi* in one SQL statement.
const hotspotPath = `/api/analysis/hotspots?area=${area}&from=2023-01-01&to=2024-12-31&cell=100&method=gistar`;
let hot = { cells: 0, hot99: 0 };
const hotApp = await timed(SIZE.hotspotRuns, async () => {
	const body = (await (await get(hotspotPath)).json()) as { features: { properties: { class: string } }[]; meta: { cells: number } };
	hot = { cells: body.meta.cells, hot99: body.features.filter((f) => f.properties.class === 'hot99').length };
});
const s = 100;
const [h, w] = [Math.sqrt(3) * s, 1.5 * s];
const band = 1.8 * s;
const giStarSql = sql<{ z: number | null }>`
	WITH region AS (SELECT geom AS g4326, ST_Transform(geom, 3006) AS g FROM areas WHERE id = ${area}),
	grid AS (SELECT h.i, h.j, h.geom FROM region, ST_HexagonGrid(${s}::float8, region.g) AS h WHERE ST_Intersects(h.geom, region.g)),
	pts AS MATERIALIZED (
		SELECT ST_X(g) AS px, ST_Y(g) AS py, floor(ST_X(g) / ${w}::float8)::int AS i0
		FROM (SELECT ST_Transform(x.geom, 3006) AS g FROM incidents x
			WHERE x.tenant_id = ${tenant} AND x.occurred_at >= '2023-01-01T00:00:00+01:00' AND x.occurred_at < '2025-01-01T00:00:00+01:00'
				AND ST_Intersects(x.geom, (SELECT g4326 FROM region))) t),
	c AS (SELECT px, py, i0, round((py - (abs(i0) % 2) * ${h / 2}::float8) / ${h}::float8)::int AS j0, i0 + 1 AS i1,
		round((py - (abs(i0 + 1) % 2) * ${h / 2}::float8) / ${h}::float8)::int AS j1 FROM pts),
	d AS (SELECT i0, j0, i1, j1, (px - ${w}::float8 * i0) ^ 2 + (py - ${h}::float8 * j0 - (abs(i0) % 2) * ${h / 2}::float8) ^ 2 AS d0,
		(px - ${w}::float8 * i1) ^ 2 + (py - ${h}::float8 * j1 - (abs(i1) % 2) * ${h / 2}::float8) ^ 2 AS d1 FROM c),
	binned AS (SELECT CASE WHEN d0 <= d1 THEN i0 ELSE i1 END AS i, CASE WHEN d0 <= d1 THEN j0 ELSE j1 END AS j, count(*)::float8 AS n FROM d GROUP BY 1, 2),
	counts AS MATERIALIZED (SELECT g.i, g.j, g.geom, ST_Centroid(g.geom) AS centre, coalesce(b.n, 0) AS n FROM grid g LEFT JOIN binned b ON b.i = g.i AND b.j = g.j),
	stats AS (SELECT count(*)::float8 AS nn, avg(n) AS m, sqrt(greatest(0, avg(n * n) - avg(n) ^ 2)) AS sd FROM counts),
	nb AS (SELECT a.i, a.j, sum(b.n) AS sx, count(*)::float8 AS wi FROM counts a JOIN counts b ON ST_DWithin(a.centre, b.centre, ${band}::float8) GROUP BY a.i, a.j)
	SELECT (nb.sx - stats.m * nb.wi) / nullif(stats.sd * sqrt((stats.nn * nb.wi - nb.wi * nb.wi) / (stats.nn - 1)), 0) AS z,
		ST_AsGeoJSON(ST_Transform(counts.geom, 4326), 7) AS geojson
	FROM counts JOIN nb ON nb.i = counts.i AND nb.j = counts.j, stats`;
let bareHot = 0;
const hotBare = await timed(SIZE.hotspotRuns, async () => {
	const { rows } = await giStarSql.execute(db);
	bareHot = rows.filter((r) => r.z !== null && r.z >= 2.576).length;
});
log(`hotspots: ${hot.cells} cells of 100 m; hot at 99 %: app ${hot.hot99}, bare SQL ${bareHot}`);
rows.push({ name: `hotspots Gi*, ${hot.cells} cells of 100 m`, app: latency(hotApp), bare: latency(hotBare), bareWhat: 'one SQL: hex bins + Gi*' });

// 3. Tiles: the zoom-14 tile over the densest cluster, against its ST_AsMVT query run directly.
const tile = densestTile(14);
let tileBytes = 0;
// The app keeps a tile it made (per data version and reader scope): each timed request asks
// with a different, all-including `from` so every one is made anew, as the bare query is; the
// same tile asked again is timed on its own row.
let tileRun = 0;
const uncached = () => `from=${new Date(Date.UTC(1900, 0, 1 + tileRun++)).toISOString().slice(0, 10)}`;
const tileApp = await timed(SIZE.tileRuns, async () => {
	tileBytes = (await (await get(`/tiles/incidents/${tile.z}/${tile.x}/${tile.y}.mvt?${uncached()}`)).arrayBuffer()).byteLength;
});
const native = await hasNativeMvt(db);
const tileBare = native ? await timed(SIZE.tileRuns, () => serially(db, pointTileSql(tenant, tile, { all: true }))) : null;
rows.push({ name: `tile z14 densest cluster (${(tileBytes / 1024).toFixed(0)} KiB), made anew`, app: latency(tileApp), bare: tileBare && latency(tileBare), bareWhat: native ? 'the ST_AsMVT query' : 'none: PostGIS without protobuf' });
const tileKept = await timed(SIZE.tileRuns, async () => {
	await (await get(`/tiles/incidents/${tile.z}/${tile.x}/${tile.y}.mvt`)).arrayBuffer();
});
rows.push({ name: 'tile z14 densest cluster, asked again (kept)', app: latency(tileKept), bare: tileBare && latency(tileBare), bareWhat: native ? 'the ST_AsMVT query' : 'none: PostGIS without protobuf' });

// 4. OGC API paging: every incident, page by page following `next`, against a plain keyset query.
const pageTimes: number[] = [];
let features = 0;
let matched = 0;
let next: string | null = `${origin}/ogc/collections/incidents/items?limit=${SIZE.ogcPage}`;
const ogcStarted = performance.now();
while (next) {
	const started = performance.now();
	const response = await fetch(next, { headers });
	const body = (await response.json()) as { numberMatched: number; numberReturned: number; links: { rel: string; href: string }[] };
	if (!response.ok) throw new Error(`OGC page: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
	pageTimes.push(performance.now() - started);
	features += body.numberReturned;
	matched = body.numberMatched;
	next = body.links.find((l) => l.rel === 'next')?.href ?? null;
}
const ogcSeconds = (performance.now() - ogcStarted) / 1000;
if (features !== matched || features !== imported.imported) throw new Error(`OGC paging returned ${features} features, numberMatched ${matched}, imported ${imported.imported}`);
const barePageTimes: number[] = [];
let cursor = '00000000-0000-0000-0000-000000000000';
let bareFeatures = 0;
const bareOgcStarted = performance.now();
for (;;) {
	const started = performance.now();
	const { rows: page } = await bare.query<{ id: string; feature: string }>(
		`SELECT x.id::text AS id, json_build_object('type', 'Feature', 'id', x.id, 'geometry', ST_AsGeoJSON(x.geom, 8)::json,
			'properties', json_build_object('area_id', x.area_id, 'category', x.category, 'source', x.source, 'occurred_at', x.occurred_at,
				'external_id', x.external_id, 'description', x.description))::text AS feature
		 FROM incidents x WHERE x.tenant_id = $1 AND x.id > $2 ORDER BY x.id LIMIT $3`,
		[tenant, cursor, SIZE.ogcPage]
	);
	barePageTimes.push(performance.now() - started);
	bareFeatures += page.length;
	if (page.length < SIZE.ogcPage) break;
	cursor = page.at(-1)!.id;
}
const bareOgcSeconds = (performance.now() - bareOgcStarted) / 1000;
log(`ogc: ${features} features in ${pageTimes.length} pages in ${ogcSeconds.toFixed(1)} s; bare ${bareFeatures} in ${bareOgcSeconds.toFixed(1)} s`);
rows.push({ name: `OGC items, ${features.toLocaleString('en')} features, pages of ${SIZE.ogcPage}`, app: rate(features, ogcSeconds, 'features', pageTimes), bare: rate(bareFeatures, bareOgcSeconds, 'features', barePageTimes), bareWhat: 'keyset SELECT … LIMIT n' });
sizes.push(`OGC pages of ${SIZE.ogcPage}`);

// 5. Coverage: stored zones and activities through GET /api/analysis/coverage, against the library on the same data in memory.
const data = coverageData(SIZE.zones, SIZE.activities);
const saved = await storeCoverageData(db, tenant, area, data);
await sql`ANALYZE`.execute(db);
const coveragePath = `/api/analysis/coverage?area=${area}&from=${FROM}&to=${TO}`;
const coverageApp = await timed(SIZE.analysisRuns, async () => (await get(coveragePath)).arrayBuffer());
const coverageLib = await timed(SIZE.analysisRuns, async () => coverage(data.zones, data.activities, data.period));
rows.push({ name: `coverage ${SIZE.zones} zones × ${SIZE.activities} activities, 26 weeks`, app: latency(coverageApp), bare: latency(coverageLib), bareWhat: 'library, data in memory (no SQL form)' });
sizes.push(`coverage ${SIZE.zones} zones × ${SIZE.activities} activities (${saved.events} events, ${saved.occurrences} occurrences, ${saved.measures} measures)`);

// 6. Overlaps: GET /api/analysis/overlaps on the same programme, against a PostGIS pair search.
let pairs = 0;
const overlapsApp = await timed(SIZE.analysisRuns, async () => {
	pairs = ((await (await get(`/api/analysis/overlaps?area=${area}&from=${FROM}&to=${TO}`)).json()) as { pairs: unknown[] }).pairs.length;
});
let barePairs = 0;
const overlapsSql = sql<{ conflicts: number; redundancies: number }>`
	WITH ev AS MATERIALIZED (SELECT id, geom::geography AS g, influence_radius_m AS r FROM events WHERE tenant_id = ${tenant} AND area_id = ${area}),
	ms AS MATERIALIZED (SELECT id, kind, geom::geography AS g, influence_radius_m AS r FROM measures WHERE tenant_id = ${tenant} AND area_id = ${area}),
	conflicts AS (
		SELECT a.id, b.id FROM ev a JOIN ev b ON a.id < b.id AND ST_DWithin(a.g, b.g, a.r + b.r)
		WHERE EXISTS (SELECT 1 FROM event_occurrences oa JOIN event_occurrences ob ON oa.starts_at < ob.ends_at AND ob.starts_at < oa.ends_at
			WHERE oa.event_id = a.id AND ob.event_id = b.id AND oa.starts_at < ${TO}::timestamptz AND oa.ends_at > ${FROM}::timestamptz)),
	redundancies AS (SELECT a.id, b.id FROM ms a JOIN ms b ON a.id < b.id AND a.kind = b.kind AND ST_DWithin(a.g, b.g, a.r + b.r))
	SELECT (SELECT count(*)::int FROM conflicts) AS conflicts, (SELECT count(*)::int FROM redundancies) AS redundancies`;
const overlapsBare = await timed(SIZE.analysisRuns, async () => {
	const r = (await overlapsSql.execute(db)).rows[0]!;
	barePairs = r.conflicts + r.redundancies;
});
log(`overlaps: app ${pairs} pairs; bare SQL ${barePairs} candidate pairs (no footprint-share test)`);
rows.push({ name: `overlaps, same programme (${pairs} pairs)`, app: latency(overlapsApp), bare: latency(overlapsBare), bareWhat: `ST_DWithin pair search (${barePairs} pairs)` });

// 7. Writes: POST /api/findings from 8 walkers' phones, against the same row and its audit row inserted directly.
const world = await writesWorld(server, WRITE_CLIENTS);
await load(origin, WRITE_CLIENTS, Math.min(2, SIZE.writeSeconds), world.posts(WRITE_CLIENTS)); // warm-up
const posted = await load(origin, WRITE_CLIENTS, SIZE.writeSeconds, world.posts(WRITE_CLIENTS));
const bareWritten = await bareWrites(bare, tenant, area, world.findings, WRITE_CLIENTS, SIZE.writeSeconds);
const failed = Object.entries(posted.statuses).filter(([status]) => status !== '201');
if (failed.length) log(`writes: answers other than 201: ${JSON.stringify(posted.statuses)} e.g. ${posted.sample}`);
rows.push({ name: `POST /api/findings, ${WRITE_CLIENTS} clients, ${SIZE.writeSeconds} s`, app: rate(posted.statuses['201'] ?? 0, posted.elapsed, 'req', posted.latencies), bare: rate(bareWritten.latencies.length, bareWritten.elapsed, 'req', bareWritten.latencies), bareWhat: `INSERT + audit row, ${WRITE_CLIENTS} conn.` });
await bare.end();
await server.close();

// 8. What-if: the coverage recomputed in the browser while an event is dragged (its own embedded demo server).
if (!args.includes('--no-whatif')) {
	const result = await whatIf({ ...SIZE.whatIf, log: (line) => log(line.trim()) });
	rows.push({ name: `what-if drag in Chromium, ${SIZE.whatIf.zones} + demo zones, ${SIZE.whatIf.events} events`, app: latency(result.steps), bare: null, bareWhat: 'none: runs in the browser' });
}

const { rows: versions } = await (async () => {
	const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
	await c.connect();
	const r = await c.query<{ pg: string; postgis: string }>(`SELECT current_setting('server_version') AS pg, postgis_lib_version() AS postgis`);
	await c.end();
	return r;
})();
const title = [
	`Lykta benchmarks${quick ? ' (--quick)' : ''}: PostgreSQL ${versions[0]!.pg}, PostGIS ${versions[0]!.postgis}, Node ${process.version}, ${cpus().length} cores; ${((performance.now() - t0) / 1000).toFixed(0)} s in all`,
	`data: ${sizes.join('; ')}; writes ${WRITE_CLIENTS} clients × ${SIZE.writeSeconds} s`,
	'latency figures are median / p95 over n runs after one warm-up; app/bare = how many times more the app costs (medians, or inverse throughput)'
].join('\n');
console.log(`\n${formatTable(title, rows)}`);
process.exit(0);
