/**
 * Events: queries and mutations. Coordinators and admins of the area place them; anyone
 * with a role there (partners included) reads. Each save expands the schedule into
 * event_occurrences, so analyses can join on time in SQL.
 */
import { sql, type SqlBool, type Transaction } from 'kysely';
import type { Database, Db, DB } from '$lib/server/db';
import { asGeoJSON, fromGeoJSON, intersectsBBox, type BBox } from '$lib/server/db/postgis';
import { assertWritableGeometry } from '$lib/server/db/geometry';
import { recordAudit } from '$lib/server/audit';
import { badRequest, forbidden, notFound, unauthenticated } from '$lib/server/api/errors';
import { assertMayWrite, type Reference } from '$lib/server/auth/write-scope.server';
import { deleteVersioned, updateVersioned } from '$lib/server/db/versioned';
import { areasWhere, inSet, MANAGE_ROLES, READ_ROLES, inAreaTree, inAreaSet, readableAreas } from '$lib/server/auth/scope.server';
import type { RequestContext } from '$lib/server/api/context';
import { versionOf } from '$lib/api/versioning';
import { areaAt } from '$lib/findings/routing.server';
import { assertWithinBudget, budgetOf, programmeOfLine } from '$lib/programmes/budget.server';
import { SEASON_MONTHS } from '$lib/time/season';
import { expandOccurrences, MAX_OCCURRENCES, RecurrenceError, type Occurrence } from './recurrence';
import {
	EVENT_DEFAULT_RADIUS_M,
	EVENT_GEOMETRY_TYPES,
	type EventCollection,
	type EventCreateInput,
	type EventFeature,
	type EventGeometry,
	type EventKind,
	type EventPatchInput,
	type EventStatus,
	type PermitStatus
} from './event';


export interface EventFilter {
	area?: string;
	programme?: string;
	kind?: EventKind;
	/** Events with an occurrence overlapping [from, to] (dates, Europe/Stockholm). */
	from?: string;
	to?: string;
	bbox?: BBox;
}

function selectEvents(db: Db, tenant: string) {
	return db
		.selectFrom('events as e')
		.innerJoin('areas as a', (j) => j.onRef('a.tenant_id', '=', 'e.tenant_id').onRef('a.id', '=', 'e.area_id'))
		.select([
			'e.id', 'e.area_id', 'a.name as area_name', 'e.programme_id', 'e.activity_id', 'e.budget_line_id', 'e.title', 'e.kind', 'e.status',
			'e.organiser_partner_id', 'e.organiser_name', 'e.description', 'e.starts_at', 'e.ends_at', 'e.rrule', 'e.exdates',
			'e.timezone', 'e.expected_attendance', 'e.actual_attendance', 'e.permit_status', 'e.permit_authority', 'e.grant_sek',
			'e.cost_sek', 'e.influence_radius_m', 'e.version', 'e.created_at', 'e.updated_at',
			asGeoJSON<EventGeometry>('e.geom').as('geometry'),
			sql<{ startsAt: string; endsAt: string }[]>`(
				SELECT coalesce(json_agg(json_build_object('startsAt', o.starts_at, 'endsAt', o.ends_at) ORDER BY o.starts_at), '[]'::json)
				FROM event_occurrences o WHERE o.tenant_id = ${tenant} AND o.event_id = e.id AND NOT o.cancelled)`.as('occurrences')
		])
		.where('e.tenant_id', '=', tenant);
}

type EventRow = Awaited<ReturnType<ReturnType<typeof selectEvents>['executeTakeFirstOrThrow']>>;

const iso = (value: string | Date) => new Date(value).toISOString();

function toFeature(r: EventRow): EventFeature {
	return {
		type: 'Feature',
		id: r.id,
		geometry: r.geometry,
		properties: {
			areaId: r.area_id, areaName: r.area_name, programmeId: r.programme_id, activityId: r.activity_id, budgetLineId: r.budget_line_id, title: r.title,
			kind: r.kind as EventKind, status: r.status as EventStatus, organiserPartnerId: r.organiser_partner_id,
			organiserName: r.organiser_name, description: r.description, startsAt: iso(r.starts_at), endsAt: iso(r.ends_at),
			rrule: r.rrule, exdates: (r.exdates as (string | Date)[]).map(iso), timezone: r.timezone,
			expectedAttendance: r.expected_attendance, actualAttendance: r.actual_attendance, permitStatus: r.permit_status as PermitStatus,
			permitAuthority: r.permit_authority, grantSek: r.grant_sek, costSek: r.cost_sek, influenceRadiusM: r.influence_radius_m,
			occurrences: r.occurrences.map((o) => ({ startsAt: iso(o.startsAt), endsAt: iso(o.endsAt) })),
			version: r.version, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at)
		}
	};
}

export async function listEvents(db: Database, ctx: RequestContext, filter: EventFilter = {}): Promise<EventCollection> {
	const scope = await readableAreas(db as Database, ctx.tenant, ctx.actor);
	let query = selectEvents(db, ctx.tenant);
	query = query.where(inAreaSet('e.area_id', scope));
	if (filter.area) query = query.where(inAreaTree('e.area_id', filter.area, ctx.tenant));
	if (filter.programme) query = query.where('e.programme_id', '=', filter.programme);
	if (filter.kind) query = query.where('e.kind', '=', filter.kind);
	if (filter.bbox) query = query.where(intersectsBBox('e.geom', filter.bbox));
	if (filter.from || filter.to) {
		const from = filter.from ?? '0001-01-01';
		const to = filter.to ?? '9999-12-31';
		query = query.where(sql<SqlBool>`EXISTS (SELECT 1 FROM event_occurrences o WHERE o.event_id = e.id AND NOT o.cancelled
			AND (o.ends_at AT TIME ZONE 'Europe/Stockholm')::date >= ${from}::date
			AND (o.starts_at AT TIME ZONE 'Europe/Stockholm')::date <= ${to}::date)`);
	}
	const rows = await query.orderBy('e.starts_at').orderBy('e.id').execute();
	return { type: 'FeatureCollection', features: rows.map(toFeature) };
}

/**
 * The years whose season (SEASON_MONTHS, Stockholm time) holds an occurrence of an event this
 * reader may see, in the area (and its places) when one is named — what the planning and
 * coverage views open on ($lib/time/season). One small aggregate, not the events.
 */
export async function eventSeasonYears(db: Database, ctx: RequestContext, filter: { area?: string } = {}): Promise<number[]> {
	const scope = await readableAreas(db, ctx.tenant, ctx.actor);
	let query = db
		.selectFrom('event_occurrences as o')
		.innerJoin('events as e', 'e.id', 'o.event_id')
		.select(sql<number>`extract(year FROM o.starts_at AT TIME ZONE 'Europe/Stockholm')::int`.as('year'))
		.distinct()
		.where('e.tenant_id', '=', ctx.tenant)
		.where('o.cancelled', '=', false)
		.where(sql<SqlBool>`extract(month FROM o.starts_at AT TIME ZONE 'Europe/Stockholm') BETWEEN ${SEASON_MONTHS.first} AND ${SEASON_MONTHS.last}`);
	query = query.where(inAreaSet('e.area_id', scope));
	if (filter.area) query = query.where(inAreaTree('e.area_id', filter.area, ctx.tenant));
	const rows = await query.orderBy('year').execute();
	return rows.map((r) => Number(r.year));
}

export async function getEvent(db: Db, ctx: RequestContext, id: string): Promise<EventFeature> {
	const scope = await readableAreas(db as Database, ctx.tenant, ctx.actor);
	const row = await selectEvents(db, ctx.tenant).where('e.id', '=', id).executeTakeFirst();
	if (!row) throw notFound('event');
	if (!inSet(scope, row.area_id)) throw forbidden('not_your_area', { entity: 'event' });
	return toFeature(row);
}

/** The schedule expanded, or a 400 that says what is wrong with it. */
export function occurrencesOf(schedule: { startsAt: string; endsAt: string; rrule?: string | null; exdates?: readonly string[] }): Occurrence[] {
	try {
		return expandOccurrences({ ...schedule, timezone: 'Europe/Stockholm' });
	} catch (error) {
		if (error instanceof RecurrenceError) {
			const field = error.code === 'end_before_start' || error.code === 'invalid_time' ? 'endsAt' : 'rrule';
			throw badRequest(error.code === 'end_before_start' ? 'invalid_period' : 'invalid_recurrence', error.message, {
				field,
				reason: error.code,
				...(error.limit !== undefined && { limit: error.limit })
			});
		}
		throw error;
	}
}

async function writeOccurrences(trx: Transaction<DB>, tenant: string, eventId: string, occurrences: Occurrence[]) {
	await trx.deleteFrom('event_occurrences').where('event_id', '=', eventId).execute();
	if (occurrences.length)
		await trx
			.insertInto('event_occurrences')
			.values(occurrences.map((o) => ({ tenant_id: tenant, event_id: eventId, starts_at: new Date(o.startsAt), ends_at: new Date(o.endsAt) })))
			.execute();
}

/** What an event's write names: its budget line and programme (the organiser is a shared partner). */
function referencesOf(p: { budgetLineId?: string | null; programmeId?: string | null; activityId?: string | null }): Reference[] {
	return [
		...(p.activityId ? [{ field: 'activityId', kind: 'activity' as const, ids: [p.activityId] }] : []),
		...(p.budgetLineId ? [{ field: 'budgetLineId', kind: 'budget_line' as const, ids: [p.budgetLineId] }] : []),
		...(p.programmeId ? [{ field: 'programmeId', kind: 'programme' as const, ids: [p.programmeId] }] : [])
	];
}

export async function createEvent(trx: Transaction<DB>, ctx: RequestContext, input: EventCreateInput): Promise<EventFeature> {
	const p = input.properties;
	await assertWritableGeometry(trx, input.geometry, EVENT_GEOMETRY_TYPES);
	const geometry = input.geometry as EventGeometry;
	const areaId = p.areaId ?? (await areaAt(trx, ctx.tenant, geometry))?.id;
	if (!areaId) throw badRequest('outside_areas', 'The event is not inside any area; place it inside an area or name the area.', { entity: 'event' });
	const actor = await assertMayWrite(trx, ctx, { areaId, roles: MANAGE_ROLES, geometry, references: referencesOf(p) });
	const occurrences = occurrencesOf(p);
	const budgetBefore = p.budgetLineId ? await budgetOf(trx, await programmeOfLine(trx, ctx.tenant, p.budgetLineId)) : null;
	const { id } = await trx
		.insertInto('events')
		.values({
			tenant_id: ctx.tenant,
			area_id: areaId,
			programme_id: p.programmeId ?? budgetBefore?.programmeId ?? null,
			activity_id: p.activityId ?? null,
			budget_line_id: p.budgetLineId ?? null,
			title: p.title,
			kind: p.kind,
			status: p.status ?? 'planned',
			organiser_partner_id: p.organiserPartnerId ?? null,
			organiser_name: p.organiserName ?? '',
			description: p.description ?? '',
			starts_at: new Date(p.startsAt),
			ends_at: new Date(p.endsAt),
			rrule: p.rrule ?? null,
			exdates: (p.exdates ?? []).map((d) => new Date(d)),
			expected_attendance: p.expectedAttendance ?? null,
			actual_attendance: p.actualAttendance ?? null,
			permit_status: p.permitStatus ?? 'not_needed',
			permit_authority: p.permitAuthority ?? '',
			grant_sek: p.grantSek ?? null,
			cost_sek: p.costSek ?? null,
			influence_radius_m: p.influenceRadiusM ?? EVENT_DEFAULT_RADIUS_M,
			geom: fromGeoJSON(geometry),
			created_by: actor.id,
			updated_by: actor.id
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await writeOccurrences(trx, ctx.tenant, id, occurrences);
	await assertWithinBudget(trx, p.budgetLineId ?? null, budgetBefore, p.overBudgetReason);
	const created = await getEvent(trx, ctx, id);
	await recordAudit(trx, { tenant: ctx.tenant, actor, action: 'create', entity: 'event', entityId: id, after: { ...created, overBudgetReason: p.overBudgetReason }, requestId: ctx.requestId });
	return created;
}

export async function updateEvent(trx: Transaction<DB>, ctx: RequestContext, id: string, patch: EventPatchInput): Promise<EventFeature> {
	const before = await getEvent(trx, ctx, id);
	const b = before.properties;
	const p = patch.properties ?? {};
	if (patch.geometry) await assertWritableGeometry(trx, patch.geometry, EVENT_GEOMETRY_TYPES);
	const actor = await assertMayWrite(trx, ctx, { areaId: b.areaId, roles: MANAGE_ROLES, geometry: patch.geometry, references: referencesOf(p) });
	const schedule = {
		startsAt: p.startsAt ?? b.startsAt,
		endsAt: p.endsAt ?? b.endsAt,
		rrule: p.rrule !== undefined ? p.rrule : b.rrule,
		exdates: p.exdates ?? b.exdates
	};
	const occurrences = occurrencesOf(schedule);
	const budgetLineId = p.budgetLineId !== undefined ? p.budgetLineId : b.budgetLineId;
	const budgetBefore = budgetLineId ? await budgetOf(trx, await programmeOfLine(trx, ctx.tenant, budgetLineId)) : null;
	return updateVersioned(trx, ctx, {
		table: 'events',
		entity: 'event',
		what: 'The event',
		id,
		version: versionOf(patch),
		before,
		set: {
			...(p.programmeId !== undefined && { programme_id: p.programmeId }),
			...(p.activityId !== undefined && { activity_id: p.activityId }),
			...(p.budgetLineId !== undefined && { budget_line_id: p.budgetLineId }),
			...(p.title !== undefined && { title: p.title }),
			...(p.kind !== undefined && { kind: p.kind }),
			...(p.status !== undefined && { status: p.status }),
			...(p.organiserPartnerId !== undefined && { organiser_partner_id: p.organiserPartnerId }),
			...(p.organiserName !== undefined && { organiser_name: p.organiserName }),
			...(p.description !== undefined && { description: p.description }),
			...(p.expectedAttendance !== undefined && { expected_attendance: p.expectedAttendance }),
			...(p.actualAttendance !== undefined && { actual_attendance: p.actualAttendance }),
			...(p.permitStatus !== undefined && { permit_status: p.permitStatus }),
			...(p.permitAuthority !== undefined && { permit_authority: p.permitAuthority }),
			...(p.grantSek !== undefined && { grant_sek: p.grantSek }),
			...(p.costSek !== undefined && { cost_sek: p.costSek }),
			...(p.influenceRadiusM !== undefined && { influence_radius_m: p.influenceRadiusM }),
			...(patch.geometry && { geom: fromGeoJSON(patch.geometry) }),
			starts_at: new Date(schedule.startsAt),
			ends_at: new Date(schedule.endsAt),
			rrule: schedule.rrule,
			exdates: schedule.exdates.map((d) => new Date(d)),
			updated_by: actor.id
		},
		after: async () => {
			await writeOccurrences(trx, ctx.tenant, id, occurrences);
			await assertWithinBudget(trx, budgetLineId, budgetBefore, p.overBudgetReason);
			return getEvent(trx, ctx, id);
		},
		audited: (after) => ({ ...after, overBudgetReason: p.overBudgetReason })
	});
}

export async function deleteEvent(trx: Transaction<DB>, ctx: RequestContext, id: string, version?: number) {
	const before = await getEvent(trx, ctx, id);
	await assertMayWrite(trx, ctx, { areaId: before.properties.areaId, roles: MANAGE_ROLES });
	await deleteVersioned(trx, ctx, { table: 'events', entity: 'event', what: 'The event', id, version: version ?? before.properties.version, before });
}
