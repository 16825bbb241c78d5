/**
 * Area in square metres of a polygonal geometry (DESIGN §4: metres in SWEREF 99 TM).
 *
 * Choice: project to SWEREF 99 TM (./sweref99tm) and take the planar (shoelace) area —
 * the very quantity PostGIS gives for ST_Area(ST_Transform(g, 3006)), so the browser, the
 * server and the database agree to the float. Not Turf's `area`: it is spherical
 * (R = 6 371 008.8 m), and at 59° N the GRS 80 ellipsoid's local curvature (√(M·N) ≈
 * 6 388 km) makes a spherical area about 0.5 % too small — right at the tolerance.
 * SWEREF 99 TM's own scale error in Stockholm (≈ 170 km from 15° E) is < 0.01 % in area.
 */
import type { Geometry, Position } from '$lib/geometry/geojson';
import { toSweref99tm } from './sweref99tm';

/** Planar ring area (signed: counter-clockwise positive) of `[x, y]` positions. */
export function ringArea(ring: readonly (Position | number[])[]): number {
	let sum = 0;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
	}
	return sum / 2;
}

/** Planar area of polygon rings (first exterior, others holes), whatever their winding. */
export function planarPolygonArea(rings: readonly (readonly (Position | number[])[])[]): number {
	let total = 0;
	rings.forEach((ring, i) => {
		const a = Math.abs(ringArea(ring));
		total += i === 0 ? a : -a;
	});
	return total;
}

/** Planar area of planar (already projected) Polygon / MultiPolygon coordinates. */
export function planarArea(geometry: Geometry): number {
	if (geometry.type === 'Polygon') return planarPolygonArea(geometry.coordinates);
	if (geometry.type === 'MultiPolygon') return geometry.coordinates.reduce((s, p) => s + planarPolygonArea(p), 0);
	return 0;
}

/**
 * Area in m² (SWEREF 99 TM) of a WGS 84 geometry; 0 for points and lines.
 *
 * @example
 * // A 100 m × 100 m square drawn in SWEREF 99 TM and stored in WGS 84:
 * areaM2({ type: 'Polygon', coordinates: [[[18.0445, 59.3120], …]] }) // → 10 000
 */
export function areaM2(geometry: Geometry): number {
	if (geometry.type === 'Polygon') return planarPolygonArea(geometry.coordinates.map((r) => r.map(toSweref99tm)));
	if (geometry.type === 'MultiPolygon') return geometry.coordinates.reduce((s, p) => s + planarPolygonArea(p.map((r) => r.map(toSweref99tm))), 0);
	return 0;
}
