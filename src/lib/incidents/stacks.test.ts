import { describe, expect, it } from 'vitest';
import { StackCounter, stackThreshold, STACK_MIN_ROWS, STACK_MIN_SHARE } from './stacks';

describe('stackThreshold', () => {
	it('is the larger of the floor and the share of the placed rows, rounded up', () => {
		expect(STACK_MIN_ROWS).toBe(10);
		expect(STACK_MIN_SHARE).toBe(0.002);
		// 10 rows up to 5,000 placed rows; then 0.2 %, rounded up.
		for (const [placed, threshold] of [[0, 10], [13, 10], [1000, 10], [5000, 10], [5001, 11], [10_000, 20], [85_011, 171], [100_000, 200]]) expect(stackThreshold(placed), `${placed}`).toBe(threshold);
	});
});

describe('StackCounter', () => {
	it('finds the points holding at least the threshold, the largest first, and keeps keys only when asked', () => {
		const plain = new StackCounter();
		const keyed = new StackCounter(true);
		const add = (lon: number, lat: number, n: number, tag: string) => {
			for (let i = 0; i < n; i++) {
				plain.add(lon, lat, `${tag}${i}`);
				keyed.add(lon, lat, `${tag}${i}`);
			}
		};
		add(18.068581, 59.329324, 12, 'a'); // a stack
		add(17.9, 59.2, 30, 'b'); // a bigger stack
		add(18.0, 59.3, 9, 'c'); // one short of the threshold
		for (let i = 0; i < 49; i++) add(18 + i * 1e-4, 59.31, 1, `d${i}-`); // scattered
		expect(plain.placed).toBe(100);
		expect(plain.stacks()).toEqual([
			{ lon: 17.9, lat: 59.2, rows: 30, keys: null },
			{ lon: 18.068581, lat: 59.329324, rows: 12, keys: null }
		]);
		expect(keyed.stacks().map((s) => s.keys)).toEqual([Array.from({ length: 30 }, (_, i) => `b${i}`), Array.from({ length: 12 }, (_, i) => `a${i}`)]);
	});

	it('raises the bar with the file: 12 rows on a point are no stack among 10,000', () => {
		const counter = new StackCounter();
		for (let i = 0; i < 12; i++) counter.add(18.07, 59.33);
		for (let i = 0; i < 9988; i++) counter.add(17.5 + (i % 100) * 1e-3, 59 + Math.floor(i / 100) * 1e-3);
		expect(counter.placed).toBe(10_000);
		expect(counter.stacks()).toEqual([]);
		for (let i = 0; i < 8; i++) counter.add(18.07, 59.33);
		// 20 of 10,008: the threshold is ceil(20.016) = 21.
		expect(counter.stacks()).toEqual([]);
		counter.add(18.07, 59.33);
		expect(counter.stacks()).toEqual([{ lon: 18.07, lat: 59.33, rows: 21, keys: null }]);
	});
});
