/**
 * An activity's influence footprint (its geometry buffered by its radius, see
 * `$lib/analysis/footprint`) in WGS 84, for drawing on the map; null when it cannot be
 * built (a shape still being drawn).
 */
import { footprint, unprojectGeometry } from '$lib/analysis/footprint';
import type { Geometry } from '$lib/geometry/geojson';

export function footprintOnMap(geometry: Geometry, radiusM: number): GeoJSON.Geometry | null {
	try {
		const fp = footprint(geometry, radiusM);
		return fp.geometry ? (unprojectGeometry(fp.geometry) as GeoJSON.Geometry) : null;
	} catch {
		return null;
	}
}
