/**
 * Where the pinning map opens between walks: on the areas the user's roles are granted in
 * (a district's grant covers its places, so its outline is enough), or on all places for an
 * administrator (a grant on every area). Not the whole county: a walker of Västra Södermalm
 * opens on Södermalm. The shared map helper of issue 13 item 1 (`homeBounds` in
 * $lib/map/my-areas) does the same for every map; this page keeps its own until both meet.
 * Client-safe, pure.
 */
import { bboxOfGeometry, type BBox } from '$lib/geometry/geojson';
import type { AreaCollection } from '$lib/areas/area';

export function unionBounds(boxes: readonly BBox[]): BBox | null {
	if (boxes.length === 0) return null;
	return [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
}

/** Example: a walker in Södermalm → Södermalm's box; an admin, or no grants known → the places' box. */
export function ownAreaBounds(areas: AreaCollection, grants: readonly { areaId: string | null }[] | null | undefined): BBox | null {
	const places = () => unionBounds(areas.features.filter((f) => f.properties.kind === 'place').map((f) => bboxOfGeometry(f.geometry)));
	if (!grants?.length || grants.some((g) => g.areaId === null)) return places();
	const mine = new Set(grants.map((g) => g.areaId));
	return unionBounds(areas.features.filter((f) => mine.has(f.id)).map((f) => bboxOfGeometry(f.geometry))) ?? places();
}
