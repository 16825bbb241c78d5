/** Programmes: time-boxed efforts in one or more areas, with goals and a capped budget. Client-safe. */
import { z } from 'zod';
import { isoDate } from '$lib/time/dates';
import { requiringVersion } from '$lib/api/versioning';
import { PLAN_KINDS } from './plan';

const planText = z.string().trim().max(20_000);

export const BUDGET_LINE_KINDS = ['grants', 'measures', 'events', 'staff', 'other'] as const;
export type BudgetLineKind = (typeof BUDGET_LINE_KINDS)[number];
export const PROGRAMME_STATUSES = ['planned', 'active', 'closed'] as const;

export const programmeCreateSchema = z.strictObject({
	type: z.literal('Feature').optional(),
	geometry: z.null().optional(),
	properties: z
		.strictObject({
			name: z.string().trim().min(1, 'required').max(200),
			slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(80).optional(),
			description: z.string().trim().max(5000).default(''),
			areaIds: z.array(z.string().uuid()).min(1, 'area_required').max(50),
			startsOn: isoDate,
			endsOn: isoDate,
			intensiveFrom: isoDate.nullable().default(null),
			intensiveTo: isoDate.nullable().default(null),
			budgetCapSek: z.number().nonnegative().max(1e10).nullable().default(null),
			planKind: z.enum(PLAN_KINDS).default('project_plan'),
			background: planText.default(''),
			delimitation: planText.default(''),
			communication: planText.default(''),
			financing: planText.default(''),
			budgetLines: z
				.array(z.strictObject({ name: z.string().trim().min(1).max(200), kind: z.enum(BUDGET_LINE_KINDS).default('other'), capSek: z.number().nonnegative().max(1e10).nullable().default(null) }))
				.max(50)
				.default([])
		})
		.refine((p) => p.endsOn >= p.startsOn, { message: 'ends_before_start', path: ['endsOn'] })
});
export type ProgrammeCreateInput = z.infer<typeof programmeCreateSchema>;

const money = z.number().nonnegative('negative').max(1e10);
const overBudgetReason = z.string().trim().max(2000).optional();

export const programmePatchSchema = requiringVersion(
	z.strictObject({
		type: z.literal('Feature').optional(),
		version: z.number().int().positive().optional(),
		properties: z
			.object({
				version: z.number().int().positive(),
				name: z.string().trim().min(1, 'required').max(200),
				description: z.string().trim().max(5000),
				areaIds: z.array(z.string().uuid()).min(1, 'area_required').max(50),
				startsOn: isoDate,
				endsOn: isoDate,
				intensiveFrom: isoDate.nullable(),
				intensiveTo: isoDate.nullable(),
				budgetCapSek: money.nullable(),
				status: z.enum(PROGRAMME_STATUSES),
				planKind: z.enum(PLAN_KINDS),
				background: planText,
				delimitation: planText,
				communication: planText,
				financing: planText,
				/** Confirms lowering the cap below what is committed. */
				overBudgetReason
			})
			.partial()
			.strict()
			.optional()
	})
);
export type ProgrammePatchInput = z.infer<typeof programmePatchSchema>;

export const budgetLineCreateSchema = z.strictObject({
	name: z.string().trim().min(1, 'required').max(200),
	kind: z.enum(BUDGET_LINE_KINDS).default('other'),
	capSek: money.nullable().default(null)
});
export type BudgetLineCreateInput = z.infer<typeof budgetLineCreateSchema>;

export const budgetLinePatchSchema = z
	.object({
		version: z.number().int().positive('version_required'),
		name: budgetLineCreateSchema.shape.name,
		kind: z.enum(BUDGET_LINE_KINDS),
		capSek: money.nullable(),
		overBudgetReason
	})
	.partial()
	.strict()
	.refine((p) => p.version !== undefined, { message: 'version_required', path: ['version'] });
export type BudgetLinePatchInput = z.infer<typeof budgetLinePatchSchema>;

export const BUDGET_ENTRY_KINDS = ['committed', 'spent'] as const;

/** Money booked against a line by hand: an invoice, staff time, a decision not tied to one event or measure. */
export const budgetEntryCreateSchema = z.strictObject({
	budgetLineId: z.string().uuid(),
	kind: z.enum(BUDGET_ENTRY_KINDS),
	amountSek: z.number().positive().max(1e10),
	bookedOn: isoDate,
	note: z.string().trim().max(2000).default(''),
	overBudgetReason
});
export type BudgetEntryCreateInput = z.infer<typeof budgetEntryCreateSchema>;

export interface BudgetEntry {
	id: string;
	budgetLineId: string;
	kind: (typeof BUDGET_ENTRY_KINDS)[number];
	amountSek: number;
	bookedOn: string;
	note: string;
	overCapReason: string | null;
	version: number;
}
