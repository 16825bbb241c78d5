/**
 * Stacked coordinates in an incident file: many rows on exactly one point. Real police
 * exports often geocode what they cannot place to a municipality's or district's centre
 * (the public Polisen events file puts some 3,300 Stockholm rows on one point on Norrmalm),
 * and a hotspot analysis then finds a "hotspot" there that is only the geocoder's. Client-safe
 * and pure: the import counts its rows here and asks where the stacks lie in PostGIS.
 *
 * A point is a stack when it holds at least STACK_MIN_ROWS rows and at least
 * STACK_MIN_SHARE of the file's placed rows: 10 rows in a file of 1,000, 20 in one of
 * 10,000, 200 in one of 100,000. The share keeps a big file's busy address (a station, a
 * shopping centre, where incidents really do gather) from being called a centroid for a few
 * dozen rows over several years; the floor keeps a small file's few coincident rows quiet.
 */

/** The least number of rows on one point that can make a stack. */
export const STACK_MIN_ROWS = 10;
/** The least share of a file's placed rows on one point that can make a stack. */
export const STACK_MIN_SHARE = 0.002;
/** Stacks listed in an import's answer, the largest first; the counts cover all of them. */
export const MAX_LISTED_STACKS = 20;

/** How many rows must share one point, in a file with `placed` placed rows, to make a stack. */
export function stackThreshold(placed: number): number {
	return Math.max(STACK_MIN_ROWS, Math.ceil(STACK_MIN_SHARE * placed));
}

/** A place farther away than this says nothing about where a point is; the point is given by its coordinates alone. */
export const NEAREST_PLACE_MAX_M = 3000;

/** One stacked point as the import reports it. */
export interface StackedPoint {
	/** WGS 84, as stored (7 decimals). */
	lon: number;
	lat: number;
	/** Rows of the file on the point. */
	rows: number;
	/** rows / the file's placed rows. */
	share: number;
	/** The innermost area holding the point (that the importer may read), if any. */
	within: string | null;
	/** The nearest place (an area of kind place) within NEAREST_PLACE_MAX_M and the distance to its edge in metres; 0 inside it. */
	nearest: { name: string; distanceM: number } | null;
	/** Its rows were left out (the mapping's excludeStacked). */
	excluded: boolean;
}

interface Point {
	lon: number;
	lat: number;
	rows: number;
	/** The rows' import keys, kept only when the stacks will be excluded. */
	keys: string[] | null;
}

/**
 * Counts rows per exact coordinate as they are placed. Keys (the rows' content hashes) are
 * kept only when asked, so a plain import of 100,000 rows holds one small record per
 * distinct point and nothing per row.
 *
 * @example
 * const counter = new StackCounter();
 * for (let i = 0; i < 12; i++) counter.add(18.0685810, 59.3293240);
 * counter.add(18.05, 59.31);
 * counter.stacks(); // → [{ lon: 18.068581, lat: 59.329324, rows: 12, keys: null }] (threshold 10 for 13 rows)
 */
export class StackCounter {
	#points = new Map<string, Point>();
	#placed = 0;

	constructor(private readonly keepKeys = false) {}

	get placed(): number {
		return this.#placed;
	}

	add(lon: number, lat: number, key?: string): void {
		this.#placed++;
		// Coordinates arrive rounded to 7 decimals (as stored); equal points have equal text.
		const id = `${lon}|${lat}`;
		let point = this.#points.get(id);
		if (!point) this.#points.set(id, (point = { lon, lat, rows: 0, keys: this.keepKeys ? [] : null }));
		point.rows++;
		if (point.keys && key !== undefined) point.keys.push(key);
	}

	/** Every stack, the largest first (then south to north, west to east, so the order is stable). */
	stacks(): { lon: number; lat: number; rows: number; keys: string[] | null }[] {
		const threshold = stackThreshold(this.#placed);
		return [...this.#points.values()]
			.filter((p) => p.rows >= threshold)
			.sort((a, b) => b.rows - a.rows || a.lat - b.lat || a.lon - b.lon);
	}
}
