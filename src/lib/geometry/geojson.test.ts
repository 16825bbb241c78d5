import { describe, it, expect } from 'vitest';
import { bboxOfGeometry, geometrySchema, positionsOf, type Geometry } from './geojson';

/** Messages of a failed parse, so a test can say *why* it was rejected. */
function rejection(input: unknown): string[] {
	const result = geometrySchema.safeParse(input);
	expect(result.success).toBe(false);
	return result.success ? [] : result.error.issues.map((i) => i.message);
}

// A square around Tantolunden with a square hole in it (the hole is a pond, say).
const exterior = [
	[18.04, 59.31],
	[18.05, 59.31],
	[18.05, 59.32],
	[18.04, 59.32],
	[18.04, 59.31]
];
const hole = [
	[18.044, 59.314],
	[18.044, 59.316],
	[18.046, 59.316],
	[18.046, 59.314],
	[18.044, 59.314]
];

describe('geometrySchema accepts every RFC 7946 geometry type', () => {
	const valid: [string, Geometry][] = [
		['Point', { type: 'Point', coordinates: [18.0686, 59.3293] }],
		['MultiPoint', { type: 'MultiPoint', coordinates: [[18.06, 59.33], [18.07, 59.34]] }],
		['LineString', { type: 'LineString', coordinates: [[18.06, 59.33], [18.07, 59.34]] }],
		[
			'MultiLineString',
			{
				type: 'MultiLineString',
				coordinates: [
					[[18.06, 59.33], [18.07, 59.34]],
					[[18.08, 59.35], [18.09, 59.36], [18.1, 59.37]]
				]
			}
		],
		['Polygon', { type: 'Polygon', coordinates: [exterior] } as Geometry],
		['Polygon with a hole', { type: 'Polygon', coordinates: [exterior, hole] } as Geometry],
		[
			'MultiPolygon',
			{
				type: 'MultiPolygon',
				coordinates: [
					[exterior, hole],
					[[[18.1, 59.3], [18.2, 59.3], [18.2, 59.4], [18.1, 59.3]]]
				]
			} as Geometry
		],
		['3D Point', { type: 'Point', coordinates: [18.0686, 59.3293, 12.5] }],
		[
			'3D LineString',
			{ type: 'LineString', coordinates: [[18.06, 59.33, 10], [18.07, 59.34, 20]] }
		],
		[
			'3D Polygon',
			{
				type: 'Polygon',
				coordinates: [[[18.04, 59.31, 5], [18.05, 59.31, 6], [18.05, 59.32, 7], [18.04, 59.31, 5]]]
			}
		]
	];

	for (const [label, geometry] of valid) {
		it(`accepts ${label}`, () => {
			const result = geometrySchema.safeParse(geometry);
			expect(result.success).toBe(true);
			expect(result.data).toEqual(geometry);
		});
	}

	it('strips foreign members such as bbox from the parsed geometry', () => {
		const result = geometrySchema.safeParse({ type: 'Point', coordinates: [18, 59], bbox: [18, 59, 18, 59] });
		expect(result.success).toBe(true);
		expect(result.data).toEqual({ type: 'Point', coordinates: [18, 59] });
	});
});

describe('geometrySchema rejects malformed geometry', () => {
	it('rejects an unknown type', () => {
		expect(geometrySchema.safeParse({ type: 'Circle', coordinates: [18, 59] }).success).toBe(false);
		expect(geometrySchema.safeParse({ type: 'GeometryCollection', geometries: [] }).success).toBe(false);
		expect(geometrySchema.safeParse({ type: 'point', coordinates: [18, 59] }).success).toBe(false);
	});

	it('rejects a missing geometry, null and a bare array', () => {
		expect(geometrySchema.safeParse(undefined).success).toBe(false);
		expect(geometrySchema.safeParse(null).success).toBe(false);
		expect(geometrySchema.safeParse([18, 59]).success).toBe(false);
	});

	it('rejects an unclosed ring', () => {
		const messages = rejection({
			type: 'Polygon',
			coordinates: [[[18.04, 59.31], [18.05, 59.31], [18.05, 59.32], [18.04, 59.32]]]
		});
		expect(messages).toEqual(['ring_not_closed']);
	});

	it('rejects a ring that only closes in the third dimension', () => {
		// First and last differ in longitude: not closed, whatever the z value says.
		const messages = rejection({
			type: 'Polygon',
			coordinates: [[[18.04, 59.31, 0], [18.05, 59.31, 0], [18.05, 59.32, 0], [18.041, 59.31, 0]]]
		});
		expect(messages).toEqual(['ring_not_closed']);
	});

	it('rejects an unclosed hole even when the exterior ring is fine', () => {
		const openHole = hole.slice(0, 4);
		expect(rejection({ type: 'Polygon', coordinates: [exterior, openHole] })).toEqual([
			'ring_not_closed'
		]);
	});

	it('rejects a closed ring with only 3 positions', () => {
		const messages = rejection({
			type: 'Polygon',
			coordinates: [[[18.04, 59.31], [18.05, 59.31], [18.04, 59.31]]]
		});
		expect(messages).toEqual(['ring_too_short']);
	});

	it('rejects a polygon without any ring', () => {
		expect(rejection({ type: 'Polygon', coordinates: [] })).toEqual(['polygon_no_ring']);
	});

	it('rejects (without throwing) a polygon whose ring is empty', () => {
		const parse = () => geometrySchema.safeParse({ type: 'Polygon', coordinates: [[]] });
		expect(parse).not.toThrow();
		expect(parse().success).toBe(false);
	});

	it('rejects a line with 1 position', () => {
		expect(rejection({ type: 'LineString', coordinates: [[18.06, 59.33]] })).toEqual([
			'line_too_short'
		]);
		expect(
			rejection({ type: 'MultiLineString', coordinates: [[[18.06, 59.33], [18.07, 59.34]], [[18.06, 59.33]]] })
		).toEqual(['line_too_short']);
	});

	it('rejects string coordinates', () => {
		expect(geometrySchema.safeParse({ type: 'Point', coordinates: ['18.06', '59.33'] }).success).toBe(false);
		expect(geometrySchema.safeParse({ type: 'Point', coordinates: '18.06,59.33' }).success).toBe(false);
		expect(
			geometrySchema.safeParse({ type: 'LineString', coordinates: [[18.06, 59.33], [18.07, '59.34']] }).success
		).toBe(false);
	});

	it('rejects NaN and ±Infinity', () => {
		expect(geometrySchema.safeParse({ type: 'Point', coordinates: [NaN, 59.33] }).success).toBe(false);
		expect(geometrySchema.safeParse({ type: 'Point', coordinates: [18.06, Infinity] }).success).toBe(false);
		expect(geometrySchema.safeParse({ type: 'Point', coordinates: [-Infinity, 59.33] }).success).toBe(false);
		expect(geometrySchema.safeParse({ type: 'Point', coordinates: [18.06, 59.33, NaN] }).success).toBe(false);
	});

	it('rejects positions with fewer than 2 or more than 3 numbers', () => {
		expect(geometrySchema.safeParse({ type: 'Point', coordinates: [18.06] }).success).toBe(false);
		expect(geometrySchema.safeParse({ type: 'Point', coordinates: [] }).success).toBe(false);
		expect(geometrySchema.safeParse({ type: 'Point', coordinates: [18.06, 59.33, 1, 2] }).success).toBe(false);
	});

	it('rejects an empty MultiPolygon, MultiPoint and MultiLineString', () => {
		expect(geometrySchema.safeParse({ type: 'MultiPolygon', coordinates: [] }).success).toBe(false);
		expect(geometrySchema.safeParse({ type: 'MultiPoint', coordinates: [] }).success).toBe(false);
		expect(geometrySchema.safeParse({ type: 'MultiLineString', coordinates: [] }).success).toBe(false);
	});

	it('rejects a MultiPolygon whose member polygon is malformed', () => {
		expect(
			geometrySchema.safeParse({ type: 'MultiPolygon', coordinates: [[exterior], [[exterior[0], exterior[1]]]] })
				.success
		).toBe(false);
	});

	it('rejects Polygon coordinates one nesting level too shallow', () => {
		expect(geometrySchema.safeParse({ type: 'Polygon', coordinates: exterior }).success).toBe(false);
	});
});

describe('positionsOf', () => {
	it('wraps a Point in a list', () => {
		expect(positionsOf({ type: 'Point', coordinates: [1, 2] })).toEqual([[1, 2]]);
	});

	it('returns MultiPoint and LineString positions in order', () => {
		expect(positionsOf({ type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] })).toEqual([[1, 2], [3, 4]]);
		expect(positionsOf({ type: 'LineString', coordinates: [[5, 6], [7, 8], [9, 10]] })).toEqual([
			[5, 6],
			[7, 8],
			[9, 10]
		]);
	});

	it('flattens MultiLineString line by line', () => {
		expect(
			positionsOf({
				type: 'MultiLineString',
				coordinates: [
					[[1, 1], [2, 2]],
					[[3, 3], [4, 4], [5, 5]]
				]
			})
		).toEqual([[1, 1], [2, 2], [3, 3], [4, 4], [5, 5]]);
	});

	it('lists a polygon exterior first, then its holes, keeping closing positions', () => {
		expect(
			positionsOf({
				type: 'Polygon',
				coordinates: [
					[[0, 0], [10, 0], [10, 10], [0, 0]],
					[[2, 2], [3, 2], [3, 3], [2, 2]]
				]
			})
		).toEqual([[0, 0], [10, 0], [10, 10], [0, 0], [2, 2], [3, 2], [3, 3], [2, 2]]);
	});

	it('flattens a MultiPolygon polygon by polygon, ring by ring', () => {
		expect(
			positionsOf({
				type: 'MultiPolygon',
				coordinates: [
					[[[0, 0], [1, 0], [1, 1], [0, 0]]],
					[
						[[5, 5], [6, 5], [6, 6], [5, 5]],
						[[5.2, 5.1], [5.3, 5.1], [5.3, 5.2], [5.2, 5.1]]
					]
				]
			})
		).toEqual([
			[0, 0], [1, 0], [1, 1], [0, 0],
			[5, 5], [6, 5], [6, 6], [5, 5],
			[5.2, 5.1], [5.3, 5.1], [5.3, 5.2], [5.2, 5.1]
		]);
	});

	it('keeps a third coordinate', () => {
		expect(positionsOf({ type: 'Point', coordinates: [1, 2, 3] })).toEqual([[1, 2, 3]]);
	});
});

describe('bboxOfGeometry', () => {
	it('computes the bbox of a hand-worked irregular polygon', () => {
		// Vertices: lon 18.05, 18.09, 18.12, 18.07, 18.02 → west 18.02, east 18.12;
		//           lat 59.31, 59.305, 59.33, 59.352, 59.34 → south 59.305, north 59.352.
		expect(
			bboxOfGeometry({
				type: 'Polygon',
				coordinates: [[[18.05, 59.31], [18.09, 59.305], [18.12, 59.33], [18.07, 59.352], [18.02, 59.34], [18.05, 59.31]]]
			})
		).toEqual([18.02, 59.305, 18.12, 59.352]);
	});

	it('is the bbox of the exterior when the hole lies inside it', () => {
		expect(bboxOfGeometry({ type: 'Polygon', coordinates: [exterior, hole] } as Geometry)).toEqual([
			18.04, 59.31, 18.05, 59.32
		]);
	});

	it('spans every member of a MultiPolygon, with negative coordinates', () => {
		expect(
			bboxOfGeometry({
				type: 'MultiPolygon',
				coordinates: [
					[[[-3, -2], [-1, -2], [-1, 0], [-3, -2]]],
					[[[4, 1], [6, 1], [6, 7], [4, 1]]]
				]
			})
		).toEqual([-3, -2, 6, 7]);
	});

	it('is degenerate for a Point and ignores elevation', () => {
		expect(bboxOfGeometry({ type: 'Point', coordinates: [18.0686, 59.3293, 500] })).toEqual([
			18.0686, 59.3293, 18.0686, 59.3293
		]);
	});

	it('covers a LineString', () => {
		expect(bboxOfGeometry({ type: 'LineString', coordinates: [[3, 9], [-1, 4], [2, -5]] })).toEqual([-1, -5, 3, 9]);
	});
});
