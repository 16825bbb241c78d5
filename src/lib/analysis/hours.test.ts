import { describe, expect, it } from 'vitest';
import { intersectIntervals, IntervalError, overlapHours, toSpans, totalHours } from './hours';

const iv = (s: string, e: string) => ({ startsAt: s, endsAt: e });

describe('interval arithmetic', () => {
	it('intersects two lists window by window', () => {
		const a = [iv('2023-06-02T16:00:00Z', '2023-06-02T20:00:00Z'), iv('2023-06-09T16:00:00Z', '2023-06-09T20:00:00Z')];
		const b = [iv('2023-06-02T19:00:00Z', '2023-06-03T02:00:00Z'), iv('2023-06-09T15:00:00Z', '2023-06-09T17:30:00Z')];
		expect(intersectIntervals(a, b)).toEqual([iv('2023-06-02T19:00:00.000Z', '2023-06-02T20:00:00.000Z'), iv('2023-06-09T16:00:00.000Z', '2023-06-09T17:30:00.000Z')]);
		expect(overlapHours(a, b)).toBe(2.5);
	});

	it('treats windows as half-open: touching is not overlapping', () => {
		expect(overlapHours([iv('2023-06-02T16:00:00Z', '2023-06-02T18:00:00Z')], [iv('2023-06-02T18:00:00Z', '2023-06-02T20:00:00Z')])).toBe(0);
	});

	it('merges overlapping windows so hours are not counted twice', () => {
		expect(totalHours([iv('2023-06-02T16:00:00Z', '2023-06-02T18:00:00Z'), iv('2023-06-02T17:00:00Z', '2023-06-02T19:00:00Z')])).toBe(3);
		expect(toSpans([iv('2023-06-02T17:00:00Z', '2023-06-02T19:00:00Z'), iv('2023-06-02T16:00:00Z', '2023-06-02T17:00:00Z')])).toHaveLength(1);
	});

	it('reads offsets and refuses bad windows', () => {
		expect(totalHours([iv('2023-06-02T18:00:00+02:00', '2023-06-02T22:00:00+02:00')])).toBe(4);
		expect(() => toSpans([iv('2023-06-02T18:00:00Z', '2023-06-02T18:00:00Z')])).toThrow(IntervalError);
		expect(() => toSpans([iv('yesterday', '2023-06-02T18:00:00Z')])).toThrow(IntervalError);
	});
});
