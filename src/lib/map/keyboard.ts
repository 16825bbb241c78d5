/**
 * Placing without a mouse (WCAG 2.1.1): with the map focused, the arrow keys pan it
 * (MapLibre's keyboard handler) and Enter places at its centre. Moving a placed marker needs
 * nothing of ours: MapLibre's draggable default markers are focusable and move with the
 * arrow keys (1 px a press, 10 with Shift), firing drag and dragend. Browser-only.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

/** Enter on the focused map places at its centre; returns the undo. */
export function placeWithEnter(map: MapLibreMap, onplace: (position: [number, number]) => void): () => void {
	const canvas = map.getCanvas();
	const onKey = (event: KeyboardEvent) => {
		if (event.key !== 'Enter' || event.target !== canvas) return;
		event.preventDefault();
		const centre = map.getCenter();
		onplace([round7(centre.lng), round7(centre.lat)]);
	};
	canvas.addEventListener('keydown', onKey);
	return () => canvas.removeEventListener('keydown', onKey);
}
