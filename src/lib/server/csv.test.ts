import { describe, expect, it } from 'vitest';
import { csvFile, formulaSafe, withoutFormulaGuard } from './csv';

describe('formulaSafe (OWASP CSV injection)', () => {
	it.each(['=1+2', '+1', '-1+A1', '@SUM(A1:A2)', '\t=1', '\r=1', '=HYPERLINK("http://evil.example")'])('guards %j with a leading apostrophe', (text) => {
		expect(formulaSafe(text)).toBe(`'${text}`);
	});

	it.each(['Trasig lampa', '', ' =1', "'already quoted", '1-2', 'a=b', '18,0455'])('leaves %j as it is', (text) => {
		expect(formulaSafe(text)).toBe(text);
	});

	it('is undone by withoutFormulaGuard, which leaves other apostrophes alone', () => {
		for (const text of ['=1+2', '-5', '@x', '\t=1', 'plain', "'quoted", "'", '']) expect(withoutFormulaGuard(formulaSafe(text))).toBe(text);
		expect(withoutFormulaGuard("'plain")).toBe("'plain");
	});
});

describe('csvFile', () => {
	const columns = ['name', 'lon', 'lat', 'count', 'note'] as const;
	const rows = [{ name: '=cmd|calc', lon: -0.5, lat: 59.3125, count: -3, note: null }];

	it('writes the Swedish dialect: BOM, semicolons, decimal commas; negative numbers stay numbers', () => {
		expect(csvFile(columns, rows, 'sv')).toBe("\uFEFFname;lon;lat;count;note\r\n'=cmd|calc;-0,5;59,3125;-3;\r\n");
	});

	it('writes RFC 4180: commas, decimal points, no BOM', () => {
		expect(csvFile(columns, rows, 'rfc4180')).toBe("name,lon,lat,count,note\r\n'=cmd|calc,-0.5,59.3125,-3,\r\n");
	});

	it('quotes a guarded cell that holds the separator, keeping the guard inside the quotes', () => {
		expect(csvFile(['a'], [{ a: '=1;2' }], 'sv')).toBe('\uFEFFa\r\n"\'=1;2"\r\n');
		expect(csvFile(['a'], [{ a: '-a,"b"' }], 'rfc4180')).toBe('a\r\n"\'-a,""b"""\r\n');
	});

	it('writes the header of an empty file', () => {
		expect(csvFile(columns, [], 'rfc4180')).toBe('name,lon,lat,count,note\r\n');
	});
});
