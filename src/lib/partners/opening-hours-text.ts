/**
 * A service's opening hours, stored in OpenStreetMap's `opening_hours` syntax
 * ("Mo-Fr 08:00-15:00; Sa 10:00-14:00"), as a person reads them in the UI's language:
 * "mån–fre 08–15; lör 10–14" or "Mon–Fri 08–15; Sat 10–14". Only the forms service directories
 * use are read — weekdays, day ranges and lists, one or more time spans, `off`, `24/7` and
 * public holidays (`PH`); anything else (months, week numbers, sunrise, comments) is shown as
 * written rather than half-understood. Deciding whether a place is open now is another matter
 * (the `opening_hours` library does it). Client-safe, pure.
 */
import { weekdayName } from '$lib/time/stockholm';

const DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;

const WORDS = {
	sv: { closed: 'stängt', always: 'dygnet runt', holidays: 'helgdagar', and: ', ' },
	en: { closed: 'closed', always: '24/7', holidays: 'public holidays', and: ', ' }
} as const;

const TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;
const SPAN = /^(\d{2}:\d{2})-(\d{2}:\d{2})\+?$/;
const DAY_PART = /^(?:Mo|Tu|We|Th|Fr|Sa|Su|PH)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?$/;

/** "08:00" → "08", "16:30" → "16:30". */
function clock(time: string): string {
	const [h, m] = time.split(':');
	return m === '00' ? h! : `${h}:${m}`;
}

function days(selector: string, lang: 'sv' | 'en'): string | null {
	const parts = selector.split(',');
	if (!parts.every((p) => DAY_PART.test(p))) return null;
	const name = (d: string) => (d === 'PH' ? WORDS[lang].holidays : weekdayName(DAYS.indexOf(d as (typeof DAYS)[number]), lang, 'short'));
	return parts.map((p) => p.split('-').map(name).join('–')).join(WORDS[lang].and);
}

function times(selector: string, lang: 'sv' | 'en'): string | null {
	if (selector === 'off' || selector === 'closed') return WORDS[lang].closed;
	const spans = selector.split(',').map((s) => SPAN.exec(s));
	if (!spans.every((m) => m && TIME.test(m[1]!) && TIME.test(m[2]!))) return null;
	return spans.map((m) => `${clock(m![1]!)}–${clock(m![2]!)}`).join(', ');
}

/** One rule ("Mo-Fr 08:00-15:00", "Sa off", "10:00-14:00") in words, or null when it is not a simple one. */
function rule(text: string, lang: 'sv' | 'en'): string | null {
	if (text === '24/7') return WORDS[lang].always;
	const [first, ...rest] = text.split(/\s+/);
	if (!first) return null;
	if (rest.length === 0) return times(first, lang);
	if (rest.length !== 1) return null;
	const d = days(first, lang);
	const t = times(rest[0]!, lang);
	return d && t ? `${d} ${t}` : null;
}

/** The opening hours in words, or the text as written when it uses more than the common forms. */
export function formatOpeningHours(value: string, locale: string): string {
	const lang = locale === 'en' ? 'en' : 'sv';
	const text = value.trim();
	if (!text) return '';
	const rules = text.split(';').map((r) => r.trim()).filter(Boolean);
	const read = rules.map((r) => rule(r.replace(/\s*-\s*/g, '-').replace(/\s*,\s*/g, ','), lang));
	return read.every((r) => r !== null) ? read.join('; ') : text;
}
