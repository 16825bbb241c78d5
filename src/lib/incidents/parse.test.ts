import { describe, expect, it } from 'vitest';
import { detectDelimiter, epsgOfCrsName, parseNumber, parseTimestamp } from './parse';

describe('CSV dialects', () => {
	it('detects the separator from the header, ignoring quoted text, with or without a BOM', () => {
		expect(detectDelimiter('\uFEFFid;tid;x;y\n1;2023-06-02 18:00;674032,5;6579800\n')).toBe(';');
		expect(detectDelimiter('id,"tid; lokal",x,y\r\n1,2,3,4')).toBe(',');
		expect(detectDelimiter('"a;b;c",d,e\n')).toBe(',');
		expect(detectDelimiter('one column\n')).toBe(';');
	});

	it('reads decimal commas, thousands spaces and minus signs, and refuses what is not a number', () => {
		expect(parseNumber('18,0712')).toBe(18.0712);
		expect(parseNumber('6 579 800,25')).toBe(6579800.25);
		expect(parseNumber('6\u00a0579\u00a0800')).toBe(6579800);
		expect(parseNumber('-12.5')).toBe(-12.5);
		expect(parseNumber('\u221212,5')).toBe(-12.5);
		expect(parseNumber('1e3')).toBe(1000);
		for (const bad of ['', 'abc', '1,2,3', '18.07.12', '12 m', null, undefined]) expect(parseNumber(bad), String(bad)).toBeNull();
		expect(parseNumber(59.3)).toBe(59.3);
	});
});

describe('timestamps', () => {
	it('reads local times in Stockholm, summer and winter, with and without leading zeros and seconds', () => {
		expect(parseTimestamp('2023-06-02 18:00')).toBe('2023-06-02T16:00:00.000Z');
		expect(parseTimestamp('2023-06-02 8:05')).toBe('2023-06-02T06:05:00.000Z');
		expect(parseTimestamp('2023-01-15 8:05:30')).toBe('2023-01-15T07:05:30.000Z');
		expect(parseTimestamp('2023-01-15T23:59')).toBe('2023-01-15T22:59:00.000Z');
	});

	it('honours an offset or Z when there is one', () => {
		expect(parseTimestamp('2023-06-02T18:00:00Z')).toBe('2023-06-02T18:00:00.000Z');
		expect(parseTimestamp('2023-06-02T18:00:00+01:00')).toBe('2023-06-02T17:00:00.000Z');
		expect(parseTimestamp('2023-06-02T18:00:00.250+0200')).toBe('2023-06-02T16:00:00.250Z');
		expect(parseTimestamp('2023-06-02 18:00+02')).toBe('2023-06-02T16:00:00.000Z');
	});

	it('reads the repeated 02:30 when the clocks go back as the second (winter time) and a skipped spring-night time in summer time', () => {
		expect(parseTimestamp('2023-10-29 02:30')).toBe('2023-10-29T01:30:00.000Z');
		expect(parseTimestamp('2023-03-26 02:30')).toBe('2023-03-26T00:30:00.000Z');
	});

	it('reads a chosen format with date-fns tokens', () => {
		expect(parseTimestamp('02.06.2023 18:00', 'dd.MM.yyyy HH:mm')).toBe('2023-06-02T16:00:00.000Z');
		expect(parseTimestamp('2/6/2023 7:15', 'd/M/yyyy H:mm')).toBe('2023-06-02T05:15:00.000Z');
		expect(parseTimestamp('20230602 1800', 'yyyyMMdd HHmm')).toBe('2023-06-02T16:00:00.000Z');
		expect(parseTimestamp('2023-06-02 18:00', 'dd.MM.yyyy HH:mm')).toBeNull();
	});

	it('refuses what is not a time', () => {
		for (const bad of ['', 'igår', '2023-06-02', '2023-13-02 10:00', '2023-02-30 10:00', '2023-06-02 24:00', '2023-06-02 18:61', '02/06/2023 18:00'])
			expect(parseTimestamp(bad), bad).toBeNull();
	});
});

describe('GeoJSON crs names', () => {
	it('reads EPSG codes from the 2008 crs member', () => {
		expect(epsgOfCrsName('urn:ogc:def:crs:EPSG::3006')).toBe(3006);
		expect(epsgOfCrsName('EPSG:3011')).toBe(3011);
		expect(epsgOfCrsName('urn:ogc:def:crs:OGC:1.3:CRS84')).toBe(4326);
		expect(epsgOfCrsName('something')).toBeNull();
	});
});
