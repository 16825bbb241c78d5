import { describe, expect, it } from 'vitest';
import { circlePolygon, displayMetres, roundPosition, toFindingGeometry } from './geometry';

/** Haversine distance in metres, independent of the code under test. */
function metresBetween([lon1, lat1]: number[], [lon2, lat2]: number[]) {
	const r = 6_371_008.8;
	const rad = Math.PI / 180;
	const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
	return 2 * r * Math.asin(Math.sqrt(a));
}

describe('circlePolygon', () => {
	it('puts every vertex at the radius from the centre, in a closed ring', () => {
		const centre = [18.0455, 59.3125] as [number, number];
		const circle = circlePolygon(centre, 12, 32);
		const ring = circle.coordinates[0];
		expect(ring).toHaveLength(33);
		expect(ring[0]).toEqual(ring[32]);
		for (const vertex of ring) expect(metresBetween(centre, vertex)).toBeCloseTo(12, 3);
	});
});

describe('toFindingGeometry', () => {
	it('rounds to 7 decimals and drops a third dimension', () => {
		expect(toFindingGeometry({ type: 'Point', coordinates: [18.045512345678, 59.31251234567, 12] })).toEqual({
			type: 'Point',
			coordinates: [18.0455123, 59.3125123]
		});
	});

	it('refuses shapes too small to be a stretch or a zone', () => {
		expect(toFindingGeometry({ type: 'LineString', coordinates: [[18, 59]] })).toBeNull();
		expect(toFindingGeometry({ type: 'Polygon', coordinates: [[[18, 59], [18.1, 59], [18, 59]]] })).toBeNull();
		expect(toFindingGeometry({ type: 'MultiPoint', coordinates: [[18, 59]] })).toBeNull();
	});

	it('keeps lines and closed polygons', () => {
		const ring = [[18, 59], [18.001, 59], [18.001, 59.001], [18, 59]];
		expect(toFindingGeometry({ type: 'Polygon', coordinates: [ring] })).toEqual({ type: 'Polygon', coordinates: [ring] });
		expect(toFindingGeometry({ type: 'LineString', coordinates: ring.slice(0, 2) })?.type).toBe('LineString');
	});
});

describe('display helpers', () => {
	it('never shows ±0 m', () => {
		expect(displayMetres(0.3)).toBe(1);
		expect(displayMetres(11.6)).toBe(12);
	});

	it('rounds positions', () => {
		expect(roundPosition([1.123456789, 2.987654321])).toEqual([1.1234568, 2.9876543]);
	});
});
