/**
 * Benchmark of time-aware coverage (src/lib/analysis/coverage.ts) on a synthetic district:
 * 500 problem zones (irregular 30–80 m polygons with hour profiles) and 2,000 activities
 * (weekly evening events, single events, always-on measures, lighting in the dark) over a
 * 26-week season (April–September 2023) in a 4 km × 3 km box. Median of 3 runs.
 *
 *   npm run bench -- coverage [--zones 500] [--activities 2000]
 */
import { performance } from 'node:perf_hooks';
import { coverage, type CoverageActivity, type CoverageZone } from '../../src/lib/analysis/coverage';
import { fromSweref99tm } from '../../src/lib/analysis/sweref99tm';
import { darkIntervals } from '../../src/lib/measures/dark-hours';
import { slotIntervals } from '../../src/lib/analysis/slot';
import type { Position } from '../../src/lib/geometry/geojson';
import { rng } from './random';

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
const activities: CoverageActivity[] = Array.from({ length: ACTIVITIES }, (_, i) => {
	const [e, n] = spot();
	const kind = random();
	const geometry = { type: 'Point' as const, coordinates: at(e, n) };
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
for (let run = 0; run < 3; run++) {
	const started = performance.now();
	result = coverage(zones, activities, period);
	times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const reached = result.filter((z) => z.coveredBy.length > 0).length;
const mean = result.reduce((s, z) => s + (z.timeCoverage ?? 0), 0) / result.length;
console.log(`  ${reached} zones reached by an activity; mean time-aware coverage ${(mean * 100).toFixed(1)} %`);
console.log(`  median ${times[1]!.toFixed(0)} ms (min ${times[0]!.toFixed(0)}, max ${times[2]!.toFixed(0)}) of 3 runs; target ≤ 1000 ms`);
