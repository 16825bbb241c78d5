/**
 * Occurrences of an event: a single time window, or a weekly (or any RFC 5545) recurrence
 * expanded in the event's local wall-clock time, so "Fridays 18–22" stays 18–22 on the
 * clock across the summer-time changes. Pure and client-safe: the event form previews
 * the same list the analyses use.
 *
 * The technique: the `rrule` package expands the rule on a floating (fake-UTC) clock
 * that has no summer time; each wall time is then turned into an instant in the event's
 * zone with `Intl` (see `$lib/time/timezone`).
 */
import * as rrulePackage from 'rrule';

// rrule is CommonJS for Node (named exports only through `default` when imported from ESM,
// as in the CLI scripts) and ESM for bundlers: take RRule from whichever shape arrived.
const { RRule } = ('RRule' in rrulePackage ? rrulePackage : (rrulePackage as unknown as { default: typeof rrulePackage }).default) as typeof rrulePackage;
import { instantOfWall, isTimeZone, wallOf } from '$lib/time/timezone';

/** The most occurrences one event may expand to (a daily series over more than a year). */
export const MAX_OCCURRENCES = 500;

/**
 * The longest a series may run: its last occurrence starts at most this many days after
 * the first. Programmes run a year and are followed up per tertial and per year; five
 * years leaves room for a standing activity across a multi-year programme, and bounds
 * the calendar the expansion has to search.
 */
export const MAX_SERIES_DAYS = 5 * 365 + 1;

/**
 * rrule 2.8 checks UNTIL (and stops) only on a date that passes the rule's BY* filters:
 * a rule whose filters never match (BYMONTH=2;BYMONTHDAY=30) walks the calendar one
 * period at a time up to the year 9999 — 27 s for a daily rule. The walk reads the rule's
 * options at most 17 times per calendar day it examines (measured for every FREQ, with
 * and without BYSETPOS), so counting those reads bounds it: the budget covers the whole
 * series span plus a year of slack (a yearly rule examines its first year whole), about
 * 10 ms of work, and a rule that has produced nothing by then never will within the span.
 */
const OPTION_READS_PER_DAY = 17;
const OPTION_READ_BUDGET = OPTION_READS_PER_DAY * (MAX_SERIES_DAYS + 366);

const DAY_MS = 86_400_000;

export const DEFAULT_TIMEZONE = 'Europe/Stockholm';

export interface RecurrenceInput {
	/** ISO 8601 with an offset (or Z): the first occurrence's start. */
	startsAt: string;
	/** ISO 8601 with an offset (or Z): the first occurrence's end. */
	endsAt: string;
	/** RFC 5545 RRULE body without the `RRULE:` prefix, e.g. `FREQ=WEEKLY;BYDAY=FR;COUNT=13`. */
	rrule?: string | null;
	/** ISO start times of cancelled occurrences. */
	exdates?: readonly string[];
	/** IANA zone the wall clock of the series is kept in. */
	timezone?: string;
}

export interface Occurrence {
	/** ISO UTC (`…Z`). */
	startsAt: string;
	/** ISO UTC (`…Z`). */
	endsAt: string;
}

export type RecurrenceErrorCode =
	| 'invalid_time'
	| 'end_before_start'
	| 'invalid_timezone'
	| 'invalid_rule'
	| 'unbounded'
	| 'too_many'
	| 'too_long'
	| 'no_occurrences';

export class RecurrenceError extends Error {
	readonly code: RecurrenceErrorCode;
	/** The limit that was exceeded (`too_many`: occurrences, `too_long`: days), for a client to show. */
	readonly limit?: number;
	constructor(code: RecurrenceErrorCode, message: string, limit?: number) {
		super(message);
		this.name = 'RecurrenceError';
		this.code = code;
		this.limit = limit;
	}
}

/** Thrown from inside rrule's walk when it has examined as much of the calendar as a series may span. */
class WalkBudgetSpent extends Error {}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function parseInstant(value: string, field: string): number {
	const ms = ISO_WITH_OFFSET.test(value) ? Date.parse(value) : NaN;
	if (!Number.isFinite(ms)) throw new RecurrenceError('invalid_time', `${field} must be an ISO time with an offset, got ${JSON.stringify(value)}`);
	return ms;
}

const ALLOWED_KEYS = new Set(['FREQ', 'UNTIL', 'COUNT', 'INTERVAL', 'BYSECOND', 'BYMINUTE', 'BYHOUR', 'BYDAY', 'BYMONTHDAY', 'BYYEARDAY', 'BYWEEKNO', 'BYMONTH', 'BYSETPOS', 'WKST']);
const FREQS = new Set(['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY']);
const SUB_DAILY = new Set(['HOURLY', 'MINUTELY', 'SECONDLY']);

/** Checks the rule's syntax (rrule is lenient) and returns its parts, keys upper-cased. */
function ruleParts(body: string): Map<string, string> {
	const text = body.trim().replace(/^RRULE:/i, '');
	const parts = new Map<string, string>();
	for (const piece of text.split(';')) {
		if (!piece) continue;
		const eq = piece.indexOf('=');
		const key = piece.slice(0, eq).trim().toUpperCase();
		const value = piece.slice(eq + 1).trim();
		if (eq <= 0 || !value || !ALLOWED_KEYS.has(key) || parts.has(key)) {
			throw new RecurrenceError('invalid_rule', `unparseable recurrence rule part ${JSON.stringify(piece)}`);
		}
		parts.set(key, value);
	}
	const freq = parts.get('FREQ')?.toUpperCase() ?? '';
	// An occurrence is a time window with its own length: a series repeats at most daily
	// (several times a day is FREQ=DAILY with BYHOUR).
	if (SUB_DAILY.has(freq)) throw new RecurrenceError('invalid_rule', `an event repeats at most daily, not ${freq}; for several times a day use FREQ=DAILY with BYHOUR`);
	if (!FREQS.has(freq)) throw new RecurrenceError('invalid_rule', 'a recurrence rule needs FREQ');
	if (parts.has('UNTIL') && parts.has('COUNT')) throw new RecurrenceError('invalid_rule', 'UNTIL and COUNT cannot both be given');
	if (!parts.has('UNTIL') && !parts.has('COUNT')) throw new RecurrenceError('unbounded', 'a recurrence needs UNTIL or COUNT');
	const count = parts.get('COUNT');
	if (count !== undefined && !/^[1-9]\d*$/.test(count)) throw new RecurrenceError('invalid_rule', `COUNT must be a positive integer, got ${count}`);
	if (count !== undefined && Number(count) > MAX_OCCURRENCES) throw new RecurrenceError('too_many', `COUNT ${count} exceeds ${MAX_OCCURRENCES}`, MAX_OCCURRENCES);
	const until = parts.get('UNTIL');
	if (until !== undefined && !/^\d{8}(T\d{6}Z?)?$/i.test(until)) throw new RecurrenceError('invalid_rule', `UNTIL must be a date or date-time, got ${until}`);
	return parts;
}

/** UNTIL as a wall time: a `…Z` value is an instant; a bare date or date-time is local. */
function untilWall(until: string, timeZone: string): number {
	const [, y, mo, d, h = '23', mi = '59', s = '59', z] = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/i.exec(until)!;
	const wall = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
	return z ? wallOf(wall, timeZone) : wall;
}

/**
 * Expands an event into its occurrences, in UTC, sorted, cancelled ones removed.
 *
 * @example
 * expandOccurrences({
 *   startsAt: '2023-06-02T18:00:00+02:00', endsAt: '2023-06-02T22:00:00+02:00',
 *   rrule: 'FREQ=WEEKLY;BYDAY=FR;UNTIL=20230825T220000Z'
 * });
 * // → 13 occurrences, { startsAt: '2023-06-02T16:00:00.000Z', endsAt: '2023-06-02T20:00:00.000Z' } … 25 Aug
 *
 * @throws RecurrenceError with a code: `invalid_time`, `end_before_start`, `invalid_timezone`,
 *   `invalid_rule`, `unbounded` (neither UNTIL nor COUNT), `too_many` (> MAX_OCCURRENCES),
 *   `too_long` (the series runs past MAX_SERIES_DAYS), `no_occurrences` (the rule yields
 *   none, or every one is cancelled).
 */
export function expandOccurrences(input: RecurrenceInput): Occurrence[] {
	const timeZone = input.timezone ?? DEFAULT_TIMEZONE;
	if (!isTimeZone(timeZone)) throw new RecurrenceError('invalid_timezone', `unknown time zone ${JSON.stringify(timeZone)}`);
	const start = parseInstant(input.startsAt, 'startsAt');
	const end = parseInstant(input.endsAt, 'endsAt');
	if (end <= start) throw new RecurrenceError('end_before_start', 'an occurrence must end after it starts');
	const cancelled = new Set((input.exdates ?? []).map((x) => parseInstant(x, 'exdates')));

	const rule = input.rrule?.trim();
	let starts: number[];
	let wallDuration = 0;
	if (!rule) {
		starts = [start];
	} else {
		const parts = ruleParts(rule);
		const wallStart = wallOf(start, timeZone);
		wallDuration = wallOf(end, timeZone) - wallStart;
		let options;
		try {
			const body = [...parts].filter(([k]) => k !== 'UNTIL').map(([k, v]) => `${k}=${v}`).join(';');
			options = RRule.parseString(body);
		} catch (e) {
			throw new RecurrenceError('invalid_rule', `unparseable recurrence rule: ${(e as Error).message}`);
		}
		const until = parts.get('UNTIL');
		const untilAt = until === undefined ? null : untilWall(until, timeZone);
		const horizon = wallStart + MAX_SERIES_DAYS * DAY_MS;
		if (untilAt !== null && untilAt > horizon + DAY_MS)
			throw new RecurrenceError('too_long', `a series may run at most ${MAX_SERIES_DAYS} days; UNTIL ${until} is later`, MAX_SERIES_DAYS);
		const walls: Date[] = [];
		let pastHorizon = false;
		try {
			const floating = new RRule({ ...options, dtstart: new Date(wallStart), until: untilAt === null ? null : new Date(untilAt), tzid: null });
			let reads = 0;
			floating.options = new Proxy(floating.options, {
				get(target, key, receiver) {
					if (++reads > OPTION_READ_BUDGET) throw new WalkBudgetSpent();
					return Reflect.get(target, key, receiver);
				}
			});
			floating.all((date) => {
				if (date.getTime() > horizon) pastHorizon = true;
				else walls.push(date);
				return !pastHorizon && walls.length <= MAX_OCCURRENCES;
			});
		} catch (e) {
			if (!(e instanceof WalkBudgetSpent)) throw new RecurrenceError('invalid_rule', `unusable recurrence rule: ${(e as Error).message}`);
			// The walk has examined more than the horizon: with UNTIL (no later than the
			// horizon) every occurrence is found; with COUNT the rest lie past the horizon.
			if (untilAt === null) pastHorizon = true;
		}
		if (walls.length > MAX_OCCURRENCES) throw new RecurrenceError('too_many', `the recurrence has more than ${MAX_OCCURRENCES} occurrences`, MAX_OCCURRENCES);
		if (walls.length === 0)
			throw new RecurrenceError('no_occurrences', pastHorizon ? `the rule yields no occurrence within ${MAX_SERIES_DAYS} days of the start` : 'the rule yields no occurrence');
		if (pastHorizon) throw new RecurrenceError('too_long', `a series may run at most ${MAX_SERIES_DAYS} days`, MAX_SERIES_DAYS);
		starts = walls.map((w) => instantOfWall(w.getTime(), timeZone));
	}

	const kept = starts.filter((s) => !cancelled.has(s));
	if (kept.length === 0) throw new RecurrenceError('no_occurrences', 'every occurrence is cancelled; cancel the event itself instead');
	return kept
		.map((s) => {
			// The end keeps the same wall-clock length (18–22 stays 18–22 on the clock).
			const e = rule ? instantOfWall(wallOf(s, timeZone) + wallDuration, timeZone) : end;
			return { startsAt: new Date(s).toISOString(), endsAt: new Date(e).toISOString() };
		});
}

/** Whether one of the occurrences is running at `at` (ms): started, not yet ended. */
export function runningAt(occurrences: readonly Occurrence[], at: number): boolean {
	return occurrences.some((o) => Date.parse(o.startsAt) <= at && at < Date.parse(o.endsAt));
}
