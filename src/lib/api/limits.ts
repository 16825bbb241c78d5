/**
 * The UI's own text, in the page's language, for a refusal because a request asked for
 * more than the server does at once (limits on periods, zones, suggestions, recurrences)
 * or an analysis that was stopped; the details carry the figures to show.
 */
import type { ApiProblem } from './client';

type Translate = (key: string, options?: Record<string, unknown>) => string;

const CODES = new Set(['period_too_long', 'too_many_zones', 'too_many_activities', 'suggestion_too_large', 'band_too_wide', 'analysis_timeout', 'analysis_too_heavy', 'analysis_busy']);
const RECURRENCE_REASONS = new Set(['no_occurrences', 'too_many', 'too_long']);

/** The translated sentence for a limit refusal, or null when the problem is of another kind. */
export function limitMessage(problem: Pick<ApiProblem, 'code' | 'details'>, t: Translate): string | null {
	const details = (problem.details && typeof problem.details === 'object' && !Array.isArray(problem.details) ? problem.details : {}) as Record<string, unknown>;
	if (CODES.has(problem.code)) return t(`limits.${problem.code}`, details);
	if (problem.code === 'invalid_recurrence' && RECURRENCE_REASONS.has(details.reason as string)) return t(`limits.invalid_recurrence_${details.reason}`, details);
	return null;
}
