/**
 * Did an intervention change the number of incidents where it worked, and did they move
 * next door? Pure statistics over monthly counts (no I/O): the same functions run on the
 * server for GET /api/analysis/effect and anywhere a reader wants to re-check a figure.
 * Counts may be fractional (estimates through the privacy grid); every formula takes them
 * as they are.
 *
 * Notation: A = the treated region, B = the displacement buffer around it (a ring of a
 * chosen width, A left out), C = the control regions (comparable, untreated, outside A and
 * B); subscript 0 = before the intervention (m₀ months), 1 = during it (m₁ months). A₀ is
 * the sum of A's monthly counts before, and so on.
 *
 * 1. Difference in differences as a rate ratio (`differenceInDifferences`). The model is
 *    Poisson with a month effect and a group effect: log E[y_gt] = α_g + γ_t + δ·D_gt, where
 *    D_gt = 1 for the treated group during the intervention. The month effects take up what
 *    treated and control share month by month (season, weather, police activity, a city-wide
 *    trend); δ is what is left for the treated group during the intervention. Given each
 *    month's total n_t = A_t + C_t, A_t is binomial with logit p_t = (α_A − α_C) + δ·during_t,
 *    a logistic model with one parameter per period, so its maximum likelihood estimate has a
 *    closed form a reader can check by hand:
 *
 *        δ̂ = ln[(A₁ / C₁) / (A₀ / C₀)],  rate ratio RR = e^δ̂,  change = RR − 1,
 *        Var_Poisson(δ̂) = 1/A₀ + 1/A₁ + 1/C₀ + 1/C₁.
 *
 *    Incidents cluster (one evening's fight brings three reports; one dealer moves and a
 *    month empties), so monthly counts vary more than Poisson says. The interval is widened
 *    by the quasi-Poisson dispersion from the monthly counts themselves:
 *
 *        p̂₀ = A₀/(A₀ + C₀), p̂₁ = A₁/(A₁ + C₁), for each month with n_t > 0 the period's p̂,
 *        X² = Σ_t (A_t − n_t·p̂)² / (n_t·p̂·(1 − p̂)),  df = (months with n_t > 0) − 2,
 *        φ = max(1, X²/df),  SE = √(φ·Var_Poisson),
 *        95 % interval: e^(δ̂ ± t₀.₉₇₅,df · SE).
 *
 *    Why this and not a regression with cluster-robust errors: with one treated and one
 *    control group there are two clusters, and a cluster-robust variance needs many; a
 *    log-linear model on the monthly counts fits how effects are spoken of ("a third fewer"),
 *    is not thrown by the control being larger or smaller than the treated region, and its
 *    quasi-Poisson interval uses the month-to-month scatter we do have. φ is never taken
 *    below 1, so the interval is never narrower than the Poisson one; with fewer than three
 *    months holding incidents it is the Poisson interval with the normal quantile.
 *
 * 2. Weighted displacement difference (`weightedDisplacementDifference`; Wheeler & Ratcliffe
 *    2018, "A simple weighted displacement difference test to evaluate place based crime
 *    interventions", Crime Science 7:11), in incidents per month so that before and during
 *    may differ in length, with the control weighted to each region's before level (the
 *    test's area weights, here w_A = A₀/C₀ and w_B = B₀/C₀, since the controls differ in size
 *    and level from the treated region):
 *
 *        local        = (A₁/m₁ − A₀/m₀) − w_A·(C₁/m₁ − C₀/m₀)
 *        displacement = (B₁/m₁ − B₀/m₀) − w_B·(C₁/m₁ − C₀/m₀)
 *        WDD          = local + displacement
 *        Var(WDD)     = A₁/m₁² + A₀/m₀² + B₁/m₁² + B₀/m₀² + (w_A + w_B)²·(C₁/m₁² + C₀/m₀²)
 *
 *    (the variance is the test's normal approximation to the Poisson; the weights count as
 *    fixed, and C serves as the control of both A and B, hence (w_A + w_B)²). With these
 *    weights `local` is (A₁ − A₀·C₁/C₀)/m₁: the treated region's incidents per month during
 *    the intervention minus what the control's change predicts. Negative = fewer.
 *
 * 3. Weighted displacement quotient (`weightedDisplacementQuotient`; Bowers & Johnson 2003,
 *    "Measuring the geographical displacement and diffusion of benefit effects of crime
 *    prevention activity", Journal of Quantitative Criminology 19:275–301):
 *
 *        success measure  SM = A₁/C₁ − A₀/C₀   (negative: A fell relative to C)
 *        buffer measure   BM = B₁/C₁ − B₀/C₀
 *        WDQ = BM / SM, read only when SM < 0:
 *          WDQ > 1 diffusion of benefit larger than the direct effect; 0 < WDQ ≤ 1 diffusion
 *          of benefit; 0 neither; −1 ≤ WDQ < 0 displacement, smaller than the direct effect;
 *          WDQ < −1 displacement larger than the direct effect.
 *
 * 4. Control suggestion (`rankControls`): candidates compared with the treated region over
 *    the before months by level (mean monthly count) and trend (least-squares slope of the
 *    series divided by its mean: relative change per month), score = |ln(level_c/level_A)| +
 *    12·|trend_c − trend_A| (a factor e in level weighs as much as 100 % a year apart in trend).
 */
import jStat from 'jstat';

export const CONFIDENCE = 0.95;
/** Candidates with fewer incidents than this in the before months are not suggested as controls. */
export const MIN_CONTROL_INCIDENTS = 10;
/** Any of A₀, A₁, C₀, C₁ below this and the estimate rests on few incidents. */
export const FEW_INCIDENTS = 20;

export interface BeforeDuring {
	before: number;
	during: number;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const zQuantile = () => jStat.normal.inv(1 - (1 - CONFIDENCE) / 2, 0, 1);

function checkSeries(name: string, values: readonly number[], length: number) {
	if (values.length !== length) throw new RangeError(`${name} has ${values.length} months, expected ${length}`);
	for (const v of values) if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`${name}: a count must be a finite number ≥ 0, not ${v}`);
}

/** The before and during sums of a monthly series. */
export function beforeDuring(values: readonly number[], during: readonly boolean[]): BeforeDuring {
	checkSeries('series', values, during.length);
	let before = 0;
	let inDuring = 0;
	values.forEach((v, i) => (during[i] ? (inDuring += v) : (before += v)));
	return { before, during: inDuring };
}

// ------------------------------------------------------------------ difference in differences

export interface DifferenceInDifferences {
	treated: BeforeDuring;
	control: BeforeDuring;
	/** δ̂ = ln[(A₁/C₁)/(A₀/C₀)]. */
	logRateRatio: number;
	rateRatio: number;
	/** RR − 1: −0.4 is "40 % fewer than the control's change predicts". */
	change: number;
	/** CONFIDENCE interval of the rate ratio, and of the change. */
	interval: [number, number];
	changeInterval: [number, number];
	/** √(1/A₀ + 1/A₁ + 1/C₀ + 1/C₁). */
	poissonStandardError: number;
	/** √φ times that. */
	standardError: number;
	/** Pearson X² of the month-by-month fit, its degrees of freedom, and φ = max(1, X²/df) (1 without df). */
	pearson: number;
	df: number;
	dispersion: number;
	/** The quantile the interval uses: Student's t with df, or the normal one without df. */
	critical: number;
	/** (A₁ − A₀·C₁/C₀)/m₁: incidents per month during, against what the control predicts. */
	perMonth: number;
}

/**
 * The difference-in-differences rate ratio of monthly counts (see the file's comment, 1);
 * null when any of A₀, A₁, C₀, C₁ is 0 (the ratio is not defined).
 *
 * @example differenceInDifferences({ treated: [10, 10, 5, 5], control: [20, 20, 20, 20], during: [false, false, true, true] })
 * // → rateRatio 0.5 (the treated halved while the control stayed), perMonth −5
 */
export function differenceInDifferences(input: { treated: readonly number[]; control: readonly number[]; during: readonly boolean[] }): DifferenceInDifferences | null {
	const { during } = input;
	checkSeries('treated', input.treated, during.length);
	checkSeries('control', input.control, during.length);
	const treated = beforeDuring(input.treated, during);
	const control = beforeDuring(input.control, during);
	const { before: a0, during: a1 } = treated;
	const { before: c0, during: c1 } = control;
	if (!(a0 > 0 && a1 > 0 && c0 > 0 && c1 > 0)) return null;

	const logRateRatio = Math.log(a1 / c1) - Math.log(a0 / c0);
	const poissonVariance = 1 / a0 + 1 / a1 + 1 / c0 + 1 / c1;
	const share = { before: a0 / (a0 + c0), during: a1 / (a1 + c1) };
	let pearson = 0;
	let months = 0;
	during.forEach((isDuring, t) => {
		const n = input.treated[t]! + input.control[t]!;
		if (n <= 0) return;
		months++;
		const p = isDuring ? share.during : share.before;
		pearson += (input.treated[t]! - n * p) ** 2 / (n * p * (1 - p));
	});
	const df = months - 2;
	const dispersion = df >= 1 ? Math.max(1, pearson / df) : 1;
	const critical = df >= 1 ? jStat.studentt.inv(1 - (1 - CONFIDENCE) / 2, df) : zQuantile();
	const standardError = Math.sqrt(dispersion * poissonVariance);
	const interval: [number, number] = [Math.exp(logRateRatio - critical * standardError), Math.exp(logRateRatio + critical * standardError)];
	const rateRatio = Math.exp(logRateRatio);
	const duringMonths = during.filter(Boolean).length;
	return {
		treated,
		control,
		logRateRatio,
		rateRatio,
		change: rateRatio - 1,
		interval,
		changeInterval: [interval[0] - 1, interval[1] - 1],
		poissonStandardError: Math.sqrt(poissonVariance),
		standardError,
		pearson,
		df: Math.max(df, 0),
		dispersion,
		critical,
		perMonth: (a1 - (a0 * c1) / c0) / duringMonths
	};
}

/**
 * Were treated and control already drifting apart before? The least-squares slope b of
 * y_t = ln((A_t + ½)/(C_t + ½)) over the before months that hold incidents (t = their
 * month index), with s² = Σ residuals²/(k − 2) and SE(b) = √(s²/Σ(t − t̄)²); `differs` when
 * |b/SE| exceeds Student's t₀.₉₇₅ with k − 2 df. Null with fewer than 4 such months.
 * `perMonth` = e^b − 1, the relative drift per month.
 */
export function preTrend(input: { treated: readonly number[]; control: readonly number[]; during: readonly boolean[] }) {
	const points: [number, number][] = [];
	input.during.forEach((isDuring, t) => {
		if (isDuring) return;
		const a = input.treated[t]!;
		const c = input.control[t]!;
		if (a + c > 0) points.push([t, Math.log((a + 0.5) / (c + 0.5))]);
	});
	const k = points.length;
	if (k < 4) return null;
	const tMean = sum(points.map((p) => p[0])) / k;
	const yMean = sum(points.map((p) => p[1])) / k;
	const sxx = sum(points.map(([t]) => (t - tMean) ** 2));
	const slope = sum(points.map(([t, y]) => (t - tMean) * (y - yMean))) / sxx;
	const residuals = sum(points.map(([t, y]) => (y - yMean - slope * (t - tMean)) ** 2));
	const standardError = Math.sqrt(residuals / (k - 2) / sxx);
	const critical = jStat.studentt.inv(1 - (1 - CONFIDENCE) / 2, k - 2);
	const tValue = standardError > 0 ? slope / standardError : slope === 0 ? 0 : Infinity * Math.sign(slope);
	return { slope, standardError, t: tValue, df: k - 2, perMonth: Math.exp(slope) - 1, differs: Math.abs(tValue) > critical };
}

// ------------------------------------------------------------------ displacement

export interface DisplacementInput {
	treated: BeforeDuring;
	buffer: BeforeDuring;
	control: BeforeDuring;
	/** m₀ and m₁. */
	months: BeforeDuring;
	/** w_A and w_B; by default the before levels A₀/C₀ and B₀/C₀. */
	weights?: { treated: number; buffer: number };
}

export interface WeightedDisplacementDifference {
	/** Incidents per month (negative = fewer than the control predicts), each with its standard error. */
	local: { estimate: number; standardError: number };
	displacement: { estimate: number; standardError: number };
	total: { estimate: number; standardError: number; z: number; interval: [number, number] };
	weights: { treated: number; buffer: number };
}

/**
 * Wheeler & Ratcliffe's weighted displacement difference per month (the file's comment, 2);
 * null when the control had no incidents before (no weights) or a period has no months.
 *
 * @example weightedDisplacementDifference({ treated: { before: 20, during: 10 }, buffer: { before: 0, during: 0 },
 *   control: { before: 20, during: 20 }, months: { before: 1, during: 1 }, weights: { treated: 1, buffer: 1 } })
 * // → total −10, standard error √70 (the paper's first example)
 */
export function weightedDisplacementDifference(input: DisplacementInput): WeightedDisplacementDifference | null {
	const { treated: a, buffer: b, control: c, months: m } = input;
	for (const [name, v] of Object.entries({ a0: a.before, a1: a.during, b0: b.before, b1: b.during, c0: c.before, c1: c.during }))
		if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`${name}: a count must be a finite number ≥ 0, not ${v}`);
	if (!(m.before > 0 && m.during > 0)) return null;
	const weights = input.weights ?? (c.before > 0 ? { treated: a.before / c.before, buffer: b.before / c.before } : null);
	if (!weights) return null;
	const controlChange = c.during / m.during - c.before / m.before;
	const controlVariance = c.during / m.during ** 2 + c.before / m.before ** 2;
	const ownVariance = (x: BeforeDuring) => x.during / m.during ** 2 + x.before / m.before ** 2;
	const local = a.during / m.during - a.before / m.before - weights.treated * controlChange;
	const displacement = b.during / m.during - b.before / m.before - weights.buffer * controlChange;
	const total = local + displacement;
	const totalSe = Math.sqrt(ownVariance(a) + ownVariance(b) + (weights.treated + weights.buffer) ** 2 * controlVariance);
	const z = zQuantile();
	return {
		local: { estimate: local, standardError: Math.sqrt(ownVariance(a) + weights.treated ** 2 * controlVariance) },
		displacement: { estimate: displacement, standardError: Math.sqrt(ownVariance(b) + weights.buffer ** 2 * controlVariance) },
		total: { estimate: total, standardError: totalSe, z: totalSe > 0 ? total / totalSe : 0, interval: [total - z * totalSe, total + z * totalSe] },
		weights
	};
}

export const WDQ_READINGS = ['diffusion_exceeds', 'diffusion', 'none', 'displacement', 'displacement_exceeds'] as const;
export type WdqReading = (typeof WDQ_READINGS)[number];

export interface WeightedDisplacementQuotient {
	successMeasure: number | null;
	bufferMeasure: number | null;
	/** BM/SM, null unless SM < 0 (the treated region fell relative to the control). */
	quotient: number | null;
	reading: WdqReading | null;
}

/** Bowers & Johnson's weighted displacement quotient (the file's comment, 3). */
export function weightedDisplacementQuotient(input: { treated: BeforeDuring; buffer: BeforeDuring; control: BeforeDuring }): WeightedDisplacementQuotient {
	const { treated: a, buffer: b, control: c } = input;
	if (!(c.before > 0 && c.during > 0)) return { successMeasure: null, bufferMeasure: null, quotient: null, reading: null };
	const successMeasure = a.during / c.during - a.before / c.before;
	const bufferMeasure = b.during / c.during - b.before / c.before;
	if (!(successMeasure < 0)) return { successMeasure, bufferMeasure, quotient: null, reading: null };
	const quotient = bufferMeasure / successMeasure;
	const reading: WdqReading =
		quotient > 1 ? 'diffusion_exceeds' : quotient > 0 ? 'diffusion' : quotient === 0 ? 'none' : quotient >= -1 ? 'displacement' : 'displacement_exceeds';
	return { successMeasure, bufferMeasure, quotient, reading };
}

// ------------------------------------------------------------------ controls

export interface RankedControl {
	id: string;
	/** Mean monthly count before; relative least-squares slope per month (0 without incidents or with one month). */
	level: number;
	trend: number;
	/** |ln(level/level_A)| and 12·|trend − trend_A|, their sum; null when not eligible. */
	levelDistance: number | null;
	trendDistance: number | null;
	score: number | null;
	/** Enough incidents before (MIN_CONTROL_INCIDENTS) to compare. */
	eligible: boolean;
}

/** Mean and relative trend of a series (the file's comment, 4). */
export function levelAndTrend(values: readonly number[]): { level: number; trend: number } {
	const n = values.length;
	const level = n ? sum(values) / n : 0;
	if (n < 2 || level === 0) return { level, trend: 0 };
	const tMean = (n - 1) / 2;
	let sxy = 0;
	let sxx = 0;
	values.forEach((v, t) => {
		sxy += (t - tMean) * (v / level);
		sxx += (t - tMean) ** 2;
	});
	return { level, trend: sxy / sxx };
}

/**
 * Candidates ranked by likeness to the treated region's before months: eligible ones by
 * score (then id, so ties are stable), the ineligible after them. Empty when the treated
 * region had no incidents before (nothing to be like).
 */
export function rankControls(treatedBefore: readonly number[], candidates: readonly { id: string; before: readonly number[] }[]): RankedControl[] {
	const treated = levelAndTrend(treatedBefore);
	if (treated.level === 0) return [];
	const ranked = candidates.map((c): RankedControl => {
		if (c.before.length !== treatedBefore.length) throw new RangeError(`candidate ${c.id} has ${c.before.length} months, expected ${treatedBefore.length}`);
		const { level, trend } = levelAndTrend(c.before);
		const eligible = sum(c.before) >= MIN_CONTROL_INCIDENTS;
		if (!eligible) return { id: c.id, level, trend, levelDistance: null, trendDistance: null, score: null, eligible };
		const levelDistance = Math.abs(Math.log(level / treated.level));
		const trendDistance = 12 * Math.abs(trend - treated.trend);
		return { id: c.id, level, trend, levelDistance, trendDistance, score: levelDistance + trendDistance, eligible };
	});
	return ranked.sort((x, y) => (x.eligible === y.eligible ? (x.score ?? 0) - (y.score ?? 0) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0) : x.eligible ? -1 : 1));
}

// ------------------------------------------------------------------ seasons

/**
 * Do the before and during months cover the seasons alike? Yes when both are whole years, or
 * when every calendar month appears in the same share of each ("YYYY-MM" months).
 */
export function seasonsAlike(before: readonly string[], during: readonly string[]): boolean {
	if (before.length === 0 || during.length === 0) return false;
	if (before.length % 12 === 0 && during.length % 12 === 0) return true;
	const shares = (months: readonly string[]) => {
		const counts = new Array<number>(12).fill(0);
		for (const m of months) counts[Number(m.slice(5, 7)) - 1]! += 1 / months.length;
		return counts;
	};
	const a = shares(before);
	const b = shares(during);
	return a.every((v, i) => Math.abs(v - b[i]!) < 1e-9);
}
