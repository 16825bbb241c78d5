/**
 * What an actor may see, as area sets: roles are granted on an area and reach every area
 * nested inside it. Used to filter lists in SQL (a list never leaks rows of other areas)
 * and to decide per row what may be shown (reporter identity).
 */
import { sql, type SqlBool } from 'kysely';
import type { Actor, Role } from '$lib/users/user';
import type { Database } from '../db';
import { unauthenticated } from '../api/errors';

/** Every area id reachable from `roots` through nesting, roots included. */
export async function nestedAreas(db: Database, tenant: string, roots: string[]): Promise<string[]> {
	if (roots.length === 0) return [];
	const { rows } = await sql<{ id: string }>`
		WITH RECURSIVE tree AS (
			SELECT id, 0 AS depth FROM areas WHERE tenant_id = ${tenant} AND id = ANY(${roots}::uuid[])
			UNION ALL
			SELECT a.id, t.depth + 1 FROM areas a JOIN tree t ON a.parent_id = t.id WHERE a.tenant_id = ${tenant} AND t.depth < 20
		)
		SELECT DISTINCT id FROM tree`.execute(db);
	return rows.map((r) => r.id);
}

/** A set of areas: every area of the tenant, or the listed ones. */
export type AreaSet = { all: true } | { all: false; ids: string[] };

export async function areasWhere(db: Database, tenant: string, actor: Actor | null, roles: readonly Role[]): Promise<AreaSet> {
	const grants = (actor?.roles ?? []).filter((g) => roles.includes(g.role));
	if (grants.some((g) => g.areaId === null)) return { all: true };
	return { all: false, ids: await nestedAreas(db, tenant, grants.map((g) => g.areaId!)) };
}

export function inSet(set: AreaSet, areaId: string): boolean {
	return set.all || set.ids.includes(areaId);
}

export function isEmpty(set: AreaSet): boolean {
	return !set.all && set.ids.length === 0;
}

// The role sets are shared with the UI, which offers only what these checks allow.
import { READ_ROLES } from '$lib/users/access';
export { READ_ROLES, MANAGE_ROLES, REPORT_ROLES, IMPORT_ROLES } from '$lib/users/access';

/** The areas whose measures, events, zones and walks the actor reads (a partner's too); 401 without one. */
export async function readableAreas(db: Database, tenant: string, actor: Actor | null): Promise<AreaSet> {
	if (!actor) throw unauthenticated();
	return areasWhere(db, tenant, actor, [...READ_ROLES, 'partner']);
}

/** `column` names an area of the set, as a WHERE clause (false for no areas). */
export function inAreaSet(column: string, set: AreaSet) {
	if (set.all) return sql<SqlBool>`true`;
	return set.ids.length ? sql<SqlBool>`${sql.ref(column)} = ANY(${set.ids}::uuid[])` : sql<SqlBool>`false`;
}

/**
 * Where the actor may see individual incidents: areas of grants flagged `incidents`,
 * optionally only those of some roles (importing needs more than reading).
 */
export async function incidentAreas(db: Database, tenant: string, actor: Actor | null, roles?: readonly Role[]): Promise<AreaSet> {
	const grants = (actor?.roles ?? []).filter((g) => g.incidents && (!roles || roles.includes(g.role)));
	if (grants.some((g) => g.areaId === null)) return { all: true };
	return { all: false, ids: await nestedAreas(db, tenant, grants.map((g) => g.areaId!)) };
}


/**
 * `column` names the area or one nested in it (however deep), as a WHERE clause. Every step
 * names the tenant, so a distributed database reads the tenant's shard only.
 */
export function inAreaTree(column: string, areaId: string, tenant: string) {
	return sql<SqlBool>`${sql.ref(column)} IN (WITH RECURSIVE t AS (SELECT id FROM areas WHERE tenant_id = ${tenant} AND id = ${areaId} UNION ALL SELECT a.id FROM areas a JOIN t ON a.parent_id = t.id WHERE a.tenant_id = ${tenant}) SELECT id FROM t)`;
}
