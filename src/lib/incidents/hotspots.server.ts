/**
 * Hotspots over an area and period: PostGIS bins the incidents into hexagons
 * (ST_HexagonGrid in SWEREF 99 TM, `cell` = side length in metres) — the heavy part —
 * and the statistics in $lib/analysis/hotspots run on the cell counts, so the same inputs
 * give the same numbers in both database modes. Roles without incident access in the
 * area get only cells with at least MIN_CELL_COUNT incidents; the others are left out of
 * the answer altogether (the statistics still use every cell, as they must), and so are
 * the totals over them ($lib/incidents/privacy).
 */
import { sql, type SqlBool } from 'kysely';
import type { Database } from '$lib/server/db';
import type { RequestContext } from '$lib/server/api/context';
import { badRequest } from '$lib/server/api/errors';
import { incidentAccess } from './privacy.server';
import type { EmergingPattern, HotspotClass } from '$lib/analysis/hotspots';
import { runAnalysis } from '$lib/server/workers/pool';
import { MIN_CELL_COUNT, type IncidentCategory } from './incident';

export const HOTSPOT_METHODS = ['count', 'gistar', 'kde', 'emerging'] as const;
export type HotspotMethod = (typeof HOTSPOT_METHODS)[number];

/** More cells than this is a cell size too small for the area. */
export const MAX_CELLS = 20_000;
const HEX_AREA = (side: number) => ((3 * Math.sqrt(3)) / 2) * side * side;

export interface HotspotQuery {
	area: string;
	/** ISO instants, `to` exclusive. */
	from: string;
	to: string;
	cell: number;
	/** Neighbourhood distance in metres; by default the first ring of hexagons (1.8 × side). */
	band?: number;
	method: HotspotMethod;
	category?: IncidentCategory;
	slice: 'month' | 'week';
}

export interface HotspotCell {
	type: 'Feature';
	id: string;
	geometry: { type: 'Polygon'; coordinates: number[][][] };
	properties: {
		id: string;
		count: number;
		z?: number;
		p?: number;
		class?: HotspotClass;
		density?: number;
		pattern?: EmergingPattern;
		side?: 'hot' | 'cold' | null;
		trendZ?: number;
		series?: number[];
	};
}

/** The starts of the time slices covering [from, to) in Stockholm, as YYYY-MM-DD. */
function sliceStarts(from: string, to: string, slice: 'month' | 'week'): string[] {
	const local = (iso: string) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date(iso));
	const start = local(from);
	const end = local(new Date(Date.parse(to) - 1).toISOString());
	const out: string[] = [];
	let d = new Date(`${start}T12:00:00Z`);
	if (slice === 'month') d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1, 12));
	else d = new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000);
	while (d.toISOString().slice(0, 10) <= end) {
		out.push(d.toISOString().slice(0, 10));
		d = slice === 'month' ? new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1, 12)) : new Date(d.getTime() + 7 * 86_400_000);
	}
	return out;
}

export async function hotspots(db: Database, ctx: RequestContext, q: HotspotQuery) {
	const access = await incidentAccess(db, ctx, q.area);
	const { rows: sized } = await sql<{ m2: number }>`SELECT ST_Area(ST_Transform(geom, 3006)) AS m2 FROM areas WHERE id = ${q.area}`.execute(db);
	const estimate = (sized[0]?.m2 ?? 0) / HEX_AREA(q.cell);
	if (estimate > MAX_CELLS) throw badRequest('too_many_cells', `Cells of ${q.cell} m make about ${Math.round(estimate)} cells in this area; choose a larger cell (at most ${MAX_CELLS} cells).`, { field: 'cell', cell: q.cell, estimate: Math.round(estimate), limit: MAX_CELLS });

	const category = q.category ? sql<SqlBool>`x.category = ${q.category}` : sql<SqlBool>`true`;
	const slices = q.method === 'emerging' ? sliceStarts(q.from, q.to, q.slice) : [];
	const sliceExpr = q.method === 'emerging' ? sql<string>`to_char(date_trunc(${q.slice}, x.occurred_at AT TIME ZONE 'Europe/Stockholm'), 'YYYY-MM-DD')` : sql<string>`''`;
	// Each incident goes to exactly one cell: the hexagon whose centre is nearest, which is
	// the one containing it. ST_HexagonGrid's hexagon (i, j) of side s has its centre at
	// (1.5·s·i, √3·s·j), odd columns √3·s/2 higher; the nearest centre lies in column
	// floor(x / 1.5s) or the next, in the row rounded from y. Plain arithmetic per point is
	// far cheaper than building hexagons per point; a tie (on an edge) goes to the lower i.
	const s = q.cell;
	const h = Math.sqrt(3) * s;
	const w = 1.5 * s;
	const { rows } = await sql<{ i: number; j: number; slice: string | null; n: number; cx: number; cy: number; geojson: string }>`
		WITH region AS (SELECT geom AS g4326, ST_Transform(geom, 3006) AS g FROM areas WHERE id = ${q.area}),
		grid AS (
			SELECT h.i, h.j, h.geom FROM region, ST_HexagonGrid(${s}::float8, region.g) AS h WHERE ST_Intersects(h.geom, region.g)
		),
		-- Materialized so that each point is transformed once (an inlined subquery repeats it per use).
		transformed AS MATERIALIZED (
			SELECT ${sliceExpr} AS slice, ST_Transform(x.geom, 3006) AS g
			FROM incidents x
			WHERE x.tenant_id = ${ctx.tenant} AND x.occurred_at >= ${q.from}::timestamptz AND x.occurred_at < ${q.to}::timestamptz
				AND ${category} AND ST_Intersects(x.geom, (SELECT g4326 FROM region))
		),
		points AS (SELECT slice, ST_X(g) AS px, ST_Y(g) AS py, floor(ST_X(g) / ${w}::float8)::int AS i0 FROM transformed),
		candidates AS (
			SELECT slice, px, py, i0, round((py - (abs(i0) % 2) * ${h / 2}::float8) / ${h}::float8)::int AS j0,
				i0 + 1 AS i1, round((py - (abs(i0 + 1) % 2) * ${h / 2}::float8) / ${h}::float8)::int AS j1
			FROM points
		),
		distances AS (
			SELECT slice, i0, j0, i1, j1,
				(px - ${w}::float8 * i0) ^ 2 + (py - ${h}::float8 * j0 - (abs(i0) % 2) * ${h / 2}::float8) ^ 2 AS d0,
				(px - ${w}::float8 * i1) ^ 2 + (py - ${h}::float8 * j1 - (abs(i1) % 2) * ${h / 2}::float8) ^ 2 AS d1
			FROM candidates
		),
		-- Materialized: counted once, whatever the planner guesses of the incidents' numbers.
		binned AS MATERIALIZED (
			SELECT CASE WHEN d0 <= d1 THEN i0 ELSE i1 END AS i, CASE WHEN d0 <= d1 THEN j0 ELSE j1 END AS j, slice, count(*)::int AS n
			FROM distances GROUP BY 1, 2, 3
		)
		SELECT g.i, g.j, b.slice, coalesce(b.n, 0) AS n, ST_X(ST_Centroid(g.geom)) AS cx, ST_Y(ST_Centroid(g.geom)) AS cy,
			ST_AsGeoJSON(ST_Transform(g.geom, 4326), 7) AS geojson
		FROM grid g LEFT JOIN binned b ON b.i = g.i AND b.j = g.j
		ORDER BY g.i, g.j, b.slice`.execute(db);

	// One entry per cell, with its count per slice.
	const cells: { id: string; x: number; y: number; geojson: string; count: number; series: number[] }[] = [];
	const sliceIndex = new Map(slices.map((s, k) => [s, k]));
	for (const r of rows) {
		const id = `${r.i}:${r.j}`;
		let cell = cells.at(-1);
		if (!cell || cell.id !== id) cells.push((cell = { id, x: r.cx, y: r.cy, geojson: r.geojson, count: 0, series: slices.map(() => 0) }));
		cell.count += r.n;
		const k = r.slice ? sliceIndex.get(r.slice) : undefined;
		if (k !== undefined) cell.series[k]! += r.n;
	}

	const band = q.band ?? 1.8 * q.cell;
	const counts = cells.map((c) => c.count);
	// The statistics (neighbourhoods, Gi* per slice, trends) run in the analysis worker.
	const { gistar, density, emerging } = await runAnalysis({ kind: 'hotspots', method: q.method, band, cells: cells.map(({ x, y, count, series }) => ({ x, y, count, series })) });

	const n = counts.length;
	const mean = n ? counts.reduce((a, b) => a + b, 0) / n : 0;
	const sd = n ? Math.sqrt(Math.max(0, counts.reduce((a, b) => a + b * b, 0) / n - mean * mean)) : 0;
	const features: HotspotCell[] = [];
	cells.forEach((c, i) => {
		if (!access.full && c.count < MIN_CELL_COUNT) return;
		const properties: HotspotCell['properties'] = { id: c.id, count: c.count };
		if (gistar) Object.assign(properties, gistar[i]);
		if (density) properties.density = density[i];
		if (emerging) Object.assign(properties, { pattern: emerging[i]!.pattern, side: emerging[i]!.side, trendZ: emerging[i]!.trend.z, ...(access.full && { series: c.series }) });
		features.push({ type: 'Feature', id: c.id, geometry: JSON.parse(c.geojson), properties });
	});
	return {
		type: 'FeatureCollection' as const,
		features,
		meta: {
			method: q.method,
			area: q.area,
			from: q.from,
			to: q.to,
			category: q.category ?? null,
			cell: q.cell,
			band,
			cells: n,
			// Without incident access: the incidents of the cells shown, and no statistics over
			// all cells (with the shown cells, a total or a spread would count the hidden ones).
			incidents: access.full ? counts.reduce((a, b) => a + b, 0) : features.reduce((a, f) => a + f.properties.count, 0),
			mean: access.full ? mean : null,
			sd: access.full ? sd : null,
			slices,
			/** Cells with fewer incidents than this are left out for roles without incident access; null when none are. */
			suppressedBelow: access.full ? null : MIN_CELL_COUNT
		}
	};
}
