/**
 * Seeded randomness and spatial sampling for the demo-data generator.
 * Pure and deterministic: the same seed always yields the same sequence.
 */
import type { Position } from './types';

// ---------------------------------------------------------------- PRNG

/** FNV-1a hash of a string, used to derive independent sub-streams. */
export function hashString(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

export class Rng {
	private state: number;
	readonly seed: number;

	constructor(seed: number) {
		this.seed = seed >>> 0;
		this.state = this.seed;
	}

	/** mulberry32: uniform float in [0, 1). */
	float(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** Uniform float in [min, max). */
	range(min: number, max: number): number {
		return min + (max - min) * this.float();
	}

	/** Uniform integer in [min, max], both inclusive. */
	int(min: number, max: number): number {
		return min + Math.floor(this.float() * (max - min + 1));
	}

	chance(p: number): boolean {
		return this.float() < p;
	}

	pick<T>(items: readonly T[]): T {
		if (items.length === 0) throw new Error('pick from empty list');
		return items[Math.floor(this.float() * items.length)] as T;
	}

	weightedIndex(weights: readonly number[]): number {
		let total = 0;
		for (const w of weights) total += Math.max(0, w);
		if (total <= 0) throw new Error('weighted pick needs a positive weight');
		let r = this.float() * total;
		for (let i = 0; i < weights.length; i++) {
			r -= Math.max(0, weights[i] ?? 0);
			if (r < 0) return i;
		}
		return weights.length - 1;
	}

	/** Pick from `[item, weight]` pairs. */
	weighted<T>(pairs: readonly (readonly [T, number])[]): T {
		const pair = pairs[this.weightedIndex(pairs.map((p) => p[1]))];
		if (!pair) throw new Error('weighted pick from empty list');
		return pair[0];
	}

	/** Normal deviate via Box–Muller. */
	normal(mean = 0, sd = 1): number {
		const u1 = 1 - this.float(); // (0, 1]
		const u2 = this.float();
		return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
	}

	/** `k` distinct items in random order. */
	sample<T>(items: readonly T[], k: number): T[] {
		const copy = [...items];
		for (let i = copy.length - 1; i > 0; i--) {
			const j = Math.floor(this.float() * (i + 1));
			const tmp = copy[i] as T;
			copy[i] = copy[j] as T;
			copy[j] = tmp;
		}
		return copy.slice(0, Math.min(k, copy.length));
	}

	/** An independent stream derived from this generator's seed and a label. */
	fork(label: string): Rng {
		return new Rng((this.seed ^ hashString(label)) >>> 0);
	}
}

export function rng(seed: number): Rng {
	return new Rng(seed);
}

// ---------------------------------------------------------------- geometry

export const METRES_PER_DEGREE = 111_320;

export const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;

/** Ray-casting point-in-ring test (ring may be closed or open). */
export function pointInRing(p: Position, ring: readonly Position[]): boolean {
	let inside = false;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const [xi, yi] = ring[i] as Position;
		const [xj, yj] = ring[j] as Position;
		if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
	}
	return inside;
}

/** Inside the exterior ring and outside every hole. */
export function pointInPolygon(p: Position, polygon: readonly (readonly Position[])[]): boolean {
	const [outer, ...holes] = polygon;
	if (!outer || !pointInRing(p, outer)) return false;
	return !holes.some((h) => pointInRing(p, h));
}

function orient(a: Position, b: Position, c: Position): number {
	return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

function onSegment(a: Position, b: Position, p: Position): boolean {
	return (
		Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) &&
		Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1])
	);
}

/** True when segments ab and cd intersect or touch. */
export function segmentsIntersect(a: Position, b: Position, c: Position, d: Position): boolean {
	const d1 = orient(c, d, a);
	const d2 = orient(c, d, b);
	const d3 = orient(a, b, c);
	const d4 = orient(a, b, d);
	if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
	return (
		(d1 === 0 && onSegment(c, d, a)) ||
		(d2 === 0 && onSegment(c, d, b)) ||
		(d3 === 0 && onSegment(a, b, c)) ||
		(d4 === 0 && onSegment(a, b, d))
	);
}

/**
 * A polygon with a local metric frame (equirectangular around its centre) for
 * sampling points, routes and small polygons that are guaranteed to lie inside it.
 * All returned positions are rounded to 6 decimals and tested after rounding.
 */
export class AreaSampler {
	readonly polygon: Position[][];
	readonly centre: Position;
	readonly minLon: number;
	readonly maxLon: number;
	readonly minLat: number;
	readonly maxLat: number;
	private readonly kx: number;
	private readonly edges: [Position, Position][];

	constructor(polygon: [number, number][][]) {
		this.polygon = polygon.map((ring) => ring.map((p): Position => [p[0], p[1]]));
		const outer = this.polygon[0];
		if (!outer || outer.length < 4) throw new Error('polygon needs an exterior ring');
		this.minLon = Math.min(...outer.map((p) => p[0]));
		this.maxLon = Math.max(...outer.map((p) => p[0]));
		this.minLat = Math.min(...outer.map((p) => p[1]));
		this.maxLat = Math.max(...outer.map((p) => p[1]));
		this.centre = [(this.minLon + this.maxLon) / 2, (this.minLat + this.maxLat) / 2];
		this.kx = METRES_PER_DEGREE * Math.cos((this.centre[1] * Math.PI) / 180);
		this.edges = [];
		for (const ring of this.polygon) {
			for (let i = 0; i + 1 < ring.length; i++) this.edges.push([ring[i] as Position, ring[i + 1] as Position]);
		}
	}

	/** Metres east/north of the bbox centre. */
	toMetres(p: Position): [number, number] {
		return [(p[0] - this.centre[0]) * this.kx, (p[1] - this.centre[1]) * METRES_PER_DEGREE];
	}

	fromMetres(x: number, y: number): Position {
		return [round6(this.centre[0] + x / this.kx), round6(this.centre[1] + y / METRES_PER_DEGREE)];
	}

	/** Move a position by dx metres east and dy metres north. */
	offset(p: Position, dx: number, dy: number): Position {
		const [x, y] = this.toMetres(p);
		return this.fromMetres(x + dx, y + dy);
	}

	distanceM(a: Position, b: Position): number {
		const [ax, ay] = this.toMetres(a);
		const [bx, by] = this.toMetres(b);
		return Math.hypot(ax - bx, ay - by);
	}

	/** Width and height of the bounding box in metres. */
	get sizeM(): [number, number] {
		return [(this.maxLon - this.minLon) * this.kx, (this.maxLat - this.minLat) * METRES_PER_DEGREE];
	}

	private distanceToBoundaryM(p: Position): number {
		const [px, py] = this.toMetres(p);
		let best = Infinity;
		for (const [a, b] of this.edges) {
			const [ax, ay] = this.toMetres(a);
			const [bx, by] = this.toMetres(b);
			const dx = bx - ax;
			const dy = by - ay;
			const len2 = dx * dx + dy * dy;
			const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
			best = Math.min(best, Math.hypot(px - (ax + t * dx), py - (ay + t * dy)));
		}
		return best;
	}

	/** Inside the polygon and at least `marginM` metres from its boundary. */
	contains(p: Position, marginM = 1): boolean {
		return pointInPolygon(p, this.polygon) && (marginM <= 0 || this.distanceToBoundaryM(p) >= marginM);
	}

	/** Both ends inside and the segment crosses or touches no polygon edge. */
	segmentInside(a: Position, b: Position): boolean {
		if (!this.contains(a, 0.5) || !this.contains(b, 0.5)) return false;
		return !this.edges.some(([c, d]) => segmentsIntersect(a, b, c, d));
	}

	pathInside(path: readonly Position[]): boolean {
		for (let i = 0; i + 1 < path.length; i++) {
			if (!this.segmentInside(path[i] as Position, path[i + 1] as Position)) return false;
		}
		return path.length > 0 && this.contains(path[0] as Position, 0.5);
	}

	/** Uniform point by rejection sampling in the bounding box. */
	randomPoint(r: Rng, marginM = 1): Position {
		for (let attempt = 0; attempt < 10_000; attempt++) {
			const p: Position = [round6(r.range(this.minLon, this.maxLon)), round6(r.range(this.minLat, this.maxLat))];
			if (this.contains(p, marginM)) return p;
		}
		throw new Error('could not sample a point inside the polygon');
	}

	/** Gaussian point around `centre` (sigma in metres), resampled until inside. */
	pointNear(r: Rng, centre: Position, sigmaM: number, marginM = 1): Position {
		const [cx, cy] = this.toMetres(centre);
		for (let attempt = 0; attempt < 60; attempt++) {
			const p = this.fromMetres(cx + r.normal(0, sigmaM), cy + r.normal(0, sigmaM));
			if (this.contains(p, marginM)) return p;
		}
		return this.randomPoint(r, marginM);
	}

	/** Short line of `vertices` points, about `lengthM` long, starting near `start`. */
	shortLine(r: Rng, lengthM: number, vertices: number, start?: Position): Position[] {
		for (let attempt = 0; attempt < 200; attempt++) {
			const first = start && attempt < 100 ? start : this.randomPoint(r, 2);
			let heading = r.range(0, 2 * Math.PI);
			const step = lengthM / Math.max(1, vertices - 1);
			const line: Position[] = [first];
			for (let i = 1; i < vertices; i++) {
				heading += r.range(-0.5, 0.5);
				const prev = line[line.length - 1] as Position;
				line.push(this.offset(prev, Math.cos(heading) * step, Math.sin(heading) * step));
			}
			if (this.pathInside(line)) return line;
			lengthM *= 0.95;
		}
		throw new Error('could not fit a line inside the polygon');
	}

	/**
	 * An open route of `n` vertices that visits `via` points (if any) and otherwise
	 * random points, ordered by angle around their mean so it reads as a tour.
	 */
	route(r: Rng, n: number, via: readonly Position[] = [], marginM = 3): Position[] {
		for (let attempt = 0; attempt < 300; attempt++) {
			const keepVia = attempt < 200 ? via : [];
			const pts: Position[] = [...keepVia];
			while (pts.length < n) pts.push(this.randomPoint(r, marginM));
			const mx = pts.reduce((s, p) => s + p[0], 0) / pts.length;
			const my = pts.reduce((s, p) => s + p[1], 0) / pts.length;
			const angle = (p: Position): number => Math.atan2((p[1] - my) * METRES_PER_DEGREE, (p[0] - mx) * this.kx);
			const start = r.range(-Math.PI, Math.PI);
			const rel = (p: Position): number => (angle(p) - start + 4 * Math.PI) % (2 * Math.PI);
			pts.sort((a, b) => rel(a) - rel(b));
			if (this.pathInside(pts)) return pts;
		}
		throw new Error('could not fit a route inside the polygon');
	}

	/**
	 * A closed, counter-clockwise, star-shaped ring around `centre` with a radius of
	 * about `radiusM`, shrunk (and finally re-centred) until it lies inside.
	 */
	blob(r: Rng, centre: Position, radiusM: number, vertices = 8): Position[] {
		let c = centre;
		let radius = radiusM;
		for (let attempt = 0; attempt < 200; attempt++) {
			const [cx, cy] = this.toMetres(c);
			const offset = r.range(0, (2 * Math.PI) / vertices);
			const ring: Position[] = [];
			for (let i = 0; i < vertices; i++) {
				const a = offset + (i * 2 * Math.PI) / vertices + r.range(-0.25, 0.25) * ((2 * Math.PI) / vertices);
				const rr = radius * r.range(0.7, 1.1);
				ring.push(this.fromMetres(cx + Math.cos(a) * rr, cy + Math.sin(a) * rr));
			}
			ring.push([ring[0]![0], ring[0]![1]]);
			if (this.contains(c, 1) && this.pathInside(ring)) return ring;
			radius *= 0.9;
			if (radius < 4) {
				c = this.randomPoint(r, Math.min(radiusM, 10));
				radius = radiusM;
			}
		}
		throw new Error('could not fit a polygon inside the area');
	}
}
