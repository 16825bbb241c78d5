/**
 * Benchmark of the overlap analysis (src/lib/analysis/overlaps.ts) on a deterministic,
 * realistic programme: 300 events (single and weekly recurring, April–September 2023,
 * expanded with the recurrence module) and 1 000 measures (points, lines, polygons; radius
 * by kind; lighting active only in dark hours, one interval per night) spread over
 * Tantolunden/Drakenbergsparken (a 1.5 km × 1 km box around 59.31 N, 18.04 E).
 * Prints the pairs found and the median of 5 runs (footprints included). Target ≤ 1 s.
 *
 *   npx tsx scripts/bench/overlaps.ts
 */
import { performance } from 'node:perf_hooks';
import { expandOccurrences } from '../../src/lib/events/recurrence';
import { darkIntervals } from '../../src/lib/measures/dark-hours';
import { findOverlaps, type Activity } from '../../src/lib/analysis/overlaps';
import { fromSweref99tm, toSweref99tm } from '../../src/lib/analysis/sweref99tm';
import type { Geometry, Position } from '../../src/lib/geometry/geojson';
import type { Interval } from '../../src/lib/analysis/hours';
import { rng } from './random';

const random = rng(20230401);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
const between = (lo: number, hi: number) => lo + random() * (hi - lo);

const LON = 18.04;
const LAT = 59.31;
const [CE, CN] = toSweref99tm([LON, LAT]);
const at = (e: number, n: number): Position => fromSweref99tm([CE + e, CN + n]);
const randomSpot = () => [between(-750, 750), between(-500, 500)] as const;

function point(): Geometry {
	const [e, n] = randomSpot();
	return { type: 'Point', coordinates: at(e, n) };
}
function line(lengthM: number): Geometry {
	const [e, n] = randomSpot();
	const coords: Position[] = [at(e, n)];
	let [x, y] = [e, n];
	let heading = between(0, 2 * Math.PI);
	for (let i = 0; i < 4; i++) {
		heading += between(-0.6, 0.6);
		x += (Math.cos(heading) * lengthM) / 4;
		y += (Math.sin(heading) * lengthM) / 4;
		coords.push(at(x, y));
	}
	return { type: 'LineString', coordinates: coords };
}
function polygon(sizeM: number): Geometry {
	const [e, n] = randomSpot();
	const w = sizeM * between(0.6, 1.4);
	const h = sizeM * between(0.6, 1.4);
	const ring = [at(e, n), at(e + w, n), at(e + w, n + h), at(e, n + h), at(e, n)];
	return { type: 'Polygon', coordinates: [ring] };
}

const SEASON: Interval = { startsAt: '2023-04-01T00:00:00+02:00', endsAt: '2023-10-01T00:00:00+02:00' };
const pad = (x: number) => String(x).padStart(2, '0');
function localDay(offsetDays: number) {
	const d = new Date(Date.UTC(2023, 3, 1) + offsetDays * 86_400_000);
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}
/** Stockholm's offset on a date in the season (CEST from 26 March to 29 October). */
const OFFSET = '+02:00';

function events(): Activity[] {
	const kinds = ['culture', 'sport', 'market', 'children_youth', 'outreach', 'staffed_meeting_point', 'other'] as const;
	return Array.from({ length: 300 }, (_, i) => {
		const kind = pick(kinds);
		const geometry = kind === 'outreach' ? line(between(300, 900)) : kind === 'market' ? polygon(60) : point();
		const day = localDay(Math.floor(between(0, 175)));
		const startHour = Math.floor(between(10, 20));
		const hours = Math.floor(between(2, 5));
		const startsAt = `${day}T${pad(startHour)}:00:00${OFFSET}`;
		const endsAt = `${day}T${pad(Math.min(startHour + hours, 23))}:00:00${OFFSET}`;
		const weekly = random() < 0.4;
		const intervals = expandOccurrences({ startsAt, endsAt, rrule: weekly ? `FREQ=WEEKLY;COUNT=${Math.floor(between(4, 13))}` : undefined });
		return { id: `event-${i}`, kind: 'event', subkind: kind, geometry, radiusM: kind === 'outreach' ? 50 : 100, intervals };
	});
}

function measures(): Activity[] {
	const dark = darkIntervals(SEASON.startsAt, SEASON.endsAt, LON, LAT);
	const always = [SEASON];
	const spec: Record<string, { radiusM: number; geometry: () => Geometry }> = {
		lighting: { radiusM: 25, geometry: () => (random() < 0.7 ? point() : line(between(80, 250))) },
		seating: { radiusM: 15, geometry: point },
		vegetation: { radiusM: 5, geometry: () => polygon(40) },
		cleaning: { radiusM: 0, geometry: () => polygon(80) },
		camera: { radiusM: 50, geometry: point },
		toilet: { radiusM: 30, geometry: point },
		art: { radiusM: 20, geometry: point },
		fencing: { radiusM: 5, geometry: () => line(between(30, 120)) },
		signage: { radiusM: 10, geometry: point },
		other: { radiusM: 20, geometry: point }
	};
	const kinds = Object.keys(spec);
	return Array.from({ length: 1000 }, (_, i) => {
		const kind = i < 350 ? 'lighting' : pick(kinds);
		return { id: `measure-${i}`, kind: 'measure', subkind: kind, geometry: spec[kind].geometry(), radiusM: spec[kind].radiusM, intervals: kind === 'lighting' ? dark : always };
	});
}

const t0 = performance.now();
const programme = [...events(), ...measures()];
const generated = performance.now() - t0;
const occurrences = programme.filter((a) => a.kind === 'event').reduce((n, a) => n + a.intervals.length, 0);

const times: number[] = [];
let result = findOverlaps(programme);
for (let run = 0; run < 5; run++) {
	const start = performance.now();
	result = findOverlaps(programme);
	times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const count = (type: string) => result.filter((o) => o.type === type).length;
console.log(`programme: 300 events (${occurrences} occurrences), 1000 measures; generated in ${generated.toFixed(0)} ms`);
console.log(`pairs: ${result.length} (${count('conflict')} conflicts, ${count('redundancy')} redundancies)`);
console.log(`findOverlaps: median ${times[2].toFixed(1)} ms of 5 runs (min ${times[0].toFixed(1)}, max ${times[4].toFixed(1)}); target ≤ 1000 ms`);
