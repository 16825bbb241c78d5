import { describe, expect, it } from 'vitest';
import { addMonths, lastDayOf, monthCount, monthParam, monthRange } from './months';

describe('months', () => {
	it('steps over year ends both ways', () => {
		expect(addMonths('2023-11', 3)).toBe('2024-02');
		expect(addMonths('2023-01', -1)).toBe('2022-12');
		expect(addMonths('2023-06', -17)).toBe('2022-01');
	});
	it('lists and counts months, both ends included', () => {
		expect(monthRange('2023-11', '2024-02')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
		expect(monthRange('2024-02', '2023-11')).toEqual([]);
		expect(monthCount('2023-06', '2024-05')).toBe(12);
		expect(monthCount('2024-06', '2024-05')).toBe(0);
	});
	it('knows the last day of a month, leap years too', () => {
		expect(lastDayOf('2024-02')).toBe('2024-02-29');
		expect(lastDayOf('2023-02')).toBe('2023-02-28');
		expect(lastDayOf('2023-12')).toBe('2023-12-31');
	});
	it('reads a month or a date as its month, between 1900 and 2100', () => {
		expect(monthParam.parse('2023-06')).toBe('2023-06');
		expect(monthParam.parse('2023-06-15')).toBe('2023-06');
		for (const bad of ['2023-13', '2023-6', '23-06', '1899-12', '2101-01', '2023-06-32']) expect(monthParam.safeParse(bad).success, bad).toBe(false);
	});
});
