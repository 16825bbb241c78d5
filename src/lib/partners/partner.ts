/**
 * Partners: organisations that share the work — departments, police, property owners,
 * transport, associations — with the problem categories they handle (rådighet), the
 * areas they work in and, for support services, where they are and when they are open.
 * Client-safe: types and input validation.
 */
import { z } from 'zod';
import { requiringVersion } from '$lib/api/versioning';
import { FINDING_CATEGORIES, type FindingCategory } from '$lib/findings/finding';
import type { MultiPoint, Position } from '$lib/geometry/geojson';

export const PARTNER_KINDS = [
	'municipal',
	'police',
	'property_owner',
	'transport',
	'association',
	'ngo',
	'health_social'
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export interface ServiceLocation {
	id: string;
	name: string;
	address: string;
	/** OpenStreetMap opening_hours syntax, e.g. "Mo-Fr 08:00-16:30". */
	openingHours: string;
	coordinates: Position;
}

export interface PartnerProperties {
	slug: string;
	name: string;
	kind: PartnerKind;
	description: string;
	contact: { name: string | null; email: string | null; phone: string | null; website: string | null };
	categories: FindingCategory[];
	areaIds: string[];
	serviceLocations: ServiceLocation[];
	version: number;
	createdAt: string;
	updatedAt: string;
}

/** A partner on the map: its service locations as a MultiPoint, or no geometry. */
export interface PartnerFeature {
	type: 'Feature';
	id: string;
	geometry: MultiPoint | null;
	properties: PartnerProperties;
}

export interface PartnerCollection {
	type: 'FeatureCollection';
	features: PartnerFeature[];
}

const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max)
		.nullish()
		.transform((v) => (v ? v : null));

const serviceLocationInput = z.strictObject({
	name: z.string().trim().min(1).max(200),
	address: z.string().trim().max(300).default(''),
	openingHours: z.string().trim().max(500).default(''),
	location: z.object({
		type: z.literal('Point'),
		coordinates: z.union([
			z.tuple([z.number(), z.number()]),
			z.tuple([z.number(), z.number(), z.number()])
		])
	})
});
export type ServiceLocationInput = z.infer<typeof serviceLocationInput>;

const partnerFields = z.strictObject({
	slug: z
		.string()
		.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'slug_format')
		.max(80)
		.optional(),
	name: z.string().trim().min(1, 'required').max(200),
	kind: z.enum(PARTNER_KINDS),
	description: z.string().max(5000),
	contact: z
		.strictObject({
			name: optionalText(200),
			email: z
				.string()
				.trim()
				.max(320)
				.nullish()
				.transform((v) => v || null)
				.pipe(z.string().email().nullable()),
			phone: optionalText(50),
			// Only web links: the site is rendered as a link, and javascript: URLs must never be.
			website: z
				.string()
				.trim()
				.max(500)
				.nullish()
				.transform((v) => v || null)
				.pipe(z.string().url().regex(/^https?:\/\//i, 'not_web_address').nullable())
		}),
	categories: z.array(z.enum(FINDING_CATEGORIES)).max(FINDING_CATEGORIES.length),
	areaIds: z.array(z.string().uuid()).max(200),
	serviceLocations: z.array(serviceLocationInput).max(50)
});

export const partnerCreateSchema = z.strictObject({
	type: z.literal('Feature').optional(),
	geometry: z.null().optional(),
	// Defaults only on create: on a patch, an absent field means "unchanged".
	properties: partnerFields.extend({
		description: partnerFields.shape.description.default(''),
		contact: partnerFields.shape.contact.default({ name: null, email: null, phone: null, website: null }),
		categories: partnerFields.shape.categories.default([]),
		areaIds: partnerFields.shape.areaIds.default([]),
		serviceLocations: partnerFields.shape.serviceLocations.default([])
	})
});
export type PartnerCreateInput = z.infer<typeof partnerCreateSchema>;

export const partnerPatchSchema = requiringVersion(
	z.strictObject({
		type: z.literal('Feature').optional(),
		version: z.number().int().positive().optional(),
		geometry: z.unknown().optional(),
		properties: partnerFields
			.partial()
			.extend({ version: z.number().int().positive().optional() })
			.strict()
			.optional()
	})

);
export type PartnerPatchInput = z.infer<typeof partnerPatchSchema>;

/**
 * Partners working in an area: linked to it or to an area that contains it (a district's
 * police area also covers its parks). `parentOf` maps an area id to its parent id.
 */
export function partnersWorkingIn(
	partners: PartnerFeature[],
	areaId: string,
	parentOf: (id: string) => string | null
): PartnerFeature[] {
	const lineage = new Set<string>();
	for (let id: string | null = areaId; id && !lineage.has(id); id = parentOf(id)) lineage.add(id);
	return partners.filter((p) => p.properties.areaIds.some((id) => lineage.has(id)));
}
