/**
 * Partners: organisations that share the work — departments, police, property owners,
 * transport, associations — and their units, with the problems they handle: place problems
 * (the finding categories, rådighet) and needs of people (shelter, addiction care …); the
 * areas they work in; and, for support services, where they are, when they are open (OSM
 * opening_hours), for whom (target groups, ages) and in which languages.
 * Client-safe: types and input validation.
 */
import { z } from 'zod';
import { requiringVersion } from '$lib/api/versioning';
import { FINDING_CATEGORIES, type FindingCategory } from '$lib/findings/finding';
import type { MultiPoint, Position } from '$lib/geometry/geojson';
import { openingHoursProblem } from './opening-hours';
import { isPhoneNumber, PHONE_MESSAGE } from './phone';
import { NEED_KEY, TARGET_GROUPS, type TargetGroup } from './needs';

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
	description: string;
	phone: string | null;
	/** OpenStreetMap opening_hours syntax, e.g. "Mo-Fr 08:00-16:30; PH off". */
	openingHours: string;
	/** Whom the service is for; empty: everyone. */
	targetGroups: TargetGroup[];
	minAge: number | null;
	maxAge: number | null;
	/** ISO 639-1 codes of the languages spoken there. */
	languages: string[];
	coordinates: Position;
}

/** A named person to call: shown only to signed-in users. */
export interface ContactPerson {
	name: string;
	title: string;
	phone: string | null;
	email: string | null;
}

export interface PartnerProperties {
	slug: string;
	name: string;
	kind: PartnerKind;
	/** The organisation this is a unit of. */
	parentId: string | null;
	description: string;
	/** The partner's public contact points. */
	contact: { name: string | null; email: string | null; phone: string | null; website: string | null };
	/** Named contact persons; present only for signed-in readers. */
	contacts?: ContactPerson[];
	categories: FindingCategory[];
	/** Needs of people it helps with (keys of the tenant's need vocabulary). */
	needs: string[];
	/** When it can be reached (a phone line, an outreach team's rounds); OSM syntax, '' when not given. */
	openingHours: string;
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

/** OSM opening_hours that parse, and whose ranges do not end before they start (a night past midnight does not). */
export const openingHoursField = z
	.string()
	.trim()
	.max(500)
	.superRefine((value, ctx) => {
		const problem = openingHoursProblem(value);
		if (problem) {
			const { code, ...params } = problem;
			ctx.addIssue({ code: 'custom', message: code, params });
		}
	});

export const phoneField = z
	.string()
	.trim()
	.max(50)
	.nullish()
	.transform((v) => v || null)
	.pipe(z.string().refine(isPhoneNumber, PHONE_MESSAGE).nullable());

const emailField = z
	.string()
	.trim()
	.max(320)
	.nullish()
	.transform((v) => v || null)
	.pipe(z.string().email().nullable());

const age = z.number().int().min(0).max(120).nullable();

export const needKeyField = z.string().regex(NEED_KEY, 'need_format').max(40);

const serviceLocationInput = z.strictObject({
	/** An existing location of the partner, changed in place; absent: a new one. */
	id: z.string().uuid().optional(),
	name: z.string().trim().min(1).max(200),
	address: z.string().trim().max(300).default(''),
	description: z.string().trim().max(2000).default(''),
	phone: phoneField.default(null),
	openingHours: openingHoursField.default(''),
	targetGroups: z.array(z.enum(TARGET_GROUPS)).max(TARGET_GROUPS.length).default([]),
	minAge: age.default(null),
	maxAge: age.default(null),
	languages: z.array(z.string().regex(/^[a-z]{2,3}$/, 'language_code')).max(30).default([]),
	location: z.object({
		type: z.literal('Point'),
		coordinates: z.union([
			z.tuple([z.number(), z.number()]),
			z.tuple([z.number(), z.number(), z.number()])
		])
	})
}).refine((l) => l.minAge === null || l.maxAge === null || l.minAge <= l.maxAge, { message: 'ages_reversed', path: ['maxAge'] });
export type ServiceLocationInput = z.infer<typeof serviceLocationInput>;

const contactPersonInput = z.strictObject({
	name: z.string().trim().min(1, 'required').max(200),
	title: z.string().trim().max(200).default(''),
	phone: phoneField.default(null),
	email: emailField.default(null)
});
export type ContactPersonInput = z.infer<typeof contactPersonInput>;

const partnerShape = z.strictObject({
	slug: z
		.string()
		.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'slug_format')
		.max(80)
		.optional(),
	name: z.string().trim().min(1, 'required').max(200),
	kind: z.enum(PARTNER_KINDS),
	parentId: z.string().uuid().nullable(),
	description: z.string().max(5000),
	contact: z
		.strictObject({
			name: optionalText(200),
			email: emailField,
			phone: phoneField,
			// Only web links: the site is rendered as a link, and javascript: URLs must never be.
			website: z
				.string()
				.trim()
				.max(500)
				.nullish()
				.transform((v) => v || null)
				.pipe(z.string().url().regex(/^https?:\/\//i, 'not_web_address').nullable())
		}),
	contacts: z.array(contactPersonInput).max(20),
	categories: z.array(z.enum(FINDING_CATEGORIES)).max(FINDING_CATEGORIES.length),
	needs: z.array(needKeyField).max(50),
	openingHours: openingHoursField,
	areaIds: z.array(z.string().uuid()).max(200),
	serviceLocations: z.array(serviceLocationInput).max(50)
});


export const partnerCreateSchema = z.strictObject({
	type: z.literal('Feature').optional(),
	geometry: z.null().optional(),
	// Defaults only on create: on a patch, an absent field means "unchanged".
	properties: partnerShape.extend({
		parentId: partnerShape.shape.parentId.default(null),
		description: partnerShape.shape.description.default(''),
		contact: partnerShape.shape.contact.default({ name: null, email: null, phone: null, website: null }),
		contacts: partnerShape.shape.contacts.default([]),
		categories: partnerShape.shape.categories.default([]),
		needs: partnerShape.shape.needs.default([]),
		openingHours: partnerShape.shape.openingHours.default(''),
		areaIds: partnerShape.shape.areaIds.default([]),
		serviceLocations: partnerShape.shape.serviceLocations.default([])
	})
});
export type PartnerCreateInput = z.infer<typeof partnerCreateSchema>;

export const partnerPatchSchema = requiringVersion(
	z.strictObject({
		type: z.literal('Feature').optional(),
		version: z.number().int().positive().optional(),
		geometry: z.unknown().optional(),
		properties: partnerShape
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
