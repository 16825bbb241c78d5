import { describe, expect, it } from 'vitest';
import { expandOccurrences, MAX_OCCURRENCES, MAX_SERIES_DAYS, RecurrenceError, type RecurrenceErrorCode } from './recurrence';

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
		expect(codeOf(() => expandOccurrences({ ...fridays, rrule: 'FREQ=DAILY;UNTIL=20250101T000000Z' }))).toBe('too_many');
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

describe('expandOccurrences: bounded work', () => {
	/** Runs fn, returning its error's code and how long it took. */
	function timed(fn: () => unknown) {
		const started = performance.now();
		const code = codeOf(fn);
		return { code, ms: performance.now() - started };
	}

	it('refuses a rule that never matches, quickly, whatever its frequency (rrule alone walks to year 9999)', () => {
		for (const freq of ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']) {
			for (const end of ['UNTIL=20260901T000000Z', 'COUNT=3']) {
				const { code, ms } = timed(() =>
					expandOccurrences({ startsAt: '2026-03-01T18:00:00+01:00', endsAt: '2026-03-01T20:00:00+01:00', rrule: `FREQ=${freq};BYMONTH=2;BYMONTHDAY=30;${end}` })
				);
				expect(code, `${freq} ${end}`).toBe('no_occurrences');
				expect(ms, `${freq} ${end}`).toBeLessThan(500);
			}
		}
		// The rule from the report: 27 s and stored with no occurrence before.
		expect(timed(() => expandOccurrences({ ...fridays, rrule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;UNTIL=20260901T000000Z' })).code).toBe('no_occurrences');
		expect(codeOf(() => expandOccurrences({ ...fridays, rrule: 'FREQ=MONTHLY;BYDAY=MO;BYSETPOS=7;COUNT=2' }))).toBe('no_occurrences');
	});

	it('refuses a rule whose UNTIL lies before the first start (no occurrence)', () => {
		expect(codeOf(() => expandOccurrences({ ...fridays, rrule: 'FREQ=WEEKLY;BYDAY=FR;UNTIL=20230101T000000Z' }))).toBe('no_occurrences');
	});

	it('refuses an event whose every occurrence is cancelled', () => {
		expect(codeOf(() => expandOccurrences({ ...fridays, rrule: 'FREQ=WEEKLY;BYDAY=FR;COUNT=1', exdates: [fridays.startsAt] }))).toBe('no_occurrences');
		expect(codeOf(() => expandOccurrences({ startsAt: fridays.startsAt, endsAt: fridays.endsAt, exdates: [fridays.startsAt] }))).toBe('no_occurrences');
	});

	it(`refuses a series running past ${MAX_SERIES_DAYS} days, by UNTIL or by COUNT, with the limit`, () => {
		const yearly = { startsAt: '2026-06-05T18:00:00+02:00', endsAt: '2026-06-05T22:00:00+02:00' };
		// Five midsummer weeks a year apart fit; a sixth does not.
		expect(expandOccurrences({ ...yearly, rrule: 'FREQ=YEARLY;COUNT=6' })).toHaveLength(6);
		expect(codeOf(() => expandOccurrences({ ...yearly, rrule: 'FREQ=YEARLY;COUNT=7' }))).toBe('too_long');
		expect(codeOf(() => expandOccurrences({ ...yearly, rrule: 'FREQ=YEARLY;UNTIL=20330101' }))).toBe('too_long');
		expect(expandOccurrences({ ...yearly, rrule: 'FREQ=YEARLY;UNTIL=20310605' })).toHaveLength(6);
		try {
			expandOccurrences({ ...yearly, rrule: 'FREQ=MONTHLY;COUNT=100' });
			expect.unreachable();
		} catch (e) {
			expect(e).toBeInstanceOf(RecurrenceError);
			expect((e as RecurrenceError).code).toBe('too_long');
			expect((e as RecurrenceError).limit).toBe(MAX_SERIES_DAYS);
		}
	});

	it('finds a sparse series completely when its UNTIL is within the span (leap days only)', () => {
		const occ = expandOccurrences({ startsAt: '2026-03-01T12:00:00+01:00', endsAt: '2026-03-01T13:00:00+01:00', rrule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;UNTIL=20310228' });
		expect(occ.map((o) => o.startsAt.slice(0, 10))).toEqual(['2028-02-29']);
		// With COUNT the second leap day (2032) lies past the span.
		expect(codeOf(() => expandOccurrences({ startsAt: '2026-03-01T12:00:00+01:00', endsAt: '2026-03-01T13:00:00+01:00', rrule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;COUNT=2' }))).toBe('too_long');
	});

	it('refuses sub-daily frequencies and keeps several times a day through BYHOUR', () => {
		for (const freq of ['HOURLY', 'MINUTELY', 'SECONDLY']) expect(codeOf(() => expandOccurrences({ ...fridays, rrule: `FREQ=${freq};COUNT=3` }))).toBe('invalid_rule');
		const occ = expandOccurrences({ startsAt: '2023-06-02T10:00:00+02:00', endsAt: '2023-06-02T11:00:00+02:00', rrule: 'FREQ=DAILY;BYHOUR=10,14;COUNT=4' });
		expect(occ.map((o) => o.startsAt)).toEqual(['2023-06-02T08:00:00.000Z', '2023-06-02T12:00:00.000Z', '2023-06-03T08:00:00.000Z', '2023-06-03T12:00:00.000Z']);
	});

	it(`refuses more than ${MAX_OCCURRENCES} occurrences within the span, with the limit, quickly`, () => {
		const { code, ms } = timed(() => expandOccurrences({ ...fridays, rrule: 'FREQ=DAILY;BYHOUR=8,10,12,14,16,18,20;UNTIL=20240101' }));
		expect(code).toBe('too_many');
		expect(ms).toBeLessThan(500);
	});
});
