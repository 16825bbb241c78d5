/**
 * Partner queries and mutations. A partner is managed by the coordinators of the areas
 * it works in: a change needs the coordinator role in every one of them (before and
 * after the change), so nobody can move a partner out of someone else's area.
 */
import type { Transaction } from 'kysely';
import type { Database, Db, DB } from '$lib/server/db';
import { asGeoJSON, fromGeoJSON, intersectsBBox, type BBox } from '$lib/server/db/postgis';
import { assertWritableGeometry } from '$lib/server/db/geometry';
import { recordAudit } from '$lib/server/audit';
import { badRequest, notFound } from '$lib/server/api/errors';
import { deleteVersioned, updateVersioned } from '$lib/server/db/versioned';
import { areaLineage, requireRole, requireRoleInAll } from '$lib/server/auth/guard';
import type { RequestContext } from '$lib/server/api/context';
import { versionOf } from '$lib/api/versioning';
import type { Point } from '$lib/geometry/geojson';
import { slugify } from '$lib/areas/area';
import type { FindingCategory } from '$lib/findings/finding';
import type {
	PartnerCollection,
	PartnerCreateInput,
	PartnerFeature,
	PartnerKind,
	PartnerPatchInput,
	ServiceLocation,
	ServiceLocationInput
} from './partner';


export interface PartnerFilter {
	/** Partners working in this area or in an area that contains it. */
	area?: string;
	kind?: PartnerKind;
	category?: FindingCategory;
	bbox?: BBox;
}

async function hydrate(db: Db, tenant: string, ids: string[]): Promise<PartnerFeature[]> {
	if (ids.length === 0) return [];
	// Sequential on purpose: inside a transaction these share one connection.
	const partners = await db.selectFrom('partners').selectAll().where('tenant_id', '=', tenant).where('id', 'in', ids).orderBy('name').execute();
	const areas = await db.selectFrom('partner_areas').select(['partner_id', 'area_id']).where('partner_id', 'in', ids).execute();
	const responsibilities = await db
			.selectFrom('partner_responsibilities')
			.select(['partner_id', 'category'])
			.where('partner_id', 'in', ids)
			.where('area_id', 'is', null)
			.orderBy('category')
			.execute();
	const locations = await db
			.selectFrom('partner_service_locations')
			.select(['id', 'partner_id', 'name', 'address', 'opening_hours', asGeoJSON<Point>('geom').as('point')])
			.where('partner_id', 'in', ids)
			.orderBy('name')
			.execute();
	return partners.map((p) => {
		const serviceLocations: ServiceLocation[] = locations
			.filter((l) => l.partner_id === p.id)
			.map((l) => ({
				id: l.id,
				name: l.name,
				address: l.address,
				openingHours: l.opening_hours,
				coordinates: l.point.coordinates
			}));
		return {
			type: 'Feature',
			id: p.id,
			geometry: serviceLocations.length
				? { type: 'MultiPoint', coordinates: serviceLocations.map((l) => l.coordinates) }
				: null,
			properties: {
				slug: p.slug,
				name: p.name,
				kind: p.kind as PartnerKind,
				description: p.description,
				contact: { name: p.contact_name, email: p.email, phone: p.phone, website: p.website },
				categories: responsibilities.filter((r) => r.partner_id === p.id).map((r) => r.category as FindingCategory),
				areaIds: areas.filter((a) => a.partner_id === p.id).map((a) => a.area_id),
				serviceLocations,
				version: p.version,
				createdAt: new Date(p.created_at).toISOString(),
				updatedAt: new Date(p.updated_at).toISOString()
			}
		};
	});
}

export async function listPartners(db: Database, tenant: string, filter: PartnerFilter = {}): Promise<PartnerCollection> {
	let query = db.selectFrom('partners as p').select('p.id').where('p.tenant_id', '=', tenant);
	if (filter.kind) query = query.where('p.kind', '=', filter.kind);
	if (filter.area) {
		const lineage = await areaLineage(db, tenant, filter.area);
		if (lineage.length === 0) return { type: 'FeatureCollection', features: [] };
		query = query.where((eb) =>
			eb.exists(
				eb.selectFrom('partner_areas as pa').whereRef('pa.partner_id', '=', 'p.id').where('pa.area_id', 'in', lineage)
			)
		);
	}
	if (filter.category) {
		const category = filter.category;
		query = query.where((eb) =>
			eb.exists(
				eb
					.selectFrom('partner_responsibilities as r')
					.whereRef('r.partner_id', '=', 'p.id')
					.where('r.category', '=', category)
			)
		);
	}
	if (filter.bbox) {
		const bbox = filter.bbox;
		query = query.where((eb) =>
			eb.or([
				eb.exists(
					eb
						.selectFrom('partner_areas as pa')
						.innerJoin('areas as a', 'a.id', 'pa.area_id')
						.whereRef('pa.partner_id', '=', 'p.id')
						.where(intersectsBBox('a.geom', bbox))
				),
				eb.exists(
					eb
						.selectFrom('partner_service_locations as l')
						.whereRef('l.partner_id', '=', 'p.id')
						.where(intersectsBBox('l.geom', bbox))
				)
			])
		);
	}
	const ids = (await query.execute()).map((r) => r.id);
	return { type: 'FeatureCollection', features: await hydrate(db, tenant, ids) };
}

export async function getPartner(db: Db, tenant: string, id: string): Promise<PartnerFeature | null> {
	const [partner] = await hydrate(db, tenant, [id]);
	return partner ?? null;
}

async function assertAreasExist(trx: Transaction<DB>, tenant: string, areaIds: string[]) {
	if (areaIds.length === 0) return;
	const found = await trx
		.selectFrom('areas')
		.select('id')
		.where('tenant_id', '=', tenant)
		.where('id', 'in', areaIds)
		.execute();
	const missing = areaIds.filter((id) => !found.some((f) => f.id === id));
	if (missing.length) throw badRequest('unknown_reference', 'Some areas do not exist.', { field: 'areaIds', entity: 'area', missing });
}

async function assertLocations(trx: Transaction<DB>, locations: ServiceLocationInput[]) {
	for (const location of locations) await assertWritableGeometry(trx, location.location as Point, ['Point']);
}

async function writeRelations(
	trx: Transaction<DB>,
	tenant: string,
	partnerId: string,
	actorId: string,
	rel: { areaIds?: string[]; categories?: FindingCategory[]; serviceLocations?: ServiceLocationInput[] }
) {
	if (rel.areaIds) {
		await trx.deleteFrom('partner_areas').where('partner_id', '=', partnerId).execute();
		const unique = [...new Set(rel.areaIds)];
		if (unique.length)
			await trx
				.insertInto('partner_areas')
				.values(unique.map((area_id) => ({ tenant_id: tenant, partner_id: partnerId, area_id })))
				.execute();
	}
	if (rel.categories) {
		await trx.deleteFrom('partner_responsibilities').where('partner_id', '=', partnerId).where('area_id', 'is', null).execute();
		const unique = [...new Set(rel.categories)];
		if (unique.length)
			await trx
				.insertInto('partner_responsibilities')
				.values(unique.map((category) => ({ tenant_id: tenant, partner_id: partnerId, category })))
				.execute();
	}
	if (rel.serviceLocations) {
		await trx.deleteFrom('partner_service_locations').where('partner_id', '=', partnerId).execute();
		for (const l of rel.serviceLocations)
			await trx
				.insertInto('partner_service_locations')
				.values({
					tenant_id: tenant,
					partner_id: partnerId,
					name: l.name,
					address: l.address,
					opening_hours: l.openingHours,
					geom: fromGeoJSON(l.location as Point),
					created_by: actorId,
					updated_by: actorId
				})
				.execute();
	}
}

export async function createPartner(trx: Transaction<DB>, ctx: RequestContext, input: PartnerCreateInput): Promise<PartnerFeature> {
	const p = input.properties;
	const actor = await requireRoleInAll(trx, ctx.tenant, ctx.actor, ['coordinator'], p.areaIds);
	await assertAreasExist(trx, ctx.tenant, p.areaIds);
	await assertLocations(trx, p.serviceLocations);
	const { id } = await trx
		.insertInto('partners')
		.values({
			tenant_id: ctx.tenant,
			slug: p.slug ?? slugify(p.name),
			name: p.name,
			kind: p.kind,
			description: p.description,
			contact_name: p.contact.name,
			email: p.contact.email,
			phone: p.contact.phone,
			website: p.contact.website,
			created_by: actor.id,
			updated_by: actor.id
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await writeRelations(trx, ctx.tenant, id, actor.id, p);
	const created = (await getPartner(trx, ctx.tenant, id))!;
	await recordAudit(trx, { tenant: ctx.tenant, actor, action: 'create', entity: 'partner', entityId: id, after: created, requestId: ctx.requestId });
	return created;
}

export async function updatePartner(
	trx: Transaction<DB>,
	ctx: RequestContext,
	id: string,
	patch: PartnerPatchInput
): Promise<PartnerFeature> {
	const before = await getPartner(trx, ctx.tenant, id);
	if (!before) throw notFound('partner');
	const p = patch.properties ?? {};
	const version = versionOf(patch);
	const actor = await requireRoleInAll(trx, ctx.tenant, ctx.actor, ['coordinator'], before.properties.areaIds);
	if (p.areaIds) {
		await assertAreasExist(trx, ctx.tenant, p.areaIds);
		await requireRoleInAll(trx, ctx.tenant, actor, ['coordinator'], p.areaIds);
	}
	if (p.serviceLocations) await assertLocations(trx, p.serviceLocations);

	return updateVersioned(trx, ctx, {
		table: 'partners',
		entity: 'partner',
		what: 'The partner',
		id,
		version,
		before,
		set: {
			...(p.slug !== undefined && { slug: p.slug }),
			...(p.name !== undefined && { name: p.name }),
			...(p.kind !== undefined && { kind: p.kind }),
			...(p.description !== undefined && { description: p.description }),
			...(p.contact !== undefined && {
				contact_name: p.contact.name,
				email: p.contact.email,
				phone: p.contact.phone,
				website: p.contact.website
			}),
			updated_by: actor.id
		},
		after: async () => {
			await writeRelations(trx, ctx.tenant, id, actor.id, p);
			return (await getPartner(trx, ctx.tenant, id))!;
		}
	});
}

export async function deletePartner(trx: Transaction<DB>, ctx: RequestContext, id: string, version?: number): Promise<void> {
	const before = await getPartner(trx, ctx.tenant, id);
	if (!before) throw notFound('partner');
	await requireRole(trx, ctx.tenant, ctx.actor, ['admin'], null);
	await deleteVersioned(trx, ctx, { table: 'partners', entity: 'partner', what: 'The partner', id, version: version ?? before.properties.version, before });
}

/** Partners of an area for its popup: those linked to it or to an area containing it. */
export async function partnersOfArea(db: Database, tenant: string, areaId: string) {
	const { features } = await listPartners(db, tenant, { area: areaId });
	return features.map((f) => ({ id: f.id, name: f.properties.name, kind: f.properties.kind }));
}

