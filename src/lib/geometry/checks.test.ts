import { describe, it, expect } from 'vitest';
import { checkCoordinateRange, checkGeometryType, checkServiceArea, type GeometryProblem } from './checks';
import type { BBox, Geometry } from './geojson';

/** The default service area: Stockholm County with a margin (config LYKTA_SERVICE_AREA). */
const serviceArea: BBox = [17.0, 58.55, 19.8, 60.45];

const SWAPPED_HINT = 'Longitude and latitude look swapped: GeoJSON order is [longitude, latitude].';
const CRS_HINT = 'Check the coordinate system: positions must be WGS 84 [longitude, latitude].';
const PROJECTED_HINT = 'These look like projected metres (e.g. SWEREF 99 TM); send WGS 84 longitude/latitude.';

/** The details of a problem, whichever kind it is. */
const details = (problem: GeometryProblem | null) => problem?.details as Record<string, unknown> | undefined;

const square: Geometry = {
	type: 'Polygon',
	coordinates: [[[18.04, 59.31], [18.05, 59.31], [18.05, 59.32], [18.04, 59.32], [18.04, 59.31]]]
};

describe('checkGeometryType', () => {
	it('passes an allowed type', () => {
		expect(checkGeometryType(square, ['Polygon', 'MultiPolygon'])).toBeNull();
		expect(checkGeometryType({ type: 'Point', coordinates: [18, 59] }, ['Point'])).toBeNull();
	});

	it('names the type it got and the ones it expected', () => {
		const allowed = ['Polygon', 'MultiPolygon'] as const;
		const problem = checkGeometryType({ type: 'Point', coordinates: [18.06, 59.33] }, allowed);
		expect(problem).toEqual({
			code: 'wrong_geometry_type',
			message: 'Geometry type Point is not allowed here; expected Polygon or MultiPolygon.',
			details: { expected: ['Polygon', 'MultiPolygon'], got: 'Point' }
		});
		// A copy, so a caller mutating the details cannot change the allowed list.
		expect(details(problem)?.expected).not.toBe(allowed);
	});

	it('lists a single allowed type without "or"', () => {
		expect(checkGeometryType(square, ['LineString'])?.message).toBe(
			'Geometry type Polygon is not allowed here; expected LineString.'
		);
	});

	it('rejects everything when nothing is allowed', () => {
		expect(checkGeometryType(square, [])?.code).toBe('wrong_geometry_type');
	});
});

describe('checkCoordinateRange', () => {
	it('returns null for valid WGS 84 coordinates, including the exact limits', () => {
		expect(checkCoordinateRange(square)).toBeNull();
		expect(checkCoordinateRange({ type: 'LineString', coordinates: [[-180, -90], [180, 90]] })).toBeNull();
	});

	it('reports a longitude beyond 180 without a hint', () => {
		const problem = checkCoordinateRange({ type: 'Point', coordinates: [181, 59] });
		expect(problem).toEqual({
			code: 'coordinates_out_of_range',
			message: 'Coordinate [181, 59] is outside WGS 84 (longitude −180…180, latitude −90…90).',
			details: { position: [181, 59], hint: undefined }
		});
	});

	it('reports a longitude below −180 and latitudes beyond ±90', () => {
		expect(checkCoordinateRange({ type: 'Point', coordinates: [-180.0001, 0] })?.details).toEqual({
			position: [-180.0001, 0],
			hint: undefined
		});
		expect(checkCoordinateRange({ type: 'Point', coordinates: [18, 90.5] })?.details).toEqual({
			position: [18, 90.5],
			hint: undefined
		});
		expect(checkCoordinateRange({ type: 'Point', coordinates: [18, -91] })?.code).toBe('coordinates_out_of_range');
	});

	it('reports the first offending position, with its elevation', () => {
		const problem = checkCoordinateRange({
			type: 'LineString',
			coordinates: [[18, 59], [200, 59, 12], [300, 59]]
		});
		expect(problem?.details).toEqual({ position: [200, 59, 12], hint: undefined });
		expect(problem?.message).toBe('Coordinate [200, 59] is outside WGS 84 (longitude −180…180, latitude −90…90).');
	});

	it('recognises projected SWEREF 99 TM metres', () => {
		// Sergels torg in SWEREF 99 TM is roughly E 674 000, N 6 580 800.
		const problem = checkCoordinateRange({ type: 'Point', coordinates: [674032, 6580821] });
		expect(problem).toEqual({
			code: 'coordinates_out_of_range',
			message: 'Coordinate [674032, 6580821] is outside WGS 84 (longitude −180…180, latitude −90…90).',
			details: { position: [674032, 6580821], reason: 'projected', hint: PROJECTED_HINT }
		});
	});

	it('gives the projected hint when only one axis is beyond 1000', () => {
		expect(details(checkCoordinateRange({ type: 'Point', coordinates: [18, 6580821] }))?.hint).toBe(PROJECTED_HINT);
		expect(details(checkCoordinateRange({ type: 'Point', coordinates: [1000.5, 59] }))?.hint).toBe(PROJECTED_HINT);
		// Exactly 1000 is out of range but not recognisably projected.
		expect(details(checkCoordinateRange({ type: 'Point', coordinates: [1000, 59] }))?.hint).toBeUndefined();
	});

	it('checks holes and every polygon of a MultiPolygon', () => {
		const withBadHole: Geometry = {
			type: 'Polygon',
			coordinates: [
				[[18.04, 59.31], [18.05, 59.31], [18.05, 59.32], [18.04, 59.31]],
				[[18.045, 59.315], [18.046, 95.315], [18.046, 59.316], [18.045, 59.315]]
			]
		};
		expect(details(checkCoordinateRange(withBadHole))?.position).toEqual([18.046, 95.315]);

		const multi: Geometry = {
			type: 'MultiPolygon',
			coordinates: [
				[[[18.04, 59.31], [18.05, 59.31], [18.05, 59.32], [18.04, 59.31]]],
				[[[10, 10], [11, 10], [11, 95], [10, 10]]]
			]
		};
		expect(details(checkCoordinateRange(multi))?.position).toEqual([11, 95]);
	});
});

describe('checkServiceArea', () => {
	it('returns null for a geometry inside the service area', () => {
		expect(checkServiceArea(square, serviceArea)).toBeNull();
		expect(checkServiceArea({ type: 'Point', coordinates: [18.0686, 59.3293] }, serviceArea)).toBeNull();
	});

	it('treats the service-area edges as inside', () => {
		expect(checkServiceArea({ type: 'LineString', coordinates: [[17.0, 58.55], [19.8, 60.45]] }, serviceArea)).toBeNull();
	});

	it('hints at swapped lat/lon for Stockholm given as [59.31, 18.04]', () => {
		expect(checkServiceArea({ type: 'Point', coordinates: [59.31, 18.04] }, serviceArea)).toEqual({
			code: 'outside_service_area',
			message: 'The geometry lies outside the area this service covers.',
			details: { bbox: [59.31, 18.04, 59.31, 18.04], serviceArea: [17.0, 58.55, 19.8, 60.45], reason: 'swapped', hint: SWAPPED_HINT }
		});
	});

	it('hints at swapped lat/lon for a whole polygon given in [lat, lon] order', () => {
		const swapped: Geometry = {
			type: 'Polygon',
			coordinates: [[[59.31, 18.04], [59.31, 18.05], [59.32, 18.05], [59.32, 18.04], [59.31, 18.04]]]
		};
		const problem = checkServiceArea(swapped, serviceArea);
		expect(problem?.details).toEqual({
			bbox: [59.31, 18.04, 59.32, 18.05],
			serviceArea: [17.0, 58.55, 19.8, 60.45],
			reason: 'swapped',
			hint: SWAPPED_HINT
		});
	});

	it('gives the coordinate-system hint for Gothenburg', () => {
		expect(checkServiceArea({ type: 'Point', coordinates: [11.97, 57.71] }, serviceArea)).toEqual({
			code: 'outside_service_area',
			message: 'The geometry lies outside the area this service covers.',
			details: { bbox: [11.97, 57.71, 11.97, 57.71], serviceArea: [17.0, 58.55, 19.8, 60.45], reason: 'wrong_crs', hint: CRS_HINT }
		});
	});

	it('also gives the coordinate-system hint for swapped Gothenburg', () => {
		expect(details(checkServiceArea({ type: 'Point', coordinates: [57.71, 11.97] }, serviceArea))?.hint).toBe(CRS_HINT);
	});

	it('refuses a geometry that only partly leaves the service area', () => {
		const problem = checkServiceArea({ type: 'LineString', coordinates: [[18, 59.3], [20, 59.3]] }, serviceArea);
		expect(problem?.code).toBe('outside_service_area');
		expect(problem?.details).toEqual({ bbox: [18, 59.3, 20, 59.3], serviceArea, reason: 'wrong_crs', hint: CRS_HINT });
	});
});
