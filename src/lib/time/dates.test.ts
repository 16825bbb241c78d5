import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inDateRange, isoDate, isoDateTime, untilInDateRange } from './dates';

describe('isoDate', () => {
	it.each(['1900-01-01', '2023-06-02', '2024-02-29', '2100-12-31'])('accepts %s', (d) => expect(isoDate.safeParse(d).success).toBe(true));

	it.each(['0000-01-01', '1899-12-31', '2101-01-01', '9999-12-31', '2023-02-29', '2023-13-01', '2023-6-2', '20230602', ''])('refuses %j', (d) => {
		expect(isoDate.safeParse(d).success).toBe(false);
	});

	it('says what the range is', () => {
		expect(isoDate.safeParse('0000-01-01').error?.issues[0]?.message).toBe('date_out_of_range');
	});
});

describe('isoDateTime', () => {
	it.each(['2023-06-02T18:00:00+02:00', '2023-06-02T16:00:00Z', '1900-01-01T00:00:00Z', '2100-12-31T23:59:59.999-05:00'])('accepts %s', (d) =>
		expect(isoDateTime.safeParse(d).success).toBe(true)
	);

	it.each(['0000-01-01T00:00:00Z', '1899-12-31T23:59:59Z', '2101-01-01T00:00:00+01:00', '2023-06-02T18:00:00', '2023-06-02'])('refuses %j', (d) => {
		expect(isoDateTime.safeParse(d).success).toBe(false);
	});
});

describe('inDateRange and untilInDateRange', () => {
	it('reads ISO and RFC 5545 dates as written', () => {
		expect([inDateRange('2023-06-02'), inDateRange('20230602T220000Z'), inDateRange('00010101'), inDateRange('not a date')]).toEqual([true, true, false, false]);
	});

	it('checks only the UNTIL of a rule', () => {
		expect(untilInDateRange('FREQ=WEEKLY;BYDAY=FR;UNTIL=20230825T220000Z')).toBe(true);
		expect(untilInDateRange('FREQ=WEEKLY;COUNT=3')).toBe(true);
		expect(untilInDateRange('RRULE:FREQ=DAILY;UNTIL=00010101T000000Z')).toBe(false);
		expect(untilInDateRange('FREQ=DAILY;until=21010101')).toBe(false);
		// Malformed UNTILs are the recurrence module's to refuse, with its own message.
		expect(untilInDateRange('FREQ=DAILY;UNTIL=soon')).toBe(true);
	});
});

/** Every .ts and .svelte file under src/, without tests. */
function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return /\.(ts|svelte)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
	});
}

describe('every schema takes its dates from here', () => {
	// Raw zod date and time schemas know no range: a date outside 1900–2100 would slip through.
	const RAW_DATE_SCHEMA = /\bz\s*\.\s*(iso\s*\.\s*(date|datetime|time)|date|coerce\s*\.\s*date)\s*\(|\.\s*(date|datetime)\s*\(\s*(\{[^)]*\})?\s*\)/;
	const root = join(__dirname, '..', '..');
	const self = join(__dirname, 'dates.ts');

	it('finds the raw schemas it is looking for (the check itself works)', () => {
		for (const raw of ['z.iso.date()', 'z.iso.datetime({ offset: true })', 'z.string().date()', 'z.string().datetime({ offset: true })', 'z.coerce.date()', 'z.date()', 'z.iso.time()'])
			expect(RAW_DATE_SCHEMA.test(raw), raw).toBe(true);
		for (const fine of ['isoDate.optional()', 'isoDateTime', 'new Date()', 'Date.parse(x)', 'getDate()'])
			expect(RAW_DATE_SCHEMA.test(fine), fine).toBe(false);
	});

	it('no module but $lib/time/dates builds a raw zod date or date-time schema', () => {
		const offenders = sourceFiles(root)
			.filter((file) => file !== self)
			.flatMap((file) =>
				readFileSync(file, 'utf8')
					.split('\n')
					.map((line, i) => (RAW_DATE_SCHEMA.test(line) ? `${relative(root, file)}:${i + 1}: ${line.trim()}` : null))
					.filter((hit): hit is string => hit !== null)
			);
		expect(offenders).toEqual([]);
	});
});
