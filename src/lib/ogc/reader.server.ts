/**
 * Who reads the OGC API, worked out once per request: the areas each of the app's own read
 * rules gives the actor (the same rules as the list endpoints: readers of an area, partners
 * only what is routed to them, individual incidents only with incident access), and which
 * collections the deployment makes public (LYKTA_OGC_PUBLIC) — those everyone reads whole,
 * logged in or not.
 */
import type { Database } from '$lib/server/db';
import type { RequestContext } from '$lib/server/api/context';
import { config } from '$lib/server/config';
import { areasWhere, incidentAreas, READ_ROLES, type AreaSet } from '$lib/server/auth/scope.server';

export interface Reader {
	tenant: string;
	/** Logged in (session or API token). */
	signedIn: boolean;
	/** Areas whose walks, measures, events, zones (and incident cells) the actor reads. */
	readable: AreaSet;
	/** Findings: all of the `read` areas', and in `partner` areas those routed to `partnerId`. */
	findings: { read: AreaSet; partner: AreaSet; partnerId: string | null };
	/** Areas with individual incidents (and exact incident figures). */
	incidents: AreaSet;
	/** Collections the deployment serves to everyone. */
	publicIds: ReadonlySet<string>;
}

export const NO_AREAS: AreaSet = { all: false, ids: [] };
export const ALL_AREAS: AreaSet = { all: true };

export async function readerOf(db: Database, ctx: RequestContext): Promise<Reader> {
	const publicIds = new Set(config.LYKTA_OGC_PUBLIC);
	const actor = ctx.actor;
	if (!actor) return { tenant: ctx.tenant, signedIn: false, readable: NO_AREAS, findings: { read: NO_AREAS, partner: NO_AREAS, partnerId: null }, incidents: NO_AREAS, publicIds };
	// Sequential: on the embedded database every query shares one connection anyway.
	const readable = await areasWhere(db, ctx.tenant, actor, [...READ_ROLES, 'partner']);
	const read = await areasWhere(db, ctx.tenant, actor, READ_ROLES);
	const partner = await areasWhere(db, ctx.tenant, actor, ['partner']);
	const incidents = await incidentAreas(db, ctx.tenant, actor);
	return { tenant: ctx.tenant, signedIn: true, readable, findings: { read, partner, partnerId: actor.partnerId }, incidents, publicIds };
}
