/**
 * Benchmark of time-aware coverage on a synthetic district: 500 problem zones (irregular
 * 30–80 m polygons with hour profiles) and 2,000 activities (weekly evening events, single
 * events, always-on measures, lighting in the dark) over a 26-week season (April–September
 * 2023) in a 4 km × 3 km box.
 *   1. the analysis itself (src/lib/analysis/coverage.ts) in this process, median of 5 runs;
 *   2. the same zones and activities stored in the database (zones, events with their
 *      occurrences, done measures) and asked for over HTTP: GET /api/analysis/coverage,
 *      the first request, then the median of 5 more, checked against (1).
 *
 *   npm run bench -- coverage [--zones 500] [--activities 2000] [--library-only] [--embedded]
 *
 * Part 2 runs against DATABASE_URL (default postgres://postgres@127.0.0.1:5432/lykta_bench,
 * emptied first) or the embedded database with --embedded, and needs a build (npx vite build).
 */
import { performance } from 'node:perf_hooks';
import { coverage } from '../../src/lib/analysis/coverage';
import { coverageData, FROM, TO, storeCoverageData } from './coverage-data';
import { benchServer, stats } from './server';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? Number(args[i + 1]) : fallback;
};
const ZONES = option('zones', 500);
const ACTIVITIES = option('activities', 2000);

const data = coverageData(ZONES, ACTIVITIES);
const { zones, activities, period } = data;

console.log(`coverage: ${ZONES} zones × ${ACTIVITIES} activities over 26 weeks (${(Date.parse(period.to) - Date.parse(period.from)) / 3_600_000} hours)`);
const times: number[] = [];
let result: ReturnType<typeof coverage> = [];
for (let run = 0; run < 5; run++) {
	const started = performance.now();
	result = coverage(zones, activities, period);
	times.push(performance.now() - started);
}
const reached = result.filter((z) => z.coveredBy.length > 0).length;
const mean = result.reduce((s, z) => s + (z.timeCoverage ?? 0), 0) / result.length;
const lib = stats(times);
console.log(`  ${reached} zones reached by an activity; mean time-aware coverage ${(mean * 100).toFixed(1)} %`);
console.log(`  analysis in this process: median ${lib.median.toFixed(0)} ms (min ${lib.min.toFixed(0)}, max ${lib.max.toFixed(0)}) of 5 runs; target ≤ 1000 ms`);

if (!args.includes('--library-only')) {
	const server = await benchServer({ embedded: args.includes('--embedded') });
	const { db, sql, tenant, area, origin, headers } = server;
	const loading = performance.now();
	const saved = await storeCoverageData(db, tenant, area, data);
	await sql`ANALYZE`.execute(db);
	console.log(`\n  over HTTP: ${zones.length} zones, ${saved.events} events with ${saved.occurrences} occurrences and ${saved.measures} done measures stored in ${((performance.now() - loading) / 1000).toFixed(1)} s`);

	const request = `${origin}/api/analysis/coverage?area=${area}&from=${FROM}&to=${TO}`;
	const http: number[] = [];
	const inServer: number[] = [];
	let body: { zones: { name: string; timeCoverage: number | null }[]; milliseconds: number } | null = null;
	let bytes = 0;
	let first = 0;
	for (let run = 0; run < 6; run++) {
		const started = performance.now();
		const response = await fetch(request, { headers });
		const text = await response.text();
		if (response.status !== 200) throw new Error(`GET /api/analysis/coverage: ${response.status} ${text.slice(0, 300)}`);
		if (run === 0) first = performance.now() - started;
		else http.push(performance.now() - started);
		body = JSON.parse(text);
		if (run > 0) inServer.push(body!.milliseconds);
		bytes = text.length;
	}
	const byName = new Map(result.map((z) => [z.zoneId, z.timeCoverage ?? 0]));
	const worst = Math.max(...body!.zones.map((z) => Math.abs((z.timeCoverage ?? 0) - byName.get(z.name)!)));
	const h = stats(http);
	const s = stats(inServer);
	console.log(`  GET /api/analysis/coverage (${(bytes / 1e6).toFixed(1)} MB): first request ${first.toFixed(0)} ms (a fresh server: lamps' dark hours not yet cached); then median ${h.median.toFixed(0)} ms (min ${h.min.toFixed(0)}, max ${h.max.toFixed(0)}) of 5 requests; in the server (database reads + analysis) median ${s.median.toFixed(0)} ms`);
	console.log(`  largest difference from the in-process result: ${worst.toExponential(1)} in a zone's time-aware coverage`);
	await server.close();
}
