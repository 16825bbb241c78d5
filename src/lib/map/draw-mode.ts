/** Terra Draw's drawing mode for each geometry type Lykta draws (measures, events, zones, routes, findings). Client-safe. */
import type { LineString, Point, Polygon } from '$lib/geometry/geojson';

/** What can be drawn: one point, line or area. */
export type DrawnGeometry = Point | LineString | Polygon;

export type DrawMode = 'point' | 'linestring' | 'polygon';

export const DRAW_MODES: readonly DrawMode[] = ['point', 'linestring', 'polygon'];

export const DRAW_MODE_OF = { Point: 'point', LineString: 'linestring', Polygon: 'polygon' } as const satisfies Record<string, DrawMode>;

/** The mode that draws this geometry type, or null for types Terra Draw is not used for here. */
export function drawModeOf(type: string): DrawMode | null {
	return (DRAW_MODE_OF as Record<string, DrawMode>)[type] ?? null;
}
