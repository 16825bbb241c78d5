/**
 * Events and measures as the analyses take them (client-safe, so the browser's what-if
 * and the server compute from the same rules): events that are not cancelled, with their
 * occurrences; measures that are not cancelled, active from their done date (or, with
 * `plannedMeasures`, while still planned from the start of the period, to compare plans)
 * to the end of the period — lighting only in the dark hours at that place.
 */
import type { Geometry } from '$lib/geometry/geojson';
import { bboxOfGeometry } from '$lib/geometry/geojson';
import { darkIntervals } from '$lib/measures/dark-hours';
import { stockholmIso } from '$lib/time/stockholm';
import type { Interval } from './hours';
import type { Activity } from './overlaps';

export interface Period {
	/** ISO instants. */
	from: string;
	to: string;
}

export interface ActivityOptions {
	/**
	 * Planned measures (not yet done) count from the start of the period, to compare plans
	 * (default, as the overlap analysis wants); false: only done measures, from their done
	 * date, as coverage defines it.
	 */
	plannedMeasures?: boolean;
}

export interface EventLike {
	id: string;
	kind: string;
	status: string;
	geometry: Geometry;
	radiusM: number;
	occurrences: readonly Interval[];
}

export interface MeasureLike {
	id: string;
	kind: string;
	status: string;
	geometry: Geometry;
	radiusM: number;
	activeHours: 'dark' | 'always';
	doneOn: string | null;
}

/**
 * A lamp's dark hours in a period, kept for the next request: working them out (a sunset
 * and a sunrise per night) is most of the time of reading an area's activities, and lamps
 * and periods repeat from one request to the next. Bounded; the oldest go first.
 */
const darkCache = new Map<string, Interval[]>();
const DARK_CACHE_SIZE = 5000;

function darkWindows(from: string, to: string, lon: number, lat: number): Interval[] {
	const key = `${from}|${to}|${lon}|${lat}`;
	let windows = darkCache.get(key);
	if (!windows) {
		windows = darkIntervals(from, to, lon, lat).map((d) => ({ startsAt: d.startsAt, endsAt: d.endsAt }));
		if (darkCache.size >= DARK_CACHE_SIZE) darkCache.delete(darkCache.keys().next().value!);
		darkCache.set(key, windows);
	}
	return windows.slice();
}

export function activitiesOf(events: readonly EventLike[], measures: readonly MeasureLike[], period: Period, options: ActivityOptions = {}): Activity[] {
	const planned = options.plannedMeasures ?? true;
	const iso = (v: string) => new Date(v).toISOString();
	const [from, to] = [Date.parse(period.from), Date.parse(period.to)];
	const activities: Activity[] = events
		.filter((e) => e.status !== 'cancelled')
		.map((e) => ({
			id: e.id,
			kind: 'event' as const,
			subkind: e.kind,
			geometry: e.geometry,
			radiusM: e.radiusM,
			intervals: e.occurrences.filter((o) => Date.parse(o.endsAt) > from && Date.parse(o.startsAt) < to).map((o) => ({ startsAt: iso(o.startsAt), endsAt: iso(o.endsAt) }))
		}))
		.filter((e) => e.intervals.length > 0);
	for (const m of measures) {
		if (m.status === 'cancelled') continue;
		if (!planned && (m.status !== 'done' || !m.doneOn)) continue;
		const start = m.doneOn ? Date.parse(stockholmIso(m.doneOn, '00:00')!) : from;
		const begin = new Date(Math.max(start, from)).toISOString();
		if (Math.max(start, from) >= to) continue;
		const [w, s, e, n] = bboxOfGeometry(m.geometry);
		const intervals = m.activeHours === 'dark' ? darkWindows(begin, period.to, (w + e) / 2, (s + n) / 2) : [{ startsAt: begin, endsAt: new Date(to).toISOString() }];
		activities.push({ id: m.id, kind: 'measure', subkind: m.kind, geometry: m.geometry, radiusM: m.radiusM, intervals });
	}
	return activities;
}
