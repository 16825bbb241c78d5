import { describe, expect, it } from 'vitest';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { StyleSpecification } from 'maplibre-gl';
import { basemapSetting, FONT, initialStyle, offlineStyle, ONLINE_STYLE_URL, selfHostedStyle, SELF_HOSTED_TILEJSON } from './style';

const ORIGIN = 'https://lykta.example.se';

/** Every URL a style makes the browser fetch: sources, tiles, glyphs, sprites, font files. */
function urlsOf(style: StyleSpecification): string[] {
	const urls: string[] = [];
	for (const source of Object.values(style.sources)) {
		const s = source as { url?: string; data?: unknown; tiles?: string[] };
		if (s.url) urls.push(s.url);
		if (typeof s.data === 'string') urls.push(s.data);
		urls.push(...(s.tiles ?? []));
	}
	if (style.glyphs) urls.push(style.glyphs);
	if (typeof style.sprite === 'string') urls.push(style.sprite);
	for (const faces of Object.values(style['font-faces'] ?? {})) urls.push(...(typeof faces === 'string' ? [faces] : faces.map((f) => f.url)));
	return urls;
}

describe('the basemap setting (PUBLIC_MAP_STYLE)', () => {
	it('is online (OpenFreeMap) when unset or "online"', () => {
		for (const value of [undefined, null, '', '  ', 'online']) expect(basemapSetting(value)).toEqual({ kind: 'online', url: ONLINE_STYLE_URL });
		expect(ONLINE_STYLE_URL).toMatch(/^https:\/\/tiles\.openfreemap\.org\/styles\//);
	});

	it('names the built-in and self-hosted basemaps, or any style URL', () => {
		expect(basemapSetting('offline')).toEqual({ kind: 'offline' });
		expect(basemapSetting('self-hosted')).toEqual({ kind: 'self-hosted' });
		expect(basemapSetting('https://tiles.example.org/style.json')).toEqual({ kind: 'online', url: 'https://tiles.example.org/style.json' });
		expect(basemapSetting('/styles/ours.json')).toEqual({ kind: 'online', url: '/styles/ours.json' });
	});

	it('falls back to the offline basemap for a value it cannot use (the server refuses it at start)', () => {
		expect(basemapSetting('nonsense')).toEqual({ kind: 'offline' });
	});

	it('gives a URL for an online basemap and a style object for the others', () => {
		expect(initialStyle({ kind: 'online', url: ONLINE_STYLE_URL }, ORIGIN)).toBe(ONLINE_STYLE_URL);
		expect((initialStyle({ kind: 'offline' }, ORIGIN) as StyleSpecification).name).toBe('Lykta offline');
		expect((initialStyle({ kind: 'self-hosted' }, ORIGIN) as StyleSpecification).name).toBe('Lykta self-hosted');
	});
});

describe.each([
	['offline', offlineStyle(ORIGIN)],
	['self-hosted', selfHostedStyle(ORIGIN)]
])('the %s style', (_name, style) => {
	it('is a valid MapLibre style', () => {
		expect(validateStyleMin(style)).toEqual([]);
	});

	it('fetches nothing but from the app itself, with absolute URLs (the map worker needs them)', () => {
		const urls = urlsOf(style);
		expect(urls.length).toBeGreaterThan(0);
		for (const url of urls) expect(url.startsWith(`${ORIGIN}/`), url).toBe(true);
		expect(style.glyphs).toBeUndefined();
	});

	it('draws every label with the font shipped with the app', () => {
		const symbols = style.layers.filter((l) => l.type === 'symbol');
		expect(symbols.length).toBeGreaterThan(0);
		const shipped = Object.keys(style['font-faces'] ?? {});
		expect(shipped).toEqual([...FONT.regular, ...FONT.bold]);
		for (const layer of symbols) for (const font of (layer.layout?.['text-font'] as string[]) ?? []) expect(shipped).toContain(font);
	});

	it('names its layers basemap-*, apart from the app layers drawn above it', () => {
		for (const layer of style.layers) expect(layer.id).toMatch(/^basemap-/);
	});
});

describe('the offline style', () => {
	it('draws land, water, district boundaries and names, and place names, with the open data attributed', () => {
		const style = offlineStyle(ORIGIN);
		expect(style.layers.map((l) => l.id)).toEqual(['basemap-land', 'basemap-water', 'basemap-district-lines', 'basemap-place-labels', 'basemap-district-labels']);
		expect(JSON.stringify(style.sources)).toContain('Who’s On First');
		expect(JSON.stringify(style.sources)).toContain('Stockholms stad (CC0)');
		expect(Object.values(style.sources).map((s) => (s as { data: string }).data).every((u) => u.endsWith('.geojson'))).toBe(true);
	});
});

describe('the self-hosted style', () => {
	it('reads the OpenMapTiles layers tilemaker writes from the app’s TileJSON, street names included', () => {
		const style = selfHostedStyle(ORIGIN);
		expect((style.sources['basemap-osm'] as { url: string }).url).toBe(`${ORIGIN}${SELF_HOSTED_TILEJSON}`);
		const used = new Set(style.layers.map((l) => (l as { 'source-layer'?: string })['source-layer']).filter(Boolean));
		expect([...used].sort()).toEqual(['building', 'landcover', 'park', 'place', 'transportation', 'transportation_name', 'water', 'water_name', 'waterway']);
	});
});
