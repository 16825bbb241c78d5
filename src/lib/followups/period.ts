/**
 * The periods a follow-up and a steering-group report cover: a tertial (T1 January–April,
 * T2 May–August, T3 September–December) or the whole year (the annual report,
 * verksamhetsberättelse). Named in addresses as `2023-T2` or `2023`. Client-safe.
 */
import { z } from 'zod';
import { lastDayOf, monthRange } from '$lib/time/months';

export const TERTIALS = [1, 2, 3] as const;
export type Tertial = (typeof TERTIALS)[number];

/** Years a follow-up may be written for (the follow_ups table's check). */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

export interface ReportPeriod {
	year: number;
	/** 1–3, or null for the whole year. */
	tertial: Tertial | null;
	/** `2023-T2`, or `2023` for the year. */
	key: string;
	/** First and last day, both included (YYYY-MM-DD). */
	from: string;
	to: string;
	/** Its months, "YYYY-MM". */
	months: string[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** @example reportPeriod(2023, 2) → { key: '2023-T2', from: '2023-05-01', to: '2023-08-31', months: ['2023-05', …, '2023-08'] } */
export function reportPeriod(year: number, tertial: Tertial | null): ReportPeriod {
	if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) throw new RangeError(`a follow-up year is ${FIRST_YEAR}–${LAST_YEAR}, not ${year}`);
	const first = tertial === null ? 1 : (tertial - 1) * 4 + 1;
	const last = tertial === null ? 12 : first + 3;
	const fromMonth = `${year}-${pad(first)}`;
	const toMonth = `${year}-${pad(last)}`;
	return {
		year,
		tertial,
		key: tertial === null ? String(year) : `${year}-T${tertial}`,
		from: `${fromMonth}-01`,
		to: lastDayOf(toMonth),
		months: monthRange(fromMonth, toMonth)
	};
}

/** The same period a year before (the incident trend's comparison). */
export function sameLastYear(period: ReportPeriod): ReportPeriod {
	return reportPeriod(period.year - 1, period.tertial);
}

/** The period a date (YYYY-MM-DD) falls in. */
export function tertialOf(date: string): ReportPeriod {
	const month = Number(date.slice(5, 7));
	return reportPeriod(Number(date.slice(0, 4)), (Math.floor((month - 1) / 4) + 1) as Tertial);
}

/** `2023-T2` or `2023` in an address or a query. */
export const periodParam = z
	.string()
	.regex(/^\d{4}(-T[123])?$/, 'period_format')
	.refine((s) => Number(s.slice(0, 4)) >= FIRST_YEAR && Number(s.slice(0, 4)) <= LAST_YEAR, 'period_year')
	.transform((s) => reportPeriod(Number(s.slice(0, 4)), s.length > 4 ? (Number(s.slice(6)) as Tertial) : null));

/** The period of a follow-up row (year, tertial or null). */
export const periodOf = (year: number, tertial: number | null) => reportPeriod(year, tertial === null ? null : (tertial as Tertial));
