/**
 * Wall-clock time in a named IANA time zone, with nothing but `Intl`: the offset of a
 * zone at an instant, an instant's local wall time, and a local wall time's instant.
 * Pure and client-safe. A "wall time" is carried as milliseconds of a fake UTC clock
 * (`Date.UTC(y, m, d, h, min)`), the usual floating-time technique.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
	let f = formatters.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric'
		});
		formatters.set(timeZone, f);
	}
	return f;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
	try {
		formatter(timeZone);
		return true;
	} catch {
		return false;
	}
}

/** The offset from Intl itself (whole seconds: Stockholm's local mean time was +01:12:12). */
function intlOffset(instantMs: number, timeZone: string): number {
	const whole = Math.floor(instantMs / 1000) * 1000;
	const parts: Record<string, number> = {};
	for (const p of formatter(timeZone).formatToParts(new Date(whole))) {
		if (p.type !== 'literal') parts[p.type] = Number(p.value);
	}
	return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - whole;
}

/**
 * Offsets per zone and quarter hour. Asking Intl costs ~4 µs, and a season's dark hours for
 * a few hundred lamps ask it a few hundred thousand times, nearly always for the same
 * quarter hours. A quarter hour is cached only when its first and last second have the
 * same offset (no change inside it); otherwise Intl is asked every time.
 */
const QUARTER = 15 * 60_000;
const offsets = new Map<string, Map<number, number>>();

/** The zone's offset from UTC at an instant, in milliseconds (Stockholm in July: +7,200,000). */
export function offsetAt(instantMs: number, timeZone: string): number {
	let byQuarter = offsets.get(timeZone);
	if (!byQuarter) offsets.set(timeZone, (byQuarter = new Map()));
	const quarter = Math.floor(instantMs / QUARTER);
	let offset = byQuarter.get(quarter);
	if (offset === undefined) {
		const first = intlOffset(quarter * QUARTER, timeZone);
		offset = first === intlOffset(quarter * QUARTER + QUARTER - 1000, timeZone) ? first : NaN;
		if (byQuarter.size >= 100_000) byQuarter.clear();
		byQuarter.set(quarter, offset);
	}
	return Number.isNaN(offset) ? intlOffset(instantMs, timeZone) : offset;
}

/**
 * The wall time (fake-UTC milliseconds) of an instant in a zone.
 *
 * @example
 * // 2023-06-02T16:00Z is 18:00 in Stockholm (CEST, +02:00)
 * new Date(wallOf(Date.parse('2023-06-02T16:00:00Z'), 'Europe/Stockholm')).toISOString()
 * // → '2023-06-02T18:00:00.000Z'
 */
export function wallOf(instantMs: number, timeZone: string): number {
	return instantMs + offsetAt(instantMs, timeZone);
}

/**
 * The instant of a wall time in a zone. A wall time that does not exist (the skipped
 * hour of the spring change) is read with the offset before the change, landing one
 * hour later on the clock; an ambiguous one (the repeated hour in autumn) resolves to
 * the earlier instant.
 *
 * @example
 * instantOfWall(Date.UTC(2023, 9, 27, 18), 'Europe/Stockholm') // 18:00 CEST → 2023-10-27T16:00Z
 * instantOfWall(Date.UTC(2023, 10, 3, 18), 'Europe/Stockholm') // 18:00 CET  → 2023-11-03T17:00Z
 */
export function instantOfWall(wallMs: number, timeZone: string): number {
	// Candidate offsets: the zone's offset a day before and a day after the wall time
	// (no zone changes offset twice within two days). Prefer the earlier instant.
	const before = offsetAt(wallMs - 86_400_000, timeZone);
	const after = offsetAt(wallMs + 86_400_000, timeZone);
	const earlier = wallMs - Math.max(before, after);
	const later = wallMs - Math.min(before, after);
	if (wallOf(earlier, timeZone) === wallMs) return earlier;
	if (later !== earlier && wallOf(later, timeZone) === wallMs) return later;
	// In a gap: use the offset in force before the change.
	return wallMs - before;
}
