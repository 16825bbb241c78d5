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

/**
 * The wall time (fake-UTC milliseconds) of an instant in a zone.
 *
 * @example
 * // 2023-06-02T16:00Z is 18:00 in Stockholm (CEST, +02:00)
 * new Date(wallOf(Date.parse('2023-06-02T16:00:00Z'), 'Europe/Stockholm')).toISOString()
 * // → '2023-06-02T18:00:00.000Z'
 */
export function wallOf(instantMs: number, timeZone: string): number {
	const whole = Math.floor(instantMs / 1000) * 1000;
	const parts: Record<string, number> = {};
	for (const p of formatter(timeZone).formatToParts(new Date(whole))) {
		if (p.type !== 'literal') parts[p.type] = Number(p.value);
	}
	return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) + (instantMs - whole);
}

/** The zone's offset from UTC at an instant, in milliseconds (Stockholm in July: +7,200,000). */
export function offsetAt(instantMs: number, timeZone: string): number {
	return wallOf(instantMs, timeZone) - instantMs;
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
	const candidates = [...new Set([before, after])].map((o) => wallMs - o).sort((a, b) => a - b);
	for (const instant of candidates) {
		if (wallOf(instant, timeZone) === wallMs) return instant;
	}
	// In a gap: use the offset in force before the change.
	return wallMs - before;
}
