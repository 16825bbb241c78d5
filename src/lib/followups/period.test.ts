import { describe, expect, it } from 'vitest';
import { periodParam, reportPeriod, sameLastYear, tertialOf } from './period';

describe('report periods', () => {
	it('splits the year into tertials of four months, and the annual report takes all of it', () => {
		expect(reportPeriod(2023, 1)).toMatchObject({ key: '2023-T1', from: '2023-01-01', to: '2023-04-30', months: ['2023-01', '2023-02', '2023-03', '2023-04'] });
		expect(reportPeriod(2023, 2)).toMatchObject({ key: '2023-T2', from: '2023-05-01', to: '2023-08-31' });
		expect(reportPeriod(2024, 3)).toMatchObject({ key: '2024-T3', from: '2024-09-01', to: '2024-12-31' });
		const year = reportPeriod(2024, null);
		expect(year).toMatchObject({ key: '2024', tertial: null, from: '2024-01-01', to: '2024-12-31' });
		expect(year.months).toHaveLength(12);
	});

	it('compares with the same tertial last year, and finds the tertial of a date', () => {
		expect(sameLastYear(reportPeriod(2023, 2)).key).toBe('2022-T2');
		expect(sameLastYear(reportPeriod(2023, null)).key).toBe('2022');
		expect(tertialOf('2023-04-30').key).toBe('2023-T1');
		expect(tertialOf('2023-05-01').key).toBe('2023-T2');
		expect(tertialOf('2023-12-31').key).toBe('2023-T3');
	});

	it('reads `2023-T2` and `2023` from an address and refuses anything else', () => {
		expect(periodParam.parse('2023-T2').key).toBe('2023-T2');
		expect(periodParam.parse('2023').tertial).toBeNull();
		for (const bad of ['2023-T4', '2023-T0', '23-T1', '2023T1', '1999-T1', '2101', '2023-t2', ''])
			expect(periodParam.safeParse(bad).success, bad).toBe(false);
		expect(() => reportPeriod(1999, 1)).toThrow(RangeError);
	});
});
