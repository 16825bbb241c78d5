/**
 * Problem zones: the places the coverage analysis measures against — merged hot cells
 * from the hotspot analysis, or drawn by hand — each with a weight and a problem-hour
 * profile (168 weights, Monday 00–01 first, summing to 1), as the reader may see them
 * (./figures). Client-safe.
 */
import { z } from 'zod';
import { isoDate } from '$lib/time/dates';
import { requiringVersion } from '$lib/api/versioning';
import { geometrySchema, type MultiPolygon } from '$lib/geometry/geojson';
import type { IncidentFigures } from '$lib/incidents/privacy';

export const ZONE_ORIGINS = ['manual', 'hotspot'] as const;

export interface ZoneProperties {
	areaId: string;
	areaName: string;
	name: string;
	origin: (typeof ZONE_ORIGINS)[number];
	/** Given by a person (`weightGiven`), or the number of problems behind the profile, at least 1. */
	weight: number;
	weightGiven: boolean;
	hourProfile: number[];
	/**
	 * How this reader gets the zone's incidents: `exact` with incident access in the zone's
	 * area; otherwise `aggregated` (through the privacy grid, coarsened in time) or `withheld`
	 * (too few to show: weight and profile from findings alone, uniform without them).
	 */
	incidentFigures: IncidentFigures;
	periodFrom: string | null;
	periodTo: string | null;
	notes: string;
	areaM2: number;
	version: number;
	createdAt: string;
	updatedAt: string;
}

export interface ZoneFeature {
	type: 'Feature';
	id: string;
	geometry: MultiPolygon;
	properties: ZoneProperties;
}

export const CELL_ID = /^-?\d{1,7}:-?\d{1,7}$/;

/**
 * Where SWEREF 99 TM (EPSG:3006) is defined — Sweden, 10.03–24.17° E, 54.96–69.07° N —
 * in its own metres. A hexagon whose centre lies outside is no cell of any area: refusing
 * it here keeps absurd ids (`9999999:9999999`) away from PostGIS, which fails on them.
 */
export const SWEREF99TM_BOUNDS = { minX: 180_000, maxX: 1_090_000, minY: 6_090_000, maxY: 7_690_000 } as const;

/**
 * The centre of hexagon "i:j" of side `cell` m, as ST_HexagonGrid lays them out: columns
 * 1.5·side apart, rows √3·side apart, odd columns half a row higher.
 */
export function cellCentre(cell: number, id: string): [number, number] {
	const [i, j] = id.split(':').map(Number) as [number, number];
	const rowHeight = Math.sqrt(3) * cell;
	return [1.5 * cell * i, rowHeight * j + (Math.abs(i) % 2 === 1 ? rowHeight / 2 : 0)];
}

export function cellInGrid(cell: number, id: string): boolean {
	const [x, y] = cellCentre(cell, id);
	const b = SWEREF99TM_BOUNDS;
	return x >= b.minX && x <= b.maxX && y >= b.minY && y <= b.maxY;
}

const fields = z.strictObject({
	name: z.string().trim().min(1, 'required').max(200),
	areaId: z.string().uuid(),
	weight: z.number().nonnegative('negative').max(1e9),
	notes: z.string().trim().max(5000),
	periodFrom: isoDate.nullable(),
	periodTo: isoDate.nullable()
});

export const zoneCreateSchema = z
	.strictObject({
		type: z.literal('Feature').optional(),
		/** Drawn by hand: a Polygon or MultiPolygon. */
		geometry: geometrySchema.optional(),
		/** Or merged from hotspot cells: the hexagon side in metres and the cells' ids ("i:j"). */
		fromCells: z
			.strictObject({ cell: z.number().min(25).max(1000), ids: z.array(z.string().regex(CELL_ID, 'cell_id_format')).min(1).max(2000) })
			.superRefine((cells, ctx) =>
				cells.ids.forEach((id, i) => {
					if (CELL_ID.test(id) && !cellInGrid(cells.cell, id)) ctx.addIssue({ code: 'custom', path: ['ids', i], message: 'cell_outside_grid', params: { cell: id } });
				})
			)
			.optional(),
		properties: fields.partial().extend({ name: fields.shape.name, notes: fields.shape.notes.default('') })
	})
	.refine((z) => (z.geometry === undefined) !== (z.fromCells === undefined), { message: 'geometry_or_cells', path: ['fromCells'] })
	.refine((z) => !z.properties.periodFrom || !z.properties.periodTo || z.properties.periodTo >= z.properties.periodFrom, { message: 'ends_before_start', path: ['properties', 'periodTo'] })
	.refine((z) => !z.fromCells || !!z.properties.areaId, { message: 'cells_need_area', path: ['properties', 'areaId'] });
export type ZoneCreateInput = z.infer<typeof zoneCreateSchema>;

export const zonePatchSchema = requiringVersion(
	z.strictObject({
		type: z.literal('Feature').optional(),
		version: z.number().int().positive().optional(),
		geometry: geometrySchema.optional(),
		properties: fields
			.omit({ areaId: true })
			.extend({
				/** null: derive the weight from the zone's problems again. */
				weight: fields.shape.weight.nullable(),
				version: z.number().int().positive(),
				/** Recompute the hour profile from the (new) period. */
				recompute: z.boolean()
			})
			.partial()
			.strict()
			.optional()
	})
);
export type ZonePatchInput = z.infer<typeof zonePatchSchema>;
