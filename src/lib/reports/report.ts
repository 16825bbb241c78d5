/**
 * The steering-group report (issue 14 item 7): one document per area and period, or per
 * programme and period (a section per area of the programme), with the area map, the charts,
 * the follow-up's figures and texts. What GET /api/reports/… answers. Client-safe.
 */
import type { Geometry, MultiPolygon } from '$lib/geometry/geojson';
import type { FollowUpFigures, GoalAssessment, GoalVerdict, PlanGoal } from '$lib/followups/followup';
import type { CompassFigures } from '$lib/partners/directory';
import type { NeedDefinition } from '$lib/partners/needs';

export interface MapFeature<G extends Geometry, P> {
	type: 'Feature';
	id: string;
	geometry: G;
	properties: P;
}
export interface FeatureCollection<G extends Geometry, P> {
	type: 'FeatureCollection';
	features: MapFeature<G, P>[];
}

export interface ReportMap {
	/** [west, south, east, north] of the area(s). */
	bbox: [number, number, number, number];
	areas: FeatureCollection<MultiPolygon, { name: string }>;
	/** Findings reported in the period (those the reader may see), by category and status now. */
	findings: FeatureCollection<Geometry, { category: string; status: string; severity: number }>;
	/** Measures done in the period, and those under way at its end. */
	measures: FeatureCollection<Geometry, { title: string; kind: string; status: string; doneInPeriod: boolean }>;
	/** Events with occasions held in the period. */
	events: FeatureCollection<Geometry, { title: string; kind: string }>;
	/** The problem zones with their time-aware coverage in the report's figures (null: not known). */
	zones: FeatureCollection<MultiPolygon, { name: string; timeCoverage: number | null; spatialCoverage: number | null }>;
}

export interface ReportSection {
	area: { id: string; name: string; parentName: string | null };
	/** The saved follow-up the section shows, or null: the figures are the data's now, nothing assessed yet. */
	followUp: {
		id: string;
		status: 'draft' | 'submitted';
		programmeName: string | null;
		goalReached: GoalVerdict | null;
		summary: string;
		activities: string;
		writtenBy: string | null;
		submittedAt: string | null;
		updatedAt: string;
	} | null;
	goals: GoalAssessment[];
	figures: FollowUpFigures;
	map: ReportMap;
}

export interface ReportRisk {
	id: string;
	title: string;
	likelihood: number;
	impact: number;
	mitigation: string;
	owner: string;
	status: string;
	/** The last monthly review (YYYY-MM-DD), or null. */
	reviewedOn: string | null;
	/** When the next review is due (YYYY-MM-DD), or null. */
	nextReviewOn: string | null;
	/** Not closed, and the review date has passed (today, in Stockholm). */
	reviewOverdue: boolean;
}

export interface ReportStatusReport {
	title: string;
	body: string;
	status: string;
	submittedAt: string | null;
}

export interface Report {
	kind: 'area' | 'programme';
	id: string;
	title: string;
	period: { key: string; year: number; tertial: number | null; from: string; to: string };
	programme: {
		id: string;
		name: string;
		description: string;
		startsOn: string;
		endsOn: string;
		goals: PlanGoal[];
		risks: ReportRisk[];
		/** The programme's status report (lägesrapport) for the tertial, if written. */
		statusReport: ReportStatusReport | null;
	} | null;
	sections: ReportSection[];
	/**
	 * The partner compass's usage in the report's areas and period (issue 15): what was searched,
	 * how often nothing fitting was found, which partners were chosen. Null when no area of the
	 * report has a compass or any use of one in the period; the page leaves the section out.
	 */
	compass: ReportCompass | null;
	generatedAt: string;
}

/** The compass section: the counters of each report area that has a compass or was searched in. */
export interface ReportCompass {
	areas: { areaId: string; areaName: string; figures: CompassFigures }[];
	/** The tenant's needs vocabulary, to name the searched needs in the report's language. */
	needs: NeedDefinition[];
}
