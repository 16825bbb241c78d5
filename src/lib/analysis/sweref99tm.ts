/**
 * SWEREF 99 TM (EPSG:3006), forward and inverse, through proj4 (the maintained JavaScript
 * port of PROJ, the library PostGIS itself uses): transverse Mercator on GRS 80, central
 * meridian 15° E, scale 0.9996, false easting 500 000 m. SWEREF 99 and WGS 84 coincide to
 * well within a metre, so no datum shift. The cross-check in
 * tests/integration/analysis-postgis.test.ts compares it with PostGIS's ST_Transform.
 * Pure and client-safe.
 *
 * Coordinates are `[easting, northing]` (x, y), as PostGIS returns them.
 */
import proj4 from 'proj4';
import type { Position } from '$lib/geometry/geojson';

const SWEREF99TM = '+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';
const converter = proj4('EPSG:4326', SWEREF99TM);

/**
 * WGS 84 / SWEREF 99 longitude–latitude (degrees) → SWEREF 99 TM easting–northing (m).
 *
 * @example
 * toSweref99tm([18.04, 59.31]) // → [673 043.65, 6 578 520.65] (PostGIS ST_Transform agrees to < 1 mm)
 */
export function toSweref99tm([lon, lat]: Position | number[]): [number, number] {
	const [x, y] = converter.forward([lon, lat]);
	return [x, y];
}

/**
 * SWEREF 99 TM easting–northing (m) → longitude–latitude (degrees).
 *
 * @example
 * fromSweref99tm([673043.65, 6578520.65]) // → [18.04, 59.31]
 */
export function fromSweref99tm([east, north]: Position | number[]): [number, number] {
	const [lon, lat] = converter.inverse([east, north]);
	return [lon, lat];
}
