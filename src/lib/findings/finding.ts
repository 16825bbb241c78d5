/**
 * Findings: problem spots pinned during a safety walk (trygghetsvandring) or reported
 * between walks. Client-safe: the vocabulary, the shapes the API returns, and the input
 * validation the pinning page and the server share.
 */
import { z } from 'zod';
import { isoDate } from '$lib/time/dates';
import { requiringVersion } from '$lib/api/versioning';
import { geometrySchema, type LineString, type Point, type Polygon } from '$lib/geometry/geojson';

export const FINDING_CATEGORIES = [
	'lighting',
	'sightlines',
	'litter',
	'vandalism',
	'hiding_place',
	'lack_of_people',
	'signage',
	'accessibility',
	'traffic',
	'other'
] as const;
export type FindingCategory = (typeof FINDING_CATEGORIES)[number];

export const FINDING_STATUSES = ['new', 'assigned', 'in_progress', 'resolved', 'rejected'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** Open = still needs work; closed findings are never offered as duplicates or flagged overdue. */
export const OPEN_STATUSES: readonly FindingStatus[] = ['new', 'assigned', 'in_progress'];

/**
 * The workflow. Closed findings can be reopened (resolved → in_progress, rejected → new)
 * because a re-inspection may show the problem is back.
 */
export const STATUS_TRANSITIONS: Readonly<Record<FindingStatus, readonly FindingStatus[]>> = {
	new: ['assigned', 'in_progress', 'resolved', 'rejected'],
	assigned: ['new', 'in_progress', 'resolved', 'rejected'],
	in_progress: ['assigned', 'resolved', 'rejected'],
	resolved: ['in_progress'],
	rejected: ['new']
};

/** How bad a finding is: 1 minor, 2 serious, 3 severe. */
export const SEVERITIES = [1, 2, 3] as const;
export type Severity = (typeof SEVERITIES)[number];

export const TIMES_OF_DAY = ['day', 'evening', 'night'] as const;
export type TimeOfDay = (typeof TIMES_OF_DAY)[number];

export const PROPOSED_TERMS = ['short', 'long'] as const;
export type ProposedTerm = (typeof PROPOSED_TERMS)[number];

/** The nine parameters of the structured safety audit, each scored 1 (bad) – 5 (good). */
export const AUDIT_KEYS = [
	'lighting',
	'openness',
	'visibility',
	'people',
	'securityPresence',
	'walkPath',
	'publicTransport',
	'diversity',
	'feeling'
] as const;
export type AuditKey = (typeof AUDIT_KEYS)[number];
export type AuditScores = Partial<Record<AuditKey, number>>;

export const FINDING_GEOMETRY_TYPES = ['Point', 'LineString', 'Polygon'] as const;
export type FindingGeometry = Point | LineString | Polygon;

export const MAX_PHOTOS = 5;
/** Largest photo upload accepted, before resizing. */
export const MAX_PHOTO_BYTES = 15 * 1024 * 1024;
/** Default radius for "is this the same problem?" suggestions. */
export const DUPLICATE_RADIUS_M = 25;

export interface FindingPhoto {
	id: string;
	url: string;
	width: number;
	height: number;
	byteSize: number;
}

export interface StatusChange {
	fromStatus: FindingStatus | null;
	toStatus: FindingStatus;
	note: string;
	changedBy: string | null;
	changedAt: string;
}

export interface FindingProperties {
	areaId: string;
	areaName: string;
	walkId: string | null;
	category: FindingCategory;
	severity: Severity;
	timesOfDay: TimeOfDay[];
	description: string;
	proposedMeasure: string;
	proposedTerm: ProposedTerm | null;
	responsiblePartnerId: string | null;
	responsiblePartnerName: string | null;
	followUpOn: string | null;
	/** Follow-up date passed while the finding is still open. */
	overdue: boolean;
	status: FindingStatus;
	statusReason: string | null;
	reinspect: boolean;
	confirmations: number;
	/** Who reported it: only coordinators and admins of the area see this; null for others. */
	reporter: { id: string | null; name: string } | null;
	audit: AuditScores | null;
	photos: FindingPhoto[];
	version: number;
	createdAt: string;
	updatedAt: string;
}

export interface FindingFeature {
	type: 'Feature';
	id: string;
	geometry: FindingGeometry;
	properties: FindingProperties;
}

export interface FindingCollection {
	type: 'FeatureCollection';
	features: FindingFeature[];
	/** More findings matched than the list's limit: the newest are listed. */
	truncated?: true;
}

/** A list answers at most this many findings unless asked for fewer or more (`limit`, up to FINDING_LIST_MAX). */
export const FINDING_LIST_DEFAULT = 2_000;
export const FINDING_LIST_MAX = 50_000;

const text = (max: number) => z.string().trim().max(max);
const score = z.number().int().min(1).max(5);

export const auditSchema = z
	.object(Object.fromEntries(AUDIT_KEYS.map((k) => [k, score.optional()])) as Record<AuditKey, z.ZodOptional<typeof score>>)
	.strict();

const findingFields = z.strictObject({
	areaId: z.string().uuid(),
	walkId: z.string().uuid().nullable(),
	category: z.enum(FINDING_CATEGORIES),
	severity: z.literal(SEVERITIES),
	timesOfDay: z.array(z.enum(TIMES_OF_DAY)).max(3),
	description: text(5000),
	proposedMeasure: text(2000),
	proposedTerm: z.enum(PROPOSED_TERMS).nullable(),
	responsiblePartnerId: z.string().uuid().nullable(),
	followUpOn: isoDate.nullable(),
	audit: auditSchema.nullable(),
	/** Shown to coordinators; for guests without an account the only identity there is. */
	reporterName: text(200).nullable()
});

/** Creating: area, partner and walk may be left out (derived from the location / suggested). */
export const findingCreateSchema = z.strictObject({
	type: z.literal('Feature').optional(),
	geometry: geometrySchema,
	properties: findingFields.partial().extend({
		category: findingFields.shape.category,
		severity: findingFields.shape.severity,
		timesOfDay: findingFields.shape.timesOfDay.default([]),
		description: findingFields.shape.description.default(''),
		proposedMeasure: findingFields.shape.proposedMeasure.default('')
	})
});
export type FindingCreateInput = z.infer<typeof findingCreateSchema>;

/** Patching: what is sent changes; a status change may carry a note and needs a reason when rejecting. */
export const findingPatchSchema = requiringVersion(
	z.strictObject({
		type: z.literal('Feature').optional(),
		version: z.number().int().positive().optional(),
		geometry: geometrySchema.optional(),
		properties: findingFields
			.omit({ areaId: true, walkId: true, reporterName: true })
			.extend({
				status: z.enum(FINDING_STATUSES),
				statusReason: text(2000).nullable(),
				/** Kept in the status history with the change. */
				note: text(2000),
				reinspect: z.boolean(),
				version: z.number().int().positive()
			})
			.partial()
			.strict()
			.optional()
	})

);
export type FindingPatchInput = z.infer<typeof findingPatchSchema>;

export function isOverdue(followUpOn: string | null, status: FindingStatus, today: string): boolean {
	return followUpOn !== null && followUpOn < today && OPEN_STATUSES.includes(status);
}
