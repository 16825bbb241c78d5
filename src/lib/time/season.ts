/**
 * The season the planning and coverage views show by default. A season is 1 April – 30
 * September of one year: the programmes' intensive period ("Sommar i Tanto": events, outreach,
 * cleaning rounds and the light evenings when the parks fill up), the months DESIGN §3 calls
 * intensive. The rest of the year is planned too, but by choosing dates.
 *
 * Which season a view opens on: the latest one that has events, but never one after the
 * coming season — so the demo (2023) still shows its summer, and a district that has started
 * placing next summer's events opens on next summer. Without any events, the coming season.
 * Client-safe and pure.
 */

/** The season's first and last month (1–12). */
export const SEASON_MONTHS = { first: 4, last: 9 } as const;

export interface Season {
	year: number;
	/** First and last day, YYYY-MM-DD (calendar dates in Stockholm). */
	from: string;
	to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const LAST_DAY = new Date(Date.UTC(2001, SEASON_MONTHS.last, 0)).getUTCDate(); // 30 for September

export function season(year: number): Season {
	return { year, from: `${year}-${pad(SEASON_MONTHS.first)}-01`, to: `${year}-${pad(SEASON_MONTHS.last)}-${pad(LAST_DAY)}` };
}

/**
 * The season running today, or the next one when this year's is over: on 2026-11-30 that is
 * 2027's, on 2026-05-10 2026's (running), on 2026-02-01 2026's (coming).
 */
export function comingSeason(today: string): Season {
	const year = Number(today.slice(0, 4));
	return today <= season(year).to ? season(year) : season(year + 1);
}

/**
 * The season a view opens on: the latest of `yearsWithEvents` up to the coming season, else
 * the coming season. Example: today 2026-11-30, events in 2022 and 2023 → 2023; events also
 * in 2027 → 2027; events only in 2030 (a test far ahead) → 2027.
 */
export function defaultSeason(today: string, yearsWithEvents: readonly number[]): Season {
	const coming = comingSeason(today);
	const latest = Math.max(-Infinity, ...yearsWithEvents.filter((y) => Number.isInteger(y) && y <= coming.year));
	return Number.isFinite(latest) ? season(latest) : coming;
}

/** The season whose exact dates a period is, or null for any other period. */
export function seasonOf(from: string, to: string): Season | null {
	const year = Number(from.slice(0, 4));
	const s = season(year);
	return s.from === from && s.to === to ? s : null;
}

/**
 * The seasons to offer: the coming one and every one with events (newest first), without
 * duplicates, each marked with what it is.
 */
export function seasonChoices(today: string, yearsWithEvents: readonly number[]): (Season & { coming: boolean; hasEvents: boolean })[] {
	const coming = comingSeason(today);
	const years = [...new Set([coming.year, ...yearsWithEvents.filter((y) => Number.isInteger(y))])].sort((a, b) => b - a);
	return years.map((y) => ({ ...season(y), coming: y === coming.year, hasEvents: yearsWithEvents.includes(y) }));
}

/**
 * The period to show a date in when it lies outside the one shown: its season, or its
 * calendar month outside the season months. Example: 2027-06-11 → 2027-04-01…2027-09-30;
 * 2027-12-03 → 2027-12-01…2027-12-31.
 */
export function periodAround(date: string): { from: string; to: string } {
	const year = Number(date.slice(0, 4));
	const month = Number(date.slice(5, 7));
	if (month >= SEASON_MONTHS.first && month <= SEASON_MONTHS.last) return season(year);
	const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
	return { from: `${date.slice(0, 7)}-01`, to: `${date.slice(0, 7)}-${pad(last)}` };
}
