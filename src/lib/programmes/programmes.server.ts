/** Programmes: created by coordinators of all their areas; read by anyone with a role in one of them. */
import type { Transaction } from 'kysely';
import type { Database, DB } from '$lib/server/db';
import { recordAudit } from '$lib/server/audit';
import { forbidden, notFound, unauthenticated } from '$lib/server/api/errors';
import { requireRoleInAll } from '$lib/server/auth/guard';
import { areasWhere, inSet, MANAGE_ROLES, READ_ROLES } from '$lib/server/auth/scope.server';
import type { RequestContext } from '$lib/server/api/context';
import { slugify } from '$lib/areas/area';
import { budgetOf } from './budget.server';
import type { ProgrammeCreateInput } from './programme';

type Db = Database | Transaction<DB>;

async function programmeRows(db: Db, tenant: string, id?: string) {
	let query = db
		.selectFrom('programmes')
		.selectAll()
		.where('tenant_id', '=', tenant);
	if (id) query = query.where('id', '=', id);
	const programmes = await query.orderBy('starts_on', 'desc').execute();
	const areas = programmes.length
		? await db.selectFrom('programme_areas').select(['programme_id', 'area_id']).where('programme_id', 'in', programmes.map((p) => p.id)).execute()
		: [];
	return programmes.map((p) => ({ row: p, areaIds: areas.filter((a) => a.programme_id === p.id).map((a) => a.area_id) }));
}

async function toFeature(db: Db, { row, areaIds }: Awaited<ReturnType<typeof programmeRows>>[number]) {
	return {
		type: 'Feature' as const,
		id: row.id,
		geometry: null,
		properties: {
			slug: row.slug,
			name: row.name,
			description: row.description,
			areaIds,
			startsOn: row.starts_on,
			endsOn: row.ends_on,
			intensiveFrom: row.intensive_from,
			intensiveTo: row.intensive_to,
			status: row.status,
			budget: await budgetOf(db, row.id),
			version: row.version
		}
	};
}

async function visible(db: Db, ctx: RequestContext) {
	if (!ctx.actor) throw unauthenticated();
	return areasWhere(db as Database, ctx.tenant, ctx.actor, [...READ_ROLES, 'partner']);
}

export async function listProgrammes(db: Database, ctx: RequestContext) {
	const scope = await visible(db, ctx);
	const rows = (await programmeRows(db, ctx.tenant)).filter((p) => p.areaIds.some((a) => inSet(scope, a)));
	const features = [];
	for (const p of rows) features.push(await toFeature(db, p));
	return { type: 'FeatureCollection' as const, features };
}

export async function getProgramme(db: Db, ctx: RequestContext, id: string) {
	const scope = await visible(db, ctx);
	const [row] = await programmeRows(db, ctx.tenant, id);
	if (!row) throw notFound('The programme');
	if (!row.areaIds.some((a) => inSet(scope, a))) throw forbidden('This programme is not in an area you work in.');
	return toFeature(db, row);
}

export async function createProgramme(trx: Transaction<DB>, ctx: RequestContext, input: ProgrammeCreateInput) {
	const p = input.properties;
	const actor = await requireRoleInAll(trx, ctx.tenant, ctx.actor, MANAGE_ROLES, p.areaIds);
	const { id } = await trx
		.insertInto('programmes')
		.values({
			tenant_id: ctx.tenant,
			slug: p.slug ?? slugify(p.name),
			name: p.name,
			description: p.description,
			starts_on: p.startsOn,
			ends_on: p.endsOn,
			intensive_from: p.intensiveFrom,
			intensive_to: p.intensiveTo,
			budget_cap_sek: p.budgetCapSek,
			created_by: actor.id,
			updated_by: actor.id
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await trx.insertInto('programme_areas').values([...new Set(p.areaIds)].map((area_id) => ({ tenant_id: ctx.tenant, programme_id: id, area_id }))).execute();
	for (const line of p.budgetLines)
		await trx.insertInto('budget_lines').values({ tenant_id: ctx.tenant, programme_id: id, name: line.name, kind: line.kind, cap_sek: line.capSek, created_by: actor.id }).execute();
	const created = await getProgramme(trx, ctx, id);
	await recordAudit(trx, { tenant: ctx.tenant, actor, action: 'create', entity: 'programme', entityId: id, after: created, requestId: ctx.requestId });
	return created;
}
