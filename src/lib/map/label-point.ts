/** Where an area's name goes on a map. Client-safe. */
import polylabel from 'polylabel';
import type { MultiPolygon, Polygon } from '$lib/geometry/geojson';

const ringArea = (ring: number[][]) => Math.abs(ring.reduce((sum, [x, y], i) => sum + x * ring[(i + 1) % ring.length][1] - ring[(i + 1) % ring.length][0] * y, 0)) / 2;

/**
 * Inside the largest part of the shape, as far from its edges as can be (the pole of
 * inaccessibility), so the name stays inside concave shapes too — unlike the centroid.
 * Example: labelPoint({ type: 'Polygon', coordinates: [[[0,0],[4,0],[4,2],[0,2],[0,0]]] }) → [2, 1] (within 0.00002°).
 */
export function labelPoint(geometry: Polygon | MultiPolygon): [number, number] {
	const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
	const largest = parts.reduce((a, b) => (ringArea(b[0]) > ringArea(a[0]) ? b : a));
	const [x, y] = polylabel(largest as [number, number][][], 0.00002);
	return [x, y];
}
