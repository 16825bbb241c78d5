import { describe, expect, it } from 'vitest';
import { expandOccurrences } from './recurrence';
import { endsBeforeStart, fromSchedule, toSchedule, type ScheduleForm } from './schedule-form';

const base: ScheduleForm = { date: '2023-06-02', start: '18:00', end: '22:00', weekly: false, weekday: 'FR', until: '2023-08-25', exceptions: [], customRrule: null, overnight: false };

describe('event schedule form', () => {
	it('turns one evening into a single window in Stockholm summer time', () => {
		expect(toSchedule(base)).toEqual({ startsAt: '2023-06-02T18:00:00+02:00', endsAt: '2023-06-02T22:00:00+02:00', rrule: null, exdates: [] });
	});

	it('runs an end time before the start time past midnight only when told so', () => {
		expect(endsBeforeStart({ start: '22:00', end: '02:00' })).toBe(true);
		expect(endsBeforeStart({ start: '18:00', end: '22:00' })).toBe(false);
		expect(toSchedule({ ...base, start: '22:00', end: '02:00' })).toBeNull();
		expect(toSchedule({ ...base, start: '18:00', end: '17:00' })).toBeNull();
		expect(toSchedule({ ...base, start: '22:00', end: '02:00', overnight: true })).toMatchObject({ startsAt: '2023-06-02T22:00:00+02:00', endsAt: '2023-06-03T02:00:00+02:00' });
		expect(toSchedule({ ...base, start: '18:00', end: '18:00', overnight: true })).toBeNull();
		// Said once, it does not make an ordinary evening run into the next day.
		expect(toSchedule({ ...base, overnight: true })).toMatchObject({ endsAt: '2023-06-02T22:00:00+02:00' });
	});

	it('reads a saved night back as running past midnight', () => {
		const night = toSchedule({ ...base, start: '22:00', end: '02:00', overnight: true })!;
		expect(fromSchedule(night)).toMatchObject({ start: '22:00', end: '02:00', overnight: true });
		expect(fromSchedule(toSchedule(base)!).overnight).toBe(false);
	});

	it('makes "every Friday until 25 August, not on Midsummer Eve" an RRULE with an EXDATE at the start time', () => {
		const schedule = toSchedule({ ...base, weekly: true, exceptions: ['2023-06-23'] })!;
		expect(schedule.rrule).toBe('FREQ=WEEKLY;BYDAY=FR;UNTIL=20230825T215900Z');
		expect(schedule.exdates).toEqual(['2023-06-23T18:00:00+02:00']);
		const occurrences = expandOccurrences({ ...schedule, timezone: 'Europe/Stockholm' });
		// 2 June … 25 August is 13 Fridays; Midsummer Eve is skipped.
		expect(occurrences).toHaveLength(12);
		expect(occurrences.map((o) => o.startsAt)).not.toContain('2023-06-23T16:00:00.000Z');
		expect(occurrences.at(-1)!.startsAt).toBe('2023-08-25T16:00:00.000Z');
	});

	it('keeps exceptions at the same wall-clock time across the change to winter time', () => {
		const schedule = toSchedule({ ...base, date: '2023-10-06', weekly: true, until: '2023-11-03', exceptions: ['2023-11-03'] })!;
		expect(schedule.exdates).toEqual(['2023-11-03T18:00:00+01:00']);
		expect(expandOccurrences({ ...schedule, timezone: 'Europe/Stockholm' })).toHaveLength(4);
	});

	it('refuses an end date before the first date', () => {
		expect(toSchedule({ ...base, weekly: true, until: '2023-05-01' })).toBeNull();
	});

	it('reads a saved weekly event back into the form, and keeps a recurrence it cannot show', () => {
		const schedule = toSchedule({ ...base, weekly: true, weekday: 'SA', exceptions: ['2023-07-01'] })!;
		expect(fromSchedule(schedule)).toEqual({ ...base, weekly: true, weekday: 'SA', until: '2023-08-25', exceptions: ['2023-07-01'] });
		const monthly = { startsAt: '2023-06-02T16:00:00Z', endsAt: '2023-06-02T20:00:00Z', rrule: 'FREQ=MONTHLY;COUNT=3', exdates: [] };
		const form = fromSchedule(monthly);
		expect(form.customRrule).toBe('FREQ=MONTHLY;COUNT=3');
		expect(toSchedule(form)).toEqual({ startsAt: '2023-06-02T18:00:00+02:00', endsAt: '2023-06-02T22:00:00+02:00', rrule: 'FREQ=MONTHLY;COUNT=3', exdates: [] });
	});
});
