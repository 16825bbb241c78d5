import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import { FALLBACK_MS, showBasemap, type ShownBasemap } from './basemap';
import { ONLINE_STYLE_URL, OFFLINE_STYLE_NAME, SELF_HOSTED_STYLE_NAME, type Basemap } from './style';

const ORIGIN = 'http://localhost:4173';
const ONLINE: Basemap = { kind: 'online', url: ONLINE_STYLE_URL };
const ONLINE_STYLE: StyleSpecification = {
	version: 8,
	name: 'OpenFreeMap Positron',
	glyphs: 'https://tiles.openfreemap.org/fonts/{fontstack}/{range}.pbf',
	sources: { openmaptiles: { type: 'vector', url: 'https://tiles.openfreemap.org/planet' } },
	layers: [{ id: 'background', type: 'background' }]
};

type SetStyleOptions = { transformStyle?: (previous: unknown, next: StyleSpecification) => StyleSpecification };

/** MapLibre's side of the conversation: events in, setStyle out. */
class FakeMap {
	handlers = new Map<string, Set<(event: unknown) => void>>();
	requested: (string | StyleSpecification)[] = [];
	options: SetStyleOptions | undefined;
	style: StyleSpecification | undefined;
	on(type: string, handler: (event: unknown) => void) {
		if (!this.handlers.has(type)) this.handlers.set(type, new Set());
		this.handlers.get(type)!.add(handler);
	}
	off(type: string, handler: (event: unknown) => void) {
		this.handlers.get(type)?.delete(handler);
	}
	fire(type: string, event: object = {}) {
		for (const handler of [...(this.handlers.get(type) ?? [])]) handler({ type, ...event });
	}
	setStyle(style: string | StyleSpecification, options?: SetStyleOptions) {
		this.requested.push(style);
		this.options = options;
		this.style = undefined;
	}
	getStyle() {
		return this.style;
	}
	/** The requested style arrives (a URL's JSON is `json`) and MapLibre announces it. */
	load(json?: StyleSpecification) {
		const last = this.requested.at(-1)!;
		const style = typeof last === 'string' ? json! : last;
		this.style = this.options?.transformStyle ? this.options.transformStyle(undefined, style) : style;
		this.fire('style.load');
	}
	listeners() {
		return [...this.handlers.values()].reduce((n, set) => n + set.size, 0);
	}
}

function start(basemap: Basemap) {
	const map = new FakeMap();
	const shown: ShownBasemap[] = [];
	const stop = showBasemap(map as unknown as MapLibreMap, basemap, ORIGIN, (s) => shown.push(s));
	return { map, shown, stop };
}

const nameOf = (style: string | StyleSpecification | undefined) => (typeof style === 'string' ? style : style?.name);

beforeEach(() => {
	const store = new Map<string, string>();
	vi.stubGlobal('sessionStorage', {
		getItem: (k: string) => store.get(k) ?? null,
		setItem: (k: string, v: string) => void store.set(k, v),
		removeItem: (k: string) => void store.delete(k)
	});
	vi.useFakeTimers();
	vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
	vi.restoreAllMocks();
	vi.useRealTimers();
	vi.unstubAllGlobals();
});

describe('showBasemap', () => {
	it('shows the offline basemap at once when that is the setting', () => {
		const { map, shown } = start({ kind: 'offline' });
		expect(map.requested.map(nameOf)).toEqual([OFFLINE_STYLE_NAME]);
		map.load();
		expect(shown).toHaveLength(1);
		expect(shown[0]).toMatchObject({ kind: 'offline', fellBack: false });
		expect(shown[0].layers).toContain('basemap-water');
		expect(map.listeners()).toBe(0);
	});

	it('keeps the online basemap once a tile of it has arrived, with the app’s font added to it', () => {
		const { map, shown } = start(ONLINE);
		expect(map.requested).toEqual([ONLINE_STYLE_URL]);
		map.load(ONLINE_STYLE);
		expect(Object.keys(map.style!['font-faces']!)).toEqual(['Lykta Sans Regular', 'Lykta Sans Bold']);
		expect(shown).toEqual([]);
		map.fire('data', { dataType: 'source', sourceId: 'openmaptiles', tile: {} });
		expect(shown).toEqual([expect.objectContaining({ kind: 'online', fellBack: false })]);
		// Later trouble (one tile lost) is not a reason to swap the basemap under the user.
		map.fire('error', { sourceId: 'openmaptiles', error: new Error('503') });
		vi.advanceTimersByTime(FALLBACK_MS * 2);
		expect(map.requested).toHaveLength(1);
	});

	it('falls back at once when the online style cannot be fetched, and remembers it for the next map', () => {
		const { map, shown } = start(ONLINE);
		map.fire('error', { error: new Error('Failed to fetch') });
		expect(map.requested.map(nameOf)).toEqual([ONLINE_STYLE_URL, OFFLINE_STYLE_NAME]);
		map.load();
		expect(shown).toEqual([expect.objectContaining({ kind: 'offline', fellBack: true })]);
		expect(console.warn).toHaveBeenCalledWith(expect.stringContaining('using the offline basemap'), expect.any(Error));

		const next = start(ONLINE);
		expect(next.map.requested.map(nameOf)).toEqual([OFFLINE_STYLE_NAME]);
		next.map.load();
		expect(next.shown).toEqual([expect.objectContaining({ kind: 'offline', fellBack: true })]);
	});

	it('falls back when the style loads but its tiles fail', () => {
		const { map, shown } = start(ONLINE);
		map.load(ONLINE_STYLE);
		map.fire('error', { sourceId: 'openmaptiles', error: new Error('Failed to fetch') });
		expect(nameOf(map.requested.at(-1))).toBe(OFFLINE_STYLE_NAME);
		map.load();
		expect(shown[0]).toMatchObject({ kind: 'offline', fellBack: true });
	});

	it('ignores errors of the app’s own sources', () => {
		const { map, shown } = start(ONLINE);
		map.load(ONLINE_STYLE);
		map.fire('error', { sourceId: 'plan-events', error: new Error('bad data') });
		map.fire('idle');
		expect(shown).toEqual([expect.objectContaining({ kind: 'online', fellBack: false })]);
		expect(map.requested).toHaveLength(1);
	});

	it(`falls back after ${FALLBACK_MS / 1000} s when nothing arrives (a network that swallows requests)`, () => {
		const { map, shown } = start(ONLINE);
		vi.advanceTimersByTime(FALLBACK_MS - 1);
		expect(map.requested).toHaveLength(1);
		vi.advanceTimersByTime(1);
		expect(nameOf(map.requested.at(-1))).toBe(OFFLINE_STYLE_NAME);
		map.load();
		expect(shown[0]).toMatchObject({ kind: 'offline', fellBack: true });
	});

	it('shows the self-hosted basemap when the view has no tiles of it to load (outside the extract)', () => {
		const { map, shown } = start({ kind: 'self-hosted' });
		expect(nameOf(map.requested[0])).toBe(SELF_HOSTED_STYLE_NAME);
		map.load();
		map.fire('idle');
		expect(shown).toEqual([expect.objectContaining({ kind: 'self-hosted', fellBack: false })]);
	});

	it('falls back when the self-hosted archive is missing (its TileJSON answers 404)', () => {
		const { map, shown } = start({ kind: 'self-hosted' });
		map.load();
		map.fire('error', { sourceId: 'basemap-osm', error: new Error('404') });
		map.load();
		expect(shown[0]).toMatchObject({ kind: 'offline', fellBack: true });
	});

	it('stops waiting when the map goes away', () => {
		const { map, shown, stop } = start(ONLINE);
		stop();
		vi.advanceTimersByTime(FALLBACK_MS * 2);
		expect(map.requested).toHaveLength(1);
		expect(shown).toEqual([]);
		expect(map.listeners()).toBe(0);
	});
});
