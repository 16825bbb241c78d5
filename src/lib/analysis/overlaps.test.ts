/**
 * Fixture tests for the overlap analysis: every tests/fixtures/analysis/overlaps/in/*.geojson
 * is computed and compared with out/*.json (areas within 0.5 %, hours and pairs exact) and
 * with the hand-worked values in the fixture itself. After a deliberate change, rewrite
 * the expected files with:
 *
 *   UPDATE_FIXTURES=1 npx vitest run --project unit src/lib/analysis/overlaps.test.ts
 */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { findOverlaps, OverlapInputError, REDUNDANCY_SHARE, type Activity } from './overlaps';
import { footprint } from './footprint';
import { expectedPath, loadOverlapFixtures, readExpected, relDiff, writeExpected } from '../../../tests/fixtures/analysis/load';

const TOLERANCE = 0.005;
const update = process.env.UPDATE_FIXTURES === '1';
const fixtures = loadOverlapFixtures();

describe('overlap fixtures', () => {
	it('has fixtures to check', () => {
		expect(fixtures.length).toBeGreaterThanOrEqual(6);
	});

	for (const fx of fixtures) {
		describe(fx.name, () => {
			const overlaps = findOverlaps(fx.activities);
			const footprintsM2 = Object.fromEntries(fx.activities.map((a) => [a.id, Math.round(footprint(a.geometry, a.radiusM).areaM2 * 100) / 100]));

			it('matches out/ (areas within 0.5 %, pairs and hours exact)', () => {
				if (update) writeExpected(fx.name, { footprintsM2, overlaps });
				expect(existsSync(expectedPath(fx.name)), `missing ${expectedPath(fx.name)}: run with UPDATE_FIXTURES=1`).toBe(true);
				const expected = readExpected(fx.name);
				expect(overlaps.map((o) => [o.type, o.a, o.b, o.overlapHours])).toEqual(expected.overlaps.map((o) => [o.type, o.a, o.b, o.overlapHours]));
				overlaps.forEach((o, i) => expect(relDiff(o.overlapAreaM2, expected.overlaps[i].overlapAreaM2)).toBeLessThanOrEqual(TOLERANCE));
				expect(Object.keys(footprintsM2).sort()).toEqual(Object.keys(expected.footprintsM2).sort());
				for (const [id, area] of Object.entries(footprintsM2)) expect(relDiff(area, expected.footprintsM2[id]), id).toBeLessThanOrEqual(TOLERANCE);
			});

			it('agrees with the hand-worked values (areas within 0.5 %, hours exact)', () => {
				expect(overlaps.map((o) => [o.type, o.a, o.b, o.overlapHours])).toEqual(fx.handWorked.map((o) => [o.type, o.a, o.b, o.overlapHours]));
				overlaps.forEach((o, i) => expect(relDiff(o.overlapAreaM2, fx.handWorked[i].overlapAreaM2), `${o.a}–${o.b}: ${o.overlapAreaM2} vs ${fx.handWorked[i].overlapAreaM2}`).toBeLessThanOrEqual(TOLERANCE));
			});
		});
	}
});

describe('findOverlaps', () => {
	const fx = (name: string) => fixtures.find((f) => f.name === name)!.activities;

	it('is symmetric in input order', () => {
		for (const f of fixtures) expect(findOverlaps([...f.activities].reverse())).toEqual(findOverlaps(f.activities));
	});

	it('drops a redundancy just under the threshold', () => {
		// Shift the east square 1 m further east: 4 900 m² = 49 % < 50 %.
		const acts = fx('two-squares-half').map((a): Activity =>
			a.id === 'clean-east' && a.geometry.type === 'Polygon'
				? { ...a, geometry: { type: 'Polygon', coordinates: a.geometry.coordinates.map((r) => r.map(([x, y]) => [x + 1 / 57_000, y] as [number, number])) } }
				: a
		);
		expect(REDUNDANCY_SHARE).toBe(0.5);
		expect(findOverlaps(acts).filter((o) => o.type === 'redundancy')).toEqual([]);
	});

	it('returns nothing for no activities or one', () => {
		expect(findOverlaps([])).toEqual([]);
		expect(findOverlaps(fx('two-points-100m').slice(0, 1))).toEqual([]);
	});

	it('refuses invalid input with a typed error', () => {
		const [a, b] = fx('two-points-100m');
		expect(() => findOverlaps([a, { ...b, id: a.id }])).toThrow(OverlapInputError);
		expect(() => findOverlaps([a, { ...b, radiusM: -1 }])).toThrow(OverlapInputError);
		expect(() => findOverlaps([a, { ...b, intervals: [{ startsAt: '2023-06-02T20:00:00Z', endsAt: '2023-06-02T18:00:00Z' }] }])).toThrow(OverlapInputError);
		expect(() => findOverlaps([a, { ...b, geometry: { type: 'Point', coordinates: [Number.NaN, 59] } as never }])).toThrow(OverlapInputError);
	});
});
