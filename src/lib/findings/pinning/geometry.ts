/**
 * Small geometry helpers for pinning: the accuracy circle around a GPS fix and the
 * conversion of drawn shapes into finding geometries. Pure.
 */
import type { FindingGeometry } from '$lib/findings/finding';
import type { Polygon, Position } from '$lib/geometry/geojson';
import type { DrawMode } from '$lib/map/draw-mode';

/** What the user marks: a spot, a stretch (line) or a zone (polygon). */
export type DrawShape = 'point' | 'line' | 'area';

/** How each is drawn on the map: a point is placed with the pin marker, so the drawing tool idles. */
export const SHAPE_DRAW_MODE: Record<DrawShape, DrawMode | 'static'> = { point: 'static', line: 'linestring', area: 'polygon' };

const EARTH_RADIUS_M = 6_371_008.8;

/** 7 decimals ≈ 1 cm: more than any phone's GPS can tell, and small to send. */
export function roundPosition(position: readonly number[]): Position {
	return [Math.round(position[0] * 1e7) / 1e7, Math.round(position[1] * 1e7) / 1e7];
}

/**
 * A circle of `radiusM` metres around `center` ([lon, lat]) as a polygon of `steps` sides,
 * on the sphere (good to well under a metre at the radii a GPS reports).
 *
 * @example circlePolygon([18.0455, 59.3125], 12) // the "±12 m" circle
 */
export function circlePolygon(center: Position, radiusM: number, steps = 48): Polygon {
	const [lon, lat] = center;
	const φ1 = (lat * Math.PI) / 180;
	const λ1 = (lon * Math.PI) / 180;
	const δ = radiusM / EARTH_RADIUS_M;
	const ring: Position[] = [];
	for (let i = 0; i < steps; i++) {
		const θ = (2 * Math.PI * i) / steps;
		const φ2 = Math.asin(Math.sin(φ1) * Math.cos(δ) + Math.cos(φ1) * Math.sin(δ) * Math.cos(θ));
		const λ2 = λ1 + Math.atan2(Math.sin(θ) * Math.sin(δ) * Math.cos(φ1), Math.cos(δ) - Math.sin(φ1) * Math.sin(φ2));
		ring.push([(λ2 * 180) / Math.PI, (φ2 * 180) / Math.PI]);
	}
	ring.push(ring[0]);
	return { type: 'Polygon', coordinates: [ring] };
}

/** A shape from the drawing library, as the finding geometry the API takes (2D, rounded). */
export function toFindingGeometry(geometry: { type: string; coordinates: unknown }): FindingGeometry | null {
	switch (geometry.type) {
		case 'Point':
			return { type: 'Point', coordinates: roundPosition(geometry.coordinates as number[]) };
		case 'LineString': {
			const coordinates = (geometry.coordinates as number[][]).map(roundPosition);
			return coordinates.length >= 2 ? { type: 'LineString', coordinates } : null;
		}
		case 'Polygon': {
			const rings = (geometry.coordinates as number[][][]).map((ring) => ring.map(roundPosition));
			return rings[0]?.length >= 4 ? { type: 'Polygon', coordinates: rings } : null;
		}
		default:
			return null;
	}
}

/** Whole metres for display, never "±0 m" for a fix that is merely very good. */
export function displayMetres(metres: number): number {
	return Math.max(1, Math.round(metres));
}
