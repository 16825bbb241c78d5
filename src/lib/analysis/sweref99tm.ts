/**
 * SWEREF 99 TM (EPSG:3006), forward and inverse, without proj4: the Gauss–Krüger
 * (transverse Mercator) formulas as published by Lantmäteriet ("Gauss conformal
 * projection (transverse Mercator): Krüger's formulas"), GRS 80 ellipsoid, central
 * meridian 15° E, scale 0.9996, false easting 500 000 m. Accurate to well below a
 * millimetre inside Sweden; the cross-check in tests/integration/analysis-postgis.test.ts
 * compares it with PostGIS's ST_Transform. Pure and client-safe.
 *
 * Coordinates are `[easting, northing]` (x, y), as PostGIS returns them.
 */
import type { Position } from '$lib/geometry/geojson';

const a = 6378137;
const f = 1 / 298.257222101;
const LON0 = (15 * Math.PI) / 180;
const K0 = 0.9996;
const FALSE_EASTING = 500000;

const e2 = f * (2 - f);
const n = f / (2 - f);
const aRoof = (a / (1 + n)) * (1 + (n * n) / 4 + (n ** 4) / 64);

const A = e2;
const B = (5 * e2 ** 2 - e2 ** 3) / 6;
const C = (104 * e2 ** 3 - 45 * e2 ** 4) / 120;
const D = (1237 * e2 ** 4) / 1260;
const beta = [n / 2 - (2 * n ** 2) / 3 + (5 * n ** 3) / 16 + (41 * n ** 4) / 180, (13 * n ** 2) / 48 - (3 * n ** 3) / 5 + (557 * n ** 4) / 1440, (61 * n ** 3) / 240 - (103 * n ** 4) / 140, (49561 * n ** 4) / 161280];
const delta = [n / 2 - (2 * n ** 2) / 3 + (37 * n ** 3) / 96 - n ** 4 / 360, n ** 2 / 48 + n ** 3 / 15 - (437 * n ** 4) / 1440, (17 * n ** 3) / 480 - (37 * n ** 4) / 840, (4397 * n ** 4) / 161280];
const As = e2 + e2 ** 2 + e2 ** 3 + e2 ** 4;
const Bs = -(7 * e2 ** 2 + 17 * e2 ** 3 + 30 * e2 ** 4) / 6;
const Cs = (224 * e2 ** 3 + 889 * e2 ** 4) / 120;
const Ds = -(4279 * e2 ** 4) / 1260;

/**
 * WGS 84 / SWEREF 99 longitude–latitude (degrees) → SWEREF 99 TM easting–northing (m).
 *
 * @example
 * toSweref99tm([18.04, 59.31]) // → [673 043.65, 6 578 520.65] (PostGIS ST_Transform agrees to < 1 mm)
 */
export function toSweref99tm([lon, lat]: Position | number[]): [number, number] {
	const phi = (lat * Math.PI) / 180;
	const s2 = Math.sin(phi) ** 2;
	const phiStar = phi - Math.sin(phi) * Math.cos(phi) * (A + B * s2 + C * s2 * s2 + D * s2 ** 3);
	const dl = (lon * Math.PI) / 180 - LON0;
	const xiP = Math.atan(Math.tan(phiStar) / Math.cos(dl));
	const etaP = Math.atanh(Math.cos(phiStar) * Math.sin(dl));
	let x = xiP;
	let y = etaP;
	for (let i = 0; i < 4; i++) {
		const k = 2 * (i + 1);
		x += beta[i] * Math.sin(k * xiP) * Math.cosh(k * etaP);
		y += beta[i] * Math.cos(k * xiP) * Math.sinh(k * etaP);
	}
	return [K0 * aRoof * y + FALSE_EASTING, K0 * aRoof * x];
}

/**
 * SWEREF 99 TM easting–northing (m) → longitude–latitude (degrees).
 *
 * @example
 * fromSweref99tm(toSweref99tm([18.04, 59.31])) // → [18.04, 59.31] (to ~1e-11°)
 */
export function fromSweref99tm([east, north]: Position | number[]): [number, number] {
	const xi = north / (K0 * aRoof);
	const eta = (east - FALSE_EASTING) / (K0 * aRoof);
	let xiP = xi;
	let etaP = eta;
	for (let i = 0; i < 4; i++) {
		const k = 2 * (i + 1);
		xiP -= delta[i] * Math.sin(k * xi) * Math.cosh(k * eta);
		etaP -= delta[i] * Math.cos(k * xi) * Math.sinh(k * eta);
	}
	const phiStar = Math.asin(Math.sin(xiP) / Math.cosh(etaP));
	const dl = Math.atan(Math.sinh(etaP) / Math.cos(xiP));
	const s2 = Math.sin(phiStar) ** 2;
	const phi = phiStar + Math.sin(phiStar) * Math.cos(phiStar) * (As + Bs * s2 + Cs * s2 * s2 + Ds * s2 ** 3);
	return [((LON0 + dl) * 180) / Math.PI, (phi * 180) / Math.PI];
}
