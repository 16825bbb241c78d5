/**
 * Findings: queries and the workflow. Who may do what (DESIGN §7, issue 3):
 * - walkers, coordinators and admins of the area create findings; walk guests create
 *   them on their walk only;
 * - walkers edit their own findings while they are new; coordinators and admins of the
 *   area manage all; partners read and move the status of findings routed to them;
 *   viewers read;
 * - only coordinators and admins see who reported a finding.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool, type Transaction } from 'kysely';
import type { Database, DB } from '$lib/server/db';
import { asGeoJSON, fromGeoJSON, intersectsBBox, type BBox } from '$lib/server/db/postgis';
import { assertWritableGeometry } from '$lib/server/db/geometry';
import { recordAudit } from '$lib/server/audit';
import { ApiError, badRequest, forbidden, notFound, unauthenticated, versionConflict } from '$lib/server/api/errors';
import { areaLineage } from '$lib/server/auth/guard';
import { areasWhere, inSet, isEmpty, nestedAreas, MANAGE_ROLES, READ_ROLES, REPORT_ROLES, type AreaSet } from '$lib/server/auth/scope.server';
import type { RequestContext } from '$lib/server/api/context';
import { versionOf } from '$lib/api/versioning';
import type { ProcessedPhoto } from './photos.server';
import {
	AUDIT_KEYS,
	DUPLICATE_RADIUS_M,
	FINDING_GEOMETRY_TYPES,
	isOverdue,
	OPEN_STATUSES,
	STATUS_TRANSITIONS,
	type AuditKey,
	type AuditScores,
	type FindingCategory,
	type FindingCollection,
	type FindingCreateInput,
	type FindingFeature,
	type FindingGeometry,
	type FindingPatchInput,
	type FindingStatus,
	type StatusChange
} from './finding';

type Db = Database | Transaction<DB>;

export interface FindingFilter {
	area?: string;
	walk?: string;
	category?: FindingCategory;
	status?: FindingStatus[];
	severity?: number;
	/** Reported on or after this date (YYYY-MM-DD, Europe/Stockholm). */
	from?: string;
	/** Reported on or before this date. */
	to?: string;
	partner?: string;
	bbox?: BBox;
	overdue?: boolean;
	reinspect?: boolean;
}

/** Audit columns in the table, by the API's key. */
const AUDIT_COLUMNS: Record<AuditKey, keyof DB['finding_audits']> = {
	lighting: 'lighting',
	openness: 'openness',
	visibility: 'visibility',
	people: 'people',
	securityPresence: 'security_presence',
	walkPath: 'walk_path',
	publicTransport: 'public_transport',
	diversity: 'diversity',
	feeling: 'feeling'
};

function today(): string {
	return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
}

// ---------------------------------------------------------------- who sees what

interface Scope {
	read: AreaSet;
	/** Areas where the actor is a partner: only findings routed to its organisation. */
	partner: AreaSet;
	partnerId: string | null;
	manage: AreaSet;
	guestWalk: string | null;
}

async function scopeOf(db: Db, ctx: RequestContext): Promise<Scope> {
	if (!ctx.actor) {
		if (ctx.guest) return { read: { all: false, ids: [] }, partner: { all: false, ids: [] }, partnerId: null, manage: { all: false, ids: [] }, guestWalk: ctx.guest.walkId };
		throw unauthenticated();
	}
	const [read, partner, manage] = [
		await areasWhere(db, ctx.tenant, ctx.actor, READ_ROLES),
		await areasWhere(db, ctx.tenant, ctx.actor, ['partner']),
		await areasWhere(db, ctx.tenant, ctx.actor, MANAGE_ROLES)
	];
	return { read, partner, partnerId: ctx.actor.partnerId, manage, guestWalk: null };
}

function canRead(scope: Scope, row: { area_id: string; walk_id: string | null; responsible_partner_id: string | null }): boolean {
	if (scope.guestWalk) return row.walk_id === scope.guestWalk;
	if (inSet(scope.read, row.area_id)) return true;
	return scope.partnerId !== null && inSet(scope.partner, row.area_id) && row.responsible_partner_id === scope.partnerId;
}

// ---------------------------------------------------------------- reading

function selectFindings(db: Db, tenant: string) {
	return db
		.selectFrom('findings as f')
		.innerJoin('areas as a', 'a.id', 'f.area_id')
		.leftJoin('partners as p', 'p.id', 'f.responsible_partner_id')
		.leftJoin('users as u', 'u.id', 'f.reported_by')
		.leftJoin('finding_audits as fa', 'fa.finding_id', 'f.id')
		.select([
			'f.id',
			'f.area_id',
			'a.name as area_name',
			'f.walk_id',
			'f.category',
			'f.severity',
			'f.times_of_day',
			'f.description',
			'f.proposed_measure',
			'f.proposed_term',
			'f.responsible_partner_id',
			'p.name as partner_name',
			'f.follow_up_on',
			'f.status',
			'f.status_reason',
			'f.reinspect',
			'f.confirmations',
			'f.reported_by',
			'u.display_name as reporter_user_name',
			'f.reporter_name',
			'f.version',
			'f.created_at',
			'f.updated_at',
			'fa.lighting',
			'fa.openness',
			'fa.visibility',
			'fa.people',
			'fa.security_presence',
			'fa.walk_path',
			'fa.public_transport',
			'fa.diversity',
			'fa.feeling',
			asGeoJSON<FindingGeometry>('f.geom').as('geometry'),
			sql<{ id: string; width: number; height: number; byteSize: number }[]>`(
				SELECT coalesce(json_agg(json_build_object('id', ph.id, 'width', ph.width, 'height', ph.height,
					'byteSize', ph.byte_size) ORDER BY ph.created_at, ph.id), '[]'::json)
				FROM finding_photos ph WHERE ph.finding_id = f.id)`.as('photos')
		])
		.where('f.tenant_id', '=', tenant);
}

type FindingRow = Awaited<ReturnType<ReturnType<typeof selectFindings>['executeTakeFirstOrThrow']>>;

function toFeature(row: FindingRow, showReporter: boolean, day: string): FindingFeature {
	const audit: AuditScores = {};
	for (const key of AUDIT_KEYS) {
		const value = row[AUDIT_COLUMNS[key] as keyof FindingRow];
		if (typeof value === 'number') audit[key] = value;
	}
	const status = row.status as FindingStatus;
	return {
		type: 'Feature',
		id: row.id,
		geometry: row.geometry,
		properties: {
			areaId: row.area_id,
			areaName: row.area_name,
			walkId: row.walk_id,
			category: row.category as FindingCategory,
			severity: row.severity as 1 | 2 | 3,
			timesOfDay: row.times_of_day as FindingFeature['properties']['timesOfDay'],
			description: row.description,
			proposedMeasure: row.proposed_measure,
			proposedTerm: row.proposed_term as FindingFeature['properties']['proposedTerm'],
			responsiblePartnerId: row.responsible_partner_id,
			responsiblePartnerName: row.partner_name,
			followUpOn: row.follow_up_on,
			overdue: isOverdue(row.follow_up_on, status, day),
			status,
			statusReason: row.status_reason,
			reinspect: row.reinspect,
			confirmations: row.confirmations,
			reporter: showReporter
				? { id: row.reported_by, name: row.reporter_user_name ?? row.reporter_name ?? '' }
				: null,
			audit: Object.keys(audit).length ? audit : null,
			photos: row.photos.map((p) => ({ ...p, url: `/api/findings/${row.id}/photos/${p.id}` })),
			version: row.version,
			createdAt: new Date(row.created_at).toISOString(),
			updatedAt: new Date(row.updated_at).toISOString()
		}
	};
}

function visibleTo(scope: Scope) {
	return (eb: ExpressionBuilder<DB & { f: DB['findings'] }, 'f'>): Expression<SqlBool> => {
		if (scope.guestWalk) return eb('f.walk_id', '=', scope.guestWalk);
		const clauses: Expression<SqlBool>[] = [];
		if (scope.read.all) return eb.lit(true) as unknown as Expression<SqlBool>;
		if (scope.read.ids.length) clauses.push(eb('f.area_id', 'in', scope.read.ids));
		if (scope.partnerId && !isEmpty(scope.partner)) {
			const partnerAreas = scope.partner.all ? [eb.lit(true) as unknown as Expression<SqlBool>] : [eb('f.area_id', 'in', scope.partner.ids)];
			clauses.push(eb.and([...partnerAreas, eb('f.responsible_partner_id', '=', scope.partnerId)]));
		}
		return clauses.length ? eb.or(clauses) : (eb.lit(false) as unknown as Expression<SqlBool>);
	};
}

export async function listFindings(db: Database, ctx: RequestContext, filter: FindingFilter = {}): Promise<FindingCollection> {
	const scope = await scopeOf(db, ctx);
	let query = selectFindings(db, ctx.tenant).where(visibleTo(scope));
	if (filter.area) {
		// An area filter includes the areas nested inside it.
		const nested = await nestedAreas(db, ctx.tenant, [filter.area]);
		query = query.where('f.area_id', 'in', nested.length ? nested : [filter.area]);
	}
	if (filter.walk) query = query.where('f.walk_id', '=', filter.walk);
	if (filter.category) query = query.where('f.category', '=', filter.category);
	if (filter.status?.length) query = query.where('f.status', 'in', filter.status);
	if (filter.severity) query = query.where('f.severity', '=', filter.severity);
	if (filter.from) query = query.where(sql<SqlBool>`(f.created_at AT TIME ZONE 'Europe/Stockholm')::date >= ${filter.from}::date`);
	if (filter.to) query = query.where(sql<SqlBool>`(f.created_at AT TIME ZONE 'Europe/Stockholm')::date <= ${filter.to}::date`);
	if (filter.partner) query = query.where('f.responsible_partner_id', '=', filter.partner);
	if (filter.bbox) query = query.where(intersectsBBox('f.geom', filter.bbox));
	if (filter.reinspect !== undefined) query = query.where('f.reinspect', '=', filter.reinspect);
	const day = today();
	if (filter.overdue)
		query = query.where('f.follow_up_on', '<', day).where('f.status', 'in', [...OPEN_STATUSES]);
	const rows = await query.orderBy('f.created_at', 'desc').orderBy('f.id').execute();
	return { type: 'FeatureCollection', features: rows.map((r) => toFeature(r, inSet(scope.manage, r.area_id), day)) };
}

async function historyOf(db: Db, findingId: string, showWho: boolean): Promise<StatusChange[]> {
	const rows = await db
		.selectFrom('finding_status_history as h')
		.leftJoin('users as u', 'u.id', 'h.changed_by')
		.select(['h.from_status', 'h.to_status', 'h.note', 'u.display_name', 'h.changed_at'])
		.where('h.finding_id', '=', findingId)
		.orderBy('h.changed_at')
		.orderBy('h.id')
		.execute();
	return rows.map((r) => ({
		fromStatus: r.from_status as FindingStatus | null,
		toStatus: r.to_status as FindingStatus,
		note: r.note,
		changedBy: showWho ? r.display_name : null,
		changedAt: new Date(r.changed_at).toISOString()
	}));
}

/** One finding with its status history; 404 when it does not exist, 403 when it is not the caller's to see. */
export async function getFinding(db: Db, ctx: RequestContext, id: string): Promise<FindingFeature & { properties: { history: StatusChange[] } }> {
	const scope = await scopeOf(db, ctx);
	const row = await selectFindings(db, ctx.tenant).where('f.id', '=', id).executeTakeFirst();
	if (!row) throw notFound('The finding');
	if (!canRead(scope, row)) throw forbidden('This finding is not in an area you work in.');
	const manage = inSet(scope.manage, row.area_id);
	const feature = toFeature(row, manage, today());
	return { ...feature, properties: { ...feature.properties, history: await historyOf(db, id, manage) } };
}

// ---------------------------------------------------------------- routing and duplicates

/** The most specific area containing the geometry (a place before its district). */
export async function areaAt(db: Db, tenant: string, geometry: FindingGeometry): Promise<{ id: string; name: string } | null> {
	const row = await db
		.selectFrom('areas')
		.select(['id', 'name'])
		.where('tenant_id', '=', tenant)
		.where(sql<SqlBool>`ST_Intersects(geom, ST_PointOnSurface(${fromGeoJSON(geometry)}))`)
		.orderBy(sql`kind = 'place'`, 'desc')
		.orderBy(sql`ST_Area(geom)`)
		.limit(1)
		.executeTakeFirst();
	return row ?? null;
}

/**
 * The partner with authority over this kind of problem here (rådighet): it handles the
 * category (everywhere it works, or in this area specifically) and works in the area or
 * an area containing it. The most local wins: a responsibility or presence in the place
 * itself before one in its district.
 */
export async function suggestPartner(db: Db, tenant: string, areaId: string, category: FindingCategory): Promise<{ id: string; name: string } | null> {
	const lineage = await areaLineage(db as Database, tenant, areaId);
	if (lineage.length === 0) return null;
	const { rows } = await sql<{ id: string; name: string }>`
		SELECT p.id, p.name
		FROM partners p
		JOIN partner_responsibilities r ON r.partner_id = p.id AND r.category = ${category}
		JOIN partner_areas pa ON pa.partner_id = p.id AND pa.area_id = ANY(${lineage}::uuid[])
		WHERE p.tenant_id = ${tenant} AND (r.area_id IS NULL OR r.area_id = ANY(${lineage}::uuid[]))
		ORDER BY (r.area_id IS NOT NULL) DESC, array_position(${lineage}::uuid[], pa.area_id), p.name
		LIMIT 1`.execute(db);
	return rows[0] ?? null;
}

export interface DuplicateCandidate {
	finding: FindingFeature;
	distanceM: number;
}

/** Open findings of the same category near a geometry, nearest first (geodesic metres). */
export async function nearbyOpenFindings(
	db: Database,
	ctx: RequestContext,
	geometry: FindingGeometry,
	category: FindingCategory | undefined,
	radiusM = DUPLICATE_RADIUS_M
): Promise<DuplicateCandidate[]> {
	const scope = await scopeOf(db, ctx);
	const here = fromGeoJSON(geometry);
	let query = selectFindings(db, ctx.tenant)
		.select(sql<number>`ST_Distance(f.geom::geography, ${here}::geography)`.as('distance_m'))
		.where('f.status', 'in', [...OPEN_STATUSES])
		.where(sql<SqlBool>`ST_DWithin(f.geom::geography, ${here}::geography, ${radiusM})`);
	if (category) query = query.where('f.category', '=', category);
	// A guest sees candidates in the walk's area, not just their own pins: the point is to
	// avoid reporting again what someone reported before.
	query = scope.guestWalk ? query.where('f.area_id', 'in', await guestAreas(db, ctx)) : query.where(visibleTo(scope));
	const rows = await query.orderBy('distance_m').limit(10).execute();
	const day = today();
	return rows.map((r) => ({ finding: toFeature(r, inSet(scope.manage, r.area_id), day), distanceM: Math.round(r.distance_m * 10) / 10 }));
}

async function guestAreas(db: Db, ctx: RequestContext): Promise<string[]> {
	return nestedAreas(db as Database, ctx.tenant, [ctx.guest!.areaId]);
}

// ---------------------------------------------------------------- writing

async function requireReporter(trx: Transaction<DB>, ctx: RequestContext, areaId: string) {
	if (ctx.actor) {
		const reporters = await areasWhere(trx, ctx.tenant, ctx.actor, REPORT_ROLES);
		if (!inSet(reporters, areaId)) throw forbidden('Your role does not allow reporting findings in this area.');
		return;
	}
	if (ctx.guest) return; // the walk's area, enforced by the caller
	throw unauthenticated();
}

async function writeAudit(trx: Transaction<DB>, tenant: string, findingId: string, audit: AuditScores | null) {
	await trx.deleteFrom('finding_audits').where('finding_id', '=', findingId).execute();
	if (!audit || Object.keys(audit).length === 0) return;
	const values: Record<string, number> = {};
	for (const key of AUDIT_KEYS) if (audit[key] !== undefined) values[AUDIT_COLUMNS[key]] = audit[key]!;
	await trx.insertInto('finding_audits').values({ finding_id: findingId, tenant_id: tenant, ...values }).execute();
}

export async function storePhotos(trx: Transaction<DB>, ctx: RequestContext, findingId: string, photos: ProcessedPhoto[]) {
	for (const photo of photos)
		await trx
			.insertInto('finding_photos')
			.values({
				tenant_id: ctx.tenant,
				finding_id: findingId,
				content_type: photo.contentType,
				width: photo.width,
				height: photo.height,
				byte_size: photo.data.byteLength,
				data: photo.data,
				created_by: ctx.actor?.id ?? null
			})
			.execute();
}

/** An earlier submission with the same Idempotency-Key, when it was the same reporter's. */
export async function findByIdempotencyKey(db: Db, ctx: RequestContext, key: string): Promise<string | null> {
	const row = await db
		.selectFrom('findings')
		.select(['id', 'reported_by', 'reported_by_guest'])
		.where('tenant_id', '=', ctx.tenant)
		.where('idempotency_key', '=', key)
		.executeTakeFirst();
	if (!row) return null;
	const same = ctx.actor ? row.reported_by === ctx.actor.id : row.reported_by_guest === (ctx.guest?.id ?? null);
	if (!same) throw new ApiError(409, 'idempotency_key_reused', 'This Idempotency-Key was already used for another submission.');
	return row.id;
}

export interface CreatedFinding {
	finding: FindingFeature;
	/** True when the key had been seen: nothing new was stored. */
	replay: boolean;
}

export async function createFinding(
	trx: Transaction<DB>,
	ctx: RequestContext,
	input: FindingCreateInput,
	idempotencyKey: string | null,
	photos: ProcessedPhoto[]
): Promise<CreatedFinding> {
	if (!ctx.actor && !ctx.guest) throw unauthenticated();
	if (idempotencyKey) {
		const existing = await findByIdempotencyKey(trx, ctx, idempotencyKey);
		if (existing) return { finding: await getFinding(trx, ctx, existing), replay: true };
	}
	const p = input.properties;
	await assertWritableGeometry(trx, input.geometry, FINDING_GEOMETRY_TYPES);
	const geometry = input.geometry as FindingGeometry;

	let walkId = p.walkId ?? null;
	if (ctx.guest) {
		if (walkId && walkId !== ctx.guest.walkId) throw forbidden('Your join code lets you pin findings on your own walk only.');
		walkId = ctx.guest.walkId;
	}
	const walk = walkId
		? await trx.selectFrom('walks').select(['id', 'area_id']).where('id', '=', walkId).where('tenant_id', '=', ctx.tenant).executeTakeFirst()
		: null;
	if (walkId && !walk) throw badRequest('unknown_reference', 'The walk does not exist.', { field: 'walkId' });

	let areaId: string;
	if (ctx.guest) areaId = ctx.guest.areaId;
	else if (p.areaId) {
		const inside = await trx
			.selectFrom('areas')
			.select('id')
			.where('id', '=', p.areaId)
			.where('tenant_id', '=', ctx.tenant)
			.where(sql<SqlBool>`ST_Intersects(geom, ${fromGeoJSON(geometry)})`)
			.executeTakeFirst();
		if (!inside) throw badRequest('outside_area', 'The location is not inside the given area.', { field: 'areaId' });
		areaId = p.areaId;
	} else {
		const found = (await areaAt(trx, ctx.tenant, geometry))?.id ?? walk?.area_id;
		if (!found) throw badRequest('outside_areas', 'The location is not inside any area of this service; pin it inside an area.');
		areaId = found;
	}
	await requireReporter(trx, ctx, areaId);

	const partnerId = p.responsiblePartnerId ?? (await suggestPartner(trx, ctx.tenant, areaId, p.category))?.id ?? null;
	const { id } = await trx
		.insertInto('findings')
		.values({
			tenant_id: ctx.tenant,
			area_id: areaId,
			walk_id: walkId,
			category: p.category,
			severity: p.severity,
			times_of_day: [...new Set(p.timesOfDay)],
			description: p.description,
			proposed_measure: p.proposedMeasure,
			proposed_term: p.proposedTerm ?? null,
			responsible_partner_id: partnerId,
			follow_up_on: p.followUpOn ?? null,
			reported_by: ctx.actor?.id ?? null,
			reported_by_guest: ctx.guest?.id ?? null,
			reporter_name: p.reporterName ?? ctx.guest?.name ?? null,
			idempotency_key: idempotencyKey,
			geom: fromGeoJSON(geometry),
			created_by: ctx.actor?.id ?? null,
			updated_by: ctx.actor?.id ?? null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await writeAudit(trx, ctx.tenant, id, p.audit ?? null);
	await storePhotos(trx, ctx, id, photos);
	await trx
		.insertInto('finding_status_history')
		.values({ tenant_id: ctx.tenant, finding_id: id, from_status: null, to_status: 'new', changed_by: ctx.actor?.id ?? null })
		.execute();
	const finding = await getFinding(trx, ctx, id);
	await recordAudit(trx, {
		tenant: ctx.tenant,
		actor: ctx.actor,
		actorLabel: ctx.guest ? `guest:${ctx.guest.name || ctx.guest.id}` : undefined,
		action: 'create',
		entity: 'finding',
		entityId: id,
		after: finding,
		requestId: ctx.requestId
	});
	return { finding, replay: false };
}

type Permission = 'manage' | 'partner' | 'owner' | 'none';

async function permissionOn(trx: Transaction<DB>, ctx: RequestContext, row: { area_id: string; reported_by: string | null; status: string; responsible_partner_id: string | null }): Promise<Permission> {
	if (!ctx.actor) return 'none';
	if (inSet(await areasWhere(trx, ctx.tenant, ctx.actor, MANAGE_ROLES), row.area_id)) return 'manage';
	if (
		ctx.actor.partnerId &&
		row.responsible_partner_id === ctx.actor.partnerId &&
		inSet(await areasWhere(trx, ctx.tenant, ctx.actor, ['partner']), row.area_id)
	)
		return 'partner';
	if (row.reported_by === ctx.actor.id && row.status === 'new' && inSet(await areasWhere(trx, ctx.tenant, ctx.actor, ['walker']), row.area_id))
		return 'owner';
	return 'none';
}

const PARTNER_FIELDS = new Set(['status', 'statusReason', 'note', 'version']);
const OWNER_FIELDS = new Set(['category', 'severity', 'timesOfDay', 'description', 'proposedMeasure', 'proposedTerm', 'audit', 'version']);

async function loadRow(trx: Transaction<DB>, tenant: string, id: string) {
	const row = await trx
		.selectFrom('findings')
		.select(['id', 'area_id', 'walk_id', 'status', 'status_reason', 'reported_by', 'responsible_partner_id', 'version'])
		.where('id', '=', id)
		.where('tenant_id', '=', tenant)
		.executeTakeFirst();
	if (!row) throw notFound('The finding');
	return row;
}

/** The finding's row, when the caller manages it or is its walker and it is still new. */
async function requireContentEditor(trx: Transaction<DB>, ctx: RequestContext, id: string, refusal: string) {
	if (!ctx.actor) throw unauthenticated();
	const row = await loadRow(trx, ctx.tenant, id);
	const permission = await permissionOn(trx, ctx, row);
	if (permission !== 'manage' && permission !== 'owner') throw forbidden(refusal);
	return row;
}

export async function updateFinding(trx: Transaction<DB>, ctx: RequestContext, id: string, patch: FindingPatchInput) {
	if (!ctx.actor) throw unauthenticated();
	const row = await loadRow(trx, ctx.tenant, id);
	const permission = await permissionOn(trx, ctx, row);
	const p = patch.properties ?? {};
	const fields = Object.keys(p).filter((k) => (p as Record<string, unknown>)[k] !== undefined);
	if (patch.geometry) fields.push('geometry');
	if (permission === 'none') throw forbidden('You may not change this finding.');
	if (permission === 'partner' && fields.some((f) => !PARTNER_FIELDS.has(f)))
		throw forbidden('As a partner you may update the status of findings routed to you, nothing else.');
	if (permission === 'owner' && fields.some((f) => !OWNER_FIELDS.has(f) && f !== 'geometry'))
		throw forbidden('You may edit the content of your own new findings; the workflow is the coordinators’.');

	const before = await getFinding(trx, ctx, id);
	const version = versionOf(patch);
	let status = (p.status ?? row.status) as FindingStatus;
	const notes: string[] = [];
	// Routing a new finding to a partner is what "assigned" means.
	if (p.responsiblePartnerId && p.status === undefined && row.status === 'new') {
		status = 'assigned';
		notes.push('routed to a partner');
	}
	if (status !== row.status && !STATUS_TRANSITIONS[row.status as FindingStatus].includes(status))
		throw badRequest('invalid_transition', `A finding cannot go from ${row.status} to ${status}.`, {
			from: row.status,
			allowed: STATUS_TRANSITIONS[row.status as FindingStatus]
		});
	const statusReason = p.statusReason !== undefined ? p.statusReason : status === row.status ? row.status_reason : null;
	if (status === 'rejected' && !statusReason?.trim())
		throw badRequest('reason_required', 'Say why the finding is rejected.', { field: 'statusReason' });
	if (patch.geometry) await assertWritableGeometry(trx, patch.geometry, FINDING_GEOMETRY_TYPES);

	const updated = await trx
		.updateTable('findings')
		.set({
			...(p.category !== undefined && { category: p.category }),
			...(p.severity !== undefined && { severity: p.severity }),
			...(p.timesOfDay !== undefined && { times_of_day: [...new Set(p.timesOfDay)] }),
			...(p.description !== undefined && { description: p.description }),
			...(p.proposedMeasure !== undefined && { proposed_measure: p.proposedMeasure }),
			...(p.proposedTerm !== undefined && { proposed_term: p.proposedTerm }),
			...(p.responsiblePartnerId !== undefined && { responsible_partner_id: p.responsiblePartnerId }),
			...(p.followUpOn !== undefined && { follow_up_on: p.followUpOn }),
			...(p.reinspect !== undefined && { reinspect: p.reinspect }),
			...(patch.geometry && { geom: fromGeoJSON(patch.geometry) }),
			status,
			status_reason: statusReason,
			updated_by: ctx.actor.id
		})
		.where('id', '=', id)
		.where('version', '=', version)
		.returning('id')
		.executeTakeFirst();
	if (!updated) throw versionConflict(row.version);
	if (p.audit !== undefined) await writeAudit(trx, ctx.tenant, id, p.audit);
	if (status !== row.status || p.note)
		await trx
			.insertInto('finding_status_history')
			.values({
				tenant_id: ctx.tenant,
				finding_id: id,
				from_status: row.status,
				to_status: status,
				note: [p.note, ...notes].filter(Boolean).join(' · '),
				changed_by: ctx.actor.id
			})
			.execute();
	const after = await getFinding(trx, ctx, id);
	await recordAudit(trx, { tenant: ctx.tenant, actor: ctx.actor, action: 'update', entity: 'finding', entityId: id, before, after, requestId: ctx.requestId });
	return after;
}

export async function deleteFinding(trx: Transaction<DB>, ctx: RequestContext, id: string, version?: number) {
	const row = await requireContentEditor(trx, ctx, id, 'You may not delete this finding.');
	if (version !== undefined && version !== row.version) throw versionConflict(row.version);
	const before = await getFinding(trx, ctx, id);
	await trx.deleteFrom('findings').where('id', '=', id).execute();
	await recordAudit(trx, { tenant: ctx.tenant, actor: ctx.actor, action: 'delete', entity: 'finding', entityId: id, before, requestId: ctx.requestId });
}

/** Adding photos later: whoever may edit the finding's content. */
export async function addPhotos(trx: Transaction<DB>, ctx: RequestContext, id: string, photos: ProcessedPhoto[]) {
	await requireContentEditor(trx, ctx, id, 'You may not add photos to this finding.');
	await storePhotos(trx, ctx, id, photos);
	const after = await getFinding(trx, ctx, id);
	await recordAudit(trx, { tenant: ctx.tenant, actor: ctx.actor, action: 'update', entity: 'finding', entityId: id, after: { photos: after.properties.photos.map((ph) => ph.id) }, requestId: ctx.requestId });
	return after;
}

export async function countPhotos(db: Db, findingId: string): Promise<number> {
	const row = await db.selectFrom('finding_photos').select(sql<number>`count(*)::int`.as('n')).where('finding_id', '=', findingId).executeTakeFirstOrThrow();
	return row.n;
}

export async function removePhoto(trx: Transaction<DB>, ctx: RequestContext, id: string, photoId: string) {
	await requireContentEditor(trx, ctx, id, 'You may not remove photos from this finding.');
	const removed = await trx.deleteFrom('finding_photos').where('id', '=', photoId).where('finding_id', '=', id).returning('id').executeTakeFirst();
	if (!removed) throw notFound('The photo');
	await recordAudit(trx, { tenant: ctx.tenant, actor: ctx.actor, action: 'delete', entity: 'finding_photo', entityId: photoId, before: { findingId: id }, requestId: ctx.requestId });
}

/** The stored (re-encoded) photo, for whoever may see the finding. */
export async function readPhoto(db: Database, ctx: RequestContext, id: string, photoId: string) {
	await getFinding(db, ctx, id); // 404/403 as for the finding itself
	const photo = await db
		.selectFrom('finding_photos')
		.select(['data', 'content_type', 'byte_size'])
		.where('id', '=', photoId)
		.where('finding_id', '=', id)
		.executeTakeFirst();
	if (!photo) throw notFound('The photo');
	return photo;
}

/** "Same problem": +1 on an open finding instead of reporting it again. */
export async function confirmFinding(trx: Transaction<DB>, ctx: RequestContext, id: string, comment: string) {
	const row = await loadRow(trx, ctx.tenant, id);
	if (ctx.guest) {
		if (!(await guestAreas(trx, ctx)).includes(row.area_id)) throw forbidden('Your join code covers your own walk’s area only.');
	} else await requireReporter(trx, ctx, row.area_id);
	if (!OPEN_STATUSES.includes(row.status as FindingStatus))
		throw new ApiError(409, 'finding_closed', 'This finding is closed; report the problem as a new finding.');
	const { confirmations } = await trx
		.updateTable('findings')
		.set((eb) => ({ confirmations: eb('confirmations', '+', 1) }))
		.where('id', '=', id)
		.returning('confirmations')
		.executeTakeFirstOrThrow();
	await trx
		.insertInto('finding_comments')
		.values({ tenant_id: ctx.tenant, finding_id: id, kind: 'confirm', body: comment, author_id: ctx.actor?.id ?? null })
		.execute();
	await recordAudit(trx, {
		tenant: ctx.tenant,
		actor: ctx.actor,
		actorLabel: ctx.guest ? `guest:${ctx.guest.name || ctx.guest.id}` : undefined,
		action: 'update',
		entity: 'finding',
		entityId: id,
		after: { confirmations, comment },
		requestId: ctx.requestId
	});
	return { confirmations };
}
