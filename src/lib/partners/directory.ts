/**
 * The directory around the partners: the tenant's needs, a compass set up for an area, and
 * the internal reports people send from the compass. Client-safe: types and input validation.
 */
import { z } from 'zod';
import { requiringVersion } from '$lib/api/versioning';
import { FINDING_CATEGORIES, type FindingCategory } from '$lib/findings/finding';
import { NEED_KEY } from './needs';
import { needKeyField, openingHoursField, PARTNER_KINDS, phoneField } from './partner';

const label = z.string().trim().min(1, 'required').max(100);

export const needInputSchema = z.strictObject({
	key: z.string().max(40).regex(NEED_KEY, 'need_format'),
	label: z.strictObject({ sv: label, en: label })
});
export type NeedInput = z.infer<typeof needInputSchema>;

export const needRenameSchema = z.strictObject({ label: z.strictObject({ sv: label, en: label }) });

// ---------------------------------------------------------------- a compass for an area

export interface CompassSetup {
	id: string;
	areaId: string;
	areaName: string;
	areaSlug: string;
	title: string;
	intro: string;
	/** The needs offered as choices, in order. */
	needs: string[];
	/** The place problems offered as choices, in order. */
	categories: FindingCategory[];
	version: number;
}

const setupFields = z.strictObject({
	areaId: z.string().uuid(),
	title: z.string().trim().min(1, 'required').max(100),
	intro: z.string().trim().max(2000),
	needs: z.array(needKeyField).max(40),
	categories: z.array(z.enum(FINDING_CATEGORIES)).max(FINDING_CATEGORIES.length)
});

export const compassSetupCreateSchema = setupFields.extend({
	intro: setupFields.shape.intro.default(''),
	needs: setupFields.shape.needs.default([]),
	categories: setupFields.shape.categories.default([])
});
export type CompassSetupInput = z.infer<typeof compassSetupCreateSchema>;

export const compassSetupPatchSchema = requiringVersion(
	setupFields.omit({ areaId: true }).partial().extend({ version: z.number().int().positive().optional() }).strict()
);
export type CompassSetupPatch = z.infer<typeof compassSetupPatchSchema>;

// ---------------------------------------------------------------- internal reports

export const REPORT_KINDS = ['unhandled_problem', 'new_solution', 'changed_hours'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_STATUSES = ['open', 'answered', 'applied', 'rejected'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** A new solution as the reporter knows it: enough for a coordinator to add it in one action. */
const proposedPartner = z.strictObject({
	name: z.string().trim().min(1, 'required').max(200),
	kind: z.enum(PARTNER_KINDS).default('ngo'),
	phone: phoneField.default(null),
	website: z
		.string()
		.trim()
		.max(500)
		.nullish()
		.transform((v) => v || null)
		.pipe(z.string().url().regex(/^https?:\/\//i, 'not_web_address').nullable())
		.default(null),
	address: z.string().trim().max(300).default(''),
	openingHours: openingHoursField.default(''),
	location: z
		.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) })
		.nullable()
		.default(null)
});
export type ProposedPartner = z.infer<typeof proposedPartner>;

export const reportCreateSchema = z.discriminatedUnion('kind', [
	z.strictObject({
		kind: z.literal('unhandled_problem'),
		areaId: z.string().uuid(),
		need: needKeyField.nullable().default(null),
		category: z.enum(FINDING_CATEGORIES).nullable().default(null),
		description: z.string().trim().min(1, 'required').max(4000)
	}),
	z.strictObject({
		kind: z.literal('new_solution'),
		areaId: z.string().uuid(),
		need: needKeyField.nullable().default(null),
		category: z.enum(FINDING_CATEGORIES).nullable().default(null),
		description: z.string().trim().min(1, 'required').max(4000),
		proposal: proposedPartner
	}),
	z.strictObject({
		kind: z.literal('changed_hours'),
		areaId: z.string().uuid(),
		partnerId: z.string().uuid(),
		serviceLocationId: z.string().uuid().nullable().default(null),
		description: z.string().trim().max(4000).default(''),
		proposal: z.strictObject({ openingHours: openingHoursField.pipe(z.string().min(1, 'required')) })
	})
]);
export type ReportInput = z.infer<typeof reportCreateSchema>;

export const reportAnswerSchema = requiringVersion(
	z.strictObject({
		version: z.number().int().positive().optional(),
		answer: z.string().trim().min(1, 'required').max(4000),
		status: z.enum(['answered', 'rejected']).default('answered')
	})
);

/**
 * Turning a report into a directory change, in one action: a problem nobody handled gets a
 * partner who will (the need or category added to it); a new solution becomes a partner
 * working in the report's area; changed hours replace the old ones.
 */
export const reportApplySchema = requiringVersion(
	z.strictObject({
		version: z.number().int().positive().optional(),
		answer: z.string().trim().max(4000).default(''),
		/** For a problem nobody handles: the partner who takes it on. */
		partnerId: z.string().uuid().optional()
	})
);

export interface DirectoryReport {
	id: string;
	kind: ReportKind;
	areaId: string;
	areaName: string;
	need: string | null;
	category: FindingCategory | null;
	partnerId: string | null;
	partnerName: string | null;
	serviceLocationId: string | null;
	description: string;
	proposal: Record<string, unknown>;
	status: ReportStatus;
	answer: string;
	answeredAt: string | null;
	appliedChange: { entity: 'partner' | 'service_location'; id: string; action: string } | null;
	reportedBy: string | null;
	createdAt: string;
	version: number;
}

export const reportListQuery = z.object({
	area: z.string().uuid('not_id').optional(),
	status: z.enum(REPORT_STATUSES).optional(),
	limit: z.coerce.number().int().min(1).max(200).default(50)
});

// ---------------------------------------------------------------- statistics

export interface SubjectCount {
	/** `need:shelter`, `category:lighting`, `text` (free text only), `any`; for choices the partner id. */
	subject: string;
	count: number;
}

export interface CompassFigures {
	areaId: string;
	from: string;
	to: string;
	months: { month: string; searches: number; noMatch: number; choices: number }[];
	searches: (SubjectCount & { noMatch: number; noMatchShare: number })[];
	choices: (SubjectCount & { name: string })[];
	totals: { searches: number; noMatch: number; choices: number };
}

