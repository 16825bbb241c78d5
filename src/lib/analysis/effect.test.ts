/**
 * The effect statistics on small datasets worked by hand: every expected value here is
 * written out from the formulas (the papers' and the module comment's), not taken from
 * the implementation.
 */
import { describe, expect, it } from 'vitest';
import {
	differenceInDifferences,
	levelAndTrend,
	preTrend,
	rankControls,
	seasonsAlike,
	weightedDisplacementDifference,
	weightedDisplacementQuotient
} from './effect';

// Student's t, 0.975 quantile, from a printed table (df 1, 2, 4, 10), and the normal one.
const T975 = { 1: 12.706205, 2: 4.302653, 4: 2.776445, 10: 2.228139 } as const;
const Z975 = 1.96;

describe('difference in differences (Poisson with month effects, quasi-Poisson interval)', () => {
	const during = [false, false, false, true, true, true];
	const treated = [10, 12, 8, 6, 5, 7];
	const control = [20, 18, 22, 21, 19, 20];

	it('gives the ratio of ratios, its Poisson and dispersion-widened standard errors and the t interval', () => {
		const did = differenceInDifferences({ treated, control, during })!;
		// A₀ = 30, A₁ = 18, C₀ = 60, C₁ = 60.
		expect(did.treated).toEqual({ before: 30, during: 18 });
		expect(did.control).toEqual({ before: 60, during: 60 });
		const delta = Math.log(18 / 60 / (30 / 60)); // ln 0.6
		expect(did.logRateRatio).toBeCloseTo(delta, 12);
		expect(did.rateRatio).toBeCloseTo(0.6, 12);
		expect(did.change).toBeCloseTo(-0.4, 12);
		const poissonVar = 1 / 30 + 1 / 18 + 1 / 60 + 1 / 60;
		expect(did.poissonStandardError).toBeCloseTo(Math.sqrt(poissonVar), 12);
		// Pearson X² month by month: p₀ = 30/90, p₁ = 18/78.
		const p0 = 1 / 3;
		const p1 = 18 / 78;
		const x2 =
			(10 - 30 * p0) ** 2 / (30 * p0 * (1 - p0)) + (12 - 30 * p0) ** 2 / (30 * p0 * (1 - p0)) + (8 - 30 * p0) ** 2 / (30 * p0 * (1 - p0)) +
			(6 - 27 * p1) ** 2 / (27 * p1 * (1 - p1)) + (5 - 24 * p1) ** 2 / (24 * p1 * (1 - p1)) + (7 - 27 * p1) ** 2 / (27 * p1 * (1 - p1));
		expect(did.pearson).toBeCloseTo(x2, 10);
		expect(did.df).toBe(4);
		// X²/4 is below 1 here: φ = 1, the Poisson interval with t(4).
		expect(x2 / 4).toBeLessThan(1);
		expect(did.dispersion).toBe(1);
		expect(did.standardError).toBeCloseTo(Math.sqrt(poissonVar), 12);
		expect(did.critical).toBeCloseTo(T975[4], 3);
		expect(did.interval[0]).toBeCloseTo(Math.exp(delta - T975[4] * Math.sqrt(poissonVar)), 3);
		expect(did.interval[1]).toBeCloseTo(Math.exp(delta + T975[4] * Math.sqrt(poissonVar)), 3);
		expect(did.changeInterval[0]).toBeCloseTo(did.interval[0] - 1, 12);
		// (A₁ − A₀·C₁/C₀)/m₁ = (18 − 30)/3.
		expect(did.perMonth).toBeCloseTo(-4, 12);
	});

	it('widens the interval by √φ when the months scatter more than Poisson', () => {
		const lumpy = { treated: [2, 30, 4, 1, 20, 3], control: [20, 18, 22, 21, 19, 20], during };
		const did = differenceInDifferences(lumpy)!;
		const [a0, a1, c0, c1] = [36, 24, 60, 60];
		const p0 = a0 / (a0 + c0);
		const p1 = a1 / (a1 + c1);
		const months = [[2, 22, p0], [30, 48, p0], [4, 26, p0], [1, 22, p1], [20, 39, p1], [3, 23, p1]] as const;
		const x2 = months.reduce((s, [a, n, p]) => s + (a - n * p) ** 2 / (n * p * (1 - p)), 0);
		const phi = x2 / 4;
		expect(phi).toBeGreaterThan(1);
		expect(did.dispersion).toBeCloseTo(phi, 10);
		const se = Math.sqrt(phi * (1 / a0 + 1 / a1 + 1 / c0 + 1 / c1));
		expect(did.standardError).toBeCloseTo(se, 10);
		const delta = Math.log(a1 / c1 / (a0 / c0));
		expect(did.interval[0]).toBeCloseTo(Math.exp(delta - T975[4] * se), 3);
		expect(did.interval[1]).toBeCloseTo(Math.exp(delta + T975[4] * se), 3);
	});

	it('uses the Poisson interval and the normal quantile when no month is left to measure the scatter', () => {
		const did = differenceInDifferences({ treated: [10, 5], control: [20, 20], during: [false, true] })!;
		expect(did.df).toBe(0);
		expect(did.dispersion).toBe(1);
		expect(did.critical).toBeCloseTo(Z975, 2);
		const se = Math.sqrt(1 / 10 + 1 / 5 + 1 / 20 + 1 / 20);
		expect(did.interval[0]).toBeCloseTo(Math.exp(Math.log(0.5) - Z975 * se), 2);
	});

	it('is not defined when a period of either group has no incidents', () => {
		expect(differenceInDifferences({ treated: [0, 0, 3, 4], control: [5, 5, 5, 5], during: [false, false, true, true] })).toBeNull();
		expect(differenceInDifferences({ treated: [3, 4, 2, 2], control: [5, 5, 0, 0], during: [false, false, true, true] })).toBeNull();
	});

	it('refuses series that do not fit the months', () => {
		expect(() => differenceInDifferences({ treated: [1, 2], control: [1, 2, 3], during: [false, true, true] })).toThrow(RangeError);
		expect(() => differenceInDifferences({ treated: [1, -2], control: [1, 2], during: [false, true] })).toThrow(RangeError);
	});
});

describe('pre-period trend check', () => {
	it('is the least-squares slope of ln((A+½)/(C+½)) over the before months, with its t', () => {
		const treated = [10, 20, 40, 80, 5];
		const control = [10, 10, 10, 10, 5];
		const during = [false, false, false, false, true];
		const y = [Math.log(10.5 / 10.5), Math.log(20.5 / 10.5), Math.log(40.5 / 10.5), Math.log(80.5 / 10.5)];
		const yMean = (y[0]! + y[1]! + y[2]! + y[3]!) / 4;
		const slope = (-1.5 * (y[0]! - yMean) - 0.5 * (y[1]! - yMean) + 0.5 * (y[2]! - yMean) + 1.5 * (y[3]! - yMean)) / 5;
		const fitted = [0, 1, 2, 3].map((t) => yMean + slope * (t - 1.5));
		const s2 = y.reduce((s, v, i) => s + (v - fitted[i]!) ** 2, 0) / 2;
		const se = Math.sqrt(s2 / 5);
		const trend = preTrend({ treated, control, during })!;
		expect(trend.slope).toBeCloseTo(slope, 12);
		expect(trend.standardError).toBeCloseTo(se, 12);
		expect(trend.df).toBe(2);
		expect(trend.perMonth).toBeCloseTo(Math.exp(slope) - 1, 12);
		expect(trend.differs).toBe(Math.abs(slope / se) > T975[2]);
		expect(trend.differs).toBe(true);
		// Parallel before: no drift.
		expect(preTrend({ treated: [10, 12, 10, 12, 3], control: [20, 24, 20, 24, 9], during })!.differs).toBe(false);
		// Too few months to say.
		expect(preTrend({ treated: [1, 2, 3], control: [1, 1, 1], during: [false, false, false] })).toBeNull();
	});
});

describe('weighted displacement difference (Wheeler & Ratcliffe 2018)', () => {
	it('gives the paper’s first example with unit weights: treated 20 → 10, control 20 → 20', () => {
		const wdd = weightedDisplacementDifference({
			treated: { before: 20, during: 10 },
			buffer: { before: 0, during: 0 },
			control: { before: 20, during: 20 },
			months: { before: 1, during: 1 },
			weights: { treated: 1, buffer: 0 }
		})!;
		// WDD = ΔT − ΔC = (10 − 20) − (20 − 20) = −10; Var = T₁ + T₀ + C₁ + C₀ = 70.
		expect(wdd.local.estimate).toBe(-10);
		expect(wdd.local.standardError).toBeCloseTo(Math.sqrt(70), 12);
		expect(wdd.total.estimate).toBe(-10);
		expect(wdd.total.z).toBeCloseTo(-10 / Math.sqrt(70), 12);
		expect(wdd.total.interval[0]).toBeCloseTo(-10 - Z975 * Math.sqrt(70), 2);
	});

	it('adds the buffer’s change, the shared control counted with (w_A + w_B)² in the variance', () => {
		const wdd = weightedDisplacementDifference({
			treated: { before: 20, during: 10 },
			buffer: { before: 30, during: 20 },
			control: { before: 20, during: 20 },
			months: { before: 1, during: 1 },
			weights: { treated: 1, buffer: 1 }
		})!;
		// local −10, displacement (20 − 30) − 0 = −10, total −20; Var = 10 + 20 + 20 + 30 + (1 + 1)²·(20 + 20) = 240.
		expect(wdd.displacement.estimate).toBe(-10);
		expect(wdd.displacement.standardError).toBeCloseTo(Math.sqrt(20 + 30 + 40), 12);
		expect(wdd.total.estimate).toBe(-20);
		expect(wdd.total.standardError).toBeCloseTo(Math.sqrt(240), 12);
	});

	it('works per month and weights the control to each region’s before level by default', () => {
		// Five months before, twelve during (the demo's shape).
		const [a0, a1, b0, b1, c0, c1, m0, m1] = [328, 571, 47, 178, 385, 1179, 5, 12];
		const wdd = weightedDisplacementDifference({ treated: { before: a0, during: a1 }, buffer: { before: b0, during: b1 }, control: { before: c0, during: c1 }, months: { before: m0, during: m1 } })!;
		const wA = a0 / c0;
		const wB = b0 / c0;
		expect(wdd.weights.treated).toBeCloseTo(wA, 12);
		expect(wdd.weights.buffer).toBeCloseTo(wB, 12);
		const local = a1 / m1 - a0 / m0 - wA * (c1 / m1 - c0 / m0);
		const displacement = b1 / m1 - b0 / m0 - wB * (c1 / m1 - c0 / m0);
		expect(wdd.local.estimate).toBeCloseTo(local, 10);
		// … which is (A₁ − A₀·C₁/C₀)/m₁: observed minus what the control predicts, per month.
		expect(wdd.local.estimate).toBeCloseTo((a1 - (a0 * c1) / c0) / m1, 10);
		expect(wdd.displacement.estimate).toBeCloseTo(displacement, 10);
		const cVar = c1 / m1 ** 2 + c0 / m0 ** 2;
		const variance = a1 / m1 ** 2 + a0 / m0 ** 2 + b1 / m1 ** 2 + b0 / m0 ** 2 + (wA + wB) ** 2 * cVar;
		expect(wdd.total.standardError).toBeCloseTo(Math.sqrt(variance), 10);
		expect(wdd.total.estimate).toBeCloseTo(local + displacement, 10);
		expect(wdd.total.interval[1]).toBeCloseTo(local + displacement + Z975 * Math.sqrt(variance), 2);
	});

	it('is not defined without control incidents before or without months', () => {
		const base = { treated: { before: 5, during: 2 }, buffer: { before: 1, during: 1 }, months: { before: 3, during: 3 } };
		expect(weightedDisplacementDifference({ ...base, control: { before: 0, during: 4 } })).toBeNull();
		expect(weightedDisplacementDifference({ ...base, control: { before: 4, during: 4 }, months: { before: 0, during: 3 } })).toBeNull();
	});
});

describe('weighted displacement quotient (Bowers & Johnson 2003)', () => {
	const treated = { before: 100, during: 60 };
	const control = { before: 200, during: 200 };
	it('divides the buffer measure by the success measure and reads it', () => {
		// SM = 60/200 − 100/200 = −0.2 for each case below.
		const cases = [
			[{ before: 50, during: 55 }, 55 / 200 - 50 / 200, 'displacement'], // BM 0.025, WDQ −0.125
			[{ before: 50, during: 40 }, 40 / 200 - 50 / 200, 'diffusion'], // BM −0.05, WDQ 0.25
			[{ before: 50, during: 100 }, 100 / 200 - 50 / 200, 'displacement_exceeds'], // BM 0.25, WDQ −1.25
			[{ before: 50, during: 0 }, 0 / 200 - 50 / 200, 'diffusion_exceeds'], // BM −0.25, WDQ 1.25
			[{ before: 50, during: 50 }, 0, 'none']
		] as const;
		for (const [buffer, bm, reading] of cases) {
			const wdq = weightedDisplacementQuotient({ treated, buffer, control });
			expect(wdq.successMeasure).toBeCloseTo(-0.2, 12);
			expect(wdq.bufferMeasure).toBeCloseTo(bm, 12);
			expect(wdq.quotient).toBeCloseTo(bm / -0.2, 12);
			expect(wdq.reading).toBe(reading);
		}
	});

	it('is not read when the treated region did not fall relative to the control', () => {
		const wdq = weightedDisplacementQuotient({ treated: { before: 60, during: 100 }, buffer: { before: 50, during: 55 }, control });
		expect(wdq.successMeasure).toBeCloseTo(0.2, 12);
		expect(wdq.quotient).toBeNull();
		expect(wdq.reading).toBeNull();
		expect(weightedDisplacementQuotient({ treated, buffer: { before: 1, during: 1 }, control: { before: 0, during: 3 } }).quotient).toBeNull();
	});
});

describe('control suggestion', () => {
	it('ranks candidates by |ln level ratio| + 12·|trend difference| over the before months', () => {
		const treated = [10, 12, 14, 16];
		// Level 13; trend = Σ(t − 1.5)·y/13 / Σ(t − 1.5)² = (−15 − 6 + 7 + 24)/13/5 = 2/13 per month.
		expect(levelAndTrend(treated).level).toBe(13);
		expect(levelAndTrend(treated).trend).toBeCloseTo(2 / 13, 12);
		const candidates = [
			{ id: 'same-trend-double', before: [20, 24, 28, 32] }, // level 26, trend 2/13: ln 2 + 0
			{ id: 'flat', before: [13, 13, 13, 13] }, // level 13, trend 0: 0 + 12·2/13
			{ id: 'close', before: [11, 12, 14, 15] }, // level 13, trend (−16.5 − 6 + 7 + 22.5)/13/5 = 7/65: 0 + 12·(10/65 − 7/65)
			{ id: 'tiny', before: [1, 2, 3, 3] }, // 9 incidents: too few to compare
			{ id: 'big', before: [130, 120, 140, 160] } // level 137.5, trend (−195 − 60 + 70 + 240)/137.5/5 = 55/687.5
		];
		const ranked = rankControls(treated, candidates);
		expect(ranked.map((r) => r.id)).toEqual(['close', 'same-trend-double', 'flat', 'big', 'tiny']);
		const score = Object.fromEntries(ranked.map((r) => [r.id, r.score]));
		expect(score.close).toBeCloseTo((12 * 3) / 65, 12);
		expect(score['same-trend-double']).toBeCloseTo(Math.log(2), 12);
		expect(score.flat).toBeCloseTo((12 * 2) / 13, 12);
		expect(score.big).toBeCloseTo(Math.log(137.5 / 13) + 12 * Math.abs(55 / 687.5 - 2 / 13), 12);
		expect(ranked.at(-1)).toMatchObject({ id: 'tiny', eligible: false, score: null });
		// Nothing to be like when the treated region had no incidents before.
		expect(rankControls([0, 0, 0, 0], candidates)).toEqual([]);
	});
});

describe('seasons', () => {
	it('are alike for whole years, or when each calendar month has the same share of both periods', () => {
		const months = (from: [number, number], n: number) =>
			Array.from({ length: n }, (_, i) => {
				const k = from[0] * 12 + from[1] - 1 + i;
				return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
			});
		expect(seasonsAlike(months([2022, 6], 12), months([2023, 6], 12))).toBe(true);
		expect(seasonsAlike(months([2022, 6], 4), months([2023, 6], 4))).toBe(true); // June–September both
		expect(seasonsAlike(months([2023, 1], 5), months([2023, 6], 12))).toBe(false); // winter and spring against a year
		expect(seasonsAlike(months([2023, 2], 4), months([2023, 6], 4))).toBe(false);
	});
});
