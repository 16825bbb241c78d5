/**
 * The area overview (lägesbild) for the collaboration meeting (issue 14 item 2): one page per
 * area with the map, open and overdue findings, measures in progress, coming events, the
 * incident trend, coverage of the problem zones, the survey indicators, the walk schedule, and
 * what changed since the last meeting. Read at a day (`at`, default today) and since a day
 * (`since`, default the day the area's last follow-up was saved, else four weeks before `at`).
 * What GET /api/areas/{id}/overview answers. Client-safe.
 */
import type { FollowUpFigures } from '$lib/followups/followup';
import type { ReportMap } from '$lib/reports/report';
import type { SurveyIndicators } from '$lib/surveys/survey';
import type { WalkSchedule } from '$lib/walks/schedule';

/** How far ahead "coming events" look from `at`. */
export const COMING_DAYS = 42;
/** When the area has no saved follow-up, "since the last meeting" is this many days back. */
export const DEFAULT_SINCE_DAYS = 28;
/** Most rows a list of the overview shows (the counts are complete). */
export const MAX_LISTED = 50;

export interface OverviewFinding {
	id: string;
	/** The description's first 140 characters. */
	description: string;
	category: string;
	severity: number;
	/** The status at `at`. */
	status: string;
	followUpOn: string | null;
	overdue: boolean;
	createdAt: string;
}

export interface OverviewMeasure {
	id: string;
	title: string;
	kind: string;
	status: string;
	startedOn: string | null;
	doneOn: string | null;
	costSek: number | null;
}

export interface OverviewOccasion {
	eventId: string;
	title: string;
	kind: string;
	startsAt: string;
	endsAt: string;
}

export interface Overview {
	area: { id: string; name: string; parentName: string | null };
	at: string;
	since: string;
	/** Where `since` came from: the request, the last saved follow-up, or the default four weeks. */
	sinceFrom: 'query' | 'follow_up' | 'default';
	/** The follow-up the default `since` is taken from. */
	lastFollowUp: { id: string; period: string; savedOn: string } | null;
	/** The tertial `at` falls in: the incident trend and the coverage are counted over it up to `at`. */
	period: { key: string; from: string; to: string };
	findings: { open: number; overdue: number; list: OverviewFinding[] };
	measures: { inProgress: number; list: OverviewMeasure[] };
	events: { coming: number; days: number; list: OverviewOccasion[] };
	changes: {
		newFindings: number;
		resolvedFindings: number;
		measuresDone: number;
		eventsHeld: number;
		attendance: number;
		newFindingList: OverviewFinding[];
		measuresDoneList: OverviewMeasure[];
	};
	/** The follow-up figures of the tertial up to `at`: the incident trend and coverage as this reader may see them. */
	incidents: FollowUpFigures['incidents'];
	coverage: FollowUpFigures['coverage'];
	surveys: SurveyIndicators;
	walks: WalkSchedule;
	map: ReportMap;
	generatedAt: string;
}
