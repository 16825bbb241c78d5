/**
 * Problem zones: the places the coverage analysis measures against — merged hot cells
 * from the hotspot analysis, or drawn by hand — each with a weight and a problem-hour
 * profile (168 weights, Monday 00–01 first, summing to 1). Client-safe.
 */
import { z } from 'zod';
import { requiringVersion } from '$lib/api/versioning';
import { geometrySchema, type MultiPolygon } from '$lib/geometry/geojson';

export const ZONE_ORIGINS = ['manual', 'hotspot'] as const;

export interface ZoneProperties {
	areaId: string;
	areaName: string;
	name: string;
	origin: (typeof ZONE_ORIGINS)[number];
	weight: number;
	hourProfile: number[];
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

const fields = z.object({
	name: z.string().trim().min(1, 'a name is required').max(200),
	areaId: z.string().uuid(),
	weight: z.number().nonnegative('must not be negative').max(1e9),
	notes: z.string().trim().max(5000),
	periodFrom: z.iso.date().nullable(),
	periodTo: z.iso.date().nullable()
});

export const zoneCreateSchema = z
	.object({
		type: z.literal('Feature').optional(),
		/** Drawn by hand: a Polygon or MultiPolygon. */
		geometry: geometrySchema.optional(),
		/** Or merged from hotspot cells: the hexagon side in metres and the cells' ids ("i:j"). */
		fromCells: z.object({ cell: z.number().min(25).max(1000), ids: z.array(z.string().regex(CELL_ID, 'a cell id is "i:j"')).min(1).max(2000) }).optional(),
		properties: fields.partial().extend({ name: fields.shape.name, notes: fields.shape.notes.default('') })
	})
	.refine((z) => (z.geometry === undefined) !== (z.fromCells === undefined), { message: 'send either a geometry or fromCells', path: ['fromCells'] })
	.refine((z) => !z.properties.periodFrom || !z.properties.periodTo || z.properties.periodTo >= z.properties.periodFrom, { message: 'the period must end after it starts', path: ['properties', 'periodTo'] })
	.refine((z) => !z.fromCells || !!z.properties.areaId, { message: 'name the area the cells were computed for', path: ['properties', 'areaId'] });
export type ZoneCreateInput = z.infer<typeof zoneCreateSchema>;

export const zonePatchSchema = requiringVersion(
	z.object({
		type: z.literal('Feature').optional(),
		version: z.number().int().positive().optional(),
		geometry: geometrySchema.optional(),
		properties: fields
			.omit({ areaId: true })
			.extend({ version: z.number().int().positive(), /** Recompute the hour profile from the (new) period. */ recompute: z.boolean() })
			.partial()
			.strict()
			.optional()
	})
);
export type ZonePatchInput = z.infer<typeof zonePatchSchema>;
