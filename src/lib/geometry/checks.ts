/**
 * Checks on a structurally valid geometry that need no database: its type, coordinate
 * ranges, and the deployment's service area. Each failure names what is wrong and, where
 * the pattern is recognisable (swapped lat/lon, projected metres), what probably happened.
 */
import { bboxOfGeometry, positionsOf, type BBox, type Geometry, type GeometryType } from './geojson';

export type GeometryProblem =
	| { code: 'wrong_geometry_type'; message: string; details: { expected: GeometryType[]; got: GeometryType } }
	| { code: 'coordinates_out_of_range'; message: string; details: { position: number[]; reason?: 'projected'; hint?: string } }
	| { code: 'outside_service_area'; message: string; details: { bbox: BBox; serviceArea: BBox; reason: 'swapped' | 'wrong_crs'; hint?: string } };

export function checkGeometryType(geometry: Geometry, allowed: readonly GeometryType[]): GeometryProblem | null {
	if (allowed.includes(geometry.type)) return null;
	return {
		code: 'wrong_geometry_type',
		message: `Geometry type ${geometry.type} is not allowed here; expected ${allowed.join(' or ')}.`,
		details: { expected: [...allowed], got: geometry.type }
	};
}

export function checkCoordinateRange(geometry: Geometry): GeometryProblem | null {
	for (const position of positionsOf(geometry)) {
		const [lon, lat] = position;
		if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
			const projected = Math.abs(lon) > 1000 || Math.abs(lat) > 1000;
			return {
				code: 'coordinates_out_of_range',
				message: `Coordinate [${lon}, ${lat}] is outside WGS 84 (longitude −180…180, latitude −90…90).`,
				details: {
					position: [...position],
					// The reason picks the text the UI shows (`api.coordinates_out_of_range_projected`); the hint is its English.
					reason: projected ? 'projected' : undefined,
					hint: projected
						? 'These look like projected metres (e.g. SWEREF 99 TM); send WGS 84 longitude/latitude.'
						: undefined
				}
			};
		}
	}
	return null;
}

const inside = (bbox: BBox, area: BBox) =>
	bbox[0] >= area[0] && bbox[1] >= area[1] && bbox[2] <= area[2] && bbox[3] <= area[3];

export function checkServiceArea(geometry: Geometry, serviceArea: BBox): GeometryProblem | null {
	const bbox = bboxOfGeometry(geometry);
	if (inside(bbox, serviceArea)) return null;
	const swapped: BBox = [bbox[1], bbox[0], bbox[3], bbox[2]];
	const looksSwapped = inside(swapped, serviceArea);
	return {
		code: 'outside_service_area',
		message: 'The geometry lies outside the area this service covers.',
		details: {
			bbox,
			serviceArea,
			reason: looksSwapped ? 'swapped' : 'wrong_crs',
			hint: looksSwapped
				? 'Longitude and latitude look swapped: GeoJSON order is [longitude, latitude].'
				: 'Check the coordinate system: positions must be WGS 84 [longitude, latitude].'
		}
	};
}
