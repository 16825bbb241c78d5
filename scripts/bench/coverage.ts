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
import { coverage, type CoverageActivity, type CoverageZone } from '../../src/lib/analysis/coverage';
import { fromSweref99tm } from '../../src/lib/analysis/sweref99tm';
import { darkIntervals } from '../../src/lib/measures/dark-hours';
import { slotIntervals } from '../../src/lib/analysis/slot';
import type { Position } from '../../src/lib/geometry/geojson';
import { rng } from './random';
import { benchServer, stats } from './server';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? Number(args[i + 1]) : fallback;
};
const ZONES = option('zones', 500);
const ACTIVITIES = option('activities', 2000);

const random = rng(20230401);
const E0 = 672500;
const N0 = 6576000;
const at = (e: number, n: number): Position => fromSweref99tm([E0 + e, N0 + n]);
const spot = () => [random() * 4000, random() * 3000] as const;

const zones: CoverageZone[] = Array.from({ length: ZONES }, (_, i) => {
	const [e, n] = spot();
	const r = 30 + random() * 50;
	const k = 6 + Math.floor(random() * 5);
	const ring = Array.from({ length: k }, (_, j) => {
		const a = (2 * Math.PI * j) / k;
		const rr = r * (0.7 + random() * 0.6);
		return at(e + rr * Math.cos(a), n + rr * Math.sin(a));
	});
	ring.push(ring[0]!);
	// Problems in the evenings and nights, more at weekends.
	const profile = Array.from({ length: 168 }, (_, h) => {
		const hour = h % 24;
		const weekend = h >= 96;
		return (hour >= 18 || hour < 3 ? 3 : hour >= 9 ? 1 : 0.2) * (weekend ? 1.8 : 1);
	});
	const sum = profile.reduce((a, b) => a + b, 0);
	return { id: `z${i}`, geometry: { type: 'Polygon', coordinates: [ring] }, weight: 1 + random() * 9, profile: profile.map((w) => w / sum) };
});

const FROM = '2023-04-03';
const TO = '2023-10-01';
const period = { from: '2023-04-02T22:00:00Z', to: '2023-10-01T22:00:00Z' }; // 26 weeks
const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
/** What the database needs to store the same activity: an event with occurrences, or a done measure. */
type Stored = { kind: 'event' } | { kind: 'measure'; activeHours: 'dark' | 'always' };
const stored: Stored[] = [];
const activities: CoverageActivity[] = Array.from({ length: ACTIVITIES }, (_, i) => {
	const [e, n] = spot();
	const kind = random();
	const geometry = { type: 'Point' as const, coordinates: at(e, n) };
	stored.push(kind < 0.6 ? { kind: 'event' } : { kind: 'measure', activeHours: kind < 0.8 ? 'dark' : 'always' });
	if (kind < 0.45) {
		const day = DAYS[Math.floor(random() * 7)]!;
		const start = 16 + Math.floor(random() * 5);
		return { id: `a${i}`, geometry, radiusM: 80 + random() * 70, intervals: slotIntervals({ days: [day], startHour: start, endHour: start + 3 }, FROM, TO) };
	}
	if (kind < 0.6) {
		const day = new Date(Date.parse('2023-04-03T12:00:00Z') + Math.floor(random() * 180) * 86_400_000).toISOString().slice(0, 10);
		return { id: `a${i}`, geometry, radiusM: 100, intervals: slotIntervals({ days: [DAYS[(new Date(day).getUTCDay() + 6) % 7]!], startHour: 12, endHour: 18 }, day, day) };
	}
	if (kind < 0.8) {
		const [lon, lat] = geometry.coordinates;
		return { id: `a${i}`, geometry, radiusM: 25, intervals: darkIntervals(period.from, period.to, lon, lat).map((d) => ({ startsAt: d.startsAt, endsAt: d.endsAt })) };
	}
	return { id: `a${i}`, geometry, radiusM: 15 + random() * 25, intervals: [{ startsAt: period.from, endsAt: period.to }] };
});

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
	const geom = (g: unknown) => sql<string>`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(g)}), 4326)`;
	const chunks = <T>(xs: T[], n: number) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));
	const loading = performance.now();
	await db
		.insertInto('problem_zones')
		.values(zones.map((z) => ({ tenant_id: tenant, area_id: area, name: z.id, weight: z.weight, hour_profile: z.profile as number[], geom: sql<string>`ST_Multi(${geom(z.geometry)})` })))
		.execute();
	const eventIds = new Map<string, string>();
	for (const part of chunks(activities.filter((_, i) => stored[i]!.kind === 'event'), 500)) {
		const rows = await db
			.insertInto('events')
			.values(part.map((a) => ({ tenant_id: tenant, area_id: area, title: a.id, kind: 'culture' as const, status: 'planned' as const, starts_at: a.intervals[0]!.startsAt, ends_at: a.intervals[0]!.endsAt, influence_radius_m: a.radiusM, geom: geom(a.geometry) })))
			.returning(['id', 'title'])
			.execute();
		for (const r of rows) eventIds.set(r.title, r.id);
	}
	const occurrences = activities.flatMap((a) => (eventIds.has(a.id) ? a.intervals.map((o) => ({ tenant_id: tenant, event_id: eventIds.get(a.id)!, starts_at: o.startsAt, ends_at: o.endsAt })) : []));
	for (const part of chunks(occurrences, 2000)) await db.insertInto('event_occurrences').values(part).execute();
	const measures = activities.flatMap((a, i) => {
		const s = stored[i]!;
		if (s.kind !== 'measure') return [];
		return [{ tenant_id: tenant, area_id: area, title: a.id, kind: s.activeHours === 'dark' ? ('lighting' as const) : ('seating' as const), active_hours: s.activeHours, status: 'done' as const, done_on: FROM, influence_radius_m: a.radiusM, geom: geom(a.geometry) }];
	});
	for (const part of chunks(measures, 500)) await db.insertInto('measures').values(part).execute();
	await sql`ANALYZE`.execute(db);
	console.log(`\n  over HTTP: ${zones.length} zones, ${eventIds.size} events with ${occurrences.length} occurrences and ${measures.length} done measures stored in ${((performance.now() - loading) / 1000).toFixed(1)} s`);

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
