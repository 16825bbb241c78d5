import { describe, expect, it } from 'vitest';
import { stockholmIso, stockholmParts, stockholmToday } from './stockholm';

describe('Stockholm wall-clock time', () => {
	it('adds the summer offset (+02:00) and the winter offset (+01:00)', () => {
		expect(stockholmIso('2023-05-10', '18:00')).toBe('2023-05-10T18:00:00+02:00');
		expect(stockholmIso('2023-12-01', '09:30')).toBe('2023-12-01T09:30:00+01:00');
	});

	it('gets the days the clocks change right', () => {
		// 26 March 2023: 02:00 → 03:00; 29 October 2023: 03:00 → 02:00.
		expect(stockholmIso('2023-03-26', '01:30')).toBe('2023-03-26T01:30:00+01:00');
		expect(stockholmIso('2023-03-26', '12:00')).toBe('2023-03-26T12:00:00+02:00');
		expect(stockholmIso('2023-10-29', '12:00')).toBe('2023-10-29T12:00:00+01:00');
		expect(Date.parse(stockholmIso('2023-10-29', '01:00')!)).toBe(Date.parse('2023-10-28T23:00:00Z'));
	});

	it('refuses what is not a date and a time', () => {
		expect(stockholmIso('', '18:00')).toBeNull();
		expect(stockholmIso('2023-05-10', '')).toBeNull();
		expect(stockholmIso('10/05/2023', '18:00')).toBeNull();
	});

	it('reads an instant back as Stockholm date and time', () => {
		expect(stockholmParts('2023-05-10T16:00:00Z')).toEqual({ date: '2023-05-10', time: '18:00' });
		expect(stockholmParts('2023-12-31T23:30:00Z')).toEqual({ date: '2024-01-01', time: '00:30' });
		expect(stockholmToday(Date.parse('2023-06-30T22:30:00Z'))).toBe('2023-07-01');
	});
});
