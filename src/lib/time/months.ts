/**
 * Calendar months as "YYYY-MM" strings, the unit monthly series are kept in (the month of a
 * moment is its month in Stockholm: `monthSql` in $lib/incidents/privacy.server).
 */
import { z } from 'zod';
import { inDateRange } from './dates';

/** "YYYY-MM", or a date "YYYY-MM-DD" read as its month; between 1900 and 2100. */
export const monthParam = z
	.string()
	.regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, 'a month is YYYY-MM (or a date YYYY-MM-DD)')
	.transform((s) => s.slice(0, 7))
	.refine((m) => inDateRange(`${m}-01`), 'the month must be between 1900 and 2100');

/** The month `n` months after `month` (before it when n < 0). */
export function addMonths(month: string, n: number): string {
	const k = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
	return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
}

/** Months from `from` to `to`, both included (empty when `to` is before `from`). */
export function monthRange(from: string, to: string): string[] {
	const months: string[] = [];
	for (let m = from; m <= to; m = addMonths(m, 1)) months.push(m);
	return months;
}

/** How many months from `from` to `to`, both included. */
export function monthCount(from: string, to: string): number {
	const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
	return Math.max(0, index(to) - index(from) + 1);
}

/** The last day "YYYY-MM-DD" of a month. */
export function lastDayOf(month: string): string {
	const next = addMonths(month, 1);
	return new Date(Date.parse(`${next}-01T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
