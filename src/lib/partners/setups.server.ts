/**
 * A compass for an area ("Klarakompassen", "Älvsjökompassen"): its title, a word of
 * introduction and the needs and place problems it offers, in order. A coordinator of the area
 * sets one up without code; the partners and services come from the shared directory (those
 * working in the area, or imported from another district's copy).
 */
import type { Transaction } from 'kysely';
import type { Db, DB } from '$lib/server/db';
import { notFound } from '$lib/server/api/errors';
import { assertMayWrite } from '$lib/server/auth/write-scope.server';
import { recordAudit } from '$lib/server/audit';
import { deleteVersioned, updateVersioned } from '$lib/server/db/versioned';
import { versionOf } from '$lib/api/versioning';
import type { RequestContext } from '$lib/server/api/context';
import type { FindingCategory } from '$lib/findings/finding';
import type { CompassSetup, CompassSetupInput, CompassSetupPatch } from './directory';
import { assertKnownNeeds } from './needs.server';

function setups(db: Db, tenant: string) {
	return db
		.selectFrom('compass_areas as c')
		.innerJoin('areas as a', 'a.id', 'c.area_id')
		.select(['c.id', 'c.area_id', 'a.name as area_name', 'a.slug as area_slug', 'c.title', 'c.intro', 'c.needs', 'c.categories', 'c.version'])
		.where('c.tenant_id', '=', tenant);
}

type Row = Awaited<ReturnType<ReturnType<typeof setups>['executeTakeFirstOrThrow']>>;

const toSetup = (r: Row): CompassSetup => ({
	id: r.id,
	areaId: r.area_id,
	areaName: r.area_name,
	areaSlug: r.area_slug,
	title: r.title,
	intro: r.intro,
	needs: r.needs,
	categories: r.categories as FindingCategory[],
	version: r.version
});

export async function listSetups(db: Db, tenant: string): Promise<CompassSetup[]> {
	return (await setups(db, tenant).orderBy('c.title').limit(500).execute()).map(toSetup);
}

export async function getSetup(db: Db, tenant: string, id: string): Promise<CompassSetup | null> {
	const row = await setups(db, tenant).where('c.id', '=', id).executeTakeFirst();
	return row ? toSetup(row) : null;
}

/** The compass of an area, by the area's slug (its page: /compass/sergels-torg). */
export async function setupByAreaSlug(db: Db, tenant: string, slug: string): Promise<CompassSetup | null> {
	const row = await setups(db, tenant).where('a.slug', '=', slug).executeTakeFirst();
	return row ? toSetup(row) : null;
}

async function assertNeeds(db: Db, tenant: string, needs: string[] | undefined) {
	if (needs) await assertKnownNeeds(db, tenant, needs.map((need, i) => ({ path: `needs.${i}`, need })));
}

export async function createSetup(trx: Transaction<DB>, ctx: RequestContext, input: CompassSetupInput): Promise<CompassSetup> {
	const actor = await assertMayWrite(trx, ctx, { areaId: input.areaId, roles: ['coordinator'] });
	await assertNeeds(trx, ctx.tenant, input.needs);
	const { id } = await trx
		.insertInto('compass_areas')
		.values({
			tenant_id: ctx.tenant,
			area_id: input.areaId,
			title: input.title,
			intro: input.intro,
			needs: [...new Set(input.needs)],
			categories: [...new Set(input.categories)],
			created_by: actor.id,
			updated_by: actor.id
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const created = (await getSetup(trx, ctx.tenant, id))!;
	await recordAudit(trx, { tenant: ctx.tenant, actor, action: 'create', entity: 'compass', entityId: id, after: created, requestId: ctx.requestId });
	return created;
}

export async function updateSetup(trx: Transaction<DB>, ctx: RequestContext, id: string, patch: CompassSetupPatch): Promise<CompassSetup> {
	const before = await getSetup(trx, ctx.tenant, id);
	if (!before) throw notFound('compass');
	const actor = await assertMayWrite(trx, ctx, { areaId: before.areaId, roles: ['coordinator'] });
	await assertNeeds(trx, ctx.tenant, patch.needs);
	return updateVersioned(trx, ctx, {
		table: 'compass_areas',
		entity: 'compass',
		what: 'compass',
		id,
		version: versionOf(patch),
		before,
		set: {
			...(patch.title !== undefined && { title: patch.title }),
			...(patch.intro !== undefined && { intro: patch.intro }),
			...(patch.needs !== undefined && { needs: [...new Set(patch.needs)] }),
			...(patch.categories !== undefined && { categories: [...new Set(patch.categories)] }),
			updated_by: actor.id
		},
		after: async () => (await getSetup(trx, ctx.tenant, id))!
	});
}

export async function deleteSetup(trx: Transaction<DB>, ctx: RequestContext, id: string, version?: number): Promise<void> {
	const before = await getSetup(trx, ctx.tenant, id);
	if (!before) throw notFound('compass');
	await assertMayWrite(trx, ctx, { areaId: before.areaId, roles: ['coordinator'] });
	await deleteVersioned(trx, ctx, { table: 'compass_areas', entity: 'compass', what: 'compass', id, version: version ?? before.version, before });
}
