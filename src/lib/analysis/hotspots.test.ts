import { describe, expect, it } from 'vitest';
import { classify, distanceBandNeighbours, emergingPattern, erfc, giStar, mannKendall, quarticDensity, twoSidedP } from './hotspots';

// A 3 × 3 grid of cells 100 m apart; the band of 100 m makes rook neighbours (plus the cell itself).
const grid = Array.from({ length: 9 }, (_, k) => ({ x: (k % 3) * 100, y: Math.floor(k / 3) * 100 }));
const values = [1, 1, 1, 1, 9, 1, 1, 1, 1];

/** Gi* straight from the formula with a full weight matrix: independent of the implementation's neighbour search. */
function giStarByMatrix(x: number[], w: number[][]): number[] {
	const n = x.length;
	const mean = x.reduce((a, b) => a + b, 0) / n;
	const s = Math.sqrt(x.reduce((a, b) => a + b * b, 0) / n - mean ** 2);
	return x.map((_, i) => {
		const wx = w[i]!.reduce((acc, wij, j) => acc + wij * x[j]!, 0);
		const sw = w[i]!.reduce((a, b) => a + b, 0);
		const sw2 = w[i]!.reduce((a, b) => a + b * b, 0);
		return (wx - mean * sw) / (s * Math.sqrt((n * sw2 - sw ** 2) / (n - 1)));
	});
}

describe('Getis-Ord Gi*', () => {
	it('finds rook neighbours (and the cell itself) within a 100 m band', () => {
		const nb = distanceBandNeighbours(grid, 100);
		expect(nb[4]).toEqual([1, 3, 4, 5, 7]);
		expect(nb[0]).toEqual([0, 1, 3]);
		expect(nb[1]).toEqual([0, 1, 2, 4]);
		expect(distanceBandNeighbours(grid, 99)[4]).toEqual([4]);
		expect(distanceBandNeighbours(grid, 142)[0]).toEqual([0, 1, 3, 4]);
	});

	it('gives the hand-worked z-scores of a peak in the middle of a 3 × 3 grid', () => {
		// n = 9, X̄ = 17/9, S = √512/9. Centre: (13 − 5·17/9) / (S·√((45 − 25)/8)) = 2/√5;
		// corner: (3 − 3·17/9) / (S·√((27 − 9)/8)) = −1/√2; edge: (12 − 4·17/9) / (S·√((36 − 16)/8)) = √5/2.
		const z = giStar(values, distanceBandNeighbours(grid, 100));
		expect(z[4]).toBeCloseTo(2 / Math.sqrt(5), 12);
		expect(z[0]).toBeCloseTo(-1 / Math.SQRT2, 12);
		expect(z[1]).toBeCloseTo(Math.sqrt(5) / 2, 12);
	});

	it('matches the formula computed with a full weight matrix on an irregular pattern', () => {
		const cells = Array.from({ length: 36 }, (_, k) => ({ x: (k % 6) * 87 + (Math.floor(k / 6) % 2) * 43.5, y: Math.floor(k / 6) * 75 }));
		const x = cells.map((_, k) => (k * 7919) % 13);
		const band = 180;
		const w = cells.map((a) => cells.map((b) => (Math.hypot(a.x - b.x, a.y - b.y) <= band ? 1 : 0)));
		const expected = giStarByMatrix(x, w);
		const actual = giStar(x, distanceBandNeighbours(cells, band));
		actual.forEach((z, i) => expect(z).toBeCloseTo(expected[i]!, 12));
	});

	it('gives 0 when every cell has the same count', () => {
		expect(giStar([2, 2, 2, 2], distanceBandNeighbours(grid.slice(0, 4), 100))).toEqual([0, 0, 0, 0]);
	});

	it('turns z into two-sided p-values and confidence classes', () => {
		expect(twoSidedP(1.959964)).toBeCloseTo(0.05, 6);
		expect(twoSidedP(2.575829)).toBeCloseTo(0.01, 6);
		expect(twoSidedP(1.644854)).toBeCloseTo(0.1, 6);
		expect(twoSidedP(0)).toBeCloseTo(1, 6);
		expect(erfc(-1)).toBeCloseTo(1.8427007929, 6);
		expect([3, 2, 1.7, 0, -1.7, -2, -3].map(classify)).toEqual(['hot99', 'hot95', 'hot90', 'none', 'cold90', 'cold95', 'cold99']);
	});
});

describe('kernel density', () => {
	it('spreads each cell’s count with the quartic kernel, per km²', () => {
		const h = 200;
		const cells = [{ x: 0, y: 0 }, { x: 100, y: 0 }, { x: 250, y: 0 }];
		const d = quarticDensity(cells, [1, 0, 0], h);
		const peak = (3 / (Math.PI * h * h)) * 1e6;
		expect(d[0]).toBeCloseTo(peak, 9);
		expect(d[1]).toBeCloseTo(peak * (1 - 0.25) ** 2, 9);
		expect(d[2]).toBe(0);
	});
});

describe('Mann-Kendall', () => {
	it('gives the hand-worked S, variance and Z for a rising series and for ties', () => {
		const up = mannKendall([1, 2, 3, 4, 5]);
		// S = 10, Var = 5·4·15/18 = 50/3, Z = 9/√(50/3).
		expect(up.s).toBe(10);
		expect(up.variance).toBeCloseTo(50 / 3, 12);
		expect(up.z).toBeCloseTo(9 / Math.sqrt(50 / 3), 12);
		expect(up.trend).toBe('increasing');
		const tied = mannKendall([1, 1, 2]);
		// S = 0 + 1 + 1 = 2, Var = (3·2·11 − 2·1·9)/18 = 8/3, Z = 1/√(8/3).
		expect([tied.s, tied.variance]).toEqual([2, 8 / 3]);
		expect(tied.z).toBeCloseTo(1 / Math.sqrt(8 / 3), 12);
		expect(mannKendall([5, 4, 3, 2, 1]).trend).toBe('decreasing');
		expect(mannKendall([3, 3, 3]).trend).toBe('none');
	});
});

describe('emerging hotspot patterns', () => {
	const rising = Array.from({ length: 10 }, (_, i) => 2 + i * 0.1);
	it.each([
		['new', [0, 0, 0, 0, 2], 'hot'],
		['consecutive', [0, 0, 0, 2, 2], 'hot'],
		['persistent', [2, 2, 2, 2, 2, 2, 2, 2, 2, 2], 'hot'],
		['intensifying', rising, 'hot'],
		['diminishing', [...rising].reverse(), 'hot'],
		['sporadic', [2, 0, 2, 0, 2], 'hot'],
		['oscillating', [-2, 0, 2, 0, 2], 'hot'],
		['historical', [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0], 'hot'],
		['new', [0, 0, 0, 0, -2], 'cold'],
		['none', [0, 1, 0], null]
	] as const)('%s: %j', (pattern, zs, side) => {
		expect(emergingPattern(zs)).toMatchObject({ pattern, side });
	});
});
