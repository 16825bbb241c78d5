import { getContext, setContext } from 'svelte';
import type { Map as MapLibreMap } from 'maplibre-gl';

const MAP = Symbol('lykta.map');
const SOURCE = Symbol('lykta.map.source');

/** The map, once its style has loaded; children render only then. */
export interface MapContext {
	readonly map: MapLibreMap;
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
