/** Amounts in SEK and a programme's occurrences grouped per ISO week in Stockholm. */
import { stockholmParts } from '$lib/time/stockholm';
import type { EventFeature } from '$lib/events/event';

const sek = new Intl.NumberFormat('sv-SE', { style: 'currency', currency: 'SEK', maximumFractionDigits: 0, minimumFractionDigits: 0 });

/** 275000 → "275 000 kr" (Swedish grouping, whatever the page's language). */
export function formatSek(amount: number): string {
	return sek.format(amount);
}

const DAY = 86_400_000;

function utcDay(date: string): number {
	const [y, m, d] = date.split('-').map(Number);
	return Date.UTC(y, m - 1, d);
}

function isoDate(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

/** ISO 8601 week of a calendar date: year, week and the Monday and Sunday it spans. */
export function isoWeek(date: string): { year: number; week: number; monday: string; sunday: string } {
	const day = utcDay(date);
	const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday 0
	const monday = day - weekday * DAY;
	const thursday = monday + 3 * DAY;
	const year = new Date(thursday).getUTCFullYear();
	const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / DAY / 7) + 1;
	return { year, week, monday: isoDate(monday), sunday: isoDate(monday + 6 * DAY) };
}

export interface CalendarItem {
	key: string;
	event: EventFeature;
	startsAt: string;
	endsAt: string;
	date: string;
}

export interface CalendarWeek {
	key: string;
	year: number;
	week: number;
	monday: string;
	sunday: string;
	intensive: boolean;
	items: CalendarItem[];
}

/** Every occurrence of the events, in time order, grouped per ISO week (Stockholm dates). */
export function calendarWeeks(events: EventFeature[], intensiveFrom: string | null, intensiveTo: string | null): CalendarWeek[] {
	const items: CalendarItem[] = events.flatMap((event) =>
		(event.properties.occurrences?.length ? event.properties.occurrences : [{ startsAt: event.properties.startsAt, endsAt: event.properties.endsAt }]).map((o) => ({
			key: `${event.id}/${o.startsAt}`,
			event,
			startsAt: o.startsAt,
			endsAt: o.endsAt,
			date: stockholmParts(o.startsAt).date
		}))
	);
	items.sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || a.event.properties.title.localeCompare(b.event.properties.title, 'sv'));
	const weeks: CalendarWeek[] = [];
	for (const item of items) {
		const w = isoWeek(item.date);
		const key = `${w.year}-W${w.week}`;
		let current = weeks.at(-1);
		if (!current || current.key !== key) {
			const intensive = !!intensiveFrom && !!intensiveTo && w.monday <= intensiveTo && w.sunday >= intensiveFrom;
			current = { key, ...w, intensive, items: [] };
			weeks.push(current);
		}
		current.items.push(item);
	}
	return weeks;
}
