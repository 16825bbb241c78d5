/**
 * Puts the configured basemap into a map, and falls back to the offline one when an online or
 * self-hosted basemap cannot be shown within FALLBACK_MS: its style or tiles fail to load, or
 * nothing arrives at all (a network that swallows requests is the slow case; a refused one fails
 * at once). A failure is remembered for the browser session, so the next map goes straight to the
 * offline basemap instead of waiting again. Browser-only.
 */
import type { ErrorEvent, Map as MapLibreMap, MapSourceDataEvent, StyleSpecification } from 'maplibre-gl';
import { fontFaces, initialStyle, offlineStyle, type Basemap } from './style';

/** How long an online or self-hosted basemap may take to show its first tiles. */
export const FALLBACK_MS = 4000;
const FAILED_KEY = 'lykta.basemap.failed';
const REMEMBER_MS = 10 * 60_000;

export interface ShownBasemap {
	/** What the map shows now. */
	kind: Basemap['kind'];
	/** True when the configured basemap failed and the offline one is shown instead. */
	fellBack: boolean;
	/** The basemap's layer ids: everything the app adds goes above them. */
	layers: ReadonlySet<string>;
}

const keyOf = (basemap: Basemap) => (basemap.kind === 'online' ? basemap.url : basemap.kind);

function recentlyFailed(basemap: Basemap): boolean {
	try {
		const failed = JSON.parse(sessionStorage.getItem(FAILED_KEY) ?? 'null') as { key: string; at: number } | null;
		return !!failed && failed.key === keyOf(basemap) && Date.now() - failed.at < REMEMBER_MS;
	} catch {
		return false; // storage disabled: try the basemap each time
	}
}

function rememberFailure(basemap: Basemap) {
	try {
		sessionStorage.setItem(FAILED_KEY, JSON.stringify({ key: keyOf(basemap), at: Date.now() }));
	} catch {
		// storage disabled: nothing to remember with
	}
}

/**
 * Loads `basemap` into `map` and calls `onshown` once something is shown (the basemap, or the
 * offline one instead). Returns a function that stops waiting (the map is going away).
 */
export function showBasemap(map: MapLibreMap, basemap: Basemap, origin: string, onshown: (shown: ShownBasemap) => void): () => void {
	let done = false;
	let timer: ReturnType<typeof setTimeout> | undefined;
	const listeners: [string, (event: never) => void][] = [];
	const listen = <E>(type: string, handler: (event: E) => void) => {
		map.on(type as 'idle', handler as () => void);
		listeners.push([type, handler as (event: never) => void]);
	};
	const stop = () => {
		clearTimeout(timer);
		for (const [type, handler] of listeners.splice(0)) map.off(type as 'idle', handler as () => void);
	};
	const finish = (kind: Basemap['kind'], fellBack: boolean) => {
		if (done) return;
		done = true;
		stop();
		onshown({ kind, fellBack, layers: new Set(map.getStyle()?.layers.map((l) => l.id) ?? []) });
	};
	const showOffline = (fellBack: boolean) => {
		listen('style.load', () => finish('offline', fellBack));
		map.setStyle(offlineStyle(origin), { diff: false });
	};

	if (basemap.kind === 'offline' || recentlyFailed(basemap)) {
		showOffline(basemap.kind !== 'offline');
		return stop;
	}

	let styleLoaded = false;
	const sources = new Set<string>();
	const fail = (reason: string, error?: unknown) => {
		if (done) return;
		stop();
		rememberFailure(basemap);
		console.warn(`The ${basemap.kind} basemap could not be shown (${reason}); using the offline basemap.`, error ?? '');
		showOffline(true);
	};
	listen('style.load', () => {
		styleLoaded = true;
		for (const id of Object.keys(map.getStyle()?.sources ?? {})) sources.add(id);
	});
	// Before the style has loaded any error is the style's own (its JSON, unreachable or refused);
	// after it, only the basemap's sources count: one tile of it arriving is proof enough.
	listen<ErrorEvent & { sourceId?: string }>('error', (event) => {
		if (!styleLoaded || (event.sourceId && sources.has(event.sourceId))) fail('error', event.error);
	});
	listen<MapSourceDataEvent>('data', (event) => {
		if (styleLoaded && event.dataType === 'source' && event.tile && sources.has(event.sourceId)) finish(basemap.kind, false);
	});
	// A view where the basemap has no tiles to load (outside a self-hosted extract) is shown too.
	listen('idle', () => {
		if (styleLoaded) finish(basemap.kind, false);
	});
	timer = setTimeout(() => fail(`nothing after ${FALLBACK_MS / 1000} s`), FALLBACK_MS);
	map.setStyle(initialStyle(basemap, origin), {
		diff: false,
		// Lykta's labels draw with the font the app ships, whatever glyphs the online style has.
		transformStyle: (_previous, next) => ({ ...next, 'font-faces': { ...fontFaces(origin), ...(next['font-faces'] ?? {}) } }) as StyleSpecification
	});
	return stop;
}
