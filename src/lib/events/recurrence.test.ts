import { describe, expect, it } from 'vitest';
import { expandOccurrences, MAX_OCCURRENCES, RecurrenceError, type RecurrenceErrorCode } from './recurrence';

const fridays = {
	startsAt: '2023-06-02T18:00:00+02:00',
	endsAt: '2023-06-02T22:00:00+02:00',
	rrule: 'FREQ=WEEKLY;BYDAY=FR;UNTIL=20230825T220000Z'
};

function codeOf(fn: () => unknown): RecurrenceErrorCode | undefined {
	try {
		fn();
	} catch (e) {
		if (e instanceof RecurrenceError) return e.code;
		throw e;
	}
	return undefined;
}

describe('expandOccurrences', () => {
	it('returns a single window unchanged (in UTC) when there is no rule', () => {
		expect(expandOccurrences({ startsAt: '2023-07-01T12:00:00+02:00', endsAt: '2023-07-01T15:30:00+02:00' })).toEqual([
			{ startsAt: '2023-07-01T10:00:00.000Z', endsAt: '2023-07-01T13:30:00.000Z' }
		]);
	});

	it('expands Fridays 18–22 from 2 June to 25 August 2023 into 13 occurrences at 16:00Z', () => {
		const occ = expandOccurrences(fridays);
		// 2, 9, 16, 23, 30 June; 7, 14, 21, 28 July; 4, 11, 18, 25 August.
		expect(occ).toHaveLength(13);
		expect(occ[0]).toEqual({ startsAt: '2023-06-02T16:00:00.000Z', endsAt: '2023-06-02T20:00:00.000Z' });
		expect(occ[12]).toEqual({ startsAt: '2023-08-25T16:00:00.000Z', endsAt: '2023-08-25T20:00:00.000Z' });
		for (const o of occ) {
			expect(o.startsAt.slice(11)).toBe('16:00:00.000Z');
			expect(o.endsAt.slice(11)).toBe('20:00:00.000Z');
			expect(new Date(o.startsAt).getUTCDay()).toBe(5);
		}
	});

	it('keeps 18:00 local across the autumn change (29 Oct 2023): 16:00Z before, 17:00Z after', () => {
		const occ = expandOccurrences({
			startsAt: '2023-10-20T18:00:00+02:00',
			endsAt: '2023-10-20T22:00:00+02:00',
			rrule: 'FREQ=WEEKLY;BYDAY=FR;COUNT=3'
		});
		expect(occ).toEqual([
			{ startsAt: '2023-10-20T16:00:00.000Z', endsAt: '2023-10-20T20:00:00.000Z' },
			{ startsAt: '2023-10-27T16:00:00.000Z', endsAt: '2023-10-27T20:00:00.000Z' },
			{ startsAt: '2023-11-03T17:00:00.000Z', endsAt: '2023-11-03T21:00:00.000Z' }
		]);
	});

	it('keeps 18:00 local across the spring change (26 Mar 2023): 17:00Z before, 16:00Z after', () => {
		const occ = expandOccurrences({
			startsAt: '2023-03-24T18:00:00+01:00',
			endsAt: '2023-03-24T22:00:00+01:00',
			rrule: 'FREQ=WEEKLY;BYDAY=FR;COUNT=2'
		});
		expect(occ.map((o) => o.startsAt)).toEqual(['2023-03-24T17:00:00.000Z', '2023-03-31T16:00:00.000Z']);
	});

	it('keeps the wall-clock length of a window that spans the change itself (Sat 22:00 – Sun 04:00)', () => {
		// 28–29 Oct 2023: 22:00 CEST (20:00Z) to 04:00 CET (03:00Z) is 7 real hours.
		const [o] = expandOccurrences({ startsAt: '2023-10-28T22:00:00+02:00', endsAt: '2023-10-29T04:00:00+01:00', rrule: 'FREQ=WEEKLY;COUNT=1' });
		expect(o).toEqual({ startsAt: '2023-10-28T20:00:00.000Z', endsAt: '2023-10-29T03:00:00.000Z' });
	});

	it('removes cancelled occurrences (exdates, any offset)', () => {
		const occ = expandOccurrences({ ...fridays, exdates: ['2023-06-23T18:00:00+02:00', '2023-07-07T16:00:00Z'] });
		expect(occ).toHaveLength(11);
		expect(occ.map((o) => o.startsAt)).not.toContain('2023-06-23T16:00:00.000Z');
		expect(occ.map((o) => o.startsAt)).not.toContain('2023-07-07T16:00:00.000Z');
	});

	it('honours COUNT, and a local (no Z) UNTIL date inclusive', () => {
		expect(expandOccurrences({ ...fridays, rrule: 'FREQ=WEEKLY;BYDAY=FR;COUNT=4' })).toHaveLength(4);
		expect(expandOccurrences({ ...fridays, rrule: 'FREQ=WEEKLY;BYDAY=FR;UNTIL=20230616' })).toHaveLength(3);
	});

	it('expands two weekdays with INTERVAL', () => {
		const occ = expandOccurrences({ ...fridays, rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,FR;COUNT=4' });
		// Fri 2 June, then the week of 12 June: Tue 13, Fri 16, then Tue 27 June.
		expect(occ.map((o) => o.startsAt.slice(0, 10))).toEqual(['2023-06-02', '2023-06-13', '2023-06-16', '2023-06-27']);
	});

	it('refuses what it cannot expand, with a code', () => {
		expect(codeOf(() => expandOccurrences({ ...fridays, rrule: 'FREQ=WEEKLY;BYDAY=FR' }))).toBe('unbounded');
		expect(codeOf(() => expandOccurrences({ ...fridays, rrule: `FREQ=DAILY;COUNT=${MAX_OCCURRENCES + 1}` }))).toBe('too_many');
		expect(codeOf(() => expandOccurrences({ ...fridays, rrule: 'FREQ=DAILY;UNTIL=20300101T000000Z' }))).toBe('too_many');
		expect(codeOf(() => expandOccurrences({ ...fridays, rrule: `FREQ=DAILY;COUNT=${MAX_OCCURRENCES}` }))).toBeUndefined();
		expect(codeOf(() => expandOccurrences({ ...fridays, endsAt: '2023-06-02T17:00:00+02:00' }))).toBe('end_before_start');
		expect(codeOf(() => expandOccurrences({ ...fridays, endsAt: fridays.startsAt }))).toBe('end_before_start');
		expect(codeOf(() => expandOccurrences({ ...fridays, rrule: 'FREQ=SOMETIMES;COUNT=2' }))).toBe('invalid_rule');
		expect(codeOf(() => expandOccurrences({ ...fridays, rrule: 'FREQ=WEEKLY;BYDAY=XX;COUNT=2' }))).toBe('invalid_rule');
		expect(codeOf(() => expandOccurrences({ ...fridays, rrule: 'banana' }))).toBe('invalid_rule');
		expect(codeOf(() => expandOccurrences({ ...fridays, rrule: 'FREQ=WEEKLY;COUNT=2;UNTIL=20230825T220000Z' }))).toBe('invalid_rule');
		expect(codeOf(() => expandOccurrences({ ...fridays, startsAt: '2023-06-02 18:00' }))).toBe('invalid_time');
		expect(codeOf(() => expandOccurrences({ ...fridays, timezone: 'Mars/Olympus' }))).toBe('invalid_timezone');
	});
});
