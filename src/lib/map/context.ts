import { getContext, setContext } from 'svelte';
import type { Map as MapLibreMap } from 'maplibre-gl';

const MAP = Symbol('lykta.map');
const SOURCE = Symbol('lykta.map.source');

/** The map, once its basemap is shown; children render only then. */
export interface MapContext {
	readonly map: MapLibreMap;
	/** The basemap's layer ids: the app's layers lie above all of them. */
	readonly basemapLayers: ReadonlySet<string>;
}

/**
 * The lowest of the app's layers (the first above the basemap), to add a layer under every other
 * app layer whenever it comes; undefined when there is none yet (a new layer goes on top).
 */
export function lowestAppLayer(context: MapContext): string | undefined {
	return context.map.getStyle()?.layers.find((layer) => !context.basemapLayers.has(layer.id))?.id;
}

export function setMapContext(context: MapContext) {
	setContext(MAP, context);
}

export function getMapContext(): MapContext {
	const context = getContext<MapContext | undefined>(MAP);
	if (!context) throw new Error('Map layers must be placed inside <MapView>.');
	return context;
}

export function setSourceContext(id: string) {
	setContext(SOURCE, id);
}

export function getSourceContext(): string {
	const id = getContext<string | undefined>(SOURCE);
	if (!id) throw new Error('A <MapLayer> must be placed inside a source component.');
	return id;
}
