import { describe, expect, it } from 'vitest';
import { coarsen, HOUR_OF_WEEK_LEVELS, monthLevels, throughGrid, type Level } from './privacy';

// A small hierarchy over four positions: each one, pairs, all.
const FOUR: Level[] = [
	{ name: 'one', blocks: [0, 1, 2, 3] },
	{ name: 'two', blocks: [0, 0, 1, 1] },
	{ name: 'all', blocks: [0, 0, 0, 0] }
];

const hourOf = (isoDay: number, hour: number) => (isoDay - 1) * 24 + hour;
const level = (name: string) => HOUR_OF_WEEK_LEVELS.find((l) => l.name === name)!;
const series = (entries: [number, number][]) => {
	const s = new Array<number>(168).fill(0);
	for (const [h, n] of entries) s[h] = n;
	return s;
};

describe('coarsening a series until no block holds 1 or 2', () => {
	it('keeps a series whose every value is 0 or at least 3', () => {
		expect(coarsen([3, 0, 0, 7], FOUR)).toEqual({ level: 'one', values: [3, 0, 0, 7] });
		expect(coarsen([0, 0, 0, 0], FOUR)).toEqual({ level: 'one', values: [0, 0, 0, 0] });
	});

	it('goes to the first level whose blocks pass, spreading each block evenly', () => {
		// 4 and 1: the 1 fails alone; the pair holds 5.
		expect(coarsen([4, 1, 0, 0], FOUR)).toEqual({ level: 'two', values: [2.5, 2.5, 0, 0] });
		// 2 and 1 in one pair: 3 passes.
		expect(coarsen([2, 1, 0, 0], FOUR)).toEqual({ level: 'two', values: [1.5, 1.5, 0, 0] });
		// 2 in one pair and 1 in the other: only the whole (3) passes.
		expect(coarsen([2, 0, 1, 0], FOUR)).toEqual({ level: 'all', values: [0.75, 0.75, 0.75, 0.75] });
	});

	it('withholds the whole series when it holds 1 or 2 in all', () => {
		expect(coarsen([1, 0, 0, 0], FOUR)).toBeNull();
		expect(coarsen([1, 0, 1, 0], FOUR)).toBeNull();
		expect(coarsen([1, 0, 1, 0], FOUR, 2)).toEqual({ level: 'all', values: [0.5, 0.5, 0.5, 0.5] });
		expect(coarsen([1, 1, 0, 0], FOUR, 2)).toEqual({ level: 'two', values: [1, 1, 0, 0] });
	});

	it('refuses negative counts and levels of another length', () => {
		expect(() => coarsen([-1, 0, 0, 0], FOUR)).toThrow(RangeError);
		expect(() => coarsen([1, 0, 0], FOUR)).toThrow(RangeError);
	});
});

describe('the hierarchy of the hours of the week', () => {
	it('goes from hours through four-hour blocks, parts of each day, weekday/weekend and parts of the day to the week', () => {
		expect(HOUR_OF_WEEK_LEVELS.map((l) => l.name)).toEqual(['hour', 'fourHours', 'dayPartByDay', 'dayPartWeekend', 'dayPart', 'week']);
		const blocks = (l: Level) => new Set(l.blocks).size;
		expect(HOUR_OF_WEEK_LEVELS.map(blocks)).toEqual([168, 42, 21, 6, 3, 1]);
	});

	it('nests: every block of a level is a union of blocks of the level before', () => {
		for (let k = 1; k < HOUR_OF_WEEK_LEVELS.length; k++) {
			const finer = HOUR_OF_WEEK_LEVELS[k - 1]!.blocks;
			const coarser = HOUR_OF_WEEK_LEVELS[k]!.blocks;
			const parent = new Map<number, number>();
			finer.forEach((b, h) => {
				if (!parent.has(b)) parent.set(b, coarser[h]!);
				expect(parent.get(b), `${HOUR_OF_WEEK_LEVELS[k]!.name} at hour ${h}`).toBe(coarser[h]);
			});
		}
	});

	it('puts a night after its evening: Friday 22 to Saturday 06 is Friday night, Sunday night runs into Monday', () => {
		const byDay = level('dayPartByDay').blocks;
		expect(byDay[hourOf(5, 22)]).toBe(byDay[hourOf(6, 5)]);
		expect(byDay[hourOf(6, 6)]).not.toBe(byDay[hourOf(6, 5)]);
		expect(byDay[hourOf(7, 23)]).toBe(byDay[hourOf(1, 3)]);
		const fours = level('fourHours').blocks;
		expect([hourOf(5, 22), hourOf(5, 23), hourOf(6, 0), hourOf(6, 1)].map((h) => fours[h])).toEqual(new Array(4).fill(fours[hourOf(5, 22)]));
		expect(fours[hourOf(6, 2)]).not.toBe(fours[hourOf(6, 1)]);
		// Weekend: Friday and Saturday evenings and nights, Saturday and Sunday days.
		const weekend = level('dayPartWeekend').blocks;
		expect(weekend[hourOf(5, 20)]).toBe(weekend[hourOf(6, 20)]);
		expect(weekend[hourOf(5, 20)]).not.toBe(weekend[hourOf(4, 20)]);
		expect(weekend[hourOf(7, 20)]).toBe(weekend[hourOf(1, 20)]);
		expect(weekend[hourOf(6, 12)]).toBe(weekend[hourOf(7, 12)]);
		expect(weekend[hourOf(5, 12)]).toBe(weekend[hourOf(1, 12)]);
	});

	it('hides a single incident among four in a neighbouring hour: four-hour blocks', () => {
		// 4 on Friday 20–21 and 1 on Friday 19–20: Friday 18–22 holds 5, 1.25 an hour.
		const c = coarsen(series([[hourOf(5, 20), 4], [hourOf(5, 19), 1]]), HOUR_OF_WEEK_LEVELS)!;
		expect(c.level).toBe('fourHours');
		for (const h of [18, 19, 20, 21]) expect(c.values[hourOf(5, h)]).toBe(1.25);
		expect(c.values.reduce((a, b) => a + b, 0)).toBe(5);
		expect(c.values.filter((v) => v > 0)).toHaveLength(4);
	});

	it('hides a single incident at night after four in the evening: the whole week', () => {
		// Friday 20 (evening) ×4, Friday 23 (night) ×1: evening and night never pass apart.
		const c = coarsen(series([[hourOf(5, 20), 4], [hourOf(5, 23), 1]]), HOUR_OF_WEEK_LEVELS)!;
		expect(c.level).toBe('week');
		expect(new Set(c.values)).toEqual(new Set([5 / 168]));
	});

	it('keeps weekend evenings apart from weekday ones when they pass together', () => {
		// Friday 20 ×3, Saturday 20 ×1: Friday and Saturday evenings hold 4 (8 hours of 0.5).
		const c = coarsen(series([[hourOf(5, 20), 3], [hourOf(6, 20), 1]]), HOUR_OF_WEEK_LEVELS)!;
		expect(c.level).toBe('dayPartWeekend');
		expect(c.values.filter((v) => v === 0.5)).toHaveLength(8);
		expect(c.values[hourOf(6, 18)]).toBe(0.5);
		expect(c.values[hourOf(4, 20)]).toBe(0);
	});

	it('withholds one incident whatever its hour', () => {
		for (const h of [0, 19, 118, 167]) expect(coarsen(series([[h, 1]]), HOUR_OF_WEEK_LEVELS)).toBeNull();
	});
});

describe('the hierarchy of months', () => {
	it('goes from months through calendar quarters and years to the whole period', () => {
		const levels = monthLevels(['2023-11', '2023-12', '2024-01']);
		expect(levels.map((l) => [l.name, l.blocks])).toEqual([
			['month', [0, 1, 2]],
			['quarter', [0, 0, 1]],
			['year', [0, 0, 1]],
			['period', [0, 0, 0]]
		]);
		expect(coarsen([2, 1, 0], levels)).toEqual({ level: 'quarter', values: [1.5, 1.5, 0] });
		expect(coarsen([3, 0, 1], levels)).toEqual({ level: 'period', values: [4 / 3, 4 / 3, 4 / 3] });
		expect(() => monthLevels(['2023-13'])).toThrow(RangeError);
	});
});

describe('figures through the privacy grid', () => {
	it('adds each cell coarsened on its own, weighted by the share covered; cells of 1 or 2 add nothing', () => {
		const cells = [
			{ share: 1, counts: [4, 1, 0, 0] },
			{ share: 0.5, counts: [0, 0, 3, 3] },
			{ share: 1, counts: [1, 0, 0, 0] },
			{ share: 0, counts: [9, 9, 9, 9] }
		];
		expect(throughGrid(cells, FOUR, 4)).toEqual([2.5, 2.5, 1.5, 1.5]);
	});

	it('withholds the figure when no cell adds anything', () => {
		expect(throughGrid([{ share: 1, counts: [1, 1, 0, 0] }], FOUR, 4)).toBeNull();
		expect(throughGrid([], FOUR, 4)).toBeNull();
	});

	it('makes two zones that differ by one incident differ by no figure of fewer than 3', () => {
		const big = { share: 1, counts: [4, 0, 0, 4] };
		// The larger zone takes in a cell with one incident: nothing changes.
		expect(throughGrid([big, { share: 0.02, counts: [0, 1, 0, 0] }], FOUR, 4)).toEqual(throughGrid([big], FOUR, 4));
		// A cell of 3 with one at its own position: it adds its pairs, never a lone 1.
		const withThree = throughGrid([big, { share: 1, counts: [0, 1, 2, 0] }], FOUR, 4)!;
		const without = throughGrid([big], FOUR, 4)!;
		expect(withThree.map((v, i) => v - without[i]!)).toEqual([0.75, 0.75, 0.75, 0.75]);
	});
});
