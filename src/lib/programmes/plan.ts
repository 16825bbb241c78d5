/**
 * The plan of a programme (issue 14): its kind and texts, goals with measurable targets,
 * themes and the activities under them with their parties, the people of its groups, risks
 * with a monthly review, status reports (lägesrapport) and change requests (ändringsbegäran).
 * Client-safe: the input schemas and the shapes GET /api/programmes/{id}/plan answers with.
 */
import { z } from 'zod';
import { isoDate } from '$lib/time/dates';

export const PLAN_KINDS = ['project_plan', 'action_plan', 'short_long_term_plan'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];
export const PLAN_TEXTS = ['background', 'delimitation', 'communication', 'financing'] as const;
export type PlanText = (typeof PLAN_TEXTS)[number];
export const GOAL_HORIZONS = ['goal', 'effect_goal', 'short_term', 'long_term'] as const;
export type GoalHorizon = (typeof GOAL_HORIZONS)[number];
export const TARGET_COMPARISONS = ['at_most', 'at_least'] as const;
export const GROUP_KINDS = ['client', 'steering_group', 'project_lead', 'working_group'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];
export const RISK_STATUSES = ['open', 'mitigated', 'closed'] as const;
export const REPORT_STATUSES = ['draft', 'submitted'] as const;
export const DECISIONS = ['pending', 'approved', 'rejected'] as const;
export type Decision = (typeof DECISIONS)[number];

/** How many days after a review the next one is due when none is named: a month (monthly risk analysis). */
export const REVIEW_INTERVAL_MONTHS = 1;

/** The parts of a plan written one by one, as they appear in the API's paths. */
export const PLAN_PARTS = ['goals', 'themes', 'activities', 'parties', 'members', 'risks', 'status-reports', 'change-requests'] as const;
export type PlanPart = (typeof PLAN_PARTS)[number];
export const isPlanPart = (value: string): value is PlanPart => (PLAN_PARTS as readonly string[]).includes(value);

const text = (max: number) => z.string().trim().max(max);
const title = z.string().trim().min(1, 'required').max(200);
const version = z.number().int().positive('version_required');
const score = z.number().int().min(1).max(5);

// ------------------------------------------------------------------ goals

const goalFields = z.strictObject({
	description: z.string().trim().min(1, 'required').max(2000),
	horizon: z.enum(GOAL_HORIZONS),
	/** Free text: how the goal is measured, and the target as written in the plan. */
	indicator: text(500),
	target: text(500),
	/** A survey indicator key (survey_indicators.indicator) the target is read from; null: judged, not measured. */
	targetIndicator: z.string().regex(/^[a-z_]{1,60}$/, 'wrong_format').nullable(),
	targetComparison: z.enum(TARGET_COMPARISONS).nullable(),
	baselineValue: z.number().finite().nullable(),
	baselineYear: z.number().int().min(1990).max(2100).nullable(),
	targetValue: z.number().finite().nullable(),
	targetDate: isoDate.nullable(),
	sort: z.number().int().min(0).max(10_000)
});

/** A target is complete or absent: a value needs its comparison; an indicator needs a value. */
export function targetIssue(g: { targetValue?: number | null; targetComparison?: string | null; targetIndicator?: string | null }): string | null {
	if ((g.targetValue ?? null) === null !== ((g.targetComparison ?? null) === null)) return g.targetValue == null ? 'targetValue' : 'targetComparison';
	if (g.targetIndicator != null && g.targetValue == null) return 'targetValue';
	return null;
}

export const goalCreateSchema = goalFields
	.partial()
	.extend({ description: goalFields.shape.description })
	.strict()
	.superRefine((g, ctx) => {
		const field = targetIssue(g);
		if (field) ctx.addIssue({ code: 'custom', message: 'target_incomplete', path: [field] });
	});
export const goalPatchSchema = goalFields.partial().extend({ version }).strict();

// ------------------------------------------------------------------ themes and activities

const themeFields = z.strictObject({
	title,
	overallGoal: text(5000),
	/** Lägesbild: the situation the theme answers to. */
	situation: text(10_000),
	policyReference: text(2000),
	/** Priority order, 1 first. */
	priority: z.number().int().min(1).max(1000)
});
export const themeCreateSchema = themeFields.partial().extend({ title }).strict();
export const themePatchSchema = themeFields.partial().extend({ version }).strict();

const activityFields = z.strictObject({
	themeId: z.string().uuid().nullable(),
	/** One of the programme's areas, or null for all of them. */
	areaId: z.string().uuid().nullable(),
	name: title,
	purpose: text(5000),
	measurableGoals: text(5000),
	startsOn: isoDate.nullable(),
	endsOn: isoDate.nullable(),
	meetingFrequency: text(200),
	convener: text(200),
	sort: z.number().int().min(0).max(10_000)
});
const periodInOrder = (a: { startsOn?: string | null; endsOn?: string | null }) => !a.startsOn || !a.endsOn || a.endsOn >= a.startsOn;
export const activityCreateSchema = activityFields
	.partial()
	.extend({ name: title })
	.strict()
	.refine(periodInOrder, { message: 'ends_before_start', path: ['endsOn'] });
export const activityPatchSchema = activityFields.partial().extend({ version }).strict();

const partyFields = z.strictObject({
	activityId: z.string().uuid(),
	/** A partner of the directory, or null with a name written in. */
	partnerId: z.string().uuid().nullable(),
	name: text(200),
	contact: text(500),
	/** Other participants from the party. */
	participants: text(2000),
	/** Åtagande: what the party commits to. */
	commitment: text(5000),
	sort: z.number().int().min(0).max(10_000)
});
export const partyCreateSchema = partyFields
	.partial()
	.extend({ activityId: partyFields.shape.activityId })
	.strict()
	.refine((p) => !!p.partnerId || (p.name ?? '').length > 0, { message: 'party_name_required', path: ['name'] });
export const partyPatchSchema = partyFields.omit({ activityId: true }).partial().extend({ version }).strict();

// ------------------------------------------------------------------ groups

const memberFields = z.strictObject({
	group: z.enum(GROUP_KINDS),
	name: title,
	/** Title and unit ("enhetschef, trygghetsenheten"). */
	title: text(200),
	partnerId: z.string().uuid().nullable(),
	sort: z.number().int().min(0).max(10_000)
});
export const memberCreateSchema = memberFields.partial().extend({ name: title, group: memberFields.shape.group }).strict();
export const memberPatchSchema = memberFields.partial().extend({ version }).strict();

// ------------------------------------------------------------------ risks

const riskFields = z.strictObject({
	title,
	description: text(5000),
	likelihood: score,
	impact: score,
	mitigation: text(5000),
	owner: text(200),
	status: z.enum(RISK_STATUSES),
	nextReviewOn: isoDate.nullable()
});
export const riskCreateSchema = riskFields.partial().extend({ title, likelihood: score, impact: score }).strict();
export const riskPatchSchema = riskFields.partial().extend({ version }).strict();

export const riskReviewSchema = z.strictObject({
	reviewedOn: isoDate,
	likelihood: score,
	impact: score,
	note: text(5000).default(''),
	/** Left out: a month after the review. */
	nextReviewOn: isoDate.nullable().optional()
});
export type RiskReviewInput = z.infer<typeof riskReviewSchema>;

// ------------------------------------------------------------------ status reports and change requests

const statusReportFields = z.strictObject({
	year: z.number().int().min(2000).max(2100),
	tertial: z.number().int().min(1).max(3),
	title: text(200),
	body: text(20_000),
	status: z.enum(REPORT_STATUSES)
});
export const statusReportCreateSchema = statusReportFields.partial().extend({ year: statusReportFields.shape.year, tertial: statusReportFields.shape.tertial }).strict();
export const statusReportPatchSchema = statusReportFields.partial().extend({ version }).strict();

const changeRequestFields = z.strictObject({
	title,
	description: text(10_000),
	requestedOn: isoDate,
	decision: z.enum(DECISIONS),
	/** When the steering group decided; left out with a decision: today. */
	decidedOn: isoDate.nullable(),
	decisionNote: text(5000)
});
export const changeRequestCreateSchema = changeRequestFields.partial().extend({ title, requestedOn: isoDate }).strict();
export const changeRequestPatchSchema = changeRequestFields.partial().extend({ version }).strict();

export const PART_SCHEMAS = {
	goals: { create: goalCreateSchema, patch: goalPatchSchema },
	themes: { create: themeCreateSchema, patch: themePatchSchema },
	activities: { create: activityCreateSchema, patch: activityPatchSchema },
	parties: { create: partyCreateSchema, patch: partyPatchSchema },
	members: { create: memberCreateSchema, patch: memberPatchSchema },
	risks: { create: riskCreateSchema, patch: riskPatchSchema },
	'status-reports': { create: statusReportCreateSchema, patch: statusReportPatchSchema },
	'change-requests': { create: changeRequestCreateSchema, patch: changeRequestPatchSchema }
} as const satisfies Record<PlanPart, { create: z.ZodType; patch: z.ZodType }>;

// ------------------------------------------------------------------ what the API answers

interface Versioned {
	id: string;
	version: number;
}

export interface PlanGoal extends Versioned {
	description: string;
	horizon: GoalHorizon;
	indicator: string;
	target: string;
	targetIndicator: string | null;
	targetComparison: (typeof TARGET_COMPARISONS)[number] | null;
	baselineValue: number | null;
	baselineYear: number | null;
	targetValue: number | null;
	targetDate: string | null;
	sort: number;
}

export interface PlanTheme extends Versioned {
	title: string;
	overallGoal: string;
	situation: string;
	policyReference: string;
	priority: number;
}

export interface PlanParty extends Versioned {
	activityId: string;
	partnerId: string | null;
	/** The name written in, or the partner's name. */
	name: string;
	contact: string;
	participants: string;
	commitment: string;
	sort: number;
}

export interface PlanActivity extends Versioned {
	themeId: string | null;
	areaId: string | null;
	name: string;
	purpose: string;
	measurableGoals: string;
	startsOn: string | null;
	endsOn: string | null;
	meetingFrequency: string;
	convener: string;
	sort: number;
	parties: PlanParty[];
	/** What carries it out: the events, measures and walks linked to it. */
	linked: { events: number; measures: number; walks: number };
}

export interface PlanMember extends Versioned {
	group: GroupKind;
	name: string;
	title: string;
	partnerId: string | null;
	sort: number;
}

export interface PlanRisk extends Versioned {
	title: string;
	description: string;
	likelihood: number;
	impact: number;
	/** likelihood × impact, 1–25. */
	score: number;
	mitigation: string;
	owner: string;
	status: (typeof RISK_STATUSES)[number];
	nextReviewOn: string | null;
	lastReviewedOn: string | null;
	/** The next review date has passed (Stockholm's today) and the risk is not closed. */
	reviewOverdue: boolean;
	reviews: { reviewedOn: string; likelihood: number; impact: number; note: string }[];
}

export interface PlanStatusReport extends Versioned {
	year: number;
	tertial: number;
	title: string;
	body: string;
	status: (typeof REPORT_STATUSES)[number];
	submittedAt: string | null;
}

export interface PlanChangeRequest extends Versioned {
	title: string;
	description: string;
	requestedOn: string;
	decision: Decision;
	decidedOn: string | null;
	decisionNote: string;
}

export interface Plan {
	programmeId: string;
	planKind: PlanKind;
	texts: Record<PlanText, string>;
	/** The day overdue reviews are judged against (Stockholm). */
	today: string;
	/** Whether the reader may write the plan (coordinator or admin of every area of the programme). */
	manage: boolean;
	goals: PlanGoal[];
	themes: PlanTheme[];
	activities: PlanActivity[];
	members: PlanMember[];
	risks: PlanRisk[];
	statusReports: PlanStatusReport[];
	changeRequests: PlanChangeRequest[];
	/** Risks whose review is overdue. */
	overdueReviews: number;
}

/** A risk's colour class in the 5 × 5 matrix: low (1–4), medium (5–9), high (10–14), critical (15–25). */
export function riskLevel(score: number): 'low' | 'medium' | 'high' | 'critical' {
	return score >= 15 ? 'critical' : score >= 10 ? 'high' : score >= 5 ? 'medium' : 'low';
}

/** The date a month after `date` (31 January → 28/29 February). */
export function monthAfter(date: string, months = REVIEW_INTERVAL_MONTHS): string {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	const target = new Date(Date.UTC(y, m - 1 + months, 1));
	const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
	target.setUTCDate(Math.min(d, last));
	return target.toISOString().slice(0, 10);
}
