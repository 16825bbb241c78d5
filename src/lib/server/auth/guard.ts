/**
 * The permission checks every mutating endpoint opens with. Roles are granted per area
 * and inherited by nested areas; `admin` may do everything a role may, where it holds.
 * No user → 401; a user without the role in the area → 403.
 */
import { sql } from 'kysely';
import type { Actor, Role } from '$lib/users/user';
import type { Database } from '../db';
import { badRequest, forbidden, unauthenticated } from '../api/errors';

export function requireUser(actor: Actor | null): Actor {
	if (!actor) throw unauthenticated();
	return actor;
}

/** The area and all its ancestors, nearest first; empty when the area does not exist. */
export async function areaLineage(db: Database, tenant: string, areaId: string): Promise<string[]> {
	const { rows } = await sql<{ id: string }>`
		WITH RECURSIVE lineage AS (
			SELECT id, parent_id, 0 AS depth FROM areas WHERE id = ${areaId} AND tenant_id = ${tenant}
			UNION ALL
			SELECT a.id, a.parent_id, l.depth + 1 FROM areas a JOIN lineage l ON a.id = l.parent_id
			WHERE l.depth < 20
		)
		SELECT id FROM lineage ORDER BY depth`.execute(db);
	return rows.map((r) => r.id);
}

function holds(actor: Actor, roles: readonly Role[], areaIds: readonly string[] | null): boolean {
	return actor.roles.some(
		(grant) =>
			(grant.role === 'admin' || roles.includes(grant.role)) &&
			(grant.areaId === null || (areaIds !== null && areaIds.includes(grant.areaId)))
	);
}

/**
 * Requires one of `roles` in the area (directly or through an enclosing area), or in every
 * area when `areaId` is null. Returns the actor for convenience.
 */
export async function requireRole(
	db: Database,
	tenant: string,
	actor: Actor | null,
	roles: readonly Role[],
	areaId: string | null
): Promise<Actor> {
	const user = requireUser(actor);
	if (holds(user, roles, null)) return user;
	if (areaId === null) throw forbidden('every_area');
	const lineage = await areaLineage(db, tenant, areaId);
	// Paths check their own record first (404); an unknown area here came in the request body.
	if (lineage.length === 0) throw badRequest('unknown_reference', 'The area does not exist.', { areaId, entity: 'area' });
	if (!holds(user, roles, lineage)) throw forbidden('role_in_area', { areaId });
	return user;
}

/** Requires the role in every one of the areas (e.g. a partner linked to several areas). */
export async function requireRoleInAll(
	db: Database,
	tenant: string,
	actor: Actor | null,
	roles: readonly Role[],
	areaIds: readonly string[]
): Promise<Actor> {
	const user = requireUser(actor);
	if (holds(user, roles, null)) return user;
	if (areaIds.length === 0) throw forbidden('every_area');
	for (const areaId of areaIds) await requireRole(db, tenant, user, roles, areaId);
	return user;
}
