import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon } from '@turf/turf';
import type { Polygon } from '$lib/geometry/geojson';
import { labelPoint } from './label-point';

describe('labelPoint', () => {
	it('is the middle of a rectangle', () => {
		const [x, y] = labelPoint({ type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 2], [0, 2], [0, 0]]] });
		expect(x).toBeCloseTo(2, 3);
		expect(y).toBeCloseTo(1, 3);
	});

	it('stays inside a concave shape whose centroid is outside it', () => {
		// A U: the centroid (2, ~1.2) lies in the notch.
		const u: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 3], [3, 3], [3, 1], [1, 1], [1, 3], [0, 3], [0, 0]]] };
		const point = labelPoint(u);
		expect(booleanPointInPolygon(point, u)).toBe(true);
	});

	it('goes in the largest part of a multipolygon', () => {
		const [x] = labelPoint({
			type: 'MultiPolygon',
			coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]], [[[10, 0], [20, 0], [20, 10], [10, 10], [10, 0]]]]
		});
		expect(x).toBeGreaterThan(10);
	});
});
