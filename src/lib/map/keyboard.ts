/**
 * Placing without a mouse (WCAG 2.1.1): with the map focused, the arrow keys pan it
 * (MapLibre's keyboard handler) and Enter places at its centre. Moving a placed marker needs
 * nothing of ours: MapLibre's draggable default markers are focusable and move with the
 * arrow keys (1 px a press, 10 with Shift), firing drag and dragend. Browser-only.
 */
import type { LngLat, Map as MapLibreMap } from 'maplibre-gl';

/** Enter on the focused map places at its centre; returns the undo. */
export function placeWithEnter(map: MapLibreMap, onplace: (centre: LngLat) => void): () => void {
	const canvas = map.getCanvas();
	const onKey = (event: KeyboardEvent) => {
		if (event.key !== 'Enter' || event.target !== canvas) return;
		event.preventDefault();
		onplace(map.getCenter());
	};
	canvas.addEventListener('keydown', onKey);
	return () => canvas.removeEventListener('keydown', onKey);
}
