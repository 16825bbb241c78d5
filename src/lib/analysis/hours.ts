/**
 * Interval arithmetic on time windows (ISO UTC): normalise, intersect, total hours.
 * Pure and client-safe. Intervals are half-open `[startsAt, endsAt)`; touching windows
 * do not overlap. Internally windows are `[startMs, endMs]` spans, sorted and merged.
 */

export interface Interval {
	startsAt: string;
	endsAt: string;
}

/** `[startMs, endMs)`. */
export type Span = readonly [number, number];

const HOUR = 3_600_000;

export class IntervalError extends Error {
	readonly code = 'invalid_interval';
	constructor(message: string) {
		super(message);
		this.name = 'IntervalError';
	}
}

/**
 * Checked, sorted, merged spans of a list of intervals (overlapping or touching ones join).
 *
 * @example
 * toSpans([{ startsAt: '2023-06-02T18:00:00Z', endsAt: '2023-06-02T20:00:00Z' },
 *          { startsAt: '2023-06-02T19:00:00Z', endsAt: '2023-06-02T21:00:00Z' }])
 * // → [[Date.parse('2023-06-02T18:00Z'), Date.parse('2023-06-02T21:00Z')]]
 */
export function toSpans(intervals: readonly Interval[]): Span[] {
	const spans = intervals.map((iv): [number, number] => {
		const s = Date.parse(iv.startsAt);
		const e = Date.parse(iv.endsAt);
		if (!Number.isFinite(s) || !Number.isFinite(e)) throw new IntervalError(`not an ISO time window: ${JSON.stringify(iv)}`);
		if (e <= s) throw new IntervalError(`a window must end after it starts: ${JSON.stringify(iv)}`);
		return [s, e];
	});
	return mergeSpans(spans);
}

/** Sorts and merges spans (input spans must have end > start). */
export function mergeSpans(spans: readonly Span[]): Span[] {
	const sorted = [...spans].sort((x, y) => x[0] - y[0]);
	const out: [number, number][] = [];
	for (const [s, e] of sorted) {
		const last = out[out.length - 1];
		if (last && s <= last[1]) last[1] = Math.max(last[1], e);
		else out.push([s, e]);
	}
	return out;
}

/** Intersection of two sorted, merged span lists, O(n + m). */
export function intersectSpans(a: readonly Span[], b: readonly Span[]): Span[] {
	const out: Span[] = [];
	let i = 0;
	let j = 0;
	while (i < a.length && j < b.length) {
		const s = Math.max(a[i][0], b[j][0]);
		const e = Math.min(a[i][1], b[j][1]);
		if (e > s) out.push([s, e]);
		if (a[i][1] < b[j][1]) i++;
		else j++;
	}
	return out;
}

/** Total length of spans in hours (merged spans: no double counting). */
export function spanHours(spans: readonly Span[]): number {
	return spans.reduce((h, [s, e]) => h + (e - s), 0) / HOUR;
}

/** Spans back to ISO UTC intervals. */
export function fromSpans(spans: readonly Span[]): Interval[] {
	return spans.map(([s, e]) => ({ startsAt: new Date(s).toISOString(), endsAt: new Date(e).toISOString() }));
}

/**
 * The windows in which both lists are active.
 *
 * @example
 * intersectIntervals(
 *   [{ startsAt: '2023-06-02T16:00:00Z', endsAt: '2023-06-02T20:00:00Z' }],
 *   [{ startsAt: '2023-06-02T19:00:00Z', endsAt: '2023-06-03T02:00:00Z' }])
 * // → [{ startsAt: '2023-06-02T19:00:00.000Z', endsAt: '2023-06-02T20:00:00.000Z' }]
 */
export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
	return fromSpans(intersectSpans(toSpans(a), toSpans(b)));
}

/**
 * Total hours in which both lists are active.
 *
 * @example
 * overlapHours(fridays1822, nightsJune) // → e.g. 1.5 when sunset is at 21:30 local
 */
export function overlapHours(a: readonly Interval[], b: readonly Interval[]): number {
	return spanHours(intersectSpans(toSpans(a), toSpans(b)));
}

/** Total hours of a list of windows (overlaps counted once). */
export function totalHours(intervals: readonly Interval[]): number {
	return spanHours(toSpans(intervals));
}
