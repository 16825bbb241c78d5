import { describe, expect, it } from 'vitest';
import { difference, featureCollection, intersect, union } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from '$lib/geometry/geojson';
import { planarArea } from './area';
import { coverParts, type CoverPart } from './cover-parts';
import { footprint } from './footprint';
import { fromSweref99tm } from './sweref99tm';
import { rng } from '$lib/server/demo/random';

type Shape = Polygon | MultiPolygon;

// In SWEREF 99 TM metres, near Tantolunden: large coordinates, as in real use.
const E0 = 673000;
const N0 = 6578500;
const at = (e: number, n: number): Position => [E0 + e, N0 + n];
const rect = (w: number, s: number, e: number, n: number): Position[] => [at(w, s), at(e, s), at(e, n), at(w, n), at(w, s)];
const polygon = (...rings: Position[][]): Polygon => ({ type: 'Polygon', coordinates: rings });

/** Area of the zone covered by at least one of the footprints in `set`, from the parts. */
const coveredBy = (parts: CoverPart[], set: ReadonlySet<number>) => parts.reduce((s, p) => (p.members.some((m) => set.has(m)) ? s + p.area : s), 0);

/** The same from Turf's general clipper (polyclip-ts, arbitrary precision): area(Z ∩ ⋃ set). */
function reference(zone: Shape, footprints: readonly Shape[], set: ReadonlySet<number>): number {
	const f = (g: Shape) => ({ type: 'Feature' as const, properties: {}, geometry: g as GeoJSON.Polygon | GeoJSON.MultiPolygon });
	const chosen = footprints.filter((_, k) => set.has(k));
	if (!chosen.length) return 0;
	const cover = chosen.length === 1 ? f(chosen[0]!) : union(featureCollection(chosen.map(f)));
	const inside = cover && intersect(featureCollection([f(zone), cover]));
	return inside ? planarArea(inside.geometry as Shape) : 0;
}

const sorted = (parts: CoverPart[]) => parts.map((p) => ({ members: p.members, area: Math.round(p.area * 1e6) / 1e6 })).sort((a, b) => a.members.join().localeCompare(b.members.join()));

describe('coverParts', () => {
	it('splits a square into the parts each set of footprints covers (hand-worked)', () => {
		const zone = polygon(rect(0, 0, 100, 100));
		const eastHalf = polygon(rect(50, -10, 150, 110));
		const eastQuarter = polygon(rect(75, -20, 200, 120));
		expect(sorted(coverParts(zone, [eastHalf, eastQuarter]))).toEqual([
			{ members: [0], area: 2500 },
			{ members: [0, 1], area: 2500 }
		]);
	});

	it('leaves out footprints that miss and parts nobody covers', () => {
		const zone = polygon(rect(0, 0, 100, 100));
		expect(coverParts(zone, [null, polygon(rect(200, 0, 300, 100))])).toEqual([]);
		expect(sorted(coverParts(zone, [null, polygon(rect(-50, -50, 10, 150))]))).toEqual([{ members: [1], area: 1000 }]);
	});

	it('does not count a hole in the zone, nor the hole of a footprint', () => {
		const zone = polygon(rect(0, 0, 100, 100), rect(40, 40, 60, 60)); // 10 000 − 400
		const all = polygon(rect(-10, -10, 110, 110));
		expect(sorted(coverParts(zone, [all]))).toEqual([{ members: [0], area: 9600 }]);
		const donut = polygon(rect(-10, -10, 110, 110), rect(20, 20, 80, 80)); // covers the zone outside 60 × 60
		expect(sorted(coverParts(zone, [donut]))).toEqual([{ members: [0], area: 10_000 - 3600 }]);
	});

	it('takes shared edges, rings in either orientation, and counts overlapping parts of a MultiPolygon once', () => {
		const zone = polygon(rect(0, 0, 100, 100));
		expect(sorted(coverParts(zone, [polygon(rect(0, 0, 50, 100)), polygon(rect(50, 0, 100, 100))]))).toEqual([
			{ members: [0], area: 5000 },
			{ members: [1], area: 5000 }
		]);
		const clockwise = polygon([...rect(0, 0, 40, 100)].reverse());
		expect(sorted(coverParts(zone, [clockwise]))).toEqual([{ members: [0], area: 4000 }]);
		const overlapping: MultiPolygon = { type: 'MultiPolygon', coordinates: [[rect(0, 0, 60, 100)], [rect(40, 0, 80, 100)]] };
		expect(sorted(coverParts(zone, [overlapping]))).toEqual([{ members: [0], area: 8000 }]);
		const zones: MultiPolygon = { type: 'MultiPolygon', coordinates: [[rect(0, 0, 100, 100)], [rect(300, 0, 400, 50)]] };
		expect(sorted(coverParts(zones, [polygon(rect(50, -10, 350, 200))]))).toEqual([{ members: [0], area: 5000 + 2500 }]);
	});

	it('keeps the sets apart beyond 30 footprints', () => {
		const zone = polygon(rect(0, 0, 400, 10));
		// Footprint k covers x in [10k, 10k + 15]: neighbours overlap by 5 m.
		const strips = Array.from({ length: 40 }, (_, k) => polygon(rect(10 * k, -5, 10 * k + 15, 15)));
		const parts = coverParts(zone, strips);
		expect(parts.reduce((s, p) => s + p.area, 0)).toBeCloseTo(4000, 6);
		const pair = parts.find((p) => p.members.join() === '31,32')!;
		expect(pair.area).toBeCloseTo(50, 6);
		expect(parts.find((p) => p.members.join() === '35')!.area).toBeCloseTo(50, 6);
	});

	// 30 trials through an arbitrary-precision clipper: seconds of CPU, more on a loaded machine.
	it('agrees with a general clipper on random concave zones and footprints', { timeout: 60_000 }, () => {
		const generator = rng(20231107);
		const random = () => generator.float();
		const star = (cx: number, cy: number, r: number, k: number): Position[] => {
			const ring = Array.from({ length: k }, (_, j) => {
				const a = (2 * Math.PI * j) / k;
				const rr = r * (0.4 + random() * 0.6);
				return at(cx + rr * Math.cos(a), cy + rr * Math.sin(a));
			});
			return [...ring, ring[0]!];
		};
		const wgs = (p: Position) => fromSweref99tm(p);
		for (let trial = 0; trial < 30; trial++) {
			const zone = trial % 3 === 0 ? polygon(star(0, 0, 80, 12), rect(-8, -8, 8, 8)) : polygon(star(0, 0, 80, 7 + (trial % 6)));
			const footprints: Shape[] = Array.from({ length: 2 + (trial % 6) }, (_, k) => {
				const x = (random() - 0.5) * 160;
				const y = (random() - 0.5) * 160;
				// Axis-parallel rectangles reaching past the zone's box: vertical edges with both ends outside it.
				if (k === 4) return polygon(rect(x - 30, -120, x + 10 * random(), 120));
				if (k % 3 === 0) return footprint({ type: 'Point', coordinates: wgs(at(x, y)) }, 20 + random() * 60).geometry!;
				if (k % 3 === 1)
					return footprint({ type: 'LineString', coordinates: [wgs(at(x, y)), wgs(at(x + 60 * random(), y - 80)), wgs(at(x - 70, y - 20 * random()))] }, 5 + random() * 15).geometry!;
				return footprint({ type: 'Polygon', coordinates: [[at(x - 40, y - 30), at(x + 40, y - 30), at(x + 40, y + 30), at(x - 40, y + 30), at(x - 40, y - 30)].map(wgs), [at(x - 20, y - 10), at(x - 20, y + 10), at(x + 20, y + 10), at(x + 20, y - 10), at(x - 20, y - 10)].map(wgs)] }, 4).geometry!;
			});
			const parts = coverParts(zone, footprints);
			const sets: Set<number>[] = [new Set(footprints.map((_, k) => k)), ...footprints.map((_, k) => new Set([k]))];
			for (let a = 0; a < footprints.length; a++) for (let b = a + 1; b < footprints.length; b++) sets.push(new Set([a, b]));
			const zoneArea = planarArea(zone);
			for (const set of sets) {
				const expected = reference(zone, footprints, set);
				expect(Math.abs(coveredBy(parts, set) - expected), `trial ${trial}, set ${[...set]}`).toBeLessThan(1e-7 * zoneArea);
			}
		}
	});
});
