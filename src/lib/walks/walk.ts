/**
 * Walks: safety walks (trygghetsvandringar) and centre inspections (centrumbesiktningar).
 * Client-safe: vocabulary, API shapes and input validation.
 */
import { z } from 'zod';
import { isoDateTime } from '$lib/time/dates';
import { requiringVersion } from '$lib/api/versioning';
import { geometrySchema, type LineString } from '$lib/geometry/geojson';

export const WALK_KINDS = ['safety_walk', 'centre_inspection'] as const;
export type WalkKind = (typeof WALK_KINDS)[number];

export const PARTICIPANT_KINDS = ['staff', 'police', 'resident', 'property_owner', 'association', 'transport', 'youth'] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];

/** How long a join code works after the walk ends, by default. */
export const JOIN_GRACE_HOURS = 12;

export interface WalkProperties {
	areaId: string;
	areaName: string;
	kind: WalkKind;
	title: string;
	startsAt: string;
	endsAt: string | null;
	organiserPartnerId: string | null;
	organiserName: string;
	/** The plan's activity the walk carries out (e.g. Trygghetsinventeringar). */
	activityId: string | null;
	participantCount: number | null;
	participantKinds: ParticipantKind[];
	usesAudit: boolean;
	notes: string;
	findingCount: number;
	/** Only for coordinators/admins of the area. */
	joinCode: string | null;
	joinExpiresAt: string | null;
	version: number;
	createdAt: string;
	updatedAt: string;
}

export interface WalkFeature {
	type: 'Feature';
	id: string;
	/** The planned route, or null before it is drawn. */
	geometry: LineString | null;
	properties: WalkProperties;
}

export interface WalkCollection {
	type: 'FeatureCollection';
	features: WalkFeature[];
}

const walkFields = z.strictObject({
	areaId: z.string().uuid(),
	kind: z.enum(WALK_KINDS),
	title: z.string().trim().min(1, 'required').max(200),
	startsAt: isoDateTime,
	endsAt: isoDateTime.nullable(),
	organiserPartnerId: z.string().uuid().nullable(),
	organiserName: z.string().trim().max(200),
	activityId: z.string().uuid().nullable(),
	participantCount: z.number().int().min(0).max(10_000).nullable(),
	participantKinds: z.array(z.enum(PARTICIPANT_KINDS)).max(PARTICIPANT_KINDS.length),
	usesAudit: z.boolean(),
	notes: z.string().max(10_000)
});

export const walkCreateSchema = z.strictObject({
	type: z.literal('Feature').optional(),
	geometry: geometrySchema.nullable().default(null),
	properties: walkFields.extend({
		kind: walkFields.shape.kind.default('safety_walk'),
		endsAt: walkFields.shape.endsAt.default(null),
		organiserPartnerId: walkFields.shape.organiserPartnerId.default(null),
		organiserName: walkFields.shape.organiserName.default(''),
		activityId: walkFields.shape.activityId.default(null),
		participantCount: walkFields.shape.participantCount.default(null),
		participantKinds: walkFields.shape.participantKinds.default([]),
		usesAudit: walkFields.shape.usesAudit.default(false),
		notes: walkFields.shape.notes.default('')
	})
});
export type WalkCreateInput = z.infer<typeof walkCreateSchema>;

export const walkPatchSchema = requiringVersion(
	z.strictObject({
		type: z.literal('Feature').optional(),
		version: z.number().int().positive().optional(),
		geometry: geometrySchema.nullable().optional(),
		properties: walkFields
			.omit({ areaId: true })
			.extend({ version: z.number().int().positive() })
			.partial()
			.strict()
			.optional()
	})

);
export type WalkPatchInput = z.infer<typeof walkPatchSchema>;

export const joinSchema = z.strictObject({
	code: z
		.string()
		.trim()
		.toUpperCase()
		.transform((c) => c.replace(/[^A-Z0-9]/g, ''))
		.pipe(z.string().length(6, 'join_code_format')),
	name: z.string().trim().max(100).default('')
});

/** Join codes avoid look-alike characters (0/O, 1/I/L) so they can be read aloud in a park. */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** "K7Q4MX" → "K7Q-4MX" for display. */
export function formatJoinCode(code: string): string {
	return `${code.slice(0, 3)}-${code.slice(3)}`;
}
