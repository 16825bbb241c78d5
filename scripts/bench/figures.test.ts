import { describe, expect, it } from 'vitest';
import { alignColumns, costRatio, countBy, formatFigure, formatTable, latency, ms, percentile, rate } from './figures';

describe('percentile (nearest rank)', () => {
	it('picks the ranked value, whatever the input order', () => {
		const xs = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
		expect(percentile(xs, 0.5)).toBe(5); // ceil(0.5·10) = 5th smallest
		expect(percentile(xs, 0.95)).toBe(10); // ceil(9.5) = 10th
		expect(percentile(xs, 0.1)).toBe(1);
		expect(percentile([7], 0.99)).toBe(7);
		expect(percentile([], 0.5)).toBeNaN();
		expect(xs[0]).toBe(5); // not sorted in place
	});
});

describe('figures and the cost ratio', () => {
	it('divides medians for latencies', () => {
		const app = latency([10, 12, 14, 100]);
		const bare = latency([4, 5, 6, 7]);
		expect(app).toEqual({ kind: 'latency', p50: 12, p95: 100, n: 4 });
		expect(costRatio(app, bare)).toBeCloseTo(12 / 5);
	});
	it('inverts rates, so that > 1 still means the app is slower', () => {
		const app = rate(1000, 2, 'rows'); // 500 rows/s
		const bare = rate(6000, 3, 'rows'); // 2000 rows/s
		expect(app.perSecond).toBe(500);
		expect(costRatio(app, bare)).toBe(4);
	});
	it('has no ratio without a comparable bare figure', () => {
		expect(costRatio(latency([1]), null)).toBeNull();
		expect(costRatio(latency([1]), rate(1, 1, 'rows'))).toBeNull();
		expect(costRatio(latency([1]), latency([0]))).toBeNull();
	});
	it('formats with units', () => {
		expect(ms(0.4219)).toBe('0.42 ms');
		expect(ms(12.34)).toBe('12.3 ms');
		expect(ms(1234.4)).toBe('1,234 ms');
		expect(formatFigure(latency([2, 4]))).toBe('2.0 ms / 4.0 ms (n=2)');
		expect(formatFigure(rate(25_000, 2, 'rows'))).toBe('12,500 rows/s');
		expect(formatFigure(rate(15, 2, 'req', [10, 20, 30]))).toBe('7.5 req/s, p50 20.0 ms p99 30.0 ms');
	});
});

describe('the table', () => {
	it('aligns columns under a rule', () => {
		expect(alignColumns([['a', 'bb'], ['ccc', 'd']])).toBe('a    bb\n───  ──\nccc  d');
	});
	it('prints each row with app, bare and ratio, and a dash where there is no bare figure', () => {
		const text = formatTable('Title (100 rows)', [
			{ name: 'tile', app: latency([30]), bare: latency([10]), bareWhat: 'ST_AsMVT' },
			{ name: 'what-if', app: latency([5]), bare: null, bareWhat: 'none: runs in the browser' }
		]);
		const lines = text.split('\n');
		expect(lines[0]).toBe('Title (100 rows)');
		expect(lines[4]).toMatch(/^tile\s+30\.0 ms \/ 30\.0 ms \(n=1\)\s+10\.0 ms \/ 10\.0 ms \(n=1\) — ST_AsMVT\s+3\.00×$/);
		expect(lines[5]).toMatch(/^what-if .* none: runs in the browser\s+–$/);
	});
	it('counts by key', () => {
		expect(countBy([200, 201, 200, 503], String)).toEqual({ '200': 2, '201': 1, '503': 1 });
	});
});
