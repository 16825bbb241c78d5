import { describe, expect, it } from 'vitest';
import { calendarWeeks, formatSek, isoWeek } from './calendar';
import type { EventFeature } from '$lib/events/event';

describe('isoWeek', () => {
	it('numbers weeks the ISO way, Monday first, across year boundaries', () => {
		expect(isoWeek('2023-06-05')).toEqual({ year: 2023, week: 23, monday: '2023-06-05', sunday: '2023-06-11' });
		expect(isoWeek('2023-06-11').week).toBe(23);
		expect(isoWeek('2023-01-01')).toMatchObject({ year: 2022, week: 52 });
		expect(isoWeek('2024-12-30')).toMatchObject({ year: 2025, week: 1, monday: '2024-12-30' });
		expect(isoWeek('2020-12-31')).toMatchObject({ year: 2020, week: 53 });
	});
});

describe('formatSek', () => {
	it('formats kronor with Swedish grouping and no decimals', () => {
		expect(formatSek(275_000).replace(/\s/g, ' ')).toBe('275 000 kr');
	});
});

describe('calendarWeeks', () => {
	const event = (id: string, title: string, occurrences: { startsAt: string; endsAt: string }[]) =>
		({ id, type: 'Feature', geometry: { type: 'Point', coordinates: [18, 59] }, properties: { title, startsAt: occurrences[0].startsAt, endsAt: occurrences[0].endsAt, occurrences } }) as unknown as EventFeature;

	it('groups occurrences by Stockholm week in time order and marks intensive weeks', () => {
		const weeks = calendarWeeks(
			[
				// Sunday 11 June 23:30 in Stockholm is 21:30Z: still week 23 there.
				event('a', 'Nattvandring', [{ startsAt: '2023-06-11T21:30:00Z', endsAt: '2023-06-11T23:30:00Z' }]),
				event('b', 'Konsert', [
					{ startsAt: '2023-06-09T16:00:00Z', endsAt: '2023-06-09T20:00:00Z' },
					{ startsAt: '2023-06-16T16:00:00Z', endsAt: '2023-06-16T20:00:00Z' }
				])
			],
			'2023-06-12',
			'2023-08-31'
		);
		expect(weeks.map((w) => [w.week, w.intensive, w.items.map((i) => i.event.properties.title)])).toEqual([
			[23, false, ['Konsert', 'Nattvandring']],
			[24, true, ['Konsert']]
		]);
	});
});
