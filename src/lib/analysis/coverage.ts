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
 * How: each zone is cut once into faces by the footprints that reach it (each face knows
 * which footprints cover it), so the covered share of any set of active activities is a sum
 * of face areas, recomputed only when the set changes. The cutting uses polygon-clipping (Martinez–Rueda
 * in floating point): with Turf 7's clipper (polyclip-ts, arbitrary precision) the benchmark took 79 s instead of 8.8 s.
 */
import polygonClipping, { type Geom } from 'polygon-clipping';
import type { MultiPolygon, Polygon } from '$lib/geometry/geojson';
import { bboxOfGeometry, type BBox } from '$lib/geometry/geojson';
import { planarArea } from './area';
import { isConvexRing } from './intersection';
import { footprint, projectGeometry } from './footprint';
import { toSpans, type Interval, type Span } from './hours';
import { wallOf } from './timezone';
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

const coords = (g: Shape) => g.coordinates as unknown as Geom;
/** A polygon-clipping result (multipolygon coordinates) as a shape, or undefined when empty. */
const shapeOf = (mp: ReturnType<typeof polygonClipping.intersection>): Shape | undefined =>
	mp.length ? ({ type: 'MultiPolygon', coordinates: mp } as unknown as MultiPolygon) : undefined;

const bboxesMeet = (a: BBox, b: BBox) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

interface Face {
	shape: Shape;
	bbox: BBox;
	area: number;
	/** Indices (into the zone's reaching activities) of the footprints covering this face. */
	members: number[];
}

/** A single convex ring (a circle's footprint, most of them), as a point-inside test; null otherwise. */
function convexTest(fp: Shape): ((x: number, y: number) => boolean) | null {
	if (fp.type !== 'Polygon' || fp.coordinates.length !== 1) return null;
	const ring = fp.coordinates[0]!;
	if (!isConvexRing(ring)) return null;
	// Orientation: the sign every edge's cross product must have for a point inside.
	let area2 = 0;
	for (let i = 0; i < ring.length - 1; i++) area2 += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
	const sign = Math.sign(area2);
	return (x, y) => {
		for (let i = 0; i < ring.length - 1; i++) {
			const [ax, ay] = ring[i]!;
			const [bx, by] = ring[i + 1]!;
			if (sign * ((bx - ax) * (y - ay) - (by - ay) * (x - ax)) < 0) return false;
		}
		return true;
	};
}

/** Every vertex of the shape passes the test (for a convex test: the shape lies inside). */
function allInside(shape: Shape, inside: (x: number, y: number) => boolean): boolean {
	const polygons = shape.type === 'Polygon' ? [shape.coordinates] : shape.coordinates;
	return polygons.every((rings) => rings.every((ring) => ring.every((p) => inside(p[0]!, p[1]!))));
}

/** Cuts every face by one more footprint (index `k`): the parts inside gain it as a member. */
function cutFaces(faces: readonly Face[], fp: Shape, k: number): Face[] {
	const fpBox = bboxOfGeometry(fp);
	const convex = convexTest(fp);
	const next: Face[] = [];
	for (const face of faces) {
		if (!bboxesMeet(face.bbox, fpBox)) {
			next.push(face);
			continue;
		}
		// Wholly inside a convex footprint: no clipping needed.
		if (convex && allInside(face.shape, convex)) {
			next.push({ ...face, members: [...face.members, k] });
			continue;
		}
		const inside = shapeOf(polygonClipping.intersection(coords(face.shape), coords(fp)));
		const insideArea = inside ? planarArea(inside) : 0;
		if (insideArea <= EPS_M2) {
			next.push(face);
			continue;
		}
		next.push({ shape: inside!, bbox: bboxOfGeometry(inside!), area: insideArea, members: [...face.members, k] });
		if (face.area - insideArea > EPS_M2) {
			const outside = shapeOf(polygonClipping.difference(coords(face.shape), coords(fp)));
			if (outside) next.push({ shape: outside, bbox: bboxOfGeometry(outside), area: planarArea(outside), members: face.members });
		}
	}
	return next;
}

/** The zone cut into faces by the footprints (metres), uncovered ones included. */
function allFaces(zone: Shape, footprints: readonly (Shape | null)[]): Face[] {
	let faces: Face[] = [{ shape: zone, bbox: bboxOfGeometry(zone), area: planarArea(zone), members: [] }];
	footprints.forEach((fp, k) => {
		if (fp) faces = cutFaces(faces, fp, k);
	});
	return faces;
}

/** The zone cut into faces by the footprints (metres); only covered faces are returned. */
export function coveredFaces(zone: Shape, footprints: readonly (Shape | null)[]): { area: number; members: number[] }[] {
	return allFaces(zone, footprints)
		.filter((f) => f.members.length > 0)
		.map((f) => ({ area: f.area, members: f.members }));
}

/** Is `t` inside one of the sorted, merged spans? `cursor` remembers where the last look ended (t only grows). */
function activeAt(spans: readonly Span[], t: number, cursor: { i: number }): boolean {
	while (cursor.i < spans.length && spans[cursor.i]![1] <= t) cursor.i++;
	const s = spans[cursor.i];
	return !!s && s[0] <= t && t < s[1];
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

interface ZoneFaces {
	shape: Shape;
	area: number;
	reaching: PreparedActivity[];
	faces: Face[];
}

/** A zone's faces per set of prepared activities, so a what-if only cuts its own footprint in. */
const faceCache = new WeakMap<readonly PreparedActivity[], WeakMap<CoverageZone, ZoneFaces>>();

function zoneFaces(zone: CoverageZone, prepared: readonly PreparedActivity[]): ZoneFaces {
	let byZone = faceCache.get(prepared);
	if (!byZone) faceCache.set(prepared, (byZone = new WeakMap()));
	let cached = byZone.get(zone);
	if (!cached) {
		const shape = projectGeometry(zone.geometry);
		const zoneBox = bboxOfGeometry(shape);
		const area = planarArea(shape);
		const reaching = prepared.filter((a) => a.footprint && bboxesMeet(a.bbox, zoneBox));
		cached = { shape, area, reaching, faces: area > 0 ? allFaces(shape, reaching.map((a) => a.footprint)) : [] };
		byZone.set(zone, cached);
	}
	return cached;
}

/**
 * One zone's coverage by the prepared activities, plus `extra` (an event being tried) if
 * given: the zone's faces for `prepared` are kept between calls, and only the extra
 * footprint is cut into them, so dragging an event costs one footprint, not all of them.
 */
export function zoneCoverage(zone: CoverageZone, prepared: readonly PreparedActivity[], hours: readonly { middle: number; how: number }[], extra?: PreparedActivity): ZoneCoverage {
	const base = zoneFaces(zone, prepared);
	const { area } = base;
	const profile = zone.profile && zone.profile.length === HOURS_OF_WEEK ? zone.profile : uniformProfile();
	const extraReaches = !!extra?.footprint && bboxesMeet(extra.bbox, bboxOfGeometry(base.shape));
	const reaching = extraReaches ? [...base.reaching, extra!] : base.reaching;
	const all = extraReaches ? cutFaces(base.faces, extra!.footprint!, base.reaching.length) : base.faces;
	const faces = all.filter((f) => f.members.length > 0);
	const coveredArea = faces.reduce((s, f) => s + f.area, 0);
	const ownArea = reaching.map((_, k) => faces.reduce((s, f) => (f.members.includes(k) ? s + f.area : s), 0));

	const cursors = reaching.map(() => ({ i: 0 }));
	const problemByHour = new Array<number>(HOURS_OF_WEEK).fill(0);
	const coveredByHour = new Array<number>(HOURS_OF_WEEK).fill(0);
	const ownWeighted = reaching.map(() => 0);
	const active = reaching.map(() => false);
	let share = 0;
	let first = true;
	let weightSum = 0;
	let coveredSum = 0;
	for (const { middle, how } of hours) {
		// The active set changes only at the activities' start and end times: recompute the
		// covered share then, from the faces (cached per distinct set), not every hour.
		let changed = first;
		for (let k = 0; k < reaching.length; k++) {
			const on = activeAt(reaching[k]!.spans, middle, cursors[k]!);
			if (on !== active[k]) {
				active[k] = on;
				changed = true;
			}
		}
		if (changed) {
			first = false;
			let covered = 0;
			for (const f of faces) {
				for (const m of f.members)
					if (active[m]) {
						covered += f.area;
						break;
					}
			}
			share = area > 0 ? covered / area : 0;
		}
		const w = profile[how] ?? 0;
		if (w <= 0) continue;
		weightSum += w;
		coveredSum += w * share;
		problemByHour[how]! += w;
		coveredByHour[how]! += w * share;
		for (let k = 0; k < reaching.length; k++) if (active[k]) ownWeighted[k]! += (w * ownArea[k]!) / area;
	}
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
