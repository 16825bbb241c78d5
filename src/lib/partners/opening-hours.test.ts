import { afterEach, describe, expect, it } from 'vitest';
import { describeOpenState, openingHoursProblem, openStateAt, weekOf } from './opening-hours';

const at = (iso: string) => Date.parse(iso);
const originalTz = process.env.TZ;

describe('opening hours in Stockholm', () => {
	afterEach(() => {
		process.env.TZ = originalTz;
	});

	it('reads a night that runs past midnight (Saturday 23:30 and the small hours after)', () => {
		const shelter = 'Mo-Su 21:00-08:00';
		const saturday = openStateAt(shelter, at('2025-11-15T23:30:00+01:00'));
		expect(saturday.state).toBe('open');
		expect(new Date(saturday.changesAt!).toISOString()).toBe('2025-11-16T07:00:00.000Z');
		expect(describeOpenState(saturday, at('2025-11-15T23:30:00+01:00'))).toEqual({ key: 'open_until_tomorrow', time: '08:00' });
		const weekendNights = 'Fr,Sa 22:00-04:00';
		expect(openStateAt(weekendNights, at('2025-11-16T01:00:00+01:00')).state).toBe('open'); // Saturday's night, on Sunday
		expect(openStateAt(weekendNights, at('2025-11-17T01:00:00+01:00')).state).toBe('closed'); // Sunday's night: none
		expect(openStateAt(weekendNights, at('2025-11-15T03:59:00+01:00')).state).toBe('open'); // Friday's night
	});

	it('knows Swedish public holidays (juldagen, midsommardagen), but not ordinary days', () => {
		const office = 'Mo-Fr 08:00-16:00; PH off';
		expect(openStateAt(office, at('2025-12-25T10:00:00+01:00')).state).toBe('closed'); // juldagen, a Thursday
		expect(openStateAt(office, at('2025-12-23T10:00:00+01:00')).state).toBe('open');
		expect(openStateAt('Mo-Su 10:00-18:00; PH off', at('2025-06-21T12:00:00+02:00')).state).toBe('closed'); // midsommardagen
		expect(openStateAt('Mo-Su 10:00-18:00; PH 12:00-14:00', at('2025-06-06T13:00:00+02:00')).state).toBe('open'); // nationaldagen
		expect(openStateAt('Mo-Su 10:00-18:00; PH 12:00-14:00', at('2025-06-06T15:00:00+02:00')).state).toBe('closed');
		expect(weekOf(office, at('2025-12-24T12:00:00+01:00')).map((d) => [d.date, d.holiday, d.intervals.join(',')])).toEqual([
			['2025-12-22', false, '08:00–16:00'],
			['2025-12-23', false, '08:00–16:00'],
			['2025-12-24', false, '08:00–16:00'],
			['2025-12-25', true, ''],
			['2025-12-26', true, ''],
			['2025-12-27', false, ''],
			['2025-12-28', false, '']
		]);
	});

	it('gives the same answer whatever time zone the process runs in, across the clock change', () => {
		const results = ['UTC', 'America/New_York', 'Asia/Tokyo', 'Europe/Stockholm'].map((tz) => {
			process.env.TZ = tz;
			const s = openStateAt('Mo-Fr 08:00-16:00', at('2025-03-31T07:30:00+02:00')); // Monday after the spring change
			const n = openStateAt('Sa 22:00-06:00', at('2025-10-25T23:00:00+02:00')); // night of the autumn change
			return [s.state, s.changesAt, n.state, n.changesAt];
		});
		expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
		expect(results[0]).toEqual(['closed', at('2025-03-31T08:00:00+02:00'), 'open', at('2025-10-26T06:00:00+01:00')]);
	});

	it('describes the state in words the UI can translate', () => {
		const now = at('2025-11-14T06:15:00+01:00'); // Friday
		expect(describeOpenState(openStateAt('Mo-Fr 07:00-23:00', now), now)).toEqual({ key: 'opens_at', time: '07:00' });
		const evening = at('2025-11-14T20:00:00+01:00');
		expect(describeOpenState(openStateAt('Mo-Fr 07:00-23:00', evening), evening)).toEqual({ key: 'open_until', time: '23:00' });
		expect(describeOpenState(openStateAt('Mo-Fr 07:00-23:00', at('2025-11-14T23:30:00+01:00')), at('2025-11-14T23:30:00+01:00'))).toEqual({
			key: 'opens_day',
			time: '07:00',
			weekday: 0
		});
		expect(describeOpenState(openStateAt('24/7', now), now)).toEqual({ key: 'always_open' });
		expect(describeOpenState(openStateAt('', now), now)).toEqual({ key: 'unknown' });
	});

	it('refuses hours that do not parse, and ranges that end before they start unless they are a night', () => {
		expect(openingHoursProblem('Mo-Fr 08:00-16:00; Sa 10:00-14:00; PH off')).toBeNull();
		expect(openingHoursProblem('Mo-Su 22:00-06:00')).toBeNull();
		expect(openingHoursProblem('')).toBeNull();
		expect(openingHoursProblem('Mo-Fr 25:00-16:00')).toMatchObject({ code: 'opening_hours_syntax' });
		expect(openingHoursProblem('every day early')).toMatchObject({ code: 'opening_hours_syntax' });
		expect(openingHoursProblem('Mo-Fr 17:00-16:00')).toEqual({ code: 'ends_before_start', range: '17:00-16:00' });
		expect(openingHoursProblem('Mo-Fr 09:00-08:00')).toEqual({ code: 'ends_before_start', range: '09:00-08:00' });
		expect(openingHoursProblem('Mo 10:00-10:00')).toEqual({ code: 'ends_before_start', range: '10:00-10:00' });
	});
});
