/**
 * Dark hours: when a lighting measure is active (DESIGN §4 "lighting only when dark").
 * Pure and client-safe, with `suncalc`.
 *
 * Definition chosen: **dark = the sun's upper limb below the horizon, i.e. from sunset to
 * sunrise** (sun centre below −0.833°, the standard refraction-corrected horizon, the
 * same as SunCalc's and the almanacs' sunrise/sunset). Why not civil dusk/dawn (−6°)?
 * (1) at Stockholm's latitude the sun never gets 6° below the horizon from late May to
 * mid-July, so civil "dark" would not exist at all in the busiest events season while
 * paths under trees are in fact dim; (2) street lighting in Stockholm is switched by
 * light sensors and timers at about sunset, so sunset→sunrise is when a lamp is
 * actually on. The definition is one constant (`DARK_BELOW_DEG`) should that change.
 */
import SunCalc from 'suncalc';
import { instantOfWall, wallOf } from '$lib/time/timezone';

/** The sun's altitude (degrees, centre) below which it counts as dark: sunset/sunrise. */
export const DARK_BELOW_DEG = -0.833;

const DAY = 86_400_000;

export interface DarkInterval {
	/** Local date (`YYYY-MM-DD`) of the evening the night starts on. */
	night: string;
	/** ISO UTC. */
	startsAt: string;
	/** ISO UTC. */
	endsAt: string;
}

function checkPlace(lon: number, lat: number) {
	if (!Number.isFinite(lon) || lon < -180 || lon > 180) throw new RangeError(`longitude out of range: ${lon}`);
	if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw new RangeError(`latitude out of range: ${lat}`);
}

function instant(value: string | Date, field: string): number {
	const ms = value instanceof Date ? value.getTime() : Date.parse(value);
	if (!Number.isFinite(ms)) throw new RangeError(`${field} is not a valid time: ${String(value)}`);
	return ms;
}

/**
 * Is it dark (sun below the horizon) at this instant and place?
 *
 * @example
 * isDark('2023-12-21T22:00:00Z', 18.07, 59.33) // → true  (23:00 in Stockholm, December)
 * isDark('2023-06-21T10:00:00Z', 18.07, 59.33) // → false (noon in June)
 */
export function isDark(at: string | Date, lon: number, lat: number): boolean {
	checkPlace(lon, lat);
	const altitude = SunCalc.getPosition(new Date(instant(at, 'at')), lat, lon).altitude;
	return (altitude * 180) / Math.PI < DARK_BELOW_DEG;
}

/** Sunset (or null) of a local date, from SunCalc's times for that date's local noon. */
function sunTimes(wallNoon: number, timeZone: string, lon: number, lat: number) {
	const t = SunCalc.getTimes(new Date(instantOfWall(wallNoon, timeZone)), lat, lon);
	const ok = (d: Date) => (Number.isFinite(d.getTime()) ? d.getTime() : null);
	return { sunrise: ok(t.sunrise), sunset: ok(t.sunset) };
}

/**
 * The dark intervals (sunset → next sunrise) overlapping `[from, to)`, one per night,
 * clipped to the range, in order. At polar latitudes a night without sunset (midnight
 * sun) gives no interval and a day without sunrise (polar night) a whole-day one.
 *
 * @example
 * darkIntervals('2023-12-21T12:00:00Z', '2023-12-22T12:00:00Z', 18.07, 59.33)
 * // → [{ night: '2023-12-21', startsAt: '2023-12-21T13:48…Z', endsAt: '2023-12-22T07:43…Z' }]
 */
export function darkIntervals(from: string | Date, to: string | Date, lon: number, lat: number, timeZone = 'Europe/Stockholm'): DarkInterval[] {
	checkPlace(lon, lat);
	const start = instant(from, 'from');
	const end = instant(to, 'to');
	if (end <= start) return [];
	// Local calendar days from the day before `from` (its night may reach into the range).
	const firstDay = Math.floor(wallOf(start, timeZone) / DAY) * DAY - DAY;
	const lastDay = Math.floor(wallOf(end, timeZone) / DAY) * DAY;
	const out: DarkInterval[] = [];
	let next = sunTimes(firstDay + DAY / 2, timeZone, lon, lat);
	for (let day = firstDay; day <= lastDay; day += DAY) {
		const today = next;
		next = sunTimes(day + DAY + DAY / 2, timeZone, lon, lat);
		let s: number;
		let e: number;
		if (today.sunset !== null && next.sunrise !== null) {
			s = today.sunset;
			e = next.sunrise;
		} else {
			// No sunset or sunrise: decide by the sun at local midnight after this day.
			const midnight = instantOfWall(day + DAY, timeZone);
			if (!isDark(new Date(midnight), lon, lat)) continue;
			s = today.sunset ?? instantOfWall(day + DAY / 2, timeZone);
			e = next.sunrise ?? instantOfWall(day + DAY + DAY / 2, timeZone);
		}
		const cs = Math.max(s, start);
		const ce = Math.min(e, end);
		if (ce > cs) out.push({ night: new Date(day).toISOString().slice(0, 10), startsAt: new Date(cs).toISOString(), endsAt: new Date(ce).toISOString() });
	}
	return out;
}
