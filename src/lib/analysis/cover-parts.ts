/**
 * A zone's area split by which footprints cover it: for every set M of footprints that
 * covers some of the zone, the area of the zone covered by exactly M. Pure, client-safe,
 * planar (SWEREF 99 TM metres, like the rest of the coverage analysis).
 *
 * Coverage over time needs area(Z ∩ ⋃_{A active} F_A) for many different active sets
 * (events start and stop, lamps follow the dark): with these parts each such area is a sum
 * over the parts whose set meets the active one, so the geometry is done once per zone.
 *
 * How: a vertical slab (trapezoid) decomposition. Cut the zone's x-range at every vertex and
 * every edge crossing that lies within the zone's bounding box; inside a slab no edges
 * cross, so the edges met by the slab's middle line, sorted by height, bound trapezoids,
 * and winding numbers counted from below tell which polygons each trapezoid is in (a
 * polygon's rings are oriented exterior counter-clockwise, holes clockwise, so the
 * winding is ≥ 1 inside — overlapping parts of a MultiPolygon count once). A trapezoid's
 * area is exact; the parts are exact up to floating point, whatever the shapes (holes,
 * MultiPolygons, concave footprints of lines and polygons).
 *
 * Why not a general clipper: cutting each zone into faces with polygon-clipping (an
 * intersection and a difference per footprint and face) took 5 s of the 7.7 s for 500
 * zones × 2,000 activities (`npm run bench -- coverage`); this takes about 0.2 s.
 * cover-parts.test.ts checks it against Turf's general clipper on random shapes.
 *
 * Which cuts matter: only those inside the zone's bounding box. An in-zone trapezoid lies
 * between the zone's lowest and highest edges in its slab, so a crossing or vertex outside
 * the box never bounds one (an edge bounding it that bent outside the box would first have
 * to cross a zone edge, inside it), and windings below the zone change along x only where
 * an edge enters the box — at a crossing with a zone edge, or along a vertical edge.
 */
import type { MultiPolygon, Polygon, Position } from '$lib/geometry/geojson';
import { ringArea } from './area';

type Shape = Polygon | MultiPolygon;

export interface CoverPart {
	/** m² of the zone covered by exactly these footprints. */
	area: number;
	/** Indices into the footprints given, ascending. */
	members: number[];
}

interface Edge {
	/** Left and right end, x0 < x1, relative to the zone's south-west corner. */
	x0: number;
	y0: number;
	x1: number;
	y1: number;
	/** 0 for the zone, k + 1 for footprint k. */
	owner: number;
	/** +1 when the owner's inside is above the edge, −1 when below. */
	wind: 1 | -1;
	/** y at the current slab's middle line (set per slab, to sort by). */
	ym: number;
}

const polygonsOf = (shape: Shape): Position[][][] => (shape.type === 'Polygon' ? [shape.coordinates] : shape.coordinates);

/** y of the edge's line at x. */
const yAt = (e: Edge, x: number) => e.y0 + ((e.y1 - e.y0) * (x - e.x0)) / (e.x1 - e.x0);

/** Where two edges cross inside both (not at shared ends), or null. */
function crossing(a: Edge, b: Edge): { x: number; y: number } | null {
	const dax = a.x1 - a.x0;
	const day = a.y1 - a.y0;
	const dbx = b.x1 - b.x0;
	const dby = b.y1 - b.y0;
	const den = dax * dby - day * dbx;
	if (den === 0) return null; // parallel: an overlap starts and ends at vertices, already cuts
	const ex = b.x0 - a.x0;
	const ey = b.y0 - a.y0;
	const t = (ex * dby - ey * dbx) / den;
	const u = (ex * day - ey * dax) / den;
	if (t <= 0 || t >= 1 || u <= 0 || u >= 1) return null;
	return { x: a.x0 + t * dax, y: a.y0 + t * day };
}

/**
 * The parts of `zone` covered by the footprints (both in metres); footprints may be null
 * (empty). Parts with no member, and parts of no area, are left out; `area` is the zone's.
 *
 * @example
 * // A 100 × 100 m square, the east half under one footprint, the east quarter under two:
 * coverParts(square, [eastHalf, eastQuarter]) // → [{ area: 2500, members: [0] }, { area: 2500, members: [0, 1] }]
 */
export function coverParts(zone: Shape, footprints: readonly (Shape | null)[]): CoverPart[] {
	let [zx0, zy0, zx1, zy1] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const rings of polygonsOf(zone))
		for (const [x, y] of rings[0] ?? []) {
			zx0 = Math.min(zx0, x);
			zy0 = Math.min(zy0, y);
			zx1 = Math.max(zx1, x);
			zy1 = Math.max(zy1, y);
		}
	if (!(zx1 > zx0 && zy1 > zy0)) return [];
	// Relative to the zone's corner: SWEREF 99 TM coordinates are ~10⁶ m, and products of
	// them would lose the millimetres.
	const ox = zx0;
	const oy = zy0;
	const width = zx1 - zx0;
	const height = zy1 - zy0;

	const edges: Edge[] = [];
	const cuts: number[] = [0, width];
	const addShape = (shape: Shape, owner: number) => {
		for (const rings of polygonsOf(shape))
			rings.forEach((ring, r) => {
				// Exterior rings counter-clockwise, holes clockwise: the inside is on the left.
				const flip = r === 0 ? ringArea(ring) < 0 : ringArea(ring) > 0;
				for (let i = 0; i + 1 < ring.length; i++) {
					const ax = ring[i]![0]! - ox;
					const ay = ring[i]![1]! - oy;
					const bx = ring[i + 1]![0]! - ox;
					const by = ring[i + 1]![1]! - oy;
					if (ay >= 0 && ay <= height && ax > 0 && ax < width) cuts.push(ax);
					if (ax === bx) {
						// A vertical edge through the box changes windings there even when both
						// its ends lie outside; slabs' middle lines never meet it.
						if (ax > 0 && ax < width && Math.max(ay, by) >= 0 && Math.min(ay, by) <= height) cuts.push(ax);
						continue;
					}
					// Edges wholly left, right or above the zone bound none of its trapezoids.
					if (Math.max(ax, bx) <= 0 || Math.min(ax, bx) >= width || Math.min(ay, by) > height) continue;
					const forward = ax < bx;
					edges.push({
						x0: forward ? ax : bx,
						y0: forward ? ay : by,
						x1: forward ? bx : ax,
						y1: forward ? by : ay,
						owner,
						// Walking +x with the inside on the left puts the inside above.
						wind: forward !== flip ? 1 : -1,
						ym: 0
					});
				}
			});
	};
	addShape(zone, 0);
	footprints.forEach((fp, k) => {
		if (fp) addShape(fp, k + 1);
	});

	// Crossings inside the zone's box, between edges that reach into it.
	edges.sort((a, b) => a.x0 - b.x0);
	const inBox = edges.filter((e) => Math.max(e.y0, e.y1) >= 0);
	for (let i = 0; i < inBox.length; i++) {
		const a = inBox[i]!;
		const aLow = Math.min(a.y0, a.y1);
		const aHigh = Math.max(a.y0, a.y1);
		for (let j = i + 1; j < inBox.length; j++) {
			const b = inBox[j]!;
			if (b.x0 >= a.x1) break; // sorted by x0: no later edge overlaps a in x
			if (b.owner === a.owner && b.owner !== 0) continue; // a footprint's own edges do not cross
			if (Math.max(b.y0, b.y1) < aLow || Math.min(b.y0, b.y1) > aHigh) continue;
			const c = crossing(a, b);
			if (c && c.x > 0 && c.x < width && c.y >= 0 && c.y <= height) cuts.push(c.x);
		}
	}
	cuts.sort((a, b) => a - b);

	const owners = footprints.length + 1;
	const winding = new Int32Array(owners);
	const words = Math.ceil(footprints.length / 30) || 1;
	const mask = new Uint32Array(words);
	const parts = new Map<number | string, CoverPart>();
	const active: Edge[] = [];
	let next = 0;
	for (let c = 0; c + 1 < cuts.length; c++) {
		const left = cuts[c]!;
		const right = cuts[c + 1]!;
		const dx = right - left;
		if (dx <= 1e-9) continue;
		const mid = (left + right) / 2;
		// The edges the middle line meets: x0 ≤ mid < x1.
		while (next < edges.length && edges[next]!.x0 <= mid) active.push(edges[next++]!);
		let n = 0;
		for (const e of active) if (e.x1 > mid) active[n++] = e;
		active.length = n;
		for (const e of active) e.ym = yAt(e, mid);
		active.sort((a, b) => a.ym - b.ym);

		winding.fill(0);
		mask.fill(0);
		let covering = 0;
		for (let i = 0; i + 1 < active.length; i++) {
			const e = active[i]!;
			const before = winding[e.owner]!;
			const after = (winding[e.owner] = before + e.wind);
			if (e.owner > 0 && (before > 0) !== (after > 0)) {
				const k = e.owner - 1;
				mask[(k / 30) | 0]! ^= 1 << k % 30;
				covering += after > 0 ? 1 : -1;
			}
			if (winding[0]! <= 0 || covering === 0) continue;
			const above = active[i + 1]!;
			// Both edges span the slab (see the header), so this is an exact trapezoid.
			const area = (dx * (yAt(above, left) - yAt(e, left) + yAt(above, right) - yAt(e, right))) / 2;
			if (area <= 0) continue;
			const key = words === 1 ? mask[0]! : mask.join(',');
			const part = parts.get(key);
			if (part) part.area += area;
			else {
				const members: number[] = [];
				for (let k = 0; k < footprints.length; k++) if (winding[k + 1]! > 0) members.push(k);
				parts.set(key, { area, members });
			}
		}
	}
	return [...parts.values()];
}
