import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coverage, type CoverageActivity, type CoverageZone } from './coverage';

interface Fixture {
	description: string[];
	period: { from: string; to: string };
	zones: CoverageZone[];
	activities: CoverageActivity[];
	handWorked: Record<string, { spatialCoverage?: number; timeCoverage?: number; gapScore?: number; coveredBy?: Record<string, number> }>;
}

const dir = resolve(__dirname, '../../../tests/fixtures/analysis/coverage/in');
const fixtures = readdirSync(dir)
	.filter((f) => f.endsWith('.json'))
	.sort()
	.map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(dir, f), 'utf8')) as Fixture] as const);

const close = (actual: number | null | undefined, expected: number, what: string) => {
	expect(actual, what).not.toBeNull();
	expect(Math.abs(actual! - expected), `${what}: ${actual} vs ${expected}`).toBeLessThan(1e-6 * Math.max(1, Math.abs(expected)));
};

describe('coverage on hand-worked fixtures', () => {
	it.each(fixtures)('%s', (_name, fixture) => {
		const result = coverage(fixture.zones, fixture.activities, fixture.period);
		for (const [zoneId, expected] of Object.entries(fixture.handWorked)) {
			const z = result.find((r) => r.zoneId === zoneId)!;
			if (expected.spatialCoverage !== undefined) close(z.spatialCoverage, expected.spatialCoverage, 'spatial coverage');
			if (expected.timeCoverage !== undefined) close(z.timeCoverage, expected.timeCoverage, 'time-aware coverage');
			if (expected.gapScore !== undefined) close(z.gapScore, expected.gapScore, 'gap score');
			for (const [id, share] of Object.entries(expected.coveredBy ?? {})) close(z.coveredBy.find((c) => c.id === id)?.share ?? 0, share, `share of ${id}`);
		}
	});
});

describe('coverage', () => {
	const [, half] = fixtures.find(([n]) => n === 'half-covered-two-of-four-hours')!;

	it('counts only the hours of the week asked for', () => {
		// Only Friday 18–19 (hour 114): the activity covers it half → 0.5.
		const [z] = coverage(half.zones, half.activities, { ...half.period, hoursOfWeek: new Set([114]) });
		expect(z!.timeCoverage).toBeCloseTo(0.5, 6);
		// Only Monday mornings: no weighted hour at all → no time coverage, no gap score.
		const [none] = coverage(half.zones, half.activities, { ...half.period, hoursOfWeek: new Set([8, 9]) });
		expect([none!.timeCoverage, none!.gapScore]).toEqual([null, null]);
	});

	it('reports problem and covered weight per hour of the week for the charts', () => {
		const [z] = coverage(half.zones, half.activities, half.period);
		expect(z!.problemByHour[114]).toBeCloseTo(0.25, 9);
		expect(z!.coveredByHour[114]).toBeCloseTo(0.125, 6);
		expect(z!.coveredByHour[116]).toBe(0);
	});

	it('gives an empty zone list nothing and an activity far away no share', () => {
		expect(coverage([], half.activities, half.period)).toEqual([]);
		const far = { ...half.activities[0]!, id: 'far', geometry: { type: 'Point' as const, coordinates: [18.2, 59.4] as [number, number] }, radiusM: 50 };
		const [z] = coverage(half.zones, [far], half.period);
		expect(z!.coveredBy).toEqual([]);
		expect(z!.timeCoverage).toBe(0);
		expect(z!.gapScore).toBe(2);
	});

	it('sorts zones by gap score, largest first', () => {
		const zones = [{ ...half.zones[0]!, id: 'small', weight: 1 }, { ...half.zones[0]!, id: 'big', weight: 10 }];
		expect(coverage(zones, half.activities, half.period).map((z) => z.zoneId)).toEqual(['big', 'small']);
	});
});

describe('placement suggestions', () => {
	it('picks the site that covers the uncovered zone in its problem hours first, and stops when nothing more helps', async () => {
		const { suggestSites } = await import('./suggest');
		const [, half] = fixtures.find(([n]) => n === 'half-covered-two-of-four-hours')!;
		const zone = half.zones[0]!;
		// Candidates: the zone's east half (uncovered), and 1 km away.
		const ring = (zone.geometry as { coordinates: [number, number][][] }).coordinates[0]!;
		const [minLon, maxLon] = [Math.min(...ring.map((p) => p[0])), Math.max(...ring.map((p) => p[0]))];
		const [minLat, maxLat] = [Math.min(...ring.map((p) => p[1])), Math.max(...ring.map((p) => p[1]))];
		const east: [number, number] = [minLon + 0.75 * (maxLon - minLon), (minLat + maxLat) / 2];
		const far: [number, number] = [east[0] + 0.02, east[1]];
		const picks = suggestSites([zone], half.activities, [far, east], { ...half.period, hoursOfWeek: new Set([114, 115, 116, 117]), k: 3, radiusM: 200 });
		// A 200 m circle round the east half covers the whole zone in all four hours: T goes 0.25 → 1, weight 2 → +1.5.
		expect(picks).toHaveLength(1);
		expect(picks[0]!.position).toEqual(east);
		expect(picks[0]!.addedCoverage).toBeCloseTo(1.5, 6);
		expect(picks[0]!.byZone[0]).toMatchObject({ zoneId: 'Z' });
		expect(picks[0]!.byZone[0]!.before).toBeCloseTo(0.25, 6);
		expect(picks[0]!.byZone[0]!.after).toBeCloseTo(1, 6);
	});
});
