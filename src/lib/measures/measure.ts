/**
 * Measures: urban-environment actions (lighting, seating, cutting vegetation, cleaning,
 * cameras…) drawn on the map with an influence radius. Client-safe vocabulary, API
 * shapes and validation.
 */
import { z } from 'zod';
import { isoDate } from '$lib/time/dates';
import { requiringVersion } from '$lib/api/versioning';
import { geometrySchema, type LineString, type Point, type Polygon } from '$lib/geometry/geojson';

export const MEASURE_KINDS = ['lighting', 'seating', 'vegetation', 'cleaning', 'camera', 'toilet', 'art', 'fencing', 'signage', 'other'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

export const MEASURE_STATUSES = ['proposed', 'approved', 'ordered', 'done', 'cancelled'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

/** Default influence radius in metres: how far a lamp lights, a bench draws people, a camera sees. */
export const MEASURE_DEFAULT_RADIUS_M: Readonly<Record<MeasureKind, number>> = {
	lighting: 25,
	seating: 15,
	vegetation: 20,
	cleaning: 10,
	camera: 40,
	toilet: 20,
	art: 15,
	fencing: 5,
	signage: 10,
	other: 15
};

/** Lighting works only when it is dark; everything else always, once done. */
export function activeHoursOf(kind: MeasureKind): 'dark' | 'always' {
	return kind === 'lighting' ? 'dark' : 'always';
}

export const MEASURE_STATUS_TRANSITIONS: Readonly<Record<MeasureStatus, readonly MeasureStatus[]>> = {
	proposed: ['approved', 'cancelled'],
	approved: ['ordered', 'done', 'cancelled', 'proposed'],
	ordered: ['done', 'cancelled', 'approved'],
	done: ['ordered'],
	cancelled: ['proposed']
};

/** The date column each status records. */
export const STATUS_DATE: Readonly<Record<MeasureStatus, 'proposedOn' | 'approvedOn' | 'orderedOn' | 'doneOn' | 'cancelledOn'>> = {
	proposed: 'proposedOn',
	approved: 'approvedOn',
	ordered: 'orderedOn',
	done: 'doneOn',
	cancelled: 'cancelledOn'
};

export const MEASURE_GEOMETRY_TYPES = ['Point', 'LineString', 'Polygon'] as const;
export type MeasureGeometry = Point | LineString | Polygon;

export interface MeasureProperties {
	areaId: string;
	areaName: string;
	programmeId: string | null;
	/** The plan's activity the measure carries out. */
	activityId: string | null;
	budgetLineId: string | null;
	kind: MeasureKind;
	title: string;
	description: string;
	influenceRadiusM: number;
	activeHours: 'dark' | 'always';
	status: MeasureStatus;
	statusReason: string | null;
	proposedOn: string | null;
	approvedOn: string | null;
	orderedOn: string | null;
	doneOn: string | null;
	cancelledOn: string | null;
	costSek: number | null;
	spentSek: number | null;
	responsiblePartnerId: string | null;
	responsiblePartnerName: string | null;
	findingIds: string[];
	version: number;
	createdAt: string;
	updatedAt: string;
}

export interface MeasureFeature {
	type: 'Feature';
	id: string;
	geometry: MeasureGeometry;
	properties: MeasureProperties;
}

export interface MeasureCollection {
	type: 'FeatureCollection';
	features: MeasureFeature[];
}

const money = z.number().nonnegative('negative').max(1e10);
const date = isoDate;

const fields = z.strictObject({
	areaId: z.string().uuid(),
	programmeId: z.string().uuid().nullable(),
	activityId: z.string().uuid().nullable(),
	budgetLineId: z.string().uuid().nullable(),
	kind: z.enum(MEASURE_KINDS),
	title: z.string().trim().min(1, 'required').max(200),
	description: z.string().trim().max(5000),
	influenceRadiusM: z.number().nonnegative('negative').max(5000),
	status: z.enum(MEASURE_STATUSES),
	statusReason: z.string().trim().max(2000).nullable(),
	proposedOn: date.nullable(),
	approvedOn: date.nullable(),
	orderedOn: date.nullable(),
	doneOn: date.nullable(),
	cancelledOn: date.nullable(),
	costSek: money.nullable(),
	spentSek: money.nullable(),
	responsiblePartnerId: z.string().uuid().nullable(),
	findingIds: z.array(z.string().uuid()).max(200)
});

export const measureCreateSchema = z.strictObject({
	type: z.literal('Feature').optional(),
	geometry: geometrySchema,
	properties: fields.partial().extend({
		areaId: fields.shape.areaId.optional(),
		kind: fields.shape.kind,
		title: fields.shape.title,
		description: fields.shape.description.default(''),
		findingIds: fields.shape.findingIds.default([]),
		/** Confirms going over a budget cap, and says why (kept in the audit log). */
		overBudgetReason: z.string().trim().max(2000).optional()
	})
});
export type MeasureCreateInput = z.infer<typeof measureCreateSchema>;

export const measurePatchSchema = requiringVersion(
	z.strictObject({
		type: z.literal('Feature').optional(),
		version: z.number().int().positive().optional(),
		geometry: geometrySchema.optional(),
		properties: fields
			.omit({ areaId: true })
			.extend({
				version: z.number().int().positive(),
				/** When the measure is marked done: resolve the open findings it addresses too. */
				resolveFindings: z.boolean(),
				overBudgetReason: z.string().trim().max(2000)
			})
			.partial()
			.strict()
			.optional()
	})
);
export type MeasurePatchInput = z.infer<typeof measurePatchSchema>;
