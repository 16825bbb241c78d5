/**
 * The dates and times the API accepts, as schema building blocks every input schema uses
 * (bodies and query strings alike; a unit test refuses raw `z.iso.*` elsewhere).
 *
 * Only 1900-01-01 to 2100-12-31: everything Lykta records — walks, events, budgets,
 * incidents, follow-ups — happens within a lifetime of today, so a year outside is a
 * typo (0023 for 2023) or a probe, never data. Letting it through costs more than a
 * refusal: year 0000 is stored by PostgreSQL as 1 BC, time-zone rules and recurrence
 * rules misbehave far from the present, and a period of centuries makes analyses run for
 * minutes. Client-safe.
 */
import { z } from 'zod';

export const FIRST_DATE = '1900-01-01';
export const LAST_DATE = '2100-12-31';

/** The field problem's code (`api.issue.date_out_of_range`, which names the range). */
const RANGE_MESSAGE = 'date_out_of_range';

/**
 * Whether the calendar date a value starts with (`YYYY-MM-DD…`, or `YYYYMMDD…` as in
 * RFC 5545) lies in the range. The date as written counts, not the instant in UTC, so a
 * value means the same whatever its offset.
 */
export function inDateRange(value: string): boolean {
	const m = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(value);
	if (!m) return false;
	const date = `${m[1]}-${m[2]}-${m[3]}`;
	return date >= FIRST_DATE && date <= LAST_DATE;
}

/** A calendar date, `YYYY-MM-DD`, in the range. */
// `abort`: a value that is no date at all gets that one problem, not also "out of range".
export const isoDate = z.iso.date({ abort: true }).refine(inDateRange, RANGE_MESSAGE);

/** An instant with its offset (or `Z`), e.g. `2023-06-02T18:00:00+02:00`, in the range. */
export const isoDateTime = z.iso.datetime({ offset: true, abort: true }).refine(inDateRange, RANGE_MESSAGE);

/**
 * An RFC 5545 recurrence rule's UNTIL (`UNTIL=20230825T220000Z`) in the range; a rule
 * without one (COUNT) passes. Whether the rule is otherwise sound is for the recurrence
 * module to say.
 */
export function untilInDateRange(rrule: string): boolean {
	const until = /(?:^|;)\s*UNTIL\s*=\s*([^;]*)/i.exec(rrule.replace(/^RRULE:/i, ''));
	return !until || !/^\d{8}/.test(until[1]!.trim()) || inDateRange(until[1]!.trim());
}

export const UNTIL_RANGE_MESSAGE = 'until_out_of_range';
