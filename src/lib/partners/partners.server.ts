/**
 * Partner queries and mutations. A partner is managed by the coordinators of the areas
 * it works in: a change needs the coordinator role in every one of them (before and
 * after the change), so nobody can move a partner out of someone else's area.
 *
 * Every write also refreshes the partner's search words (partner_search), so the compass
 * finds it by its name, its needs and its services at once.
 */
import { sql, type Transaction } from 'kysely';
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
// The category names as the UI words them, read as plain JSON: this module also runs in the
// CLI scripts (demo load, benchmarks), where the i18n bundle's Vite glob does not.
import svFindings from '$lib/i18n/sv/findings.json';
import enFindings from '$lib/i18n/en/findings.json';
import type {
	ContactPerson,
	ContactPersonInput,
	PartnerCollection,
	PartnerCreateInput,
	PartnerFeature,
	PartnerKind,
	PartnerPatchInput,
	ServiceLocation,
	ServiceLocationInput
} from './partner';
import { folded, type NeedDefinition, type TargetGroup } from './needs';
import { assertKnownNeeds, listNeeds } from './needs.server';

/** Most partners one list answers with (the directory of a city is a few hundred). */
export const PARTNER_LIST_LIMIT = 2000;

export interface PartnerFilter {
	/** Partners working in this area or in an area that contains it. */
	area?: string;
	kind?: PartnerKind;
	category?: FindingCategory;
	need?: string;
	bbox?: BBox;
	limit?: number;
}

export interface ReadOptions {
	/** Contact persons are shown to signed-in users only. */
	signedIn: boolean;
}

async function hydrate(db: Db, tenant: string, ids: string[], options: ReadOptions): Promise<PartnerFeature[]> {
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
	const needs = await db.selectFrom('partner_needs').select(['partner_id', 'need']).where('partner_id', 'in', ids).orderBy('need').execute();
	const contacts = options.signedIn
		? await db.selectFrom('partner_contacts').selectAll().where('partner_id', 'in', ids).orderBy('sort').orderBy('name').execute()
		: [];
	const locations = await db
		.selectFrom('partner_service_locations')
		.select(['id', 'partner_id', 'name', 'address', 'description', 'phone', 'opening_hours', 'target_groups', 'min_age', 'max_age', 'languages', asGeoJSON<Point>('geom').as('point')])
		.where('partner_id', 'in', ids)
		.orderBy('name')
		.execute();
	const byPartner = <T extends { partner_id: string }>(rows: T[]) => {
		const map = new Map<string, T[]>();
		for (const row of rows) map.set(row.partner_id, [...(map.get(row.partner_id) ?? []), row]);
		return (id: string) => map.get(id) ?? [];
	};
	const areasOf = byPartner(areas);
	const categoriesOf = byPartner(responsibilities);
	const needsOf = byPartner(needs);
	const contactsOf = byPartner(contacts);
	const locationsOf = byPartner(locations);
	return partners.map((p) => {
		const serviceLocations: ServiceLocation[] = locationsOf(p.id).map((l) => ({
			id: l.id,
			name: l.name,
			address: l.address,
			description: l.description,
			phone: l.phone,
			openingHours: l.opening_hours,
			targetGroups: l.target_groups as TargetGroup[],
			minAge: l.min_age,
			maxAge: l.max_age,
			languages: l.languages,
			coordinates: l.point.coordinates
		}));
		return {
			type: 'Feature',
			id: p.id,
			geometry: serviceLocations.length ? { type: 'MultiPoint', coordinates: serviceLocations.map((l) => l.coordinates) } : null,
			properties: {
				slug: p.slug,
				name: p.name,
				kind: p.kind as PartnerKind,
				parentId: p.parent_id,
				description: p.description,
				contact: { name: p.contact_name, email: p.email, phone: p.phone, website: p.website },
				...(options.signedIn && {
					contacts: contactsOf(p.id).map<ContactPerson>((c) => ({ name: c.name, title: c.title, phone: c.phone, email: c.email }))
				}),
				categories: categoriesOf(p.id).map((r) => r.category as FindingCategory),
				needs: needsOf(p.id).map((n) => n.need),
				openingHours: p.opening_hours,
				areaIds: areasOf(p.id).map((a) => a.area_id),
				serviceLocations,
				version: p.version,
				createdAt: new Date(p.created_at).toISOString(),
				updatedAt: new Date(p.updated_at).toISOString()
			}
		};
	});
}

export async function listPartners(db: Db, tenant: string, filter: PartnerFilter = {}, options: ReadOptions = { signedIn: false }): Promise<PartnerCollection> {
	let query = db.selectFrom('partners as p').select('p.id').where('p.tenant_id', '=', tenant);
	if (filter.kind) query = query.where('p.kind', '=', filter.kind);
	if (filter.area) {
		const lineage = await areaLineage(db as Database, tenant, filter.area);
		if (lineage.length === 0) return { type: 'FeatureCollection', features: [] };
		query = query.where((eb) =>
			eb.exists(eb.selectFrom('partner_areas as pa').whereRef('pa.partner_id', '=', 'p.id').where('pa.area_id', 'in', lineage))
		);
	}
	if (filter.category) {
		const category = filter.category;
		query = query.where((eb) =>
			eb.exists(eb.selectFrom('partner_responsibilities as r').whereRef('r.partner_id', '=', 'p.id').where('r.category', '=', category))
		);
	}
	if (filter.need) {
		const need = filter.need;
		query = query.where((eb) => eb.exists(eb.selectFrom('partner_needs as n').whereRef('n.partner_id', '=', 'p.id').where('n.need', '=', need)));
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
					eb.selectFrom('partner_service_locations as l').whereRef('l.partner_id', '=', 'p.id').where(intersectsBBox('l.geom', bbox))
				)
			])
		);
	}
	const limit = Math.min(filter.limit ?? PARTNER_LIST_LIMIT, PARTNER_LIST_LIMIT);
	const ids = (await query.orderBy('p.name').limit(limit).execute()).map((r) => r.id);
	return { type: 'FeatureCollection', features: await hydrate(db, tenant, ids, options) };
}

export async function getPartner(db: Db, tenant: string, id: string, options: ReadOptions = { signedIn: true }): Promise<PartnerFeature | null> {
	const [partner] = await hydrate(db, tenant, [id], options);
	return partner ?? null;
}

async function assertAreasExist(trx: Db, tenant: string, areaIds: string[]) {
	if (areaIds.length === 0) return;
	const found = await trx.selectFrom('areas').select('id').where('tenant_id', '=', tenant).where('id', 'in', areaIds).execute();
	const missing = areaIds.filter((id) => !found.some((f) => f.id === id));
	if (missing.length) throw badRequest('unknown_reference', 'Some areas do not exist.', { field: 'areaIds', entity: 'area', missing });
}

/** The parent organisation exists, and is neither the partner itself nor one of its units (no cycles). */
async function assertParent(trx: Db, tenant: string, partnerId: string | null, parentId: string | null) {
	if (!parentId) return;
	const { rows } = await sql<{ id: string }>`
		WITH RECURSIVE up AS (
			SELECT id, parent_id, 0 AS depth FROM partners WHERE id = ${parentId}::uuid AND tenant_id = ${tenant}
			UNION ALL SELECT p.id, p.parent_id, up.depth + 1 FROM partners p JOIN up ON p.id = up.parent_id WHERE up.depth < 20)
		SELECT id FROM up`.execute(trx);
	if (rows.length === 0) throw badRequest('unknown_reference', 'The parent organisation does not exist.', { field: 'parentId', entity: 'partner' });
	if (partnerId && rows.some((r) => r.id === partnerId))
		throw badRequest('validation_failed', 'A unit cannot contain its own organisation.', [{ path: 'properties.parentId', code: 'parent_cycle', message: 'parent_cycle' }]);
}

async function assertLocations(trx: Db, locations: ServiceLocationInput[]) {
	for (const location of locations) await assertWritableGeometry(trx as Database, location.location as Point, ['Point']);
}

async function assertNeeds(trx: Db, tenant: string, needs: string[] | undefined) {
	if (needs) await assertKnownNeeds(trx, tenant, needs.map((need, i) => ({ path: `properties.needs.${i}`, need })));
}

function serviceRow(l: ServiceLocationInput) {
	return {
		name: l.name,
		address: l.address,
		description: l.description,
		phone: l.phone,
		opening_hours: l.openingHours,
		target_groups: l.targetGroups,
		min_age: l.minAge,
		max_age: l.maxAge,
		languages: l.languages,
		geom: fromGeoJSON(l.location as Point)
	};
}

async function writeRelations(
	trx: Transaction<DB>,
	tenant: string,
	partnerId: string,
	actorId: string,
	rel: { areaIds?: string[]; categories?: FindingCategory[]; needs?: string[]; contacts?: ContactPersonInput[]; serviceLocations?: ServiceLocationInput[] }
) {
	if (rel.areaIds) {
		await trx.deleteFrom('partner_areas').where('partner_id', '=', partnerId).execute();
		const unique = [...new Set(rel.areaIds)];
		if (unique.length) await trx.insertInto('partner_areas').values(unique.map((area_id) => ({ tenant_id: tenant, partner_id: partnerId, area_id }))).execute();
	}
	if (rel.categories) {
		await trx.deleteFrom('partner_responsibilities').where('partner_id', '=', partnerId).where('area_id', 'is', null).execute();
		const unique = [...new Set(rel.categories)];
		if (unique.length)
			await trx.insertInto('partner_responsibilities').values(unique.map((category) => ({ tenant_id: tenant, partner_id: partnerId, category }))).execute();
	}
	if (rel.needs) {
		await trx.deleteFrom('partner_needs').where('partner_id', '=', partnerId).execute();
		const unique = [...new Set(rel.needs)];
		if (unique.length) await trx.insertInto('partner_needs').values(unique.map((need) => ({ tenant_id: tenant, partner_id: partnerId, need }))).execute();
	}
	if (rel.contacts) {
		await trx.deleteFrom('partner_contacts').where('partner_id', '=', partnerId).execute();
		if (rel.contacts.length)
			await trx
				.insertInto('partner_contacts')
				.values(rel.contacts.map((c, sort) => ({ tenant_id: tenant, partner_id: partnerId, name: c.name, title: c.title, phone: c.phone, email: c.email, sort })))
				.execute();
	}
	if (rel.serviceLocations) {
		// A location named by id is changed in place (reports and links keep pointing at it);
		// one without is new; one left out is removed.
		const keep = rel.serviceLocations.flatMap((l) => (l.id ? [l.id] : []));
		let removal = trx.deleteFrom('partner_service_locations').where('partner_id', '=', partnerId);
		if (keep.length) removal = removal.where('id', 'not in', keep);
		await removal.execute();
		for (const l of rel.serviceLocations) {
			if (l.id) {
				const changed = await trx
					.updateTable('partner_service_locations')
					.set({ ...serviceRow(l), updated_by: actorId })
					.where('id', '=', l.id)
					.where('partner_id', '=', partnerId)
					.where('tenant_id', '=', tenant)
					.returning('id')
					.executeTakeFirst();
				if (!changed)
					throw badRequest('unknown_reference', 'A service location does not belong to this partner.', { field: 'serviceLocationId', entity: 'service_location', id: l.id });
			} else {
				await trx
					.insertInto('partner_service_locations')
					.values({ tenant_id: tenant, partner_id: partnerId, ...serviceRow(l), created_by: actorId, updated_by: actorId })
					.execute();
			}
		}
	}
}

const categoryLabels = (category: string) =>
	[svFindings, enFindings].map((m) => ((m as { findings?: { category?: Record<string, string> } }).findings?.category?.[category] ?? '')).join(' ');

/**
 * The words the compass finds a partner by: its name and its organisation's, what it does,
 * the needs and place problems it handles (names and search words, both languages), and its
 * services' names, descriptions and addresses.
 */
export function searchWords(partner: PartnerFeature, parentName: string | null, needs: readonly NeedDefinition[]): string {
	const p = partner.properties;
	const needWords = p.needs.map((key) => {
		const need = needs.find((n) => n.key === key);
		return need ? `${need.label.sv} ${need.label.en} ${need.words}` : key;
	});
	return [
		p.name,
		parentName ?? '',
		p.description,
		...needWords,
		...p.categories.map(categoryLabels),
		...p.serviceLocations.map((l) => `${l.name} ${l.description} ${l.address}`)
	]
		.join(' ')
		.replace(/\s+/g, ' ')
		.trim()
		.slice(0, 20_000);
}

/** Rewrites the search words of the partners (after a change to them, their parent or a need's name). */
export async function refreshSearch(db: Db, tenant: string, partnerIds: string[]): Promise<void> {
	if (partnerIds.length === 0) return;
	const needs = await listNeeds(db, tenant);
	for (let i = 0; i < partnerIds.length; i += 200) {
		const partners = await hydrate(db, tenant, partnerIds.slice(i, i + 200), { signedIn: false });
		const parentIds = [...new Set(partners.flatMap((p) => (p.properties.parentId ? [p.properties.parentId] : [])))];
		const parents = parentIds.length ? await db.selectFrom('partners').select(['id', 'name']).where('tenant_id', '=', tenant).where('id', 'in', parentIds).execute() : [];
		const rows = partners.map((p) => {
			const words = searchWords(p, parents.find((x) => x.id === p.properties.parentId)?.name ?? null, needs);
			return { partner_id: p.id, tenant_id: tenant, words, folded: folded(words) };
		});
		if (rows.length)
			await db
				.insertInto('partner_search')
				.values(rows)
				.onConflict((oc) => oc.columns(['tenant_id', 'partner_id']).doUpdateSet((eb) => ({ words: eb.ref('excluded.words'), folded: eb.ref('excluded.folded') })))
				.execute();
	}
}

/** The partner and its units: a unit's words carry its organisation's name. */
async function withUnits(db: Db, tenant: string, id: string): Promise<string[]> {
	const units = await db.selectFrom('partners').select('id').where('tenant_id', '=', tenant).where('parent_id', '=', id).execute();
	return [id, ...units.map((u) => u.id)];
}

export async function createPartner(trx: Transaction<DB>, ctx: RequestContext, input: PartnerCreateInput): Promise<PartnerFeature> {
	const p = input.properties;
	const actor = await requireRoleInAll(trx, ctx.tenant, ctx.actor, ['coordinator'], p.areaIds);
	await assertAreasExist(trx, ctx.tenant, p.areaIds);
	await assertParent(trx, ctx.tenant, null, p.parentId);
	await assertNeeds(trx, ctx.tenant, p.needs);
	await assertLocations(trx, p.serviceLocations);
	if (p.serviceLocations.some((l) => l.id))
		throw badRequest('unknown_reference', 'A new partner has no service locations yet to refer to.', { field: 'serviceLocationId', entity: 'service_location' });
	const { id } = await trx
		.insertInto('partners')
		.values({
			tenant_id: ctx.tenant,
			slug: p.slug ?? slugify(p.name),
			name: p.name,
			kind: p.kind,
			parent_id: p.parentId,
			description: p.description,
			opening_hours: p.openingHours,
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
	await refreshSearch(trx, ctx.tenant, [id]);
	const created = (await getPartner(trx, ctx.tenant, id))!;
	await recordAudit(trx, { tenant: ctx.tenant, actor, action: 'create', entity: 'partner', entityId: id, after: created, requestId: ctx.requestId });
	return created;
}

export async function updatePartner(trx: Transaction<DB>, ctx: RequestContext, id: string, patch: PartnerPatchInput): Promise<PartnerFeature> {
	const before = await getPartner(trx, ctx.tenant, id);
	if (!before) throw notFound('partner');
	const p = patch.properties ?? {};
	const version = versionOf(patch);
	const actor = await requireRoleInAll(trx, ctx.tenant, ctx.actor, ['coordinator'], before.properties.areaIds);
	if (p.areaIds) {
		await assertAreasExist(trx, ctx.tenant, p.areaIds);
		await requireRoleInAll(trx, ctx.tenant, actor, ['coordinator'], p.areaIds);
	}
	if (p.parentId !== undefined) await assertParent(trx, ctx.tenant, id, p.parentId);
	await assertNeeds(trx, ctx.tenant, p.needs);
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
			...(p.parentId !== undefined && { parent_id: p.parentId }),
			...(p.description !== undefined && { description: p.description }),
			...(p.openingHours !== undefined && { opening_hours: p.openingHours }),
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
			await refreshSearch(trx, ctx.tenant, p.name !== undefined ? await withUnits(trx, ctx.tenant, id) : [id]);
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
