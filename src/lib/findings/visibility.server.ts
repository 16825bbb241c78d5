/**
 * Who sees which findings (DESIGN §7, issue 3): readers of the area see all of its
 * findings; partners only those routed to their organisation; walk guests the findings of
 * their walk; only coordinators and admins of the area see who reported a finding.
 */
import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
import type { Database, DB } from '$lib/server/db';
import { unauthenticated } from '$lib/server/api/errors';
import { areasWhere, inSet, isEmpty, nestedAreas, MANAGE_ROLES, READ_ROLES, type AreaSet } from '$lib/server/auth/scope.server';
import type { RequestContext } from '$lib/server/api/context';

export interface Scope {
	read: AreaSet;
	/** Areas where the actor is a partner: only findings routed to its organisation. */
	partner: AreaSet;
	partnerId: string | null;
	manage: AreaSet;
	guestWalk: string | null;
}

const NONE: AreaSet = { all: false, ids: [] };

export async function scopeOf(db: Database, ctx: RequestContext): Promise<Scope> {
	if (!ctx.actor) {
		if (ctx.guest) return { read: NONE, partner: NONE, partnerId: null, manage: NONE, guestWalk: ctx.guest.walkId };
		throw unauthenticated();
	}
	const [read, partner, manage] = [
		await areasWhere(db, ctx.tenant, ctx.actor, READ_ROLES),
		await areasWhere(db, ctx.tenant, ctx.actor, ['partner']),
		await areasWhere(db, ctx.tenant, ctx.actor, MANAGE_ROLES)
	];
	return { read, partner, partnerId: ctx.actor.partnerId, manage, guestWalk: null };
}

export function canRead(scope: Scope, row: { area_id: string; walk_id: string | null; responsible_partner_id: string | null }): boolean {
	if (scope.guestWalk) return row.walk_id === scope.guestWalk;
	if (inSet(scope.read, row.area_id)) return true;
	return scope.partnerId !== null && inSet(scope.partner, row.area_id) && row.responsible_partner_id === scope.partnerId;
}

/** `column` holds an area of the set, as a condition. */
export function inSetSql(set: AreaSet, column: string): RawBuilder<boolean> {
	if (set.all) return sql<boolean>`true`;
	if (set.ids.length === 0) return sql<boolean>`false`;
	return sql<boolean>`${sql.ref(column)} = ANY(${set.ids}::uuid[])`;
}

/** The findings (alias `f`) the scope may see, as a WHERE clause: lists never leak rows of other areas. */
export function visibleTo(scope: Scope) {
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

/** A guest's walk area and the areas inside it. */
export async function guestAreas(db: Database, ctx: RequestContext): Promise<string[]> {
	return nestedAreas(db, ctx.tenant, [ctx.guest!.areaId]);
}
