import { describe, expect, it } from 'vitest';
import { comingSeason, defaultSeason, periodAround, season, seasonChoices, seasonOf } from './season';

describe('season', () => {
	it('is April to September', () => {
		expect(season(2027)).toEqual({ year: 2027, from: '2027-04-01', to: '2027-09-30' });
	});

	it.each([
		['2026-11-30', 2027],
		['2026-09-30', 2026],
		['2026-10-01', 2027],
		['2026-05-10', 2026],
		['2026-02-01', 2026],
		['2026-12-31', 2027]
	])('on %s the running or coming season is %i', (today, year) => {
		expect(comingSeason(today).year).toBe(year);
	});

	it('opens on the latest season with events, not after the coming one', () => {
		expect(defaultSeason('2026-11-30', [2022, 2023]).year).toBe(2023);
		expect(defaultSeason('2026-11-30', [2023, 2027]).year).toBe(2027);
		expect(defaultSeason('2026-11-30', [2023, 2030]).year).toBe(2023);
		expect(defaultSeason('2026-11-30', [2030])).toEqual(season(2027));
		expect(defaultSeason('2026-11-30', [])).toEqual(season(2027));
	});

	it('knows a period that is a season', () => {
		expect(seasonOf('2023-04-01', '2023-09-30')?.year).toBe(2023);
		expect(seasonOf('2023-06-01', '2023-08-31')).toBeNull();
	});

	it('offers the coming season and those with events, newest first', () => {
		expect(seasonChoices('2026-11-30', [2023, 2022, 2023]).map((s) => [s.year, s.coming, s.hasEvents])).toEqual([
			[2027, true, false],
			[2023, false, true],
			[2022, false, true]
		]);
	});

	it('shows a date outside the period in its season, or its month outside the season months', () => {
		expect(periodAround('2027-06-11')).toEqual({ year: 2027, from: '2027-04-01', to: '2027-09-30' });
		expect(periodAround('2027-12-03')).toEqual({ from: '2027-12-01', to: '2027-12-31' });
		expect(periodAround('2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
	});
});
