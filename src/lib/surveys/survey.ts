/**
 * Survey indicators (issue 14 item 4): an area's figure per year from a residents' safety
 * survey (trygghetsmätning) — the share feeling unsafe, with its respondents and source —
 * charted over the years against the plan's measurable targets (programme goals whose
 * `targetIndicator` names the indicator). Shares travel as 0–1 and are shown as per cent.
 * Client-safe: vocabulary, API shapes and input validation.
 */
import { z } from 'zod';
import { requiringVersion } from '$lib/api/versioning';

export const SURVEY_UNITS = ['share', 'count', 'index'] as const;
export type SurveyUnit = (typeof SURVEY_UNITS)[number];

/** The years a figure may be for (the schema's range). */
export const FIRST_SURVEY_YEAR = 1990;
export const LAST_SURVEY_YEAR = 2100;

/** The indicator the demo data and the plans use for "share feeling unsafe". */
export const SHARE_UNSAFE = 'share_unsafe';

export interface SurveyFigure {
	id: string;
	areaId: string;
	indicator: string;
	label: string;
	unit: SurveyUnit;
	year: number;
	/** A share as 0–1, else the count or index itself. */
	value: number;
	respondents: number | null;
	source: string;
	version: number;
	updatedAt: string;
}

/** A plan goal's measurable target on the indicator, from a programme that runs in the area. */
export interface SurveyTarget {
	goalId: string;
	programmeId: string;
	programmeName: string;
	description: string;
	comparison: 'at_most' | 'at_least';
	targetValue: number;
	/** YYYY-MM-DD, or null: no date given. */
	targetDate: string | null;
	baselineValue: number | null;
	baselineYear: number | null;
}

export interface SurveyIndicatorSeries {
	indicator: string;
	label: string;
	unit: SurveyUnit;
	/** Oldest year first; several sources in one year each have their own figure. */
	figures: SurveyFigure[];
	targets: SurveyTarget[];
}

export interface SurveyIndicators {
	areaId: string;
	areaName: string;
	/** Whether the reader may record figures here (coordinators and admins of the area). */
	writable: boolean;
	indicators: SurveyIndicatorSeries[];
}

const fields = z.strictObject({
	indicator: z.string().trim().regex(/^[a-z_]{1,60}$/, 'indicator_key'),
	label: z.string().trim().max(200),
	unit: z.enum(SURVEY_UNITS),
	year: z.number().int().min(FIRST_SURVEY_YEAR).max(LAST_SURVEY_YEAR),
	value: z.number().finite(),
	respondents: z.number().int().min(0).max(10_000_000).nullable(),
	source: z.string().trim().max(200)
});

/** A share is 0–1; a count is not negative. */
function valueFits(unit: SurveyUnit | undefined, value: number | undefined, ctx: z.RefinementCtx) {
	if (value === undefined || unit === undefined) return;
	if (unit === 'share' && (value < 0 || value > 1)) ctx.addIssue({ code: 'custom', path: ['value'], message: 'share_range' });
	if (unit === 'count' && value < 0) ctx.addIssue({ code: 'custom', path: ['value'], message: 'negative' });
}

export const surveyCreateSchema = fields
	.extend({ label: fields.shape.label.default(''), unit: fields.shape.unit.default('share'), respondents: fields.shape.respondents.default(null), source: fields.shape.source.default('') })
	.superRefine((v, ctx) => valueFits(v.unit, v.value, ctx));
export type SurveyCreateInput = z.infer<typeof surveyCreateSchema>;

/** A change names the version it was based on; the indicator key stays (a new key is a new series). */
export const surveyPatchSchema = requiringVersion(
	fields
		.omit({ indicator: true })
		.partial()
		.extend({ version: z.number().int().positive() })
		.strict()
);
export type SurveyPatchInput = z.infer<typeof surveyPatchSchema>;

/** 0.254 → "25,4 %" in Swedish, "25.4%" in English; counts and indexes as numbers. */
export function formatSurveyValue(value: number, unit: SurveyUnit, locale: string): string {
	if (unit === 'share') return new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(value);
	return new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 2 }).format(value);
}
