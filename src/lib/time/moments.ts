/**
 * Moving a moment (an instant, ms) by Stockholm's calendar, as the planning map's time
 * controls do: a day or a week later at the same wall-clock time (also across the change to
 * and from summer time, when a day has 23 or 25 hours), or "next Friday 18:00". Client-safe.
 */
import { stockholmIso, stockholmParts } from './stockholm';

/** Monday = 0 … Sunday = 6, as the RRULE weekdays MO…SU are listed. */
export type WeekdayIndex = 0 | 1 | 2 | 3 | 4 | 5 | 6;

const DAY = 86_400_000;

/** A calendar date moved by whole days (YYYY-MM-DD in and out, no time zone involved). */
export function addDays(date: string, days: number): string {
	return new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** The weekday of a calendar date, Monday = 0. */
export function weekdayOf(date: string): WeekdayIndex {
	return ((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7) as WeekdayIndex;
}

/** The instant of a Stockholm date and time (HH:MM), or NaN. */
export function stockholmMoment(date: string, time: string): number {
	const iso = stockholmIso(date, time);
	return iso ? Date.parse(iso) : NaN;
}

/** The same Stockholm wall-clock time `days` days later (earlier when negative). */
export function shiftDays(moment: number, days: number): number {
	const { date, time } = stockholmParts(new Date(moment).toISOString());
	return stockholmMoment(addDays(date, days), time);
}

/**
 * The first moment strictly after `after` that falls on `weekday` at `time` in Stockholm.
 * Example: after Friday 2023-06-02 18:00, "Friday 18:00" is 2023-06-09 18:00; after
 * Thursday 20:00, "Friday 18:00" is the next day.
 */
export function nextWeekdayAt(after: number, weekday: WeekdayIndex, time: string): number {
	const { date } = stockholmParts(new Date(after).toISOString());
	const ahead = (weekday - weekdayOf(date) + 7) % 7;
	const candidate = stockholmMoment(addDays(date, ahead), time);
	return candidate > after ? candidate : stockholmMoment(addDays(date, ahead + 7), time);
}

/** A moment as a `datetime-local` field shows it, in Stockholm: "2023-06-02T18:00". */
export function toLocalInput(moment: number): string {
	const { date, time } = stockholmParts(new Date(moment).toISOString());
	return `${date}T${time}`;
}

/** A `datetime-local` value read as Stockholm time; NaN when it is not one. */
export function fromLocalInput(value: string): number {
	const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value);
	return m ? stockholmMoment(m[1]!, m[2]!) : NaN;
}
