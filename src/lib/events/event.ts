/**
 * Events: place-activation activities (concerts, sport, markets, children's activities,
 * social rounds, night walks, staffed meeting points…) placed in space and time.
 * Client-safe vocabulary, API shapes and validation.
 */
import { z } from 'zod';
import { isoDateTime, UNTIL_RANGE_MESSAGE, untilInDateRange } from '$lib/time/dates';
import { requiringVersion } from '$lib/api/versioning';
import { geometrySchema, type LineString, type Point, type Polygon } from '$lib/geometry/geojson';
import type { Occurrence } from './recurrence';

export const EVENT_KINDS = ['culture', 'sport', 'market', 'children_youth', 'outreach', 'night_walk', 'meeting_point', 'youth_centre', 'other'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const EVENT_STATUSES = ['draft', 'planned', 'confirmed', 'cancelled'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const PERMIT_STATUSES = ['not_needed', 'applied', 'granted', 'refused'] as const;
export type PermitStatus = (typeof PERMIT_STATUSES)[number];

export const EVENT_DEFAULT_RADIUS_M = 100;
export const EVENT_GEOMETRY_TYPES = ['Point', 'LineString', 'Polygon'] as const;
export type EventGeometry = Point | LineString | Polygon;

export interface EventProperties {
	areaId: string;
	areaName: string;
	programmeId: string | null;
	/** The plan's activity the event carries out. */
	activityId: string | null;
	budgetLineId: string | null;
	title: string;
	kind: EventKind;
	status: EventStatus;
	organiserPartnerId: string | null;
	organiserName: string;
	description: string;
	startsAt: string;
	endsAt: string;
	rrule: string | null;
	exdates: string[];
	timezone: string;
	expectedAttendance: number | null;
	actualAttendance: number | null;
	permitStatus: PermitStatus;
	permitAuthority: string;
	grantSek: number | null;
	costSek: number | null;
	influenceRadiusM: number;
	occurrences: Occurrence[];
	version: number;
	createdAt: string;
	updatedAt: string;
}

export interface EventFeature {
	type: 'Feature';
	id: string;
	geometry: EventGeometry;
	properties: EventProperties;
}

/** Another event the one being placed clashes with: both footprint and time overlap. */
export interface EventConflict {
	event: EventFeature;
	hours: number;
	area: number;
}

export interface EventCollection {
	type: 'FeatureCollection';
	features: EventFeature[];
}

const money = z.number().nonnegative('negative').max(1e10);
const instant = isoDateTime;

const fields = z.strictObject({
	areaId: z.string().uuid(),
	programmeId: z.string().uuid().nullable(),
	activityId: z.string().uuid().nullable(),
	budgetLineId: z.string().uuid().nullable(),
	title: z.string().trim().min(1, 'required').max(200),
	kind: z.enum(EVENT_KINDS),
	status: z.enum(EVENT_STATUSES),
	organiserPartnerId: z.string().uuid().nullable(),
	organiserName: z.string().trim().max(200),
	description: z.string().trim().max(5000),
	startsAt: instant,
	endsAt: instant,
	/** RFC 5545 RRULE body, e.g. FREQ=WEEKLY;BYDAY=FR;UNTIL=20230829T220000Z. */
	rrule: z.string().trim().max(500).refine(untilInDateRange, UNTIL_RANGE_MESSAGE).nullable(),
	exdates: z.array(instant).max(500),
	expectedAttendance: z.number().int().nonnegative().max(1_000_000).nullable(),
	actualAttendance: z.number().int().nonnegative().max(1_000_000).nullable(),
	permitStatus: z.enum(PERMIT_STATUSES),
	permitAuthority: z.string().trim().max(200),
	grantSek: money.nullable(),
	costSek: money.nullable(),
	influenceRadiusM: z.number().nonnegative('negative').max(5000)
});

export const eventCreateSchema = z.strictObject({
	type: z.literal('Feature').optional(),
	geometry: geometrySchema,
	properties: fields
		.partial()
		.extend({
			title: fields.shape.title,
			kind: fields.shape.kind,
			startsAt: fields.shape.startsAt,
			endsAt: fields.shape.endsAt,
			/** Confirms going over a budget cap, and says why (kept in the audit log). */
			overBudgetReason: z.string().trim().max(2000).optional()
		})
		.strict()
});
export type EventCreateInput = z.infer<typeof eventCreateSchema>;

export const eventPatchSchema = requiringVersion(
	z.strictObject({
		type: z.literal('Feature').optional(),
		version: z.number().int().positive().optional(),
		geometry: geometrySchema.optional(),
		properties: fields
			.omit({ areaId: true })
			.extend({ version: z.number().int().positive(), overBudgetReason: z.string().trim().max(2000) })
			.partial()
			.strict()
			.optional()
	})
);
export type EventPatchInput = z.infer<typeof eventPatchSchema>;
