/**
 * Hotspot statistics over hexagon cells, as pure functions (PostGIS bins the incidents
 * into cells; everything here works on the cells' counts and centres in metres).
 *
 * Local Getis-Ord Gi* (Getis & Ord 1992; Ord & Getis 1995), with binary distance-band
 * weights w_ij = 1 when the centres of i and j are at most `band` apart — including
 * j = i, which is what the star means:
 *
 *            Σ_j w_ij x_j − X̄ Σ_j w_ij
 *   G*_i = ─────────────────────────────────────────────
 *           S · sqrt( (n Σ_j w_ij² − (Σ_j w_ij)²) / (n − 1) )
 *
 *   X̄ = Σ_j x_j / n,   S = sqrt( Σ_j x_j² / n − X̄² ),   n = number of cells.
 *
 * G*_i is a z-score; p is two-sided from the standard normal. A cell is hot (cold) at
 * 99 / 95 / 90 % confidence when z ≥ 2.576 / 1.960 / 1.645 (z ≤ the negatives).
 */

export interface CellCentre {
	x: number;
	y: number;
}

export type HotspotClass = 'hot99' | 'hot95' | 'hot90' | 'none' | 'cold90' | 'cold95' | 'cold99';

/** For each cell, the indices of the cells whose centres lie within `band` metres (itself included). */
export function distanceBandNeighbours(cells: readonly CellCentre[], band: number): number[][] {
	// A grid of buckets `band` wide: neighbours are in the 3 × 3 buckets around a cell.
	const size = band > 0 ? band : 1;
	const buckets = new Map<string, number[]>();
	const key = (bx: number, by: number) => `${bx}:${by}`;
	cells.forEach((c, i) => {
		const k = key(Math.floor(c.x / size), Math.floor(c.y / size));
		(buckets.get(k) ?? buckets.set(k, []).get(k)!).push(i);
	});
	const band2 = band * band * (1 + 1e-12);
	return cells.map((c) => {
		const bx = Math.floor(c.x / size);
		const by = Math.floor(c.y / size);
		const out: number[] = [];
		for (let dx = -1; dx <= 1; dx++)
			for (let dy = -1; dy <= 1; dy++)
				for (const j of buckets.get(key(bx + dx, by + dy)) ?? []) {
					const d2 = (cells[j]!.x - c.x) ** 2 + (cells[j]!.y - c.y) ** 2;
					if (d2 <= band2) out.push(j);
				}
		return out.sort((a, b) => a - b);
	});
}

/** Gi* z-scores for `values` with binary weights given as neighbour lists (self included). Zero variance gives 0. */
export function giStar(values: readonly number[], neighbours: readonly (readonly number[])[]): number[] {
	const n = values.length;
	if (n < 2) return values.map(() => 0);
	let sum = 0;
	let sumSq = 0;
	for (const v of values) {
		sum += v;
		sumSq += v * v;
	}
	const mean = sum / n;
	const s = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
	return neighbours.map((js) => {
		const wSum = js.length; // Σ w_ij = Σ w_ij² for binary weights
		let local = 0;
		for (const j of js) local += values[j]!;
		const denominator = s * Math.sqrt((n * wSum - wSum * wSum) / (n - 1));
		return denominator > 0 ? (local - mean * wSum) / denominator : 0;
	});
}

/**
 * The complementary error function, erfc(x) = 1 − erf(x), by the Chebyshev fit of
 * W. J. Cody as given in Numerical Recipes (erfcc): fractional error below 1.2e-7 everywhere.
 */
export function erfc(x: number): number {
	const z = Math.abs(x);
	const t = 1 / (1 + 0.5 * z);
	const r =
		t *
		Math.exp(
			-z * z -
				1.26551223 +
				t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
		);
	return x >= 0 ? r : 2 - r;
}

/** Two-sided p-value of a standard normal z-score. */
export function twoSidedP(z: number): number {
	return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

export function classify(z: number): HotspotClass {
	if (z >= 2.576) return 'hot99';
	if (z >= 1.96) return 'hot95';
	if (z >= 1.645) return 'hot90';
	if (z <= -2.576) return 'cold99';
	if (z <= -1.96) return 'cold95';
	if (z <= -1.645) return 'cold90';
	return 'none';
}

/**
 * Kernel density for display: the quartic (biweight) kernel K(d) = 3/(π h²)·(1 − d²/h²)²
 * for d < h, applied to the cell counts placed at the cell centres (binned KDE), in
 * incidents per km².
 */
export function quarticDensity(cells: readonly CellCentre[], counts: readonly number[], bandwidth: number): number[] {
	const neighbours = distanceBandNeighbours(cells, bandwidth);
	const h2 = bandwidth * bandwidth;
	return cells.map((c, i) => {
		let density = 0;
		for (const j of neighbours[i]!) {
			const d2 = (cells[j]!.x - c.x) ** 2 + (cells[j]!.y - c.y) ** 2;
			if (d2 >= h2) continue;
			density += counts[j]! * (3 / (Math.PI * h2)) * (1 - d2 / h2) ** 2;
		}
		return density * 1e6;
	});
}

export interface MannKendall {
	s: number;
	variance: number;
	z: number;
	p: number;
	trend: 'increasing' | 'decreasing' | 'none';
}

/**
 * The Mann-Kendall trend test: S = Σ_{i<j} sign(x_j − x_i), Var(S) = [n(n−1)(2n+5) −
 * Σ_t t(t−1)(2t+5)]/18 over groups of t tied values, Z = (S ∓ 1)/√Var(S) (0 when S = 0);
 * a trend when the two-sided p < `alpha`.
 */
export function mannKendall(series: readonly number[], alpha = 0.1): MannKendall {
	const n = series.length;
	let s = 0;
	for (let i = 0; i < n - 1; i++) for (let j = i + 1; j < n; j++) s += Math.sign(series[j]! - series[i]!);
	const ties = new Map<number, number>();
	for (const v of series) ties.set(v, (ties.get(v) ?? 0) + 1);
	let tieTerm = 0;
	for (const t of ties.values()) tieTerm += t * (t - 1) * (2 * t + 5);
	const variance = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
	const z = variance > 0 ? (s > 0 ? (s - 1) / Math.sqrt(variance) : s < 0 ? (s + 1) / Math.sqrt(variance) : 0) : 0;
	const p = twoSidedP(z);
	return { s, variance, z, p, trend: p < alpha ? (z > 0 ? 'increasing' : 'decreasing') : 'none' };
}

export const EMERGING_PATTERNS = ['new', 'consecutive', 'intensifying', 'persistent', 'diminishing', 'sporadic', 'oscillating', 'historical', 'none'] as const;
export type EmergingPattern = (typeof EMERGING_PATTERNS)[number];

/**
 * Emerging hotspot categories (as in ArcGIS's Emerging Hot Spot Analysis), from a cell's
 * Gi* z-scores per time slice, significant at 90 %, and the Mann-Kendall trend of those
 * z-scores. Shown for the hot side; the cold side mirrors it (`side: 'cold'`).
 * - new: only the last slice is significant.
 * - consecutive: one unbroken run of significant slices at the end, nothing before it, fewer than 90 % of slices.
 * - intensifying / persistent / diminishing: significant in at least 90 % of slices including the last, with an
 *   increasing / no / decreasing trend in intensity.
 * - sporadic: significant in the last slice, on and off before, fewer than 90 %, never the opposite kind.
 * - oscillating: like sporadic, but some earlier slice was significant the opposite way.
 * - historical: not significant in the last slice, but in at least 90 % of the slices before.
 */
export function emergingPattern(zs: readonly number[]): { pattern: EmergingPattern; side: 'hot' | 'cold' | null; trend: MannKendall } {
	const trend = mannKendall(zs);
	const last = zs.length - 1;
	for (const side of ['hot', 'cold'] as const) {
		const sign = side === 'hot' ? 1 : -1;
		const sig = zs.map((z) => sign * z >= 1.645);
		const opposite = zs.map((z) => -sign * z >= 1.645);
		const count = sig.filter(Boolean).length;
		if (count === 0) continue;
		const share = count / zs.length;
		// Intensity grows when hot z-scores rise, or cold ones fall.
		const direction = trend.trend === 'none' ? 'none' : (trend.trend === 'increasing') === (side === 'hot') ? 'up' : 'down';
		if (!sig[last]) {
			if (sig.slice(0, last).filter(Boolean).length >= 0.9 * last && last > 0) return { pattern: 'historical', side, trend };
			continue;
		}
		if (share >= 0.9) return { pattern: direction === 'up' ? 'intensifying' : direction === 'down' ? 'diminishing' : 'persistent', side, trend };
		if (count === 1) return { pattern: 'new', side, trend };
		let runStart = last;
		while (runStart > 0 && sig[runStart - 1]) runStart--;
		if (runStart + count - 1 === last && last - runStart + 1 >= 2) return { pattern: 'consecutive', side, trend };
		return { pattern: opposite.some(Boolean) ? 'oscillating' : 'sporadic', side, trend };
	}
	return { pattern: 'none', side: null, trend };
}
