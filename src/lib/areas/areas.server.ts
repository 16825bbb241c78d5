/**
 * Area queries and mutations. Mutations take a transaction, check the role in the
 * area first, validate geometry in PostGIS, write the audit log, and use the version
 * column for optimistic locking.
 */
import { sql, type Transaction } from 'kysely';
import type { Database, DB } from '$lib/server/db';
import { asGeoJSON, areaM2, fromGeoJSONMulti, intersectsBBox, type BBox } from '$lib/server/db/postgis';
import { assertWritableGeometry } from '$lib/server/db/geometry';
import { recordAudit } from '$lib/server/audit';
import { badRequest, notFound } from '$lib/server/api/errors';
import { assertMayWrite } from '$lib/server/auth/write-scope.server';
import { deleteVersioned, updateVersioned } from '$lib/server/db/versioned';
import { areaLineage, requireRole } from '$lib/server/auth/guard';
import type { RequestContext } from '$lib/server/api/context';
import { versionOf } from '$lib/api/versioning';
import type { MultiPolygon } from '$lib/geometry/geojson';
import {
	AREA_GEOMETRY_TYPES,
	slugify,
	type AreaCollection,
	type AreaCreateInput,
	type AreaFeature,
	type AreaKind,
	type AreaPatchInput
} from './area';

export interface AreaFilter {
	bbox?: BBox;
	parent?: string;
	kind?: AreaKind;
}

function selectAreas(db: Database | Transaction<DB>, tenant: string) {
	return db
		.selectFrom('areas')
		.select([
			'id',
			'slug',
			'name',
			'kind',
			'parent_id',
			'description',
			'version',
			'created_at',
			'updated_at',
			areaM2('geom').as('area_m2'),
			asGeoJSON<MultiPolygon>('geom').as('geometry')
		])
		.where('tenant_id', '=', tenant);
}

type AreaRow = Awaited<ReturnType<ReturnType<typeof selectAreas>['executeTakeFirstOrThrow']>>;

export function toAreaFeature(row: AreaRow): AreaFeature {
	return {
		type: 'Feature',
		id: row.id,
		geometry: row.geometry,
		properties: {
			slug: row.slug,
			name: row.name,
			kind: row.kind as AreaKind,
			parentId: row.parent_id,
			description: row.description,
			areaM2: Math.round(row.area_m2 * 10) / 10,
			version: row.version,
			createdAt: new Date(row.created_at).toISOString(),
			updatedAt: new Date(row.updated_at).toISOString()
		}
	};
}

export async function listAreas(db: Database, tenant: string, filter: AreaFilter = {}): Promise<AreaCollection> {
	let query = selectAreas(db, tenant);
	if (filter.bbox) query = query.where(intersectsBBox('geom', filter.bbox));
	if (filter.parent) query = query.where('parent_id', '=', filter.parent);
	if (filter.kind) query = query.where('kind', '=', filter.kind);
	// Districts first so places draw on top of them on the map.
	const rows = await query.orderBy(sql`kind = 'place'`).orderBy('name').execute();
	return { type: 'FeatureCollection', features: rows.map(toAreaFeature) };
}

export async function getArea(db: Database | Transaction<DB>, tenant: string, id: string): Promise<AreaFeature | null> {
	const row = await selectAreas(db, tenant).where('id', '=', id).executeTakeFirst();
	return row ? toAreaFeature(row) : null;
}

async function assertParent(trx: Transaction<DB>, tenant: string, parentId: string | null, selfId?: string) {
	if (parentId === null) return;
	const lineage = await areaLineage(trx, tenant, parentId);
	if (lineage.length === 0) throw badRequest('unknown_reference', 'The parent area does not exist.', { field: 'parentId', entity: 'area' });
	if (selfId && lineage.includes(selfId))
		throw badRequest('invalid_parent', 'An area cannot be nested inside itself or one of its own sub-areas.');
}

/**
 * Creating a top-level area needs admin; a nested one needs coordinator (or admin) of
 * the parent.
 */
export async function createArea(trx: Transaction<DB>, ctx: RequestContext, input: AreaCreateInput): Promise<AreaFeature> {
	const props = input.properties;
	await assertWritableGeometry(trx, input.geometry, AREA_GEOMETRY_TYPES);
	// A place lies in its district: the parent is where the role is needed and what the outline must stay within.
	const actor = props.parentId
		? await assertMayWrite(trx, ctx, { areaId: props.parentId, roles: ['coordinator'], geometry: input.geometry })
		: await requireRole(trx, ctx.tenant, ctx.actor, ['admin'], null);
	await assertParent(trx, ctx.tenant, props.parentId);
	const { id } = await trx
		.insertInto('areas')
		.values({
			tenant_id: ctx.tenant,
			slug: props.slug ?? slugify(props.name),
			name: props.name,
			kind: props.kind,
			parent_id: props.parentId,
			description: props.description,
			geom: fromGeoJSONMulti(input.geometry),
			created_by: actor.id,
			updated_by: actor.id
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const created = (await getArea(trx, ctx.tenant, id))!;
	await recordAudit(trx, {
		tenant: ctx.tenant,
		actor,
		action: 'create',
		entity: 'area',
		entityId: id,
		after: created,
		requestId: ctx.requestId
	});
	return created;
}

export async function updateArea(
	trx: Transaction<DB>,
	ctx: RequestContext,
	id: string,
	patch: AreaPatchInput
): Promise<AreaFeature> {
	const before = await getArea(trx, ctx.tenant, id);
	if (!before) throw notFound('area');
	const actor = await requireRole(trx, ctx.tenant, ctx.actor, ['coordinator'], id);
	const props = patch.properties ?? {};
	const version = versionOf(patch);
	if (patch.geometry) await assertWritableGeometry(trx, patch.geometry, AREA_GEOMETRY_TYPES);
	const parentId = props.parentId !== undefined ? props.parentId : before.properties.parentId;
	if (props.parentId !== undefined && props.parentId !== before.properties.parentId) {
		// Moving an area changes who governs it: needs the role at the destination too.
		await requireRole(trx, ctx.tenant, actor, props.parentId ? ['coordinator'] : ['admin'], props.parentId);
		await assertParent(trx, ctx.tenant, props.parentId, id);
	}
	// A nested area stays within its parent.
	if (parentId && (patch.geometry || props.parentId !== undefined))
		await assertMayWrite(trx, ctx, { areaId: parentId, roles: ['coordinator'], geometry: patch.geometry ?? before.geometry });
	return updateVersioned(trx, ctx, {
		table: 'areas',
		entity: 'area',
		what: 'The area',
		id,
		version,
		before,
		set: {
			...(props.slug !== undefined && { slug: props.slug }),
			...(props.name !== undefined && { name: props.name }),
			...(props.kind !== undefined && { kind: props.kind }),
			...(props.parentId !== undefined && { parent_id: props.parentId }),
			...(props.description !== undefined && { description: props.description }),
			...(patch.geometry && { geom: fromGeoJSONMulti(patch.geometry) }),
			updated_by: actor.id
		},
		after: async () => (await getArea(trx, ctx.tenant, id))!
	});
}

/** Deleting needs admin, and a current `version` when given; areas still in use are refused (409). */
export async function deleteArea(trx: Transaction<DB>, ctx: RequestContext, id: string, version?: number): Promise<void> {
	const before = await getArea(trx, ctx.tenant, id);
	if (!before) throw notFound('area');
	await requireRole(trx, ctx.tenant, ctx.actor, ['admin'], id);
	await deleteVersioned(trx, ctx, { table: 'areas', entity: 'area', what: 'The area', id, version: version ?? before.properties.version, before });
}
