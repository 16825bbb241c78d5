/**
 * Coverage of problem zones by activities (DESIGN §4), as pure functions usable in the
 * browser (what-if while dragging) and on the server. Geometry is worked in SWEREF 99 TM
 * metres (./footprint: the same projection and buffers as the PostGIS cross-check), so
 * areas are right at Stockholm's latitude — a projected plane rather than Turf's geodesic
 * area, because the intersections and unions must be planar to agree with ST_Intersection /
 * ST_Union / ST_Area in EPSG:3006.
 *
 * Definitions, for a zone Z with weight W and problem-hour profile w (168 weights, Monday
 * 00–01 first, Europe/Stockholm) over a period P of whole hours h:
 * - footprint F_A: the activity's geometry buffered by its radius;
 * - A is active in hour h when it is active at the middle of h (h + 30 min): an event
 *   occurrence or a measure's active window (lighting only in the dark) covers that instant;
 * - spatial coverage  S(Z) = area(Z ∩ ⋃_A F_A) / area(Z), over every activity given;
 * - covered share     c(h) = area(Z ∩ ⋃_{A active in h} F_A) / area(Z) — a union, never a sum;
 * - time-aware coverage T(Z) = Σ_h w(how(h))·c(h) / Σ_h w(how(h)), how(h) its hour of week;
 *   null when no hour of P has weight (e.g. a time-of-week filter outside the problem hours);
 * - gap score G(Z) = W·(1 − T(Z));
 * - an activity's share: T computed with that activity alone (shares overlap, so they may
 *   sum to more than T).
 * Hours are real hours: across the change to winter time the repeated 02–03 counts twice,
 * in spring the skipped hour not at all.
 *
 * How: each zone is split once into parts by which footprints cover them (./cover-parts),
 * so the covered share of any set of active activities is a sum of part areas. Each
 * activity's active hours become index ranges into the period's hours, so the walk over
 * the period visits only the hours where some activity starts or stops (recomputing the
 * share there), and Σ w over a stretch of hours is a difference of cumulated weights.
 */
import type { MultiPolygon, Polygon } from '$lib/geometry/geojson';
import { bboxOfGeometry, type BBox } from '$lib/geometry/geojson';
import { planarArea } from './area';
import { coverParts, type CoverPart } from './cover-parts';
import { footprint, projectGeometry } from './footprint';
import { toSpans, type Interval, type Span } from './hours';
import { wallOf } from '$lib/time/timezone';
import { HOURS_OF_WEEK, uniformProfile } from './hour-profile';

export interface CoverageZone {
	id: string;
	/** WGS 84. */
	geometry: Polygon | MultiPolygon;
	weight: number;
	/** 168 weights; uniform when missing or empty. */
	profile?: readonly number[] | null;
}

export interface CoverageActivity {
	id: string;
	/** WGS 84. */
	geometry: import('$lib/geometry/geojson').Geometry;
	radiusM: number;
	/** When it is active (occurrences, a measure's hours), ISO UTC. */
	intervals: readonly Interval[];
}

export interface CoverageOptions {
	/** ISO instants; the period is the whole hours from `from` up to `to`. */
	from: string;
	to: string;
	/** Only these hours of the week count (e.g. Friday and Saturday evenings). */
	hoursOfWeek?: ReadonlySet<number>;
	timeZone?: string;
}

export interface ZoneCoverage {
	zoneId: string;
	weight: number;
	areaM2: number;
	spatialCoverage: number;
	timeCoverage: number | null;
	gapScore: number | null;
	/** Each activity reaching the zone with its own time-aware coverage, largest first. */
	coveredBy: { id: string; share: number }[];
	/** Per hour of the week: the problem weight in the period and the covered part of it. */
	problemByHour: number[];
	coveredByHour: number[];
}

const HOUR = 3_600_000;
const EPS_M2 = 1e-6;

type Shape = Polygon | MultiPolygon;

const bboxesMeet = (a: BBox, b: BBox) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/** First index of the sorted hours whose middle is at or after t. */
function firstHourFrom(hours: readonly { middle: number }[], t: number): number {
	let lo = 0;
	let hi = hours.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (hours[mid]!.middle < t) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** An activity's active hours per list of period hours, computed once for all zones it reaches. */
const rangeCache = new WeakMap<readonly { middle: number }[], WeakMap<PreparedActivity, Int32Array>>();

/**
 * The hours (indices into `hours`) in which the activity is active, as [start, end) pairs,
 * sorted, non-empty and not touching: hour i is active when its middle lies in a span.
 */
function activeRanges(activity: PreparedActivity, hours: readonly { middle: number }[]): Int32Array {
	let byActivity = rangeCache.get(hours);
	if (!byActivity) rangeCache.set(hours, (byActivity = new WeakMap()));
	let ranges = byActivity.get(activity);
	if (!ranges) {
		const out: number[] = [];
		for (const [s, e] of activity.spans) {
			const from = firstHourFrom(hours, s);
			const to = firstHourFrom(hours, e);
			if (to <= from) continue;
			if (out.length && out[out.length - 1] === from) out[out.length - 1] = to;
			else out.push(from, to);
		}
		byActivity.set(activity, (ranges = Int32Array.from(out)));
	}
	return ranges;
}

export interface PreparedActivity {
	id: string;
	footprint: Shape | null;
	bbox: BBox;
	spans: Span[];
}

/** Footprints (metres) and spans of the activities, computed once for many zones or drags. */
export function prepareActivities(activities: readonly CoverageActivity[]): PreparedActivity[] {
	return activities.map((a) => {
		const fp = footprint(a.geometry, a.radiusM);
		return { id: a.id, footprint: fp.geometry, bbox: fp.bbox, spans: toSpans(a.intervals) };
	});
}

/** The hours of the period: their middles and hours of week. */
export function periodHours(options: CoverageOptions): { middle: number; how: number }[] {
	const start = Math.floor(Date.parse(options.from) / HOUR) * HOUR;
	const end = Date.parse(options.to);
	const zone = options.timeZone ?? 'Europe/Stockholm';
	const hours: { middle: number; how: number }[] = [];
	// The zone's offset changes a few times a year: ask Intl once per day, and hour by hour
	// only on days where the offset at the day's two ends differ.
	const offsetAt = (t: number) => wallOf(t, zone) - t;
	for (let day = start; day < end; day += 24 * HOUR) {
		const first = offsetAt(day + HOUR / 2);
		const steady = first === offsetAt(day + 23 * HOUR + HOUR / 2);
		for (let t = day; t < Math.min(day + 24 * HOUR, end); t += HOUR) {
			const middle = t + HOUR / 2;
			const wall = new Date(middle + (steady ? first : offsetAt(middle)));
			const how = ((wall.getUTCDay() + 6) % 7) * 24 + wall.getUTCHours();
			if (!options.hoursOfWeek || options.hoursOfWeek.has(how)) hours.push({ middle, how });
		}
	}
	return hours;
}

interface ZoneParts {
	shape: Shape;
	bbox: BBox;
	area: number;
	reaching: PreparedActivity[];
	parts: CoverPart[];
}

/** A zone's parts per set of prepared activities, so a what-if drag only redoes the zones its event reaches. */
const partsCache = new WeakMap<readonly PreparedActivity[], WeakMap<CoverageZone, ZoneParts>>();

function zoneParts(zone: CoverageZone, prepared: readonly PreparedActivity[]): ZoneParts {
	let byZone = partsCache.get(prepared);
	if (!byZone) partsCache.set(prepared, (byZone = new WeakMap()));
	let cached = byZone.get(zone);
	if (!cached) {
		const shape = projectGeometry(zone.geometry);
		const bbox = bboxOfGeometry(shape);
		const area = planarArea(shape);
		const reaching = prepared.filter((a) => a.footprint && bboxesMeet(a.bbox, bbox));
		cached = { shape, bbox, area, reaching, parts: area > 0 ? coverParts(shape, reaching.map((a) => a.footprint)) : [] };
		byZone.set(zone, cached);
	}
	return cached;
}

/**
 * One zone's coverage by the prepared activities, plus `extra` (an event being tried) if
 * given: the zone's parts for `prepared` are kept between calls and redone only for the
 * zones the extra footprint reaches, so dragging an event costs a few zones, not all.
 */
export function zoneCoverage(zone: CoverageZone, prepared: readonly PreparedActivity[], hours: readonly { middle: number; how: number }[], extra?: PreparedActivity): ZoneCoverage {
	const base = zoneParts(zone, prepared);
	const { area } = base;
	const profile = zone.profile && zone.profile.length === HOURS_OF_WEEK ? zone.profile : uniformProfile();
	const extraReaches = !!extra?.footprint && bboxesMeet(extra.bbox, base.bbox);
	const reaching = extraReaches ? [...base.reaching, extra!] : base.reaching;
	const parts = extraReaches && area > 0 ? coverParts(base.shape, reaching.map((a) => a.footprint)) : base.parts;
	const coveredArea = parts.reduce((s, p) => s + p.area, 0);
	const ownArea = reaching.map(() => 0);
	for (const p of parts) for (const m of p.members) ownArea[m]! += p.area;

	// The problem weight of the period's hours, cumulated: cum[j] = Σ_{i<j} w(how(i)).
	const cum = new Float64Array(hours.length + 1);
	const problemByHour = new Array<number>(HOURS_OF_WEEK).fill(0);
	for (let i = 0; i < hours.length; i++) {
		const { how } = hours[i]!;
		const w = Math.max(profile[how] ?? 0, 0);
		cum[i + 1] = cum[i]! + w;
		problemByHour[how]! += w;
	}
	const weightSum = cum[hours.length]!;

	// Each activity's active hours as index ranges; its own share needs no hour-by-hour walk.
	const ranges = reaching.map((a) => activeRanges(a, hours));
	const ownWeighted = ranges.map((r) => {
		let sum = 0;
		for (let j = 0; j < r.length; j += 2) sum += cum[r[j + 1]!]! - cum[r[j]!]!;
		return sum;
	});

	// The active set changes only where a range starts or ends: walk those changes in order.
	// The covered area is kept up to date per change: each part counts its active members,
	// and only the parts of an activity that starts or stops are looked at.
	const partsOf: number[][] = reaching.map(() => []);
	parts.forEach((p, i) => p.members.forEach((m) => partsOf[m]!.push(i)));
	const activeMembers = new Int32Array(parts.length);
	const coveredByHour = new Array<number>(HOURS_OF_WEEK).fill(0);
	const cursor = new Int32Array(reaching.length);
	let covered = 0;
	let coveringParts = 0;
	let coveredSum = 0;
	let at = 0;
	while (at < hours.length) {
		let next = hours.length;
		for (let k = 0; k < ranges.length; k++) {
			const r = ranges[k]!;
			// Step past the boundaries reached (at most one: ranges do not touch).
			if (cursor[k]! < r.length && r[cursor[k]!]! <= at) {
				const starts = cursor[k]! % 2 === 0;
				cursor[k]!++;
				for (const i of partsOf[k]!) {
					const before = activeMembers[i]!;
					activeMembers[i] = before + (starts ? 1 : -1);
					if (before === 0 && starts) {
						covered += parts[i]!.area;
						coveringParts++;
					} else if (before === 1 && !starts) {
						covered -= parts[i]!.area;
						// Summing and taking back leaves rounding; none is left when nothing covers.
						if (--coveringParts === 0) covered = 0;
					}
				}
			}
			if (cursor[k]! < r.length) next = Math.min(next, r[cursor[k]!]!);
		}
		const share = area > 0 ? covered / area : 0;
		if (share > 0) {
			coveredSum += share * (cum[next]! - cum[at]!);
			for (let i = at; i < next; i++) {
				const { how } = hours[i]!;
				coveredByHour[how]! += share * Math.max(profile[how] ?? 0, 0);
			}
		}
		at = next;
	}
	for (let k = 0; k < reaching.length; k++) ownWeighted[k] = area > 0 ? (ownWeighted[k]! * ownArea[k]!) / area : 0;
	const timeCoverage = weightSum > 0 ? coveredSum / weightSum : null;
	return {
		zoneId: zone.id,
		weight: zone.weight,
		areaM2: area,
		spatialCoverage: area > 0 ? coveredArea / area : 0,
		timeCoverage,
		gapScore: timeCoverage === null ? null : zone.weight * (1 - timeCoverage),
		coveredBy: reaching
			.map((a, k) => ({ id: a.id, share: weightSum > 0 ? ownWeighted[k]! / weightSum : 0, reaches: ownArea[k]! > EPS_M2 }))
			.filter((c) => c.reaches)
			.map(({ id, share }) => ({ id, share }))
			.sort((a, b) => b.share - a.share || a.id.localeCompare(b.id)),
		problemByHour,
		coveredByHour
	};
}

/** Coverage of every zone by the activities over the period, sorted by gap score (largest gap first). */
export function coverage(zones: readonly CoverageZone[], activities: readonly CoverageActivity[], options: CoverageOptions): ZoneCoverage[] {
	const prepared = prepareActivities(activities);
	const hours = periodHours(options);
	return zones
		.map((z) => zoneCoverage(z, prepared, hours))
		.sort((a, b) => (b.gapScore ?? -1) - (a.gapScore ?? -1) || a.zoneId.localeCompare(b.zoneId));
}
