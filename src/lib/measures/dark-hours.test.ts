import { describe, expect, it } from 'vitest';
import { darkIntervals, isDark } from './dark-hours';

// Stockholm (Slottsbacken), the place timeanddate.com and SMHI publish sun times for.
const LON = 18.07;
const LAT = 59.33;
const MIN = 60_000;

/**
 * Published values (timeanddate.com, "Sunrise and sunset times in Stockholm", 2023):
 * 21 June 2023: sunset 22:08 CEST; 22 June: sunrise 03:31 CEST.
 * 21 Dec 2023: sunset 14:48 CET; 22 Dec: sunrise 08:43 CET.
 * Asserted within ±5 minutes.
 */
function near(iso: string, expectedIso: string, toleranceMin = 5) {
	expect(Math.abs(Date.parse(iso) - Date.parse(expectedIso)) / MIN).toBeLessThanOrEqual(toleranceMin);
}

describe('isDark', () => {
	it('is not dark at noon in June, dark at 23:00 in December', () => {
		expect(isDark('2023-06-21T12:00:00+02:00', LON, LAT)).toBe(false);
		expect(isDark('2023-12-21T23:00:00+01:00', LON, LAT)).toBe(true);
	});

	it('switches at sunset on midsummer evening and stays dark at 01:00', () => {
		expect(isDark('2023-06-22T01:00:00+02:00', LON, LAT)).toBe(true);
		expect(isDark('2023-06-21T21:55:00+02:00', LON, LAT)).toBe(false);
		expect(isDark('2023-06-21T22:20:00+02:00', LON, LAT)).toBe(true);
	});

	it('rejects a place off the globe', () => {
		expect(() => isDark('2023-06-21T12:00:00Z', 200, LAT)).toThrow(RangeError);
	});
});

describe('darkIntervals', () => {
	it('gives Stockholm a short night at midsummer: ~22:08 → ~03:31 local', () => {
		const nights = darkIntervals('2023-06-21T12:00:00+02:00', '2023-06-22T12:00:00+02:00', LON, LAT);
		expect(nights).toHaveLength(1);
		expect(nights[0].night).toBe('2023-06-21');
		near(nights[0].startsAt, '2023-06-21T22:08:00+02:00');
		near(nights[0].endsAt, '2023-06-22T03:31:00+02:00');
	});

	it('gives Stockholm a long night at midwinter: ~14:48 → ~08:43 local', () => {
		const nights = darkIntervals('2023-12-21T12:00:00+01:00', '2023-12-22T12:00:00+01:00', LON, LAT);
		expect(nights).toHaveLength(1);
		near(nights[0].startsAt, '2023-12-21T14:48:00+01:00');
		near(nights[0].endsAt, '2023-12-22T08:43:00+01:00');
	});

	it('returns one interval per night, clipped to the range, in order', () => {
		const nights = darkIntervals('2023-12-01T00:00:00+01:00', '2023-12-08T00:00:00+01:00', LON, LAT);
		// The night of 30 Nov is clipped to start at the range's start (midnight 30 Nov/1 Dec);
		// the range ends at midnight 7/8 Dec, so the night of 7 Dec is clipped to end there.
		expect(nights.map((n) => n.night)).toEqual(['2023-11-30', '2023-12-01', '2023-12-02', '2023-12-03', '2023-12-04', '2023-12-05', '2023-12-06', '2023-12-07']);
		expect(nights[0].startsAt).toBe('2023-11-30T23:00:00.000Z');
		expect(nights[7].endsAt).toBe('2023-12-07T23:00:00.000Z');
		for (let i = 1; i < nights.length; i++) expect(Date.parse(nights[i].startsAt)).toBeGreaterThan(Date.parse(nights[i - 1].endsAt));
		// Every instant inside an interval is dark, every instant between two is light.
		for (const n of nights) expect(isDark(new Date((Date.parse(n.startsAt) + Date.parse(n.endsAt)) / 2), LON, LAT)).toBe(true);
		expect(isDark('2023-12-03T12:00:00+01:00', LON, LAT)).toBe(false);
	});

	it('has no night under the midnight sun and a whole day of dark in polar night (Kiruna-ish, 68.5 N)', () => {
		expect(darkIntervals('2023-06-21T00:00:00+02:00', '2023-06-22T00:00:00+02:00', 20.2, 68.5)).toEqual([]);
		const polar = darkIntervals('2023-12-21T00:00:00+01:00', '2023-12-22T00:00:00+01:00', 20.2, 68.5);
		expect(polar.reduce((h, n) => h + (Date.parse(n.endsAt) - Date.parse(n.startsAt)), 0) / 3_600_000).toBe(24);
	});

	it('is empty for an empty range', () => {
		expect(darkIntervals('2023-06-21T12:00:00Z', '2023-06-21T12:00:00Z', LON, LAT)).toEqual([]);
	});
});
