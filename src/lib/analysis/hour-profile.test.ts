import { describe, expect, it } from 'vitest';
import { hourOfWeek, hourProfile, HOURS_OF_WEEK } from './hour-profile';

describe('problem-hour profiles', () => {
	it('is uniform without incidents or findings', () => {
		const p = hourProfile(new Map());
		expect(p).toHaveLength(HOURS_OF_WEEK);
		expect(new Set(p)).toEqual(new Set([1 / 168]));
	});

	it('weights incidents by their hour of week, summing to 1', () => {
		// 3 incidents on Friday 22–23, 1 on Saturday 01–02.
		const p = hourProfile(new Map([[hourOfWeek(5, 22), 3], [hourOfWeek(6, 1), 1]]));
		expect(hourOfWeek(5, 22)).toBe(118);
		expect(p[118]).toBe(0.75);
		expect(p[121]).toBe(0.25);
		expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
	});

	it('spreads a finding evenly over the hours of its times of day, every day', () => {
		// One incident and one evening finding: the finding's 1 is 28 hours of 1/28.
		const p = hourProfile(new Map([[0, 1]]), [['evening']]);
		expect(p[0]).toBeCloseTo(0.5, 12);
		expect(p[hourOfWeek(3, 19)]).toBeCloseTo(0.5 / 28, 12);
		expect(p[hourOfWeek(3, 12)]).toBe(0);
		const night = hourProfile(new Map(), [['night'], []]);
		// night: 8 h × 7 = 56 hours of 1/56; no time: 168 hours of 1/168; total 2.
		expect(night[hourOfWeek(7, 23)]).toBeCloseTo((1 / 56 + 1 / 168) / 2, 12);
		expect(night[hourOfWeek(7, 12)]).toBeCloseTo(1 / 168 / 2, 12);
	});

	it('refuses an hour outside the week', () => {
		expect(() => hourProfile(new Map([[168, 1]]))).toThrow(RangeError);
	});
});
