/**
 * The basemap, three ways, chosen by one setting (PUBLIC_MAP_STYLE):
 *
 * - unset or `online`: OpenFreeMap's Positron style (OpenStreetMap data, no key, light enough for
 *   Lykta's own layers to stand out); any other style URL may be given instead. When it cannot be
 *   loaded within a few seconds the map falls back to the offline basemap (see basemap.ts).
 * - `offline`: the built-in schematic basemap — land, Stockholm's water, the 117 districts and
 *   place names from the open data in geodata/basemap/ — with no request leaving the app.
 * - `self-hosted`: vector tiles the operator built from an OpenStreetMap extract
 *   (`npm run basemap:build`), served by the app at /tiles/basemap/{z}/{x}/{y}.pbf.
 *
 * All the basemap's style JSON lives here. Labels use a font shipped with the app (Noto Sans,
 * Latin subset) declared in the style's `font-faces`: MapLibre draws the glyphs from it in the
 * browser, so no glyph server is needed. Client-safe (no DOM).
 */
import type { ExpressionSpecification, FontFacesSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import waterUrl from '../../../geodata/basemap/water.geojson?url';
import districtsUrl from '../../../geodata/basemap/districts.geojson?url';
import placesUrl from '../../../geodata/basemap/places.geojson?url';
import sansRegularUrl from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2?url';
import sansBoldUrl from '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff2?url';

export const ONLINE_STYLE_URL = 'https://tiles.openfreemap.org/styles/positron';
export const OFFLINE_STYLE_NAME = 'Lykta offline';
export const SELF_HOSTED_STYLE_NAME = 'Lykta self-hosted';
/** Where the app serves the self-hosted tiles' TileJSON (bounds, zooms, attribution from the archive). */
export const SELF_HOSTED_TILEJSON = '/tiles/basemap.json';

export type Basemap = { kind: 'online'; url: string } | { kind: 'offline' } | { kind: 'self-hosted' };

/** Reads the setting; an unusable value is reported by the server at start (config.ts), here it means offline. */
export function basemapSetting(value: string | undefined | null): Basemap {
	const v = value?.trim() ?? '';
	if (v === '' || v === 'online') return { kind: 'online', url: ONLINE_STYLE_URL };
	if (v === 'offline') return { kind: 'offline' };
	if (v === 'self-hosted') return { kind: 'self-hosted' };
	if (/^https?:\/\//i.test(v) || v.startsWith('/')) return { kind: 'online', url: v };
	return { kind: 'offline' };
}

/** The font stacks Lykta's labels use, in every basemap (the online one gets the font-faces added). */
export const FONT = { regular: ['Lykta Sans Regular'], bold: ['Lykta Sans Bold'] };

// The Latin subset (Basic Latin, Latin-1 with å ä ö é ü, punctuation): anything else falls back to
// the browser's own fonts, which MapLibre draws with as well.
const LATIN = ['U+0000-00FF', 'U+0131', 'U+0152-0153', 'U+02BB-02BC', 'U+02C6', 'U+02DA', 'U+02DC', 'U+2000-206F', 'U+20AC', 'U+2122', 'U+2212'];

/** Relative asset paths made absolute: MapLibre's worker resolves URLs against its own script. */
const absolute = (origin: string, path: string) => new URL(path, origin).href;

export function fontFaces(origin: string): FontFacesSpecification {
	return {
		[FONT.regular[0]]: [{ url: absolute(origin, sansRegularUrl), 'unicode-range': LATIN }],
		[FONT.bold[0]]: [{ url: absolute(origin, sansBoldUrl), 'unicode-range': LATIN }]
	};
}

export const COLOURS = {
	land: '#f2efe9',
	water: '#aacbe0',
	park: '#d9e8cc',
	building: '#e0dbd2',
	road: '#ffffff',
	roadCasing: '#d4cdc1',
	majorRoad: '#f6dcaa',
	district: '#a89e8f',
	text: '#4f4940',
	mutedText: '#756d62',
	waterText: '#44739a',
	halo: '#ffffff'
} as const;

const STOCKHOLM_ATTRIBUTION = 'Stadsdelar, vatten: Stockholms stad (CC0)';
const WOF_ATTRIBUTION = '<a href="https://whosonfirst.org/docs/licenses/">Data from Who’s On First</a>';

const zoomed = (stops: [number, number][]): ExpressionSpecification => ['interpolate', ['linear'], ['zoom'], ...stops.flat()];
const label = (font: string[], size: ExpressionSpecification | number) => ({ 'text-font': font, 'text-size': size, 'text-max-width': 8 });
const halo = { 'text-halo-color': COLOURS.halo, 'text-halo-width': 1.5, 'text-halo-blur': 0.5 };

/** The built-in basemap: drawn from the GeoJSON files in geodata/basemap/ (see its README). */
export function offlineStyle(origin: string): StyleSpecification {
	return {
		version: 8,
		name: OFFLINE_STYLE_NAME,
		'font-faces': fontFaces(origin),
		sources: {
			'basemap-water': { type: 'geojson', data: absolute(origin, waterUrl), attribution: STOCKHOLM_ATTRIBUTION },
			'basemap-districts': { type: 'geojson', data: absolute(origin, districtsUrl), attribution: STOCKHOLM_ATTRIBUTION },
			'basemap-places': { type: 'geojson', data: absolute(origin, placesUrl), attribution: WOF_ATTRIBUTION }
		},
		layers: [
			{ id: 'basemap-land', type: 'background', paint: { 'background-color': COLOURS.land } },
			{ id: 'basemap-water', type: 'fill', source: 'basemap-water', paint: { 'fill-color': COLOURS.water } },
			{
				id: 'basemap-district-lines',
				type: 'line',
				source: 'basemap-districts',
				filter: ['!=', ['geometry-type'], 'Point'],
				paint: { 'line-color': COLOURS.district, 'line-width': zoomed([[9, 0.5], [15, 1.5]]), 'line-opacity': 0.8 }
			},
			{
				id: 'basemap-place-labels',
				type: 'symbol',
				source: 'basemap-places',
				// Localities (towns around the city) from the county view; neighbourhoods once zoomed in.
				filter: ['any', ['==', ['get', 'kind'], 'locality'], ['>=', ['zoom'], 12]],
				minzoom: 8,
				layout: {
					'text-field': ['get', 'name'],
					...label(FONT.regular, [
						'interpolate', ['linear'], ['zoom'],
						8, ['match', ['get', 'rank'], 0, 14, 1, 12, 10],
						14, ['match', ['get', 'rank'], 0, 18, 1, 15, 13]
					]),
					'text-padding': 6,
					// The city and the municipalities' seats before villages, where labels compete for room.
					'symbol-sort-key': ['get', 'rank']
				},
				paint: { 'text-color': ['case', ['<=', ['get', 'rank'], 1], COLOURS.text, COLOURS.mutedText], ...halo }
			},
			{
				id: 'basemap-district-labels',
				type: 'symbol',
				source: 'basemap-districts',
				filter: ['==', ['geometry-type'], 'Point'],
				minzoom: 10,
				layout: {
					'text-field': ['get', 'name'],
					...label(FONT.regular, zoomed([[10, 10.5], [15, 15]])),
					'text-letter-spacing': 0.04,
					'text-padding': 6,
					// Where labels would collide, the larger district keeps its name.
					'symbol-sort-key': ['-', ['get', 'areaKm2']]
				},
				paint: { 'text-color': COLOURS.text, ...halo }
			}
		]
	};
}

const OSM_ATTRIBUTION = '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap contributors</a>';
const osmName: ExpressionSpecification = ['coalesce', ['get', 'name:latin'], ['get', 'name']];
const roadClass = (...classes: string[]): ExpressionSpecification => ['match', ['get', 'class'], classes, true, false];

/**
 * The style for the self-hosted tiles, which follow the OpenMapTiles schema (layers water, park,
 * landcover, building, transportation, transportation_name, place…) as tilemaker's
 * OpenMapTiles configuration writes them.
 */
export function selfHostedStyle(origin: string): StyleSpecification {
	const source = 'basemap-osm';
	const road = (id: string, classes: string[], colour: string, width: ExpressionSpecification, minzoom = 0): LayerSpecification => ({
		id,
		type: 'line',
		source,
		'source-layer': 'transportation',
		minzoom,
		filter: roadClass(...classes),
		layout: { 'line-cap': 'round', 'line-join': 'round' },
		paint: { 'line-color': colour, 'line-width': width }
	});
	const major = ['motorway', 'trunk', 'primary'];
	const medium = ['secondary', 'tertiary'];
	const minor = ['minor', 'service', 'residential', 'unclassified', 'living_street', 'pedestrian'];
	return {
		version: 8,
		name: SELF_HOSTED_STYLE_NAME,
		'font-faces': fontFaces(origin),
		sources: { [source]: { type: 'vector', url: absolute(origin, SELF_HOSTED_TILEJSON), attribution: OSM_ATTRIBUTION } },
		layers: [
			{ id: 'basemap-land', type: 'background', paint: { 'background-color': COLOURS.land } },
			{
				id: 'basemap-landcover',
				type: 'fill',
				source,
				'source-layer': 'landcover',
				filter: roadClass('grass', 'wood', 'farmland', 'wetland'),
				paint: { 'fill-color': COLOURS.park, 'fill-opacity': 0.6 }
			},
			{ id: 'basemap-park', type: 'fill', source, 'source-layer': 'park', paint: { 'fill-color': COLOURS.park } },
			{ id: 'basemap-water', type: 'fill', source, 'source-layer': 'water', paint: { 'fill-color': COLOURS.water } },
			{ id: 'basemap-waterway', type: 'line', source, 'source-layer': 'waterway', paint: { 'line-color': COLOURS.water, 'line-width': 1.5 } },
			{
				id: 'basemap-building',
				type: 'fill',
				source,
				'source-layer': 'building',
				minzoom: 13,
				paint: { 'fill-color': COLOURS.building, 'fill-outline-color': COLOURS.roadCasing }
			},
			{
				id: 'basemap-path',
				type: 'line',
				source,
				'source-layer': 'transportation',
				minzoom: 14,
				filter: roadClass('path', 'track', 'footway', 'cycleway', 'steps', 'bridleway'),
				paint: { 'line-color': '#a79c8b', 'line-width': 1, 'line-dasharray': [2, 1.5] }
			},
			{
				id: 'basemap-rail',
				type: 'line',
				source,
				'source-layer': 'transportation',
				filter: roadClass('rail', 'transit'),
				paint: { 'line-color': '#a8a29a', 'line-width': 1.2, 'line-dasharray': [3, 2] }
			},
			road('basemap-road-minor-casing', minor, COLOURS.roadCasing, zoomed([[13, 1.5], [18, 14]]), 13),
			road('basemap-road-medium-casing', medium, COLOURS.roadCasing, zoomed([[10, 1.5], [18, 20]]), 10),
			road('basemap-road-major-casing', major, '#e0b97e', zoomed([[8, 1.5], [18, 24]])),
			road('basemap-road-minor', minor, COLOURS.road, zoomed([[13, 0.8], [18, 12]]), 13),
			road('basemap-road-medium', medium, COLOURS.road, zoomed([[10, 0.8], [18, 17]]), 10),
			road('basemap-road-major', major, COLOURS.majorRoad, zoomed([[8, 1], [18, 21]])),
			{
				id: 'basemap-water-names',
				type: 'symbol',
				source,
				'source-layer': 'water_name',
				layout: { 'text-field': osmName, ...label(FONT.regular, 12) },
				paint: { 'text-color': COLOURS.waterText, ...halo }
			},
			{
				id: 'basemap-street-names',
				type: 'symbol',
				source,
				'source-layer': 'transportation_name',
				minzoom: 13,
				layout: { 'text-field': osmName, 'symbol-placement': 'line', ...label(FONT.regular, zoomed([[13, 10], [18, 14]])) },
				paint: { 'text-color': COLOURS.text, ...halo }
			},
			{
				id: 'basemap-place-names',
				type: 'symbol',
				source,
				'source-layer': 'place',
				layout: {
					'text-field': osmName,
					...label(FONT.regular, ['match', ['get', 'class'], ['city', 'town'], 15, ['village', 'suburb'], 13, 12]),
					'text-padding': 6
				},
				paint: { 'text-color': COLOURS.mutedText, ...halo }
			}
		]
	};
}

/** The style to start with for a setting; an online one is a URL MapLibre fetches. */
export function initialStyle(basemap: Basemap, origin: string): string | StyleSpecification {
	if (basemap.kind === 'online') return basemap.url;
	return basemap.kind === 'self-hosted' ? selfHostedStyle(origin) : offlineStyle(origin);
}

/** Stockholm: Sergels torg, zoomed out to show the inner districts (when nothing better is known). */
export const STOCKHOLM = { center: [18.0649, 59.3326] as [number, number], zoom: 10 };
