/**
 * Walks happen in Stockholm: the form asks for a local date and time there and the API
 * gets an ISO timestamp with the offset that applies on that day (+01:00 or +02:00),
 * whatever time zone the browser is in.
 */
export const TIME_ZONE = 'Europe/Stockholm';

const partsFormat = new Intl.DateTimeFormat('en-GB', {
	timeZone: TIME_ZONE,
	hourCycle: 'h23',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit'
});

/** Wall-clock parts in Stockholm of an instant. */
function wallClock(instant: number) {
	const parts = Object.fromEntries(partsFormat.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
	return {
		date: `${parts.year}-${parts.month}-${parts.day}`,
		time: `${parts.hour}:${parts.minute}`,
		asUtc: Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second)
	};
}

/** Stockholm's offset from UTC at an instant, in minutes (60 in winter, 120 in summer). */
function offsetMinutes(instant: number): number {
	return Math.round((wallClock(instant).asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * "2023-05-10" + "18:00" → "2023-05-10T18:00:00+02:00". A time skipped when the clocks
 * go forward gets the offset after the change (summer time), a time repeated when they go
 * back the later one (winter time); null when the input is not a date/time.
 */
export function stockholmIso(date: string, time: string): string | null {
	const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	const t = /^(\d{2}):(\d{2})$/.exec(time);
	if (!d || !t) return null;
	const asUtc = Date.UTC(+d[1], +d[2] - 1, +d[3], +t[1], +t[2]);
	if (Number.isNaN(asUtc)) return null;
	// The offset at the wall-clock time read as UTC is right except within hours of a change;
	// one correction settles it.
	let offset = offsetMinutes(asUtc - offsetMinutes(asUtc) * 60_000);
	offset = offsetMinutes(asUtc - offset * 60_000);
	const sign = offset >= 0 ? '+' : '-';
	const abs = Math.abs(offset);
	const hh = String(Math.floor(abs / 60)).padStart(2, '0');
	const mm = String(abs % 60).padStart(2, '0');
	return `${date}T${time}:00${sign}${hh}:${mm}`;
}

/** An ISO instant as the Stockholm date and time a form field shows. */
export function stockholmParts(iso: string): { date: string; time: string } {
	const { date, time } = wallClock(Date.parse(iso));
	return { date, time };
}

/** Today's date in Stockholm, YYYY-MM-DD. */
export function stockholmToday(now = Date.now()): string {
	return wallClock(now).date;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = locale + JSON.stringify(options);
	let f = formats.get(key);
	if (!f) formats.set(key, (f = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'sv-SE', { timeZone: TIME_ZONE, ...options })));
	return f;
}

export function formatDateTime(iso: string, locale: string): string {
	return format(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatTime(iso: string, locale: string): string {
	return format(locale, { timeStyle: 'short' }).format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD, no time zone) in the page's language. */
export function formatDate(date: string, locale: string): string {
	const [y, m, d] = date.slice(0, 10).split('-').map(Number);
	return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'sv-SE', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** "18:00–20:00" or "10 maj 2023 18:00–20:00" for a walk's time window. */
export function formatWindow(startsAt: string, endsAt: string | null, locale: string): string {
	const start = formatDateTime(startsAt, locale);
	if (!endsAt) return start;
	const sameDay = stockholmParts(startsAt).date === stockholmParts(endsAt).date;
	return `${start}–${sameDay ? formatTime(endsAt, locale) : formatDateTime(endsAt, locale)}`;
}

/** Whole days in Stockholm: from the start of `from` to the end of `to` (YYYY-MM-DD), as ISO instants. */
export function stockholmPeriod(from: string, to: string): { from: string; to: string } {
	const dayAfter = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
	return { from: new Date(stockholmIso(from, '00:00')!).toISOString(), to: new Date(stockholmIso(dayAfter, '00:00')!).toISOString() };
}

/**
 * A weekday's name in the page's language, Monday = 0 … Sunday = 6: "fredag" / "Friday",
 * short "fre" / "Fri" (what Intl says for the locale, so both languages spell them alike everywhere).
 */
export function weekdayName(index: number, locale: string, width: 'long' | 'short' = 'long'): string {
	// 1 January 2024 was a Monday.
	return format(locale, { weekday: width, timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + index, 12)));
}
