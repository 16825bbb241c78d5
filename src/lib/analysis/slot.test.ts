import { describe, expect, it } from 'vitest';
import { slotHours, slotIntervals } from './slot';

describe('weekly slots', () => {
	it('are hours of the week, also past midnight', () => {
		expect([...slotHours({ days: ['FR'], startHour: 18, endHour: 22 })]).toEqual([114, 115, 116, 117]);
		expect([...slotHours({ days: ['SU'], startHour: 22, endHour: 2 })].sort((a, b) => a - b)).toEqual([0, 1, 166, 167]);
	});

	it('run on every matching day of the period in Stockholm time', () => {
		expect(slotIntervals({ days: ['FR', 'SA'], startHour: 18, endHour: 22 }, '2023-06-05', '2023-06-11')).toEqual([
			{ startsAt: '2023-06-09T16:00:00.000Z', endsAt: '2023-06-09T20:00:00.000Z' },
			{ startsAt: '2023-06-10T16:00:00.000Z', endsAt: '2023-06-10T20:00:00.000Z' }
		]);
		expect(slotIntervals({ days: ['SA'], startHour: 22, endHour: 2 }, '2023-10-28', '2023-10-28')).toEqual([
			{ startsAt: '2023-10-28T20:00:00.000Z', endsAt: '2023-10-29T01:00:00.000Z' }
		]);
	});
});
