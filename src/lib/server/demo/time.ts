/**
 * Europe/Stockholm wall-clock helpers without Intl or the host time zone.
 *
 * A "wall" value is the local wall-clock time encoded as milliseconds as if it were
 * UTC (`Date.UTC(y, m - 1, d, h, min)`), so adding hours/days is plain arithmetic on
 * the clock. Conversion to an instant applies the EU summer-time rule (CEST, +02:00,
 * from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC;
 * otherwise CET, +01:00) — e.g. 2023-03-26 to 2023-10-29 and 2024-03-31 to 2024-10-27.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** Wall-clock time; month is 1-based. */
export function wall(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
	return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** Parse `YYYY-MM-DD` or `YYYY-MM-DD HH:MM` as wall-clock time. */
export function parseWall(text: string): number {
	const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?$/.exec(text);
	if (!m) throw new Error(`bad local date-time: ${text}`);
	return wall(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0));
}

function lastSundayUtc(year: number, month: number): number {
	const lastDay = new Date(Date.UTC(year, month, 0)); // month is 1-based here → day 0 of next month
	return lastDay.getUTCDate() - lastDay.getUTCDay();
}

/** Whether an instant (UTC ms) falls in Swedish summer time. */
export function isStockholmSummerTime(utcMs: number): boolean {
	const year = new Date(utcMs).getUTCFullYear();
	const start = Date.UTC(year, 2, lastSundayUtc(year, 3), 1);
	const end = Date.UTC(year, 9, lastSundayUtc(year, 10), 1);
	return utcMs >= start && utcMs < end;
}

/** UTC offset in minutes (60 or 120) at an instant. */
export function stockholmOffsetMinutes(utcMs: number): number {
	return isStockholmSummerTime(utcMs) ? 120 : 60;
}

/**
 * Instant for a wall-clock time. In the autumn overlap the first (summer-time)
 * instant is used; a non-existent spring time (02:xx) moves forward one hour.
 */
export function wallToUtc(w: number): number {
	const summer = w - 2 * HOUR_MS;
	if (isStockholmSummerTime(summer)) return summer;
	return w - HOUR_MS;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** ISO 8601 with explicit offset, e.g. `2023-06-17T18:00:00+02:00`. */
export function isoLocal(w: number): string {
	const utc = wallToUtc(w);
	const offset = stockholmOffsetMinutes(utc);
	const d = new Date(utc + offset * 60_000);
	return (
		`${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
		`T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` +
		`+${pad(offset / 60)}:00`
	);
}

/** `YYYY-MM-DD` of a wall-clock time. */
export function isoDate(w: number): string {
	const d = new Date(w);
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** RFC 5545 UTC form, e.g. `20230825T190000Z`, of a wall-clock time. */
export function rfc5545Utc(w: number): string {
	const d = new Date(wallToUtc(w));
	return (
		`${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
		`T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`
	);
}

/** ISO weekday of a wall-clock time: 1 = Monday … 7 = Sunday. */
export function isoWeekday(w: number): number {
	const d = new Date(w).getUTCDay();
	return d === 0 ? 7 : d;
}

export function monthOf(w: number): number {
	return new Date(w).getUTCMonth() + 1;
}

export function yearOf(w: number): number {
	return new Date(w).getUTCFullYear();
}

/** Whole days between two wall-clock times (b − a). */
export function daysBetween(a: number, b: number): number {
	return Math.round((b - a) / DAY_MS);
}
