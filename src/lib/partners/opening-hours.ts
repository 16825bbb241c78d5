/**
 * Opening hours in OpenStreetMap's `opening_hours` syntax ("Mo-Fr 08:00-16:00; PH off"),
 * read with the maintained `opening_hours` library and always evaluated in Stockholm time
 * with Swedish public holidays, whatever time zone the server or the phone is in.
 * Client-safe: the compass ranks offline with the same code.
 *
 * The library reads a Date's *local* fields (getHours, getDay). So an instant is handed to it
 * as a "floating" Date whose local fields are Stockholm's wall clock, and the Dates it returns
 * are read back the same way (see `$lib/time/timezone`).
 */
import OpeningHours from 'opening_hours';
import { instantOfWall, wallOf } from '$lib/time/timezone';
import { TIME_ZONE } from '$lib/time/stockholm';

/** Where the hours apply: Sweden (public holidays; the library's sunrise/sunset needs a place too). */
const SWEDEN = { lat: 59.33, lon: 18.06, address: { country_code: 'se', state: 'Stockholms län' } };

const MINUTE = 60_000;
const DAY = 86_400_000;

function floating(instant: number): Date {
	const wall = new Date(wallOf(instant, TIME_ZONE));
	return new Date(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate(), wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds());
}

function instantOf(date: Date): number {
	return instantOfWall(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate(), date.getHours(), date.getMinutes(), date.getSeconds()), TIME_ZONE);
}

export type OpeningHoursProblem =
	| { code: 'opening_hours_syntax'; near: string }
	| { code: 'ends_before_start'; range: string };

/**
 * The time ranges written in the value whose end comes before their start. OSM reads
 * "22:00-06:00" as a night that runs past midnight, and so do we — but only when it looks
 * like one: it starts at noon or later and ends at noon or earlier. "09:00-08:00" (open 23
 * hours) or "17:00-16:00" is a typo, and a night shelter that really opens at 09:00 and closes
 * at 08:00 the next day can say so ("09:00-32:00").
 */
function backwardRanges(value: string): string[] {
	const problems: string[] = [];
	for (const m of value.matchAll(/(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})/g)) {
		const start = Number(m[1]) * 60 + Number(m[2]);
		const end = Number(m[3]) * 60 + Number(m[4]);
		if (end > start) continue;
		const night = end < start && start >= 12 * 60 && end <= 12 * 60;
		if (!night) problems.push(m[0]);
	}
	return problems;
}

const cache = new Map<string, OpeningHours | OpeningHoursProblem>();

/** The parsed hours, or what is wrong with them. Cached: a directory has few distinct values. */
export function readOpeningHours(value: string): OpeningHours | OpeningHoursProblem {
	let entry = cache.get(value);
	if (entry) return entry;
	try {
		const parsed = new OpeningHours(value, SWEDEN, { mode: 0, locale: 'en' } as never);
		const backward = backwardRanges(value);
		entry = backward.length ? { code: 'ends_before_start', range: backward[0]! } : parsed;
	} catch (error) {
		// The library marks where it stopped reading: "Mo-Fr 25:00 <--- (Time range …)".
		const message = String((error as Error)?.message ?? error);
		const near = message.split('<---')[0]!.trim().slice(-40) || value.slice(0, 40);
		entry = { code: 'opening_hours_syntax', near };
	}
	if (cache.size > 5000) cache.clear();
	cache.set(value, entry);
	return entry;
}

const isProblem = (entry: OpeningHours | OpeningHoursProblem): entry is OpeningHoursProblem => !(entry instanceof OpeningHours);

/** What is wrong with the value (an empty value means "not given" and is fine), or null. */
export function openingHoursProblem(value: string): OpeningHoursProblem | null {
	if (!value.trim()) return null;
	const entry = readOpeningHours(value);
	return isProblem(entry) ? entry : null;
}

export interface OpenState {
	/** `unknown`: no hours given, or the hours say "unknown" for now. */
	state: 'open' | 'closed' | 'unknown';
	/** When the state next changes (ms), if within a week. */
	changesAt: number | null;
	/** The hours' own comment for now ("by appointment"), if any. */
	comment: string | null;
}

/** Whether the hours have them open at `instant` (ms), and until / from when. */
export function openStateAt(value: string, instant: number): OpenState {
	if (!value.trim()) return { state: 'unknown', changesAt: null, comment: null };
	const entry = readOpeningHours(value);
	if (isProblem(entry)) return { state: 'unknown', changesAt: null, comment: null };
	const at = floating(instant);
	const state = entry.getUnknown(at) ? 'unknown' : entry.getState(at) ? 'open' : 'closed';
	const next = entry.getNextChange(at, floating(instant + 7 * DAY));
	return { state, changesAt: next ? instantOf(next) : null, comment: entry.getComment(at) ?? null };
}

/** The open intervals between two instants (ms), as instants. */
export function openIntervals(value: string, from: number, to: number): { from: number; to: number; unknown: boolean }[] {
	if (!value.trim()) return [];
	const entry = readOpeningHours(value);
	if (isProblem(entry)) return [];
	return entry.getOpenIntervals(floating(from), floating(to)).map(([start, end, unknown]) => ({ from: instantOf(start), to: instantOf(end), unknown }));
}

/** Minutes from midnight of a Stockholm wall clock ("HH:MM" for display). */
export function stockholmClock(instant: number): string {
	const wall = new Date(wallOf(instant, TIME_ZONE));
	return `${String(wall.getUTCHours()).padStart(2, '0')}:${String(wall.getUTCMinutes()).padStart(2, '0')}`;
}

/** Stockholm calendar date (YYYY-MM-DD) and weekday (0 = Monday) of an instant. */
export function stockholmDay(instant: number): { date: string; weekday: number } {
	const wall = new Date(wallOf(instant, TIME_ZONE));
	return { date: wall.toISOString().slice(0, 10), weekday: (wall.getUTCDay() + 6) % 7 };
}

/**
 * The open state in words, as text keys and values for the UI language:
 * `open_until` ("open until 23:00"), `open_until_day` ("open until Sunday 06:00" when it closes
 * after tomorrow), `open_tomorrow` ("open until 06:00 tomorrow"), `opens_at` ("opens 07:00"),
 * `opens_tomorrow`, `opens_day` ("opens Monday 08:00"), `always_open`, `closed`, `unknown`.
 * `weekday` is 0 = Monday, for the caller's own weekday names.
 */
export function describeOpenState(state: OpenState, now: number): { key: string; time?: string; weekday?: number } {
	if (state.state === 'unknown') return { key: 'unknown' };
	if (state.changesAt === null) return { key: state.state === 'open' ? 'always_open' : 'closed' };
	const today = stockholmDay(now);
	const then = stockholmDay(state.changesAt);
	const time = stockholmClock(state.changesAt);
	const days = Math.round((Date.parse(then.date) - Date.parse(today.date)) / DAY);
	const base = state.state === 'open' ? 'open_until' : 'opens';
	if (days <= 0) return { key: state.state === 'open' ? 'open_until' : 'opens_at', time };
	if (days === 1) return { key: `${base}_tomorrow`, time };
	return { key: `${base}_day`, time, weekday: then.weekday };
}

/** Minutes until the state changes, or null. */
export function minutesUntilChange(state: OpenState, now: number): number | null {
	return state.changesAt === null ? null : Math.max(0, Math.round((state.changesAt - now) / MINUTE));
}

/**
 * A week of hours for display, day by day from the Monday of `instant`'s week (Stockholm):
 * each day's open intervals as "HH:MM–HH:MM" (a night past midnight shown on the day it
 * starts), and whether the day is a public holiday.
 */
export function weekOf(value: string, instant: number): { date: string; weekday: number; intervals: string[]; holiday: boolean }[] {
	const { date, weekday } = stockholmDay(instant);
	const monday = Date.parse(`${date}T00:00:00Z`) - weekday * DAY;
	const entry = value.trim() ? readOpeningHours(value) : null;
	return Array.from({ length: 7 }, (_, i) => {
		const day = new Date(monday + i * DAY).toISOString().slice(0, 10);
		const start = instantOfWall(Date.parse(`${day}T00:00:00Z`), TIME_ZONE);
		const end = instantOfWall(Date.parse(`${day}T00:00:00Z`) + DAY, TIME_ZONE);
		const intervals: string[] = [];
		let holiday = false;
		if (entry && !isProblem(entry)) {
			holiday = entry.getPublicHolidayContext?.(floating(start + 12 * 3_600_000))?.isHoliday ?? false;
			// Intervals that start this day; one reaching into the next day is shown to its end.
			for (const [from, to] of entry.getOpenIntervals(floating(start), floating(end + DAY))) {
				const a = instantOf(from);
				if (a < start || a >= end) continue;
				intervals.push(`${stockholmClock(a)}–${stockholmClock(instantOf(to)) === '00:00' && instantOf(to) - a >= DAY - MINUTE ? '24:00' : stockholmClock(instantOf(to))}`);
			}
		}
		return { date: day, weekday: i, intervals, holiday };
	});
}
