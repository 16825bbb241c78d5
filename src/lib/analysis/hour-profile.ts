/**
 * Problem-hour profiles (DESIGN §4): a weight for each of the 168 hours of the week,
 * Monday 00–01 first, in Europe/Stockholm, from the incidents and findings inside a zone
 * in a period; uniform when there are none. Weights sum to 1.
 *
 * An incident counts 1 at its hour of week. A finding counts 1 too, spread evenly over
 * the hours of the times of day it was reported for (day 06–18, evening 18–22, night
 * 22–06, every day of the week), or over the whole week when none was given.
 */
export const HOURS_OF_WEEK = 168;

export const TIME_OF_DAY_HOURS: Readonly<Record<'day' | 'evening' | 'night', readonly number[]>> = {
	day: [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17],
	evening: [18, 19, 20, 21],
	night: [22, 23, 0, 1, 2, 3, 4, 5]
};

/** Monday 00:00–01:00 is 0, Sunday 23:00–24:00 is 167. `isoDay` is 1 (Monday) … 7 (Sunday). */
export const hourOfWeek = (isoDay: number, hour: number) => (isoDay - 1) * 24 + hour;

export function uniformProfile(): number[] {
	return Array.from({ length: HOURS_OF_WEEK }, () => 1 / HOURS_OF_WEEK);
}

export function hourProfile(incidentCounts: ReadonlyMap<number, number> | readonly number[], findings: readonly (readonly ('day' | 'evening' | 'night')[])[] = []): number[] {
	const weights = new Array<number>(HOURS_OF_WEEK).fill(0);
	const entries: [number, number][] = Array.isArray(incidentCounts) ? (incidentCounts as number[]).map((n, h) => [h, n]) : [...(incidentCounts as ReadonlyMap<number, number>)];
	for (const [h, n] of entries) {
		if (!Number.isInteger(h) || h < 0 || h >= HOURS_OF_WEEK) throw new RangeError(`hour of week ${h} is outside 0–167`);
		weights[h]! += n;
	}
	const spread = findingWeights(findings);
	return profileOf(weights.map((w, h) => w + spread[h]!));
}

/** Findings' weights per hour of week, not yet normalised: each finding adds 1 in all. */
export function findingWeights(findings: readonly (readonly ('day' | 'evening' | 'night')[])[]): number[] {
	const weights = new Array<number>(HOURS_OF_WEEK).fill(0);
	for (const times of findings) {
		const hours = times.length ? [...new Set(times.flatMap((t) => TIME_OF_DAY_HOURS[t]))] : Array.from({ length: 24 }, (_, h) => h);
		const share = 1 / (hours.length * 7);
		for (let day = 1; day <= 7; day++) for (const hour of hours) weights[hourOfWeek(day, hour)]! += share;
	}
	return weights;
}

/** Weights per hour of week scaled to sum to 1; uniform when they are all 0. */
export function profileOf(weights: readonly number[]): number[] {
	if (weights.length !== HOURS_OF_WEEK) throw new RangeError(`a profile has ${HOURS_OF_WEEK} hours, not ${weights.length}`);
	const total = weights.reduce((a, b) => a + b, 0);
	return total > 0 ? weights.map((w) => w / total) : uniformProfile();
}
