/**
 * The areas every map outlines and names, and where a map opens: on the user's own areas (those
 * their roles are granted in), or on all areas for a visitor or a role that covers every area.
 */
import { bboxOfGeometry, type BBox } from '$lib/geometry/geojson';
import type { AreaCollection } from '$lib/areas/area';

/** What the layout tells about the user's roles (`page.data.user.roles`). */
export interface AreaGrant {
	areaId: string | null;
}

export function unionBounds(boxes: readonly BBox[]): BBox | null {
	if (boxes.length === 0) return null;
	return [
		Math.min(...boxes.map((b) => b[0])),
		Math.min(...boxes.map((b) => b[1])),
		Math.max(...boxes.map((b) => b[2])),
		Math.max(...boxes.map((b) => b[3]))
	];
}

/**
 * The bounds a map opens on. A grant on a district covers its places, so its outline is enough.
 * Example: a coordinator of Södermalm → Södermalm's box; an administrator (a grant on every
 * area, `areaId: null`) or a visitor (no grants) → the box of all areas.
 */
export function homeBounds(areas: AreaCollection, grants: readonly AreaGrant[] | null | undefined): BBox | null {
	const all = () => unionBounds(areas.features.map((f) => bboxOfGeometry(f.geometry)));
	if (!grants?.length || grants.some((g) => g.areaId === null)) return all();
	const mine = new Set(grants.map((g) => g.areaId));
	const own = areas.features.filter((f) => mine.has(f.id));
	return own.length ? unionBounds(own.map((f) => bboxOfGeometry(f.geometry))) : all();
}

/** Areas change rarely: one fetch serves every map opened within this time. */
const FRESH_MS = 60_000;
let cached: { at: number; areas: Promise<AreaCollection | null> } | null = null;

/** The tenant's areas (public reference data), or null when they cannot be had (offline, server away). Browser-only. */
export function loadAreas(): Promise<AreaCollection | null> {
	if (cached && Date.now() - cached.at < FRESH_MS) return cached.areas;
	const areas = fetch('/api/areas', { headers: { accept: 'application/json' } })
		.then((response) => (response.ok ? (response.json() as Promise<AreaCollection>) : null))
		.catch(() => null);
	const entry = { at: Date.now(), areas };
	cached = entry;
	// A failure is not kept: the next map asks again.
	void areas.then((result) => {
		if (!result && cached === entry) cached = null;
	});
	return areas;
}
