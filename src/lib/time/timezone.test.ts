import { describe, expect, it } from 'vitest';
import { instantOfWall, offsetAt, wallOf } from './timezone';

/** An independent reference: Intl's own "GMT+hh:mm" name of the offset. */
function reference(instantMs: number, timeZone: string): number {
	const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(new Date(instantMs)).find((p) => p.type === 'timeZoneName')!.value;
	const m = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name)!;
	return m[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000 : 0;
}

describe('offsetAt (cached per quarter hour)', () => {
	it('follows Stockholm minute by minute across both changes of 2023', () => {
		for (const change of [Date.parse('2023-03-26T01:00:00Z'), Date.parse('2023-10-29T01:00:00Z')])
			for (let t = change - 2 * 3_600_000; t <= change + 2 * 3_600_000; t += 60_000) expect(offsetAt(t, 'Europe/Stockholm'), new Date(t).toISOString()).toBe(reference(t, 'Europe/Stockholm'));
	});

	it('agrees with Intl at random instants in zones with odd offsets and changes', () => {
		let seed = 7;
		const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
		for (const zone of ['Europe/Stockholm', 'America/St_Johns', 'Australia/Lord_Howe', 'Asia/Kathmandu'])
			for (let i = 0; i < 500; i++) {
				const t = Date.parse('1950-01-01T00:00:00Z') + Math.floor(random() * 150 * 365 * 86_400) * 1000;
				expect(offsetAt(t, zone), `${zone} ${new Date(t).toISOString()}`).toBe(reference(t, zone));
			}
	});

	it('gives wall times and back', () => {
		expect(new Date(wallOf(Date.parse('2023-06-02T16:00:00Z'), 'Europe/Stockholm')).toISOString()).toBe('2023-06-02T18:00:00.000Z');
		expect(instantOfWall(Date.UTC(2023, 10, 3, 18), 'Europe/Stockholm')).toBe(Date.parse('2023-11-03T17:00:00Z'));
	});
});
