/**
 * Domain enums and the shape of the synthetic demo data produced by `generateDemo`.
 * Everything here is plain JSON (strings, numbers, arrays, objects); geometries are
 * minimal GeoJSON geometry objects in WGS 84 (lon, lat).
 */

// The domain's own vocabularies and geometry types, so the demo uses exactly what the app
// validates and stores: no second copy of categories, audit keys, sources or severities.
import type { AreaKind } from '$lib/areas/area';
import type { AuditScores, FindingCategory, FindingStatus, Severity, TimeOfDay } from '$lib/findings/finding';
import type { ParticipantKind, WalkKind } from '$lib/walks/walk';
import type { MeasureKind, MeasureStatus } from '$lib/measures/measure';
import type { EventKind, PermitStatus } from '$lib/events/event';
import type { BudgetLineKind } from '$lib/programmes/programme';
import type { IncidentCategory, IncidentSource } from '$lib/incidents/incident';
import type { LineString as GeoLineString, Point as GeoPoint, Polygon as GeoPolygon } from '$lib/geometry/geojson';
export { AREA_KINDS, type AreaKind } from '$lib/areas/area';
export {
	AUDIT_KEYS,
	FINDING_CATEGORIES,
	FINDING_STATUSES,
	SEVERITIES,
	TIMES_OF_DAY,
	type AuditKey,
	type AuditScores,
	type FindingCategory,
	type FindingStatus,
	type Severity,
	type TimeOfDay
} from '$lib/findings/finding';
export { WALK_KINDS, PARTICIPANT_KINDS, type WalkKind, type ParticipantKind } from '$lib/walks/walk';
export { MEASURE_KINDS, MEASURE_STATUSES, MEASURE_DEFAULT_RADIUS_M, type MeasureKind, type MeasureStatus } from '$lib/measures/measure';
export { EVENT_KINDS, EVENT_DEFAULT_RADIUS_M, PERMIT_STATUSES, type EventKind, type PermitStatus } from '$lib/events/event';
export { BUDGET_LINE_KINDS, type BudgetLineKind } from '$lib/programmes/programme';
export { PARTNER_KINDS, type PartnerKind } from '$lib/partners/partner';
export { INCIDENT_CATEGORIES, INCIDENT_SOURCES, type IncidentCategory, type IncidentSource } from '$lib/incidents/incident';

// ---------------------------------------------------------------- geometry

/** [longitude, latitude] in WGS 84: the demo places everything in two dimensions. */
export type Position = [number, number];
/** The app's GeoJSON types, in two dimensions. */
export type Point = GeoPoint & { coordinates: Position };
export type LineString = GeoLineString & { coordinates: Position[] };
export type Polygon = GeoPolygon & { coordinates: Position[][] };
export type Geometry = Point | LineString | Polygon;

// ---------------------------------------------------------------- input

export interface DemoAreaInput {
	slug: string;
	kind: AreaKind;
	/** GeoJSON Polygon coordinates: exterior ring first, then holes. */
	polygon: [number, number][][];
}

// ---------------------------------------------------------------- output

/** Local date `YYYY-MM-DD`. */
export type IsoDate = string;
/** ISO 8601 timestamp with explicit Europe/Stockholm offset, e.g. `2023-06-17T18:00:00+02:00`. */
export type IsoDateTime = string;

export interface DemoBudgetLine {
	name: string;
	kind: BudgetLineKind;
	capSek: number;
}

export interface DemoRisk {
	title: string;
	likelihood: number;
	impact: number;
	mitigation: string;
}

export interface DemoProgramme {
	slug: string;
	name: string;
	description: string;
	areaSlugs: string[];
	startsOn: IsoDate;
	endsOn: IsoDate;
	intensiveFrom: IsoDate;
	intensiveTo: IsoDate;
	budgetCapSek: number;
	budgetLines: DemoBudgetLine[];
	goals: string[];
	risks: DemoRisk[];
	steeringGroup: string[];
}

export interface DemoWalk {
	slug: string;
	areaSlug: string;
	kind: WalkKind;
	title: string;
	startsAt: IsoDateTime;
	endsAt: IsoDateTime;
	/** Display name of the organising organisation. */
	organiser: string;
	/** Slug in geodata/partners.json of the organiser. */
	organiserPartnerSlug: string;
	participantCount: number;
	participantKinds: ParticipantKind[];
	route: LineString;
}

export interface DemoFinding {
	slug: string;
	walkSlug: string | null;
	areaSlug: string;
	category: FindingCategory;
	severity: Severity;
	timeOfDay: TimeOfDay[];
	description: string;
	proposedMeasure: string;
	status: FindingStatus;
	/** Set when status is `rejected`. */
	statusReason?: string;
	/** Slug in geodata/partners.json; set once the finding is assigned. */
	responsiblePartnerSlug: string | null;
	audit?: AuditScores;
	geometry: Point | LineString;
	createdAt: IsoDateTime;
	/** When it got its present status (not for `new`): follow-ups count resolutions by it. */
	statusChangedAt?: IsoDateTime;
}

export interface DemoMeasure {
	slug: string;
	areaSlug: string;
	programmeSlug: string | null;
	kind: MeasureKind;
	title: string;
	geometry: Geometry;
	influenceRadiusM: number;
	status: MeasureStatus;
	proposedOn: IsoDate;
	approvedOn?: IsoDate;
	orderedOn?: IsoDate;
	doneOn?: IsoDate;
	costSek: number;
	responsiblePartnerSlug: string;
	/** Slugs of the findings this measure addresses. */
	findingSlugs: string[];
}

export interface DemoEvent {
	slug: string;
	areaSlug: string;
	programmeSlug: string;
	title: string;
	kind: EventKind;
	organiserPartnerSlug: string;
	description: string;
	geometry: Geometry;
	influenceRadiusM: number;
	/** First (or only) occurrence. */
	startsAt: IsoDateTime;
	endsAt: IsoDateTime;
	/** RFC 5545 RRULE (without the `RRULE:` prefix); UNTIL is in UTC. */
	rrule?: string;
	/** Start times of cancelled occurrences. */
	exdates?: IsoDateTime[];
	expectedAttendance: number;
	/** Average per occurrence for recurring events. */
	actualAttendance?: number;
	permitStatus: PermitStatus;
	permitAuthority?: string;
	grantSek: number;
}

export interface DemoIncident {
	externalId: string;
	areaSlug: string;
	category: IncidentCategory;
	source: IncidentSource;
	occurredAt: IsoDateTime;
	geometry: Point;
}

export interface DemoZone {
	slug: string;
	areaSlug: string;
	name: string;
	weight: number;
	geometry: Polygon;
}

export interface DemoSurveyIndicator {
	areaSlug: string;
	indicator: 'share_unsafe';
	label: string;
	value: number;
	unit: 'share';
	respondents: number;
	year: number;
	source: string;
}

export interface DemoData {
	programmes: DemoProgramme[];
	walks: DemoWalk[];
	findings: DemoFinding[];
	measures: DemoMeasure[];
	events: DemoEvent[];
	incidents: DemoIncident[];
	zones: DemoZone[];
	surveyIndicators: DemoSurveyIndicator[];
}
