/**
 * The one rule for figures computed from incidents (DESIGN §4, STYLE 15): a role without
 * incident access in an area never gets a figure from which fewer than MIN_INCIDENTS
 * incidents can be read, and the way a figure is held back does not say where or when.
 * Pure (client-safe); the database side is `privacy.server.ts`.
 *
 * Two steps, each a coarsening, never a per-value blank:
 *
 * - **In time**: a series (168 hours of the week, months of a period) is shown at the finest
 *   level of a fixed hierarchy at which every block holds 0 or at least MIN_INCIDENTS
 *   incidents, each block's count spread evenly over its positions; when even the whole
 *   series holds 1 or 2, it is withheld whole. A zero block says "none here", which is no
 *   incident; a block of 1 or 2 is never shown, and neither is which block that would be.
 * - **In space**: figures for roles without incident access are built from the cells of one
 *   fixed hexagon grid (PRIVACY_CELL_M, the hotspot grid of that side): each cell's series is
 *   coarsened on its own, and a polygon gets the sum of its cells' coarsened series, each
 *   weighted by the share of the cell the polygon covers (as if the cell's incidents were
 *   spread evenly over it). The figure for any polygon is then a function of per-cell figures
 *   that each pass the rule, so two overlapping zones that differ by one incident differ by
 *   (shares of) such cell figures, not by that incident.
 *
 * Example: incidents at hours of week [4 at 116 (Fri 20–21), 1 at 115 (Fri 19–20)] fail at
 * the hour level (a 1) and pass at four-hour blocks (Fri 18–22 holds 5): 1.25 at each of
 * 114–117, 0 elsewhere.
 */
import { MIN_CELL_COUNT } from './incident';

/** The least number of incidents a figure shown without incident access may rest on (the hexagons' rule). */
export const MIN_INCIDENTS = MIN_CELL_COUNT;

/**
 * Side in metres of the fixed grid (ST_HexagonGrid in SWEREF 99 TM, the hotspot cells of 50 m)
 * through which roles without incident access see incidents: about the precision of a zone
 * drawn on a map, and large enough that a hot spot's cell usually holds a few incidents.
 */
export const PRIVACY_CELL_M = 50;
export const PRIVACY_CELL_AREA_M2 = ((3 * Math.sqrt(3)) / 2) * PRIVACY_CELL_M * PRIVACY_CELL_M;

/** How a reader gets incident figures: in full, through the grid and coarsened, or not at all. */
export const INCIDENT_FIGURES = ['exact', 'aggregated', 'withheld'] as const;
export type IncidentFigures = (typeof INCIDENT_FIGURES)[number];

/** One level of a hierarchy: the block each position of the series belongs to (0-based, dense). */
export interface Level {
	name: string;
	blocks: readonly number[];
}

export interface Coarsened {
	level: string;
	values: number[];
}

/**
 * The series at the first (finest) of `levels` at which every block sums to 0 or at least
 * `min`, each block's sum spread evenly over its positions; null when no level passes (the
 * series holds 1 … min−1 in all). `levels` go from fine to coarse, each block of a level a
 * union of blocks of the level before, the last one usually a single block: then a level
 * that passes makes every coarser one pass too, and "the finest" is well defined.
 *
 * @example coarsen([4, 1, 0, 0], [{ name: 'one', blocks: [0, 1, 2, 3] }, { name: 'two', blocks: [0, 0, 1, 1] }])
 * // → { level: 'two', values: [2.5, 2.5, 0, 0] }
 */
export function coarsen(counts: readonly number[], levels: readonly Level[], min = MIN_INCIDENTS): Coarsened | null {
	for (const c of counts) if (!(c >= 0) || !Number.isFinite(c)) throw new RangeError(`a count must be a finite number ≥ 0, not ${c}`);
	for (const level of levels) {
		if (level.blocks.length !== counts.length) throw new RangeError(`level ${level.name} has ${level.blocks.length} positions, the series ${counts.length}`);
		const size = blockCount(level);
		const sums = new Array<number>(size).fill(0);
		const widths = new Array<number>(size).fill(0);
		level.blocks.forEach((b, i) => {
			sums[b]! += counts[i]!;
			widths[b]! += 1;
		});
		if (sums.every((s) => s === 0 || s >= min)) return { level: level.name, values: level.blocks.map((b) => sums[b]! / widths[b]!) };
	}
	return null;
}

function blockCount(level: Level): number {
	let n = 0;
	for (const b of level.blocks) {
		if (!Number.isInteger(b) || b < 0) throw new RangeError(`level ${level.name}: a block is a whole number ≥ 0, not ${b}`);
		n = Math.max(n, b + 1);
	}
	return n;
}

// ------------------------------------------------------------------ the hours of the week

/**
 * Hour of week (0 = Monday 00–01, Stockholm) → its place in a "day" that starts at 06:00:
 * the day index (0 = Monday, its night running into Tuesday 06:00; Sunday's night into
 * Monday) and the hour since 06 (0–23).
 */
function dayFrom06(h: number): { day: number; hour: number } {
	const s = (h - 6 + 168) % 168;
	return { day: Math.floor(s / 24), hour: s % 24 };
}

/** The parts of a day, as findings know them ($lib/analysis/hour-profile): day 06–18, evening 18–22, night 22–06. */
function dayPart(hourSince06: number): 0 | 1 | 2 {
	return hourSince06 < 12 ? 0 : hourSince06 < 16 ? 1 : 2;
}

/** Nights and evenings before a day off, and the days off: Friday and Saturday evenings and nights, Saturday and Sunday days. */
function isWeekend(day: number, part: 0 | 1 | 2): boolean {
	return part === 0 ? day >= 5 : day === 4 || day === 5;
}

const HOURS = Array.from({ length: 168 }, (_, h) => h);

/**
 * Hours of the week, fine to coarse: hours; four-hour blocks (02–06, 06–10, 10–14, 14–18,
 * 18–22, 22–02); the parts of each day (day 06–18, evening 18–22, night 22–06, a night
 * belonging to the evening before it); the parts of the day on weekdays and at weekends; the
 * parts of the day over the whole week (what a finding's "times of day" say); the whole week.
 */
export const HOUR_OF_WEEK_LEVELS: readonly Level[] = [
	{ name: 'hour', blocks: HOURS },
	{ name: 'fourHours', blocks: HOURS.map((h) => Math.floor(((h - 2 + 168) % 168) / 4)) },
	{ name: 'dayPartByDay', blocks: HOURS.map((h) => { const { day, hour } = dayFrom06(h); return day * 3 + dayPart(hour); }) },
	{ name: 'dayPartWeekend', blocks: HOURS.map((h) => { const { day, hour } = dayFrom06(h); const part = dayPart(hour); return part * 2 + (isWeekend(day, part) ? 1 : 0); }) },
	{ name: 'dayPart', blocks: HOURS.map((h) => dayPart(dayFrom06(h).hour)) },
	{ name: 'week', blocks: HOURS.map(() => 0) }
];

// ------------------------------------------------------------------ the months of a period

/** Months ("YYYY-MM", in order) fine to coarse: months, calendar quarters, calendar years, the whole period. */
export function monthLevels(months: readonly string[]): Level[] {
	const dense = (keys: string[]) => {
		const index = new Map<string, number>();
		return keys.map((k) => {
			if (!index.has(k)) index.set(k, index.size);
			return index.get(k)!;
		});
	};
	for (const m of months) if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(m)) throw new RangeError(`a month is YYYY-MM, not ${m}`);
	return [
		{ name: 'month', blocks: months.map((_, i) => i) },
		{ name: 'quarter', blocks: dense(months.map((m) => `${m.slice(0, 4)}-${Math.floor((Number(m.slice(5)) - 1) / 3)}`)) },
		{ name: 'year', blocks: dense(months.map((m) => m.slice(0, 4))) },
		{ name: 'period', blocks: months.map(() => 0) }
	];
}

// ------------------------------------------------------------------ through the grid

/** One cell of the privacy grid: the share of it a polygon covers (0–1) and its incident counts per position of a series. */
export interface GridCell {
	share: number;
	counts: readonly number[];
}

/**
 * A polygon's series as roles without incident access see it: the sum over the grid cells it
 * meets of share × the cell's coarsened series. Cells whose series is withheld (1 or 2
 * incidents in all) add nothing; null when no cell adds anything, so the figure is withheld.
 */
export function throughGrid(cells: readonly GridCell[], levels: readonly Level[], length: number): number[] | null {
	const sum = new Array<number>(length).fill(0);
	let any = false;
	for (const cell of cells) {
		if (!(cell.share > 0)) continue;
		const coarse = coarsen(cell.counts, levels);
		if (!coarse || coarse.values.every((v) => v === 0)) continue;
		any = true;
		coarse.values.forEach((v, i) => (sum[i]! += Math.min(cell.share, 1) * v));
	}
	return any ? sum : null;
}

/** Figures shown without incident access are estimates; two decimals say so and keep answers small. */
export const rounded = (v: number) => Math.round(v * 100) / 100;
