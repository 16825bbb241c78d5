/**
 * Pure helpers for the benchmark figures: percentiles, a figure (latency or throughput)
 * formatted with its unit, the app ÷ bare cost ratio and the one table `npm run bench` prints.
 * No I/O here (unit-tested in figures.test.ts).
 */

/** The p-quantile (0 < p ≤ 1) of a list by the nearest-rank method; NaN for an empty list. */
export function percentile(xs: readonly number[], p: number): number {
	if (!xs.length) return NaN;
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
}

/** A latency figure: median and p95 of `n` timings, in ms. */
export interface Latency {
	kind: 'latency';
	p50: number;
	p95: number;
	n: number;
}
/** A throughput figure: `perSecond` units (rows, requests, features) a second, with p50/p99 latency when it was measured per request. */
export interface Rate {
	kind: 'rate';
	perSecond: number;
	unit: string;
	p50?: number;
	p99?: number;
}
export type Figure = Latency | Rate;

export function latency(times: readonly number[]): Latency {
	return { kind: 'latency', p50: percentile(times, 0.5), p95: percentile(times, 0.95), n: times.length };
}

export function rate(count: number, seconds: number, unit: string, times?: readonly number[]): Rate {
	return { kind: 'rate', perSecond: count / seconds, unit, ...(times?.length && { p50: percentile(times, 0.5), p99: percentile(times, 0.99) }) };
}

/** Milliseconds with sensible precision: 0.42 ms, 12.3 ms, 1,234 ms. */
export function ms(x: number): string {
	if (!Number.isFinite(x)) return '–';
	if (x < 1) return `${x.toFixed(2)} ms`;
	if (x < 100) return `${x.toFixed(1)} ms`;
	return `${Math.round(x).toLocaleString('en')} ms`;
}

function perSecondText(x: number): string {
	return x >= 100 ? Math.round(x).toLocaleString('en') : x.toFixed(1);
}

export function formatFigure(f: Figure): string {
	if (f.kind === 'latency') return `${ms(f.p50)} / ${ms(f.p95)} (n=${f.n})`;
	const base = `${perSecondText(f.perSecond)} ${f.unit}/s`;
	return f.p50 === undefined ? base : `${base}, p50 ${ms(f.p50)} p99 ${ms(f.p99!)}`;
}

/**
 * How many times more the app's way costs than the bare way: the ratio of the medians for
 * latencies, the inverse ratio of the rates for throughput (so > 1 always means the app is
 * slower). Null when the two cannot be compared (no bare figure, different kinds, a zero).
 */
export function costRatio(app: Figure, bare: Figure | null): number | null {
	if (!bare || app.kind !== bare.kind) return null;
	const r = app.kind === 'latency' ? app.p50 / (bare as Latency).p50 : (bare as Rate).perSecond / app.perSecond;
	return Number.isFinite(r) && r > 0 ? r : null;
}

export interface Row {
	/** What was measured, e.g. "tile z14 (densest cluster)". */
	name: string;
	app: Figure;
	/** The same work without the app, and what that bare work was. */
	bare: Figure | null;
	bareWhat: string;
}

/** Pads a table of strings into aligned columns, the first row a header, with a rule under it. */
export function alignColumns(cells: readonly (readonly string[])[]): string {
	const widths = cells[0]!.map((_, c) => Math.max(...cells.map((r) => [...(r[c] ?? '')].length)));
	const line = (r: readonly string[]) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd();
	return [line(cells[0]!), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** The one table: a title line with the data sizes, then a row per figure with app, bare and their ratio. */
export function formatTable(title: string, rows: readonly Row[]): string {
	const cells = [
		['figure', 'app (p50 / p95, or throughput)', 'bare PostgreSQL/PostGIS (same work)', 'app/bare'],
		...rows.map((r) => {
			const ratio = costRatio(r.app, r.bare);
			return [r.name, formatFigure(r.app), r.bare ? `${formatFigure(r.bare)} — ${r.bareWhat}` : r.bareWhat, ratio === null ? '–' : `${ratio.toFixed(ratio < 10 ? 2 : 1)}×`];
		})
	];
	return `${title}\n\n${alignColumns(cells)}`;
}

/** Counts of each key, e.g. status codes. */
export function countBy<T>(xs: readonly T[], key: (x: T) => string): Record<string, number> {
	const out: Record<string, number> = {};
	for (const x of xs) out[key(x)] = (out[key(x)] ?? 0) + 1;
	return out;
}
