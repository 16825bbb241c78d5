import { describe, expect, it } from 'vitest';
import { addDays, fromLocalInput, nextWeekdayAt, shiftDays, toLocalInput, weekdayOf } from './moments';

const at = (iso: string) => Date.parse(iso);

describe('moments', () => {
	it('counts calendar days and weekdays', () => {
		expect(addDays('2023-06-30', 1)).toBe('2023-07-01');
		expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
		expect(weekdayOf('2023-06-02')).toBe(4); // a Friday
		expect(weekdayOf('2023-06-04')).toBe(6); // a Sunday
	});

	it('keeps the wall-clock time when a day is 23 or 25 hours long', () => {
		// Summer time starts on 26 March 2023, ends on 29 October 2023.
		expect(shiftDays(at('2023-03-25T20:00:00+01:00'), 1)).toBe(at('2023-03-26T20:00:00+02:00'));
		expect(shiftDays(at('2023-10-28T20:00:00+02:00'), 1)).toBe(at('2023-10-29T20:00:00+01:00'));
		expect(shiftDays(at('2023-06-02T18:00:00+02:00'), -7)).toBe(at('2023-05-26T18:00:00+02:00'));
	});

	it('finds the next weekday at a time, strictly after the moment', () => {
		const friday6pm = at('2023-06-02T18:00:00+02:00');
		expect(nextWeekdayAt(friday6pm, 4, '18:00')).toBe(at('2023-06-09T18:00:00+02:00'));
		expect(nextWeekdayAt(friday6pm - 60_000, 4, '18:00')).toBe(friday6pm);
		expect(nextWeekdayAt(at('2023-06-01T20:00:00+02:00'), 4, '18:00')).toBe(friday6pm);
		expect(nextWeekdayAt(friday6pm, 5, '22:00')).toBe(at('2023-06-03T22:00:00+02:00'));
		// Across the change to winter time: Friday 3 November 18:00 is +01:00.
		expect(nextWeekdayAt(at('2023-10-28T12:00:00+02:00'), 4, '18:00')).toBe(at('2023-11-03T18:00:00+01:00'));
	});

	it('shows and reads a datetime-local field in Stockholm time, whatever the browser zone', () => {
		expect(toLocalInput(at('2023-06-02T16:00:00Z'))).toBe('2023-06-02T18:00');
		expect(fromLocalInput('2023-06-02T18:00')).toBe(at('2023-06-02T18:00:00+02:00'));
		expect(fromLocalInput('2023-12-02T18:00')).toBe(at('2023-12-02T18:00:00+01:00'));
		expect(fromLocalInput('')).toBeNaN();
		expect(fromLocalInput('2023-06-02')).toBeNaN();
	});
});
