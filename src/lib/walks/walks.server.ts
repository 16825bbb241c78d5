/**
 * Walks and their join codes. Anyone with a role in the area reads its walks; coordinators
 * and admins of the area plan them and hand out join codes. A join code lets invited
 * participants without an account pin findings on that walk until it expires.
 */
import { randomInt } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Cookies } from '@sveltejs/kit';
import type { Database, Db, DB } from '$lib/server/db';
import { asGeoJSON, fromGeoJSON } from '$lib/server/db/postgis';
import { assertWritableGeometry } from '$lib/server/db/geometry';
import { recordAudit } from '$lib/server/audit';
import { ApiError, badRequest, forbidden, notFound, unauthenticated } from '$lib/server/api/errors';
import { assertMayWrite } from '$lib/server/auth/write-scope.server';
import { deleteVersioned, updateVersioned } from '$lib/server/db/versioned';
import { requireRole } from '$lib/server/auth/guard';
import { areasWhere, inSet, MANAGE_ROLES, READ_ROLES, inAreaSet } from '$lib/server/auth/scope.server';
import { createGuest, type Guest } from '$lib/server/auth/guests.server';
import type { RequestContext } from '$lib/server/api/context';
import { versionOf } from '$lib/api/versioning';
import type { LineString } from '$lib/geometry/geojson';
import {
	JOIN_CODE_ALPHABET,
	JOIN_GRACE_HOURS,
	type ParticipantKind,
	type WalkCollection,
	type WalkCreateInput,
	type WalkFeature,
	type WalkKind,
	type WalkPatchInput
} from './walk';

const HOUR = 3_600_000;

export interface WalkFilter {
	area?: string;
	from?: string;
	to?: string;
}

function selectWalks(db: Db, tenant: string) {
	return db
		.selectFrom('walks as w')
		.innerJoin('areas as a', (j) => j.onRef('a.tenant_id', '=', 'w.tenant_id').onRef('a.id', '=', 'w.area_id'))
		.select([
			'w.id',
			'w.area_id',
			'a.name as area_name',
			'w.kind',
			'w.title',
			'w.starts_at',
			'w.ends_at',
			'w.organiser_partner_id',
			'w.organiser_name',
			'w.activity_id',
			'w.participant_count',
			'w.participant_kinds',
			'w.uses_audit',
			'w.notes',
			'w.join_code',
			'w.join_expires_at',
			'w.version',
			'w.created_at',
			'w.updated_at',
			asGeoJSON<LineString>('w.route').as('geometry'),
			sql<number>`(SELECT count(*)::int FROM findings f WHERE f.tenant_id = ${tenant} AND f.walk_id = w.id)`.as('finding_count')
		])
		.where('w.tenant_id', '=', tenant);
}

type WalkRow = Awaited<ReturnType<ReturnType<typeof selectWalks>['executeTakeFirstOrThrow']>>;

function toFeature(row: WalkRow, showCode: boolean): WalkFeature {
	return {
		type: 'Feature',
		id: row.id,
		geometry: row.geometry ?? null,
		properties: {
			areaId: row.area_id,
			areaName: row.area_name,
			kind: row.kind as WalkKind,
			title: row.title,
			startsAt: new Date(row.starts_at).toISOString(),
			endsAt: row.ends_at ? new Date(row.ends_at).toISOString() : null,
			organiserPartnerId: row.organiser_partner_id,
			organiserName: row.organiser_name,
			activityId: row.activity_id,
			participantCount: row.participant_count,
			participantKinds: row.participant_kinds as ParticipantKind[],
			usesAudit: row.uses_audit,
			notes: row.notes,
			findingCount: row.finding_count,
			joinCode: showCode ? row.join_code : null,
			joinExpiresAt: showCode && row.join_expires_at ? new Date(row.join_expires_at).toISOString() : null,
			version: row.version,
			createdAt: new Date(row.created_at).toISOString(),
			updatedAt: new Date(row.updated_at).toISOString()
		}
	};
}

export async function listWalks(db: Database, ctx: RequestContext, filter: WalkFilter = {}): Promise<WalkCollection> {
	if (!ctx.actor) throw unauthenticated();
	const read = await areasWhere(db, ctx.tenant, ctx.actor, [...READ_ROLES, 'partner']);
	const manage = await areasWhere(db, ctx.tenant, ctx.actor, MANAGE_ROLES);
	let query = selectWalks(db, ctx.tenant);
	query = query.where(inAreaSet('w.area_id', read));
	if (filter.area) query = query.where('w.area_id', '=', filter.area);
	if (filter.from) query = query.where(sql<boolean>`(w.starts_at AT TIME ZONE 'Europe/Stockholm')::date >= ${filter.from}::date`);
	if (filter.to) query = query.where(sql<boolean>`(w.starts_at AT TIME ZONE 'Europe/Stockholm')::date <= ${filter.to}::date`);
	const rows = await query.orderBy('w.starts_at', 'desc').execute();
	return { type: 'FeatureCollection', features: rows.map((r) => toFeature(r, inSet(manage, r.area_id))) };
}

/** One walk: for people with a role in its area, and for its own guests. */
export async function getWalk(db: Db, ctx: RequestContext, id: string): Promise<WalkFeature> {
	const row = await selectWalks(db, ctx.tenant).where('w.id', '=', id).executeTakeFirst();
	if (!row) throw notFound('walk');
	if (ctx.guest && !ctx.actor) {
		if (ctx.guest.walkId !== id) throw forbidden('join_code_other_walk');
		return toFeature(row, false);
	}
	if (!ctx.actor) throw unauthenticated();
	const read = await areasWhere(db as Database, ctx.tenant, ctx.actor, [...READ_ROLES, 'partner']);
	if (!inSet(read, row.area_id)) throw forbidden('not_your_area', { entity: 'walk' });
	return toFeature(row, inSet(await areasWhere(db as Database, ctx.tenant, ctx.actor, MANAGE_ROLES), row.area_id));
}

/** The plan's activity a walk names: its programme must be writable and the activity the walk's area's. */
const activityRef = (activityId: string | null | undefined) => (activityId ? [{ field: 'activityId', kind: 'activity' as const, ids: [activityId] }] : []);

async function assertRoute(trx: Transaction<DB>, route: unknown) {
	if (route) await assertWritableGeometry(trx, route as LineString, ['LineString']);
}

export async function createWalk(trx: Transaction<DB>, ctx: RequestContext, input: WalkCreateInput): Promise<WalkFeature> {
	const p = input.properties;
	if (p.endsAt && new Date(p.endsAt) <= new Date(p.startsAt)) throw badRequest('invalid_period', 'The walk must end after it starts.', { field: 'endsAt', reason: 'end_before_start' });
	await assertRoute(trx, input.geometry);
	const actor = await assertMayWrite(trx, ctx, { areaId: p.areaId, roles: MANAGE_ROLES, geometry: input.geometry as LineString | null | undefined, references: activityRef(p.activityId) });
	const { id } = await trx
		.insertInto('walks')
		.values({
			tenant_id: ctx.tenant,
			area_id: p.areaId,
			kind: p.kind,
			title: p.title,
			starts_at: new Date(p.startsAt),
			ends_at: p.endsAt ? new Date(p.endsAt) : null,
			organiser_partner_id: p.organiserPartnerId,
			organiser_name: p.organiserName,
			activity_id: p.activityId,
			participant_count: p.participantCount,
			participant_kinds: p.participantKinds,
			uses_audit: p.usesAudit,
			notes: p.notes,
			route: input.geometry ? fromGeoJSON(input.geometry as LineString) : null,
			created_by: actor.id,
			updated_by: actor.id
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const walk = await getWalk(trx, ctx, id);
	await recordAudit(trx, { tenant: ctx.tenant, actor, action: 'create', entity: 'walk', entityId: id, after: walk, requestId: ctx.requestId });
	return walk;
}

export async function updateWalk(trx: Transaction<DB>, ctx: RequestContext, id: string, patch: WalkPatchInput): Promise<WalkFeature> {
	const before = await getWalk(trx, ctx, id);
	const p = patch.properties ?? {};
	const startsAt = p.startsAt ?? before.properties.startsAt;
	const endsAt = p.endsAt !== undefined ? p.endsAt : before.properties.endsAt;
	if (endsAt && new Date(endsAt) <= new Date(startsAt)) throw badRequest('invalid_period', 'The walk must end after it starts.', { field: 'endsAt', reason: 'end_before_start' });
	if (patch.geometry !== undefined) await assertRoute(trx, patch.geometry);
	const actor = await assertMayWrite(trx, ctx, { areaId: before.properties.areaId, roles: MANAGE_ROLES, geometry: patch.geometry as LineString | null | undefined, references: activityRef(p.activityId) });
	return updateVersioned(trx, ctx, {
		table: 'walks',
		entity: 'walk',
		what: 'The walk',
		id,
		version: versionOf(patch),
		before,
		set: {
			...(p.kind !== undefined && { kind: p.kind }),
			...(p.title !== undefined && { title: p.title }),
			...(p.startsAt !== undefined && { starts_at: new Date(p.startsAt) }),
			...(p.endsAt !== undefined && { ends_at: p.endsAt ? new Date(p.endsAt) : null }),
			...(p.organiserPartnerId !== undefined && { organiser_partner_id: p.organiserPartnerId }),
			...(p.organiserName !== undefined && { organiser_name: p.organiserName }),
			...(p.activityId !== undefined && { activity_id: p.activityId }),
			...(p.participantCount !== undefined && { participant_count: p.participantCount }),
			...(p.participantKinds !== undefined && { participant_kinds: p.participantKinds }),
			...(p.usesAudit !== undefined && { uses_audit: p.usesAudit }),
			...(p.notes !== undefined && { notes: p.notes }),
			...(patch.geometry !== undefined && { route: patch.geometry ? fromGeoJSON(patch.geometry as LineString) : null }),
			updated_by: actor.id
		},
		after: () => getWalk(trx, ctx, id)
	});
}

/** Deleting a walk keeps its findings (they become stand-alone). */
export async function deleteWalk(trx: Transaction<DB>, ctx: RequestContext, id: string, version?: number) {
	const before = await getWalk(trx, ctx, id);
	await assertMayWrite(trx, ctx, { areaId: before.properties.areaId, roles: MANAGE_ROLES });
	await deleteVersioned(trx, ctx, { table: 'walks', entity: 'walk', what: 'The walk', id, version: version ?? before.properties.version, before });
}

function newJoinCode(): string {
	return Array.from({ length: 6 }, () => JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)]).join('');
}

/**
 * A fresh join code (the old one stops working). It lasts until `expiresAt`, by default
 * until 12 hours after the walk ends — and at least 12 hours from now.
 */
export async function issueJoinCode(trx: Transaction<DB>, ctx: RequestContext, id: string, expiresAt: string | undefined, origin: string) {
	const walk = await getWalk(trx, ctx, id);
	const actor = await requireRole(trx, ctx.tenant, ctx.actor, MANAGE_ROLES, walk.properties.areaId);
	const end = new Date(walk.properties.endsAt ?? new Date(walk.properties.startsAt).getTime() + 3 * HOUR).getTime();
	const expiry = expiresAt ? new Date(expiresAt) : new Date(Math.max(end, Date.now()) + JOIN_GRACE_HOURS * HOUR);
	if (expiry.getTime() <= Date.now()) throw badRequest('invalid_period', 'A join code must expire in the future.', { field: 'expiresAt', reason: 'join_code_past' });
	// Codes are for the walk, not a standing invitation: at most 30 days past its end.
	if (expiry.getTime() > Math.max(end, Date.now()) + 30 * 24 * HOUR)
		throw badRequest('invalid_period', 'A join code may last at most 30 days after the walk.', { field: 'expiresAt', reason: 'join_code_too_long', days: 30 });
	for (let attempt = 0; attempt < 5; attempt++) {
		const code = newJoinCode();
		const taken = await trx.selectFrom('walks').select('id').where('join_code', '=', code).executeTakeFirst();
		if (taken) continue;
		await trx.updateTable('walks').set({ join_code: code, join_expires_at: expiry, updated_by: actor.id }).where('id', '=', id).where('tenant_id', '=', ctx.tenant).execute();
		await trx.updateTable('walk_guests').set({ expires_at: expiry }).where('walk_id', '=', id).where('tenant_id', '=', ctx.tenant).execute();
		await recordAudit(trx, { tenant: ctx.tenant, actor, action: 'update', entity: 'walk', entityId: id, after: { joinCode: 'issued', joinExpiresAt: expiry.toISOString() }, requestId: ctx.requestId });
		return { code, expiresAt: expiry.toISOString(), url: `${origin}/join/${code}` };
	}
	throw new ApiError(503, 'code_space_busy', 'Could not find a free join code; try again.');
}

/** Revoking the code also shuts out every guest who joined with it. */
export async function revokeJoinCode(trx: Transaction<DB>, ctx: RequestContext, id: string) {
	const walk = await getWalk(trx, ctx, id);
	const actor = await requireRole(trx, ctx.tenant, ctx.actor, MANAGE_ROLES, walk.properties.areaId);
	await trx.updateTable('walks').set({ join_code: null, join_expires_at: null, updated_by: actor.id }).where('id', '=', id).where('tenant_id', '=', ctx.tenant).execute();
	await trx.updateTable('walk_guests').set({ expires_at: sql`now()` }).where('walk_id', '=', id).where('tenant_id', '=', ctx.tenant).execute();
	await recordAudit(trx, { tenant: ctx.tenant, actor, action: 'update', entity: 'walk', entityId: id, after: { joinCode: 'revoked' }, requestId: ctx.requestId });
}

/** Joining by code: 404 for a code that does not exist, 410 for one that has expired. */
export async function joinWalk(
	db: Database,
	ctx: RequestContext,
	code: string,
	name: string,
	cookies: Cookies,
	url: URL
): Promise<{ walk: WalkFeature; guest: Guest }> {
	const row = await db
		.selectFrom('walks')
		.select(['id', 'area_id', 'join_expires_at'])
		.where('tenant_id', '=', ctx.tenant)
		.where('join_code', '=', code)
		.executeTakeFirst();
	if (!row || !row.join_expires_at) throw new ApiError(404, 'invalid_join_code', 'There is no walk with that code. Check the code with the organiser.');
	const expires = new Date(row.join_expires_at);
	if (expires.getTime() <= Date.now()) throw new ApiError(410, 'join_code_expired', 'This join code has expired. Ask the organiser for a new one.');
	const guest = await createGuest(db, ctx.tenant, { id: row.id, areaId: row.area_id, joinExpiresAt: expires }, name, cookies, url);
	const walk = await getWalk(db, { ...ctx, actor: null, guest }, row.id);
	await recordAudit(db, { tenant: ctx.tenant, actor: null, actorLabel: `guest:${name || guest.id}`, action: 'login', entity: 'walk_guest', entityId: guest.id, after: { walkId: row.id }, requestId: ctx.requestId });
	return { walk, guest };
}
