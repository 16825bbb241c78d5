/**
 * The coordinate reference systems Lykta's OGC API answers in (OGC API – Features Part 2,
 * CRS by Reference): WGS 84 in both axis orders, SWEREF 99 TM (the national grid) and
 * SWEREF 99 18 00 (Stockholm's local zone). Storage is WGS 84 lon/lat (SRID 4326), which is
 * CRS84; every other CRS is made by PostGIS's ST_Transform.
 *
 * Axis order follows each CRS's definition, as Part 2 requires: CRS84 is lon/lat, EPSG:4326
 * lat/lon, and the SWEREF 99 projections (EPSG:3006, 3011, coordinate system 4500) northing
 * before easting. PostGIS always works easting/longitude first, so `flip` says where the
 * coordinates are swapped on the way out (and a bbox given in that CRS on the way in).
 * Client-safe.
 */

export interface Crs {
	uri: string;
	srid: number;
	/** Axis order northing/latitude first (PostGIS's order swapped). */
	flip: boolean;
	/** Decimals written: about a millimetre in either unit. */
	decimals: number;
	label: string;
}

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

export const SUPPORTED_CRS: readonly Crs[] = [
	{ uri: CRS84, srid: 4326, flip: false, decimals: 8, label: 'WGS 84 (lon, lat)' },
	{ uri: 'http://www.opengis.net/def/crs/EPSG/0/4326', srid: 4326, flip: true, decimals: 8, label: 'WGS 84 (lat, lon)' },
	{ uri: 'http://www.opengis.net/def/crs/EPSG/0/3006', srid: 3006, flip: true, decimals: 3, label: 'SWEREF 99 TM (N, E)' },
	{ uri: 'http://www.opengis.net/def/crs/EPSG/0/3011', srid: 3011, flip: true, decimals: 3, label: 'SWEREF 99 18 00 (N, E)' }
];

export const STORAGE_CRS = SUPPORTED_CRS[0]!;

/**
 * The CRS a parameter names: its URI, or the short forms clients also send (`EPSG:3006`,
 * `[EPSG:3006]` as a safe CURIE, `CRS84`, and the `http://www.opengis.net/def/crs/EPSG/0/…`
 * URI with `https`). Null when Lykta does not offer it.
 */
export function crsNamed(value: string): Crs | null {
	const text = value.trim();
	const curie = /^\[?(EPSG|OGC):([0-9A-Za-z.]+)\]?$/i.exec(text);
	const uri = curie
		? curie[1]!.toUpperCase() === 'OGC'
			? /^CRS84$/i.test(curie[2]!) ? CRS84 : ''
			: `http://www.opengis.net/def/crs/EPSG/0/${curie[2]}`
		: /^CRS84$/i.test(text)
			? CRS84
			: text.replace(/^https:/i, 'http:');
	return SUPPORTED_CRS.find((c) => c.uri === uri) ?? null;
}

/** The CRS a `Content-Crs` header names (a URI in angle brackets). */
export const contentCrsHeader = (crs: Crs) => `<${crs.uri}>`;
