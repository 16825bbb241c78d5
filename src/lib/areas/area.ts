/**
 * Areas: named polygons where the collaboration happens (Tantolunden, Sergels torg…).
 * Districts contain places. Client-safe: types and input validation only.
 */
import { z } from 'zod';
import { requiringVersion } from '$lib/api/versioning';
import { geometrySchema, type MultiPolygon, type Polygon } from '$lib/geometry/geojson';

export const AREA_KINDS = ['district', 'place'] as const;
export type AreaKind = (typeof AREA_KINDS)[number];

export interface AreaProperties {
	slug: string;
	name: string;
	kind: AreaKind;
	parentId: string | null;
	description: string;
	/** Area in m², computed in SWEREF 99 TM (EPSG:3006). */
	areaM2: number;
	version: number;
	createdAt: string;
	updatedAt: string;
}

export interface AreaFeature {
	type: 'Feature';
	id: string;
	geometry: MultiPolygon;
	properties: AreaProperties;
}

export interface AreaCollection {
	type: 'FeatureCollection';
	features: AreaFeature[];
}

const slug = z
	.string()
	.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'slug_format')
	.max(80);
const name = z.string().trim().min(1, 'required').max(200);

const areaFields = z.strictObject({
	slug: slug.optional(),
	name,
	kind: z.enum(AREA_KINDS),
	parentId: z.string().uuid().nullable(),
	description: z.string().max(5000)
});

export const areaCreateSchema = z.strictObject({
	type: z.literal('Feature').optional(),
	geometry: geometrySchema,
	// Defaults only on create: on a patch, an absent field means "unchanged".
	properties: areaFields.extend({
		kind: areaFields.shape.kind.default('place'),
		parentId: areaFields.shape.parentId.default(null),
		description: areaFields.shape.description.default('')
	})
});
export type AreaCreateInput = z.infer<typeof areaCreateSchema>;

export const areaPatchSchema = requiringVersion(
	z.strictObject({
		type: z.literal('Feature').optional(),
		version: z.number().int().positive().optional(),
		geometry: geometrySchema.optional(),
		properties: areaFields
			.partial()
			.extend({ version: z.number().int().positive().optional() })
			.strict()
			.optional()
	})

);
export type AreaPatchInput = z.infer<typeof areaPatchSchema>;

export const AREA_GEOMETRY_TYPES = ['Polygon', 'MultiPolygon'] as const;

/** A URL-safe slug from a Swedish name: "Åkersberga centrum" → "akersberga-centrum". */
export function slugify(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.slice(0, 80)
		.replace(/^-+|-+$/g, '') || 'area';
}

export type AreaGeometry = Polygon | MultiPolygon;
