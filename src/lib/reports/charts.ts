/** Which charts a follow-up's figures make (the report waits for each to be drawn before it prints). Client-safe. */
import type { FollowUpFigures } from '$lib/followups/followup';

export interface ChartsOf {
	incidents: boolean;
	findings: boolean;
	coverage: boolean;
	surveys: boolean;
}

export function chartsOf(f: FollowUpFigures): ChartsOf {
	return {
		incidents: f.incidents.current !== null,
		findings: f.findings.byCategory.length > 0,
		coverage: f.coverage.available && f.coverage.zones.length > 0,
		surveys: f.surveys.length > 0
	};
}

export const chartCount = (f: FollowUpFigures) => Object.values(chartsOf(f)).filter(Boolean).length;
