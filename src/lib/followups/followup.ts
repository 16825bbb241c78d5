/**
 * Tertial follow-ups (issue 14): per area (and programme) and period, the figures drafted
 * from the data — findings, measures, events, walks, coverage of problem zones, the incident
 * trend against the same period last year, survey indicators — and the writer's answer to
 * "is the goal reached?" per goal. Saved, the figures are kept as they were when written.
 * Client-safe: the input schemas and the shapes the API answers with.
 */
import { z } from 'zod';
import { requiringVersion } from '$lib/api/versioning';
import type { FindingCategory } from '$lib/findings/finding';
import type { IncidentFigures } from '$lib/incidents/privacy';
import { periodParam } from './period';

export const GOAL_VERDICTS = ['yes', 'partly', 'no'] as const;
export type GoalVerdict = (typeof GOAL_VERDICTS)[number];
export const FOLLOW_UP_STATUSES = ['draft', 'submitted'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** Most goals one follow-up assesses (a plan has a handful). */
export const MAX_FOLLOW_UP_GOALS = 30;
/** Most rows a figure's list keeps (the measures done, the events held, the walks). */
export const MAX_LISTED = 50;

// ------------------------------------------------------------------ the figures

export interface FindingFigures {
	/** Reported in the period. */
	reported: number;
	/** Set to resolved in the period (reported then or before). */
	resolved: number;
	/** Open at the period's end (or today) with their follow-up date passed. */
	overdue: number;
	/** Open (new, assigned, in progress) at the period's end. */
	openAtEnd: number;
	byCategory: { category: FindingCategory; reported: number; resolved: number; overdue: number; openAtEnd: number }[];
}

export interface MeasureFigures {
	/** Done in the period. */
	done: number;
	/** Their cost and what was spent on them (SEK). */
	costSek: number;
	spentSek: number;
	byKind: { kind: string; done: number; costSek: number }[];
	list: { id: string; title: string; kind: string; doneOn: string; costSek: number | null }[];
}

export interface EventFigures {
	/** Events with at least one occasion held in the period. */
	events: number;
	/** Occasions held. */
	held: number;
	/** Occasions called off. */
	cancelled: number;
	/** People counted at the occasions held: the occasion's own count, else the event's (per occasion). */
	attendance: number;
	/** Occasions with a count; the rest are unknown, not zero. */
	attendanceCounted: number;
	/** Expected attendance over the occasions held. */
	expected: number;
	byKind: { kind: string; held: number; attendance: number }[];
	list: { id: string; title: string; kind: string; held: number; attendance: number | null }[];
}

export interface WalkFigures {
	done: number;
	safetyWalks: number;
	centreInspections: number;
	participants: number;
	/** Findings pinned on these walks. */
	findings: number;
	list: { id: string; title: string; kind: string; startsAt: string; participants: number | null; findings: number }[];
}

export interface SurveyFigure {
	indicator: string;
	label: string;
	unit: string;
	year: number;
	value: number;
	respondents: number | null;
	source: string;
}

/**
 * Incidents per month in the area in the period and in the same months a year before, as
 * one reader gets them: exact, or through the privacy grid (coarsened, totals rounded), or
 * withheld whole (null).
 */
export interface IncidentTrend {
	figures: IncidentFigures;
	months: string[];
	previousMonths: string[];
	current: number[] | null;
	previous: number[] | null;
	currentTotal: number | null;
	previousTotal: number | null;
	/** current / previous − 1; null when either is unknown, the year before had none or holds no data. */
	change: number | null;
	/**
	 * The first month of the tenant's incident data ("YYYY-MM", a tenant-wide figure): when it is
	 * after the first of `previousMonths`, there is nothing to compare with (not "none happened").
	 */
	dataFrom: string | null;
	/** The least count a figure without incident access rests on (null for exact figures). */
	suppressedBelow: number | null;
}

export interface CoverageZoneFigure {
	id: string;
	name: string;
	weight: number;
	spatialCoverage: number;
	timeCoverage: number | null;
	gapScore: number | null;
}

/** Coverage of the area's problem zones by its events and done measures in the period (DESIGN §4). */
export type CoverageFigures =
	| {
			available: true;
			/** Exact, or from the weights and hour profiles through the privacy grid. */
			figures: 'exact' | 'aggregated';
			/** Weighted by the zones' weights. */
			spatialCoverage: number;
			timeCoverage: number | null;
			zones: CoverageZoneFigure[];
	  }
	| { available: false; reason: 'no_zones' | 'too_many_zones' };

export interface FollowUpFigures {
	period: { key: string; from: string; to: string; asOf: string };
	/** When they were drafted from the data. */
	takenAt: string;
	findings: FindingFigures;
	measures: MeasureFigures;
	events: EventFigures;
	walks: WalkFigures;
	surveys: SurveyFigure[];
	incidents: IncidentTrend;
	coverage: CoverageFigures;
}

/**
 * What a saved follow-up keeps: the incident-derived parts twice, as a reader with incident
 * access in the area saw them and as everyone else did (the privacy grid), so each later
 * reader gets the version the privacy rule allows them, as it was when it was written.
 */
export interface StoredFigures extends Omit<FollowUpFigures, 'incidents' | 'coverage'> {
	format: 1;
	incidents: { exact: IncidentTrend; aggregated: IncidentTrend };
	coverage: { exact: CoverageFigures; aggregated: CoverageFigures };
}

// ------------------------------------------------------------------ the follow-up

export interface GoalAssessment {
	/** The plan's goal, or null for a goal written in the follow-up itself. */
	goalId: string | null;
	/** The goal as it read when assessed. */
	goal: string;
	reached: GoalVerdict | null;
	comment: string;
}

/** A goal of the plan a follow-up may assess. */
export interface PlanGoal {
	id: string;
	programmeId: string;
	programmeName: string;
	description: string;
	target: string;
}

export interface FollowUp {
	id: string;
	areaId: string;
	areaName: string;
	programmeId: string | null;
	programmeName: string | null;
	/** The plan activity followed up, or null for the whole area. */
	activityId: string | null;
	activityName: string | null;
	period: { key: string; year: number; tertial: number | null };
	status: FollowUpStatus;
	goalReached: GoalVerdict | null;
	summary: string;
	activities: string;
	goals: GoalAssessment[];
	figures: FollowUpFigures;
	writtenBy: string | null;
	submittedAt: string | null;
	createdAt: string;
	updatedAt: string;
	version: number;
}

/** A draft: the figures as the data gives them now and the goals to assess, nothing saved. */
export interface FollowUpDraft {
	areaId: string;
	areaName: string;
	programmeId: string | null;
	activityId: string | null;
	period: { key: string; year: number; tertial: number | null };
	figures: FollowUpFigures;
	goals: PlanGoal[];
	/** The follow-up already saved for this area, programme and period, if any. */
	savedId: string | null;
}

// ------------------------------------------------------------------ input

const text = (max: number) => z.string().trim().max(max);
const goalInput = z
	.strictObject({
		goalId: z.string().uuid().nullable().default(null),
		/** Needed for a goal of the follow-up's own; a plan goal's text is taken from the plan. */
		goal: text(2000).optional(),
		reached: z.enum(GOAL_VERDICTS).nullable().default(null),
		comment: text(10_000).default('')
	})
	.refine((g) => g.goalId !== null || (g.goal ?? '').length > 0, { message: 'goal_text_required', path: ['goal'] });

const goalList = z
	.array(goalInput)
	.max(MAX_FOLLOW_UP_GOALS)
	.refine((goals) => new Set(goals.filter((g) => g.goalId).map((g) => g.goalId)).size === goals.filter((g) => g.goalId).length, 'duplicate_goal');

export const followUpCreateSchema = z.strictObject({
	areaId: z.string().uuid(),
	programmeId: z.string().uuid().nullable().default(null),
	/** One activity of the programme's plan: the figures count what is linked to it. */
	activityId: z.string().uuid().nullable().default(null),
	period: periodParam,
	goalReached: z.enum(GOAL_VERDICTS).nullable().default(null),
	summary: text(10_000).default(''),
	activities: text(10_000).default(''),
	/** Left out: the plan's goals, not yet assessed. */
	goals: goalList.optional(),
	/** Submit at once (the figures and texts are final). */
	submit: z.boolean().default(false)
});
export type FollowUpCreateInput = z.infer<typeof followUpCreateSchema>;

export const followUpPatchSchema = requiringVersion(
	z.strictObject({
		version: z.number().int().positive(),
		goalReached: z.enum(GOAL_VERDICTS).nullable().optional(),
		summary: text(10_000).optional(),
		activities: text(10_000).optional(),
		goals: goalList.optional(),
		/** Draft the figures from the data again (they are otherwise kept as they were). */
		refreshFigures: z.boolean().optional(),
		/** Submit: the figures and texts are final from now on. */
		status: z.literal('submitted').optional()
	})
);
export type FollowUpPatchInput = z.infer<typeof followUpPatchSchema>;
