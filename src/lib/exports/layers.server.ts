/**
 * The layers `/api/export/{layer}.{geojson,csv,gpkg}` exports: each is its list endpoint's
 * filtered view — the same query string, the same function, so the same rows for the same
 * reader — and the flat columns its features become in a CSV or GeoPackage (name, type,
 * value), with the layer's geometry type. GeoJSON exports are the list as it is.
 */
import type { z } from 'zod';
import type { Database } from '$lib/server/db';
import type { RequestContext } from '$lib/server/api/context';
import type { Geometry } from '$lib/geometry/geojson';
import type { GeometryKind } from '$lib/ogc/collection';
import { listAreas } from '$lib/areas/areas.server';
import { areaListQuery } from '$lib/areas/query.server';
import { listWalks } from '$lib/walks/walks.server';
import { walkListQuery } from '$lib/walks/query.server';
import { listFindings } from '$lib/findings/reads.server';
import { findingListQuery } from '$lib/findings/query.server';
import { listMeasures } from '$lib/measures/measures.server';
import { measureListQuery } from '$lib/measures/query.server';
import { listEvents } from '$lib/events/events.server';
import { eventListQuery } from '$lib/events/query.server';
import { listZones } from '$lib/zones/zones.server';
import { zoneListQuery } from '$lib/zones/query.server';
import { listPartners } from '$lib/partners/partners.server';
import { listIncidents } from '$lib/incidents/incidents.server';
import { incidentListQuery } from '$lib/incidents/query.server';
import { followUpFeatures } from '$lib/followups/followups.server';
import type { FollowUp } from '$lib/followups/followup';
import { FIRST_YEAR, LAST_YEAR } from '$lib/followups/period';
import { stockholmPeriod } from '$lib/time/stockholm';
import { z as zod } from 'zod';
import { bboxParam, uuidParam } from '$lib/server/api/endpoint';
import { PARTNER_KINDS } from '$lib/partners/partner';
import { FINDING_CATEGORIES, FINDING_LIST_MAX } from '$lib/findings/finding';

/** A column of a flat export: GeoPackage types (TEXT, INTEGER, REAL, BOOLEAN, DATE, DATETIME). */
export type ColumnType = 'text' | 'integer' | 'real' | 'boolean' | 'date' | 'datetime';
export type CellValue = string | number | boolean | null;

export interface Column<P> {
	name: string;
	type: ColumnType;
	value: (properties: P, feature: ExportFeature<P>) => CellValue | undefined;
}

export interface ExportFeature<P = Record<string, unknown>> {
	id: string;
	geometry: Geometry | null;
	properties: P;
}

export interface ExportLayer<P = any> {
	name: string;
	geometry: GeometryKind;
	query: z.ZodType;
	/** The filtered view, as the list endpoint gives it to this reader. */
	list(db: Database, ctx: RequestContext, filter: any): Promise<{ type: 'FeatureCollection'; features: ExportFeature<P>[] }>;
	columns: Column<P>[];
}

const col = <P>(name: string, type: ColumnType, value: Column<P>['value']): Column<P> => ({ name, type, value });
const joined = (values: readonly string[] | null | undefined) => (values?.length ? values.join(',') : null);

/** The partners' service locations, one point each, from the partner list and its filters. */
const serviceListQuery = zod.object({
	bbox: bboxParam.optional(),
	area: uuidParam.optional(),
	kind: zod.enum(PARTNER_KINDS).optional(),
	category: zod.enum(FINDING_CATEGORIES).optional()
});

interface ServiceProperties {
	name: string;
	address: string;
	openingHours: string;
	partnerId: string;
	partnerName: string;
	partnerKind: string;
	website: string | null;
	phone: string | null;
	email: string | null;
}

export const EXPORT_LAYERS: Record<string, ExportLayer> = {
	areas: {
		name: 'areas',
		geometry: 'MultiPolygon',
		query: areaListQuery,
		list: (db, ctx, filter) => listAreas(db, ctx.tenant, filter),
		columns: [
			col('name', 'text', (p) => p.name), col('slug', 'text', (p) => p.slug), col('kind', 'text', (p) => p.kind), col('parent_id', 'text', (p) => p.parentId),
			col('description', 'text', (p) => p.description), col('area_m2', 'real', (p) => p.areaM2), col('created_at', 'datetime', (p) => p.createdAt), col('updated_at', 'datetime', (p) => p.updatedAt)
		]
	},
	walks: {
		name: 'walks',
		geometry: 'LineString',
		query: walkListQuery,
		list: (db, ctx, filter) => listWalks(db, ctx, filter),
		columns: [
			col('area_id', 'text', (p) => p.areaId), col('area_name', 'text', (p) => p.areaName), col('kind', 'text', (p) => p.kind), col('title', 'text', (p) => p.title),
			col('starts_at', 'datetime', (p) => p.startsAt), col('ends_at', 'datetime', (p) => p.endsAt), col('organiser_name', 'text', (p) => p.organiserName),
			col('participant_count', 'integer', (p) => p.participantCount), col('participant_kinds', 'text', (p) => joined(p.participantKinds)),
			col('uses_audit', 'boolean', (p) => p.usesAudit), col('notes', 'text', (p) => p.notes), col('finding_count', 'integer', (p) => p.findingCount)
		]
	},
	findings: {
		name: 'findings',
		geometry: 'Geometry',
		query: findingListQuery.extend({ limit: findingListQuery.shape.limit.removeDefault().default(FINDING_LIST_MAX) }),
		list: (db, ctx, filter) => listFindings(db, ctx, filter),
		columns: [
			col('area_id', 'text', (p) => p.areaId), col('area_name', 'text', (p) => p.areaName), col('walk_id', 'text', (p) => p.walkId), col('category', 'text', (p) => p.category),
			col('severity', 'integer', (p) => p.severity), col('times_of_day', 'text', (p) => joined(p.timesOfDay)), col('description', 'text', (p) => p.description),
			col('proposed_measure', 'text', (p) => p.proposedMeasure), col('proposed_term', 'text', (p) => p.proposedTerm), col('responsible_partner', 'text', (p) => p.responsiblePartnerName),
			col('follow_up_on', 'date', (p) => p.followUpOn), col('overdue', 'boolean', (p) => p.overdue), col('status', 'text', (p) => p.status), col('status_reason', 'text', (p) => p.statusReason),
			col('reinspect', 'boolean', (p) => p.reinspect), col('confirmations', 'integer', (p) => p.confirmations), col('photos', 'integer', (p) => p.photos.length),
			// The list names the reporter only to coordinators and admins of the area.
			col('reporter', 'text', (p) => p.reporter?.name ?? null), col('created_at', 'datetime', (p) => p.createdAt)
		]
	},
	measures: {
		name: 'measures',
		geometry: 'Geometry',
		query: measureListQuery,
		list: (db, ctx, filter) => listMeasures(db, ctx, filter),
		columns: [
			col('area_id', 'text', (p) => p.areaId), col('area_name', 'text', (p) => p.areaName), col('programme_id', 'text', (p) => p.programmeId), col('kind', 'text', (p) => p.kind),
			col('title', 'text', (p) => p.title), col('description', 'text', (p) => p.description), col('status', 'text', (p) => p.status), col('status_reason', 'text', (p) => p.statusReason),
			col('influence_radius_m', 'real', (p) => p.influenceRadiusM), col('active_hours', 'text', (p) => p.activeHours), col('proposed_on', 'date', (p) => p.proposedOn),
			col('approved_on', 'date', (p) => p.approvedOn), col('ordered_on', 'date', (p) => p.orderedOn), col('done_on', 'date', (p) => p.doneOn), col('cancelled_on', 'date', (p) => p.cancelledOn),
			col('cost_sek', 'real', (p) => p.costSek), col('spent_sek', 'real', (p) => p.spentSek), col('responsible_partner', 'text', (p) => p.responsiblePartnerName),
			col('finding_ids', 'text', (p) => joined(p.findingIds))
		]
	},
	events: {
		name: 'events',
		geometry: 'Geometry',
		query: eventListQuery,
		list: (db, ctx, filter) => listEvents(db, ctx, filter),
		columns: [
			col('area_id', 'text', (p) => p.areaId), col('area_name', 'text', (p) => p.areaName), col('programme_id', 'text', (p) => p.programmeId), col('title', 'text', (p) => p.title),
			col('kind', 'text', (p) => p.kind), col('status', 'text', (p) => p.status), col('organiser_name', 'text', (p) => p.organiserName), col('description', 'text', (p) => p.description),
			col('starts_at', 'datetime', (p) => p.startsAt), col('ends_at', 'datetime', (p) => p.endsAt), col('rrule', 'text', (p) => p.rrule),
			col('occurrences', 'integer', (p) => p.occurrences.length), col('expected_attendance', 'integer', (p) => p.expectedAttendance),
			col('actual_attendance', 'integer', (p) => p.actualAttendance), col('permit_status', 'text', (p) => p.permitStatus), col('grant_sek', 'real', (p) => p.grantSek),
			col('cost_sek', 'real', (p) => p.costSek), col('influence_radius_m', 'real', (p) => p.influenceRadiusM)
		]
	},
	zones: {
		name: 'zones',
		geometry: 'MultiPolygon',
		query: zoneListQuery,
		list: (db, ctx, filter) => listZones(db, ctx, filter),
		columns: [
			col('area_id', 'text', (p) => p.areaId), col('area_name', 'text', (p) => p.areaName), col('name', 'text', (p) => p.name), col('origin', 'text', (p) => p.origin),
			col('weight', 'real', (p) => p.weight), col('weight_given', 'boolean', (p) => p.weightGiven), col('incident_figures', 'text', (p) => p.incidentFigures),
			col('period_from', 'date', (p) => p.periodFrom), col('period_to', 'date', (p) => p.periodTo), col('notes', 'text', (p) => p.notes), col('area_m2', 'real', (p) => p.areaM2)
		]
	},
	services: {
		name: 'services',
		geometry: 'Point',
		query: serviceListQuery,
		list: async (db, ctx, filter) => {
			const partners = await listPartners(db, ctx.tenant, filter);
			return {
				type: 'FeatureCollection',
				features: partners.features.flatMap((partner) =>
					partner.properties.serviceLocations.map((l): ExportFeature<ServiceProperties> => ({
						id: l.id,
						geometry: { type: 'Point', coordinates: l.coordinates },
						properties: {
							name: l.name, address: l.address, openingHours: l.openingHours, partnerId: partner.id, partnerName: partner.properties.name,
							partnerKind: partner.properties.kind, website: partner.properties.contact.website, phone: partner.properties.contact.phone, email: partner.properties.contact.email
						}
					}))
				)
			};
		},
		columns: [
			col('name', 'text', (p) => p.name), col('address', 'text', (p) => p.address), col('opening_hours', 'text', (p) => p.openingHours), col('partner_id', 'text', (p) => p.partnerId),
			col('partner_name', 'text', (p) => p.partnerName), col('partner_kind', 'text', (p) => p.partnerKind), col('website', 'text', (p) => p.website),
			col('phone', 'text', (p) => p.phone), col('email', 'text', (p) => p.email)
		]
	},
	followups: {
		name: 'followups',
		geometry: 'MultiPolygon',
		query: zod.strictObject({ area: uuidParam.optional(), programme: uuidParam.optional(), year: zod.coerce.number().int().min(FIRST_YEAR).max(LAST_YEAR).optional() }),
		list: (db, ctx, filter) => followUpFeatures(db, ctx, filter),
		columns: [
			col<FollowUp>('area_id', 'text', (p) => p.areaId), col<FollowUp>('area_name', 'text', (p) => p.areaName), col<FollowUp>('programme_id', 'text', (p) => p.programmeId),
			col<FollowUp>('programme_name', 'text', (p) => p.programmeName), col<FollowUp>('period', 'text', (p) => p.period.key), col<FollowUp>('year', 'integer', (p) => p.period.year),
			col<FollowUp>('tertial', 'integer', (p) => p.period.tertial), col<FollowUp>('status', 'text', (p) => p.status), col<FollowUp>('goal_reached', 'text', (p) => p.goalReached),
			col<FollowUp>('summary', 'text', (p) => p.summary), col<FollowUp>('activities', 'text', (p) => p.activities),
			col<FollowUp>('goals', 'text', (p) => p.goals.map((g) => `${g.goal}: ${g.reached ?? '–'}`).join('; ') || null),
			col<FollowUp>('findings_reported', 'integer', (p) => p.figures.findings.reported), col<FollowUp>('findings_resolved', 'integer', (p) => p.figures.findings.resolved),
			col<FollowUp>('findings_overdue', 'integer', (p) => p.figures.findings.overdue), col<FollowUp>('measures_done', 'integer', (p) => p.figures.measures.done),
			col<FollowUp>('measures_cost_sek', 'real', (p) => p.figures.measures.costSek), col<FollowUp>('events_held', 'integer', (p) => p.figures.events.held),
			col<FollowUp>('attendance', 'integer', (p) => p.figures.events.attendance), col<FollowUp>('walks_done', 'integer', (p) => p.figures.walks.done),
			col<FollowUp>('incident_figures', 'text', (p) => p.figures.incidents.figures), col<FollowUp>('incidents_total', 'integer', (p) => p.figures.incidents.currentTotal),
			col<FollowUp>('incidents_previous_total', 'integer', (p) => p.figures.incidents.previousTotal),
			col<FollowUp>('submitted_at', 'datetime', (p) => p.submittedAt), col<FollowUp>('figures_taken_at', 'datetime', (p) => p.figures.takenAt)
		]
	},
	incidents: {
		name: 'incidents',
		geometry: 'Point',
		query: incidentListQuery.extend({ limit: incidentListQuery.shape.limit.default(50_000) }),
		list: (db, ctx, { from, to, ...q }) => listIncidents(db, ctx, { ...q, ...(from || to ? stockholmPeriod(from ?? '1900-01-01', to ?? '2999-12-31') : {}) }),
		columns: [
			col('external_id', 'text', (p) => p.externalId), col('area_id', 'text', (p) => p.areaId), col('source', 'text', (p) => p.source), col('category', 'text', (p) => p.category),
			col('occurred_at', 'datetime', (p) => p.occurredAt), col('description', 'text', (p) => p.description)
		]
	}
};

export const EXPORT_FORMATS = ['geojson', 'csv', 'gpkg'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
