import { describe, expect, it } from 'vitest';
import { crsNamed, CRS84 } from './crs';
import { readBbox, readDatetime, readItemsQuery } from './params.server';
import type { FieldIssue } from '$lib/api/issues';
import type { CollectionInfo } from './collection';

const findings: CollectionInfo = {
	id: 'findings',
	title: { sv: 'Fynd', en: 'Findings' },
	description: { sv: '', en: '' },
	geometry: 'Geometry',
	temporal: 'instant',
	idType: 'uuid',
	properties: [
		{ name: 'category', type: 'string', enum: ['lighting', 'litter'], queryable: true },
		{ name: 'severity', type: 'integer', queryable: true },
		{ name: 'area_id', type: 'string', format: 'uuid', queryable: true },
		{ name: 'description', type: 'string' }
	]
};

const refusal = (fn: () => unknown) => {
	try {
		fn();
	} catch (error) {
		return error as { status: number; code: string; details: FieldIssue[] };
	}
	throw new Error('not refused');
};

describe('CRS names', () => {
	it('reads URIs, EPSG codes and safe CURIEs, and nothing else', () => {
		expect(crsNamed('http://www.opengis.net/def/crs/EPSG/0/3006')?.srid).toBe(3006);
		expect(crsNamed('https://www.opengis.net/def/crs/EPSG/0/3011')?.srid).toBe(3011);
		expect(crsNamed('EPSG:4326')).toMatchObject({ srid: 4326, flip: true });
		expect(crsNamed('[EPSG:3006]')?.flip).toBe(true);
		expect(crsNamed('CRS84')?.uri).toBe(CRS84);
		expect(crsNamed('OGC:CRS84')).toMatchObject({ srid: 4326, flip: false });
		expect(crsNamed('EPSG:3857')).toBeNull();
		expect(crsNamed('OGC:CRS83')).toBeNull();
	});
});

describe('datetime', () => {
	const read = (value: string) => {
		const issues: FieldIssue[] = [];
		return { interval: readDatetime(value, issues), issues: issues.map((i) => i.code) };
	};
	it('reads instants, dates as whole Stockholm days, and intervals with open ends', () => {
		expect(read('2023-06-02T18:00:00Z').interval).toEqual({ start: '2023-06-02T18:00:00.000Z', end: '2023-06-02T18:00:00.000Z', endExclusive: false });
		// Summer time: the day starts at 22:00 UTC the evening before.
		expect(read('2023-06-02').interval).toEqual({ start: '2023-06-01T22:00:00.000Z', end: '2023-06-02T22:00:00.000Z', endExclusive: true });
		expect(read('2023-01-01/2023-01-31').interval).toEqual({ start: '2022-12-31T23:00:00.000Z', end: '2023-01-31T23:00:00.000Z', endExclusive: true });
		expect(read('../2023-06-02T18:00:00+02:00').interval).toEqual({ start: null, end: '2023-06-02T16:00:00.000Z', endExclusive: false });
		expect(read('2023-06-02T18:00:00Z/').interval).toEqual({ start: '2023-06-02T18:00:00.000Z', end: null, endExclusive: false });
		expect(read('../..').interval).toEqual({ start: null, end: null, endExclusive: false });
	});
	it('refuses what is no time, an end before its start and years outside 1900–2100', () => {
		expect(read('yesterday').issues).toEqual(['datetime_format']);
		expect(read('2023-06-02T18:00:00').issues).toEqual(['datetime_format']);
		expect(read('2023-06-05/2023-06-01').issues).toEqual(['ends_before_start']);
		expect(read('a/b/c').issues).toEqual(['datetime_format']);
		expect(read('0023-06-01').issues).toEqual(['date_out_of_range']);
		expect(read('..').issues).toEqual(['datetime_format']);
	});
});

describe('bbox', () => {
	const read = (value: string, crs = 'CRS84') => {
		const issues: FieldIssue[] = [];
		return { box: readBbox(value, crsNamed(crs)!, issues), issues: issues.map((i) => i.code) };
	};
	it('returns the box easting/longitude first, whatever the CRS’s axis order', () => {
		expect(read('18,59,18.1,59.1').box).toEqual([18, 59, 18.1, 59.1]);
		expect(read('59,18,59.1,18.1', 'EPSG:4326').box).toEqual([18, 59, 18.1, 59.1]);
		expect(read('6578000,673000,6579000,674000', 'EPSG:3006').box).toEqual([673000, 6578000, 674000, 6579000]);
	});
	it('refuses three numbers, 3D boxes, swapped corners and degrees out of range', () => {
		expect(read('1,2,3').issues).toEqual(['bbox_numbers']);
		expect(read('1,2,3,x').issues).toEqual(['bbox_numbers']);
		expect(read('1,2,3,4,5,6').issues).toEqual(['bbox_3d']);
		expect(read('18.1,59,18,59.1').issues).toEqual(['bbox_corners']);
		expect(read('18,59,190,59.1').issues).toEqual(['bbox_degrees']);
	});
});

describe('the items query', () => {
	const url = (query: string) => new URL(`http://x/ogc/collections/findings/items?${query}`);
	it('reads limit (lowering a large one), cursor, crs and queryables', () => {
		const q = readItemsQuery(url('limit=1000000&crs=EPSG:3006&category=lighting&severity=2&cursor=00000000-0000-0000-0000-000000000001'), findings);
		expect(q.limit).toBe(10_000);
		expect(q.crs.srid).toBe(3006);
		expect(q.cursor).toBe('00000000-0000-0000-0000-000000000001');
		expect(q.filters.map((f) => [f.property.name, f.value])).toEqual([['category', 'lighting'], ['severity', 2]]);
		expect(readItemsQuery(url(''), findings)).toMatchObject({ limit: 100, cursor: null, bbox: null, datetime: null, filters: [] });
	});
	it('names every wrong parameter in one 400', () => {
		const error = refusal(() => readItemsQuery(url('limit=0&colour=red&category=purple&area_id=x&description=y&severity=2.5&f=xml'), findings));
		expect(error.status).toBe(400);
		expect(error.code).toBe('invalid_query');
		expect(error.details.map((d) => [d.path, d.code])).toEqual([
			['colour', 'unknown_parameter'],
			['description', 'unknown_parameter'],
			['limit', 'too_small'],
			['category', 'not_allowed'],
			['severity', 'not_integer'],
			['area_id', 'not_id'],
			['f', 'not_allowed']
		]);
		expect(refusal(() => readItemsQuery(url('limit=5&limit=6'), findings)).details[0]).toMatchObject({ path: 'limit', code: 'repeated_parameter' });
	});
});
