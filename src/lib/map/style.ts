/**
 * The basemap. The default needs no network: a plain background under the app's own
 * layers (drawn from the database, which holds the shipped geodata). PUBLIC_MAP_STYLE
 * may name any MapLibre style URL (e.g. https://tiles.openfreemap.org/styles/positron,
 * OpenStreetMap-based, no key); if it cannot be loaded the map falls back to the offline style.
 */
import type { StyleSpecification } from 'maplibre-gl';

export const OFFLINE_STYLE: StyleSpecification = {
	version: 8,
	name: 'Lykta offline',
	sources: {},
	layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef0ea' } }]
};

export function mapStyle(configured: string | undefined): string | StyleSpecification {
	const url = configured?.trim();
	return url ? url : OFFLINE_STYLE;
}

/** Stockholm: Sergels torg, zoomed out to show the inner districts. */
export const STOCKHOLM = { center: [18.0649, 59.3326] as [number, number], zoom: 10 };
