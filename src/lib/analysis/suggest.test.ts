import { describe, expect, it } from 'vitest';
import type { Position } from '$lib/geometry/geojson';
import { prepareActivities, periodHours, zoneCoverage, type CoverageActivity, type CoverageOptions, type CoverageZone, type PreparedActivity } from './coverage';
import { gridInside, suggestSites, type Suggestion } from './suggest';
import { fromSweref99tm } from './sweref99tm';

/** The greedy search as first written: every candidate scored against every zone, every round. */
function referenceSuggest(zones: readonly CoverageZone[], activities: readonly CoverageActivity[], candidates: readonly Position[], options: CoverageOptions & { k: number; radiusM: number }): Suggestion[] {
	const hours = periodHours(options);
	const prepared = prepareActivities(activities);
	const slot = hours.map((h) => ({ startsAt: new Date(h.middle - 1_800_000).toISOString(), endsAt: new Date(h.middle + 1_800_000).toISOString() }));
	const score = (extra: PreparedActivity[]) => zones.map((z) => ({ zoneId: z.id, weight: z.weight, t: zoneCoverage(z, [...prepared, ...extra], hours).timeCoverage ?? 0 }));
	const chosen: PreparedActivity[] = [];
	const picks: Suggestion[] = [];
	let current = score([]);
	const remaining = candidates.map((position, i) => ({ position, site: prepareActivities([{ id: `site-${i}`, geometry: { type: 'Point', coordinates: position }, radiusM: options.radiusM, intervals: slot }])[0]! }));
	for (let round = 0; round < options.k && remaining.length > 0; round++) {
		let best: { index: number; gain: number; after: ReturnType<typeof score> } | null = null;
		remaining.forEach((c, index) => {
			const after = score([...chosen, c.site]);
			const gain = after.reduce((s, z, i) => s + z.weight * (z.t - current[i]!.t), 0);
			if (!best || gain > best.gain + 1e-12) best = { index, gain, after };
		});
		const pick = best as { index: number; gain: number; after: ReturnType<typeof score> } | null;
		if (!pick || pick.gain <= 1e-12) break;
		const [taken] = remaining.splice(pick.index, 1);
		chosen.push(taken!.site);
		picks.push({ rank: round + 1, position: taken!.position, addedCoverage: pick.gain, byZone: pick.after.map((z, i) => ({ zoneId: z.zoneId, before: current[i]!.t, after: z.t })).filter((z) => z.after - z.before > 1e-12) });
		current = pick.after;
	}
	return picks;
}

/** A seeded generator (mulberry32), so the random park is the same on every run. */
function seeded(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

describe('placement suggestions on a random park', () => {
	const random = seeded(11);
	const at = (e: number, n: number): Position => fromSweref99tm([672500 + e, 6576000 + n]);
	const zones: CoverageZone[] = Array.from({ length: 25 }, (_, i) => {
		const [e, n, r] = [random() * 800, random() * 600, 20 + random() * 40];
		const ring = Array.from({ length: 7 }, (_, j) => at(e + r * Math.cos((2 * Math.PI * j) / 7), n + r * Math.sin((2 * Math.PI * j) / 7)));
		ring.push(ring[0]!);
		return { id: `z${i}`, geometry: { type: 'Polygon', coordinates: [ring] }, weight: 1 + Math.floor(random() * 5), profile: Array.from({ length: 168 }, (_, h) => (h % 24 >= 18 ? 2 : random())) };
	});
	const period = { from: '2023-05-31T22:00:00.000Z', to: '2023-08-31T22:00:00.000Z' };
	const activities: CoverageActivity[] = Array.from({ length: 30 }, (_, i) => ({
		id: `a${i}`,
		geometry: { type: 'Point', coordinates: at(random() * 800, random() * 600) },
		radiusM: 40 + random() * 60,
		intervals: [{ startsAt: `2023-06-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}T16:00:00Z`, endsAt: '2023-07-15T20:00:00Z' }]
	}));
	const park = { type: 'Polygon' as const, coordinates: [[at(0, 0), at(800, 0), at(800, 600), at(0, 600), at(0, 0)]] };
	const candidates = gridInside(park, 60);

	it('gives exactly the picks of scoring every zone for every candidate', () => {
		const options = { ...period, hoursOfWeek: new Set([114, 115, 116, 117, 138, 139]), k: 4, radiusM: 80 };
		const fast = suggestSites(zones, activities, candidates, options);
		expect(fast.length).toBe(4);
		expect(fast).toEqual(referenceSuggest(zones, activities, candidates, options));
	});
});
