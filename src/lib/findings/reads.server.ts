/** Reading findings: lists with filters, and one finding with its status history. */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '$lib/server/db';
import { intersectsBBox, type BBox } from '$lib/server/db/postgis';
import { forbidden, notFound } from '$lib/server/api/errors';
import { nestedAreas } from '$lib/server/auth/scope.server';
import type { RequestContext } from '$lib/server/api/context';
import { featureJson, historyAggregate, photosAggregate } from './feature.server';
import { canRead, inSetSql, scopeOf, visibleTo } from './visibility.server';
import { FINDING_LIST_DEFAULT, OPEN_STATUSES, type FindingCategory, type FindingCollection, type FindingFeature, type FindingStatus, type StatusChange } from './finding';

export interface FindingFilter {
	area?: string;
	walk?: string;
	category?: FindingCategory;
	status?: FindingStatus[];
	severity?: number;
	/** Reported on or after this date (YYYY-MM-DD, Europe/Stockholm). */
	from?: string;
	/** Reported on or before this date. */
	to?: string;
	partner?: string;
	bbox?: BBox;
	overdue?: boolean;
	reinspect?: boolean;
	/** At most this many, newest first (default FINDING_LIST_DEFAULT); `truncated` says when there were more. */
	limit?: number;
}

export type FindingWithHistory = FindingFeature & { properties: { history: StatusChange[] } };

function today(): string {
	return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
}

/**
 * Findings (alias `f`) of the tenant with what the feature shows; `showReporter` says per
 * row whether the caller sees the reporter, `history` adds the status history.
 */
export function selectFindings(db: Database, tenant: string, showReporter: RawBuilder<boolean>, history = false) {
	const feature = featureJson({
		finding: 'f',
		area: 'a',
		partner: 'p',
		reporter: 'u',
		audit: 'fa',
		photos: sql`(SELECT ${photosAggregate('ph')} FROM finding_photos ph WHERE ph.tenant_id = ${tenant} AND ph.finding_id = f.id)`,
		showReporter,
		history: history
			? sql`(SELECT ${historyAggregate('h', 'hu', showReporter)}
				FROM finding_status_history h LEFT JOIN users hu ON hu.tenant_id = ${tenant} AND hu.id = h.changed_by
				WHERE h.tenant_id = ${tenant} AND h.finding_id = f.id)`
			: undefined
	});
	return db
		.selectFrom('findings as f')
		// Every join names the tenant: a distributed database routes the query to its shard.
		.innerJoin('areas as a', (j) => j.onRef('a.tenant_id', '=', 'f.tenant_id').onRef('a.id', '=', 'f.area_id'))
		.leftJoin('partners as p', (j) => j.onRef('p.tenant_id', '=', 'f.tenant_id').onRef('p.id', '=', 'f.responsible_partner_id'))
		.leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'f.tenant_id').onRef('u.id', '=', 'f.reported_by'))
		.leftJoin('finding_audits as fa', (j) => j.onRef('fa.tenant_id', '=', 'f.tenant_id').onRef('fa.finding_id', '=', 'f.id'))
		.select(['f.area_id', 'f.walk_id', 'f.responsible_partner_id', feature.as('feature')])
		.where('f.tenant_id', '=', tenant);
}

export async function listFindings(db: Database, ctx: RequestContext, filter: FindingFilter = {}): Promise<FindingCollection> {
	const scope = await scopeOf(db, ctx);
	let query = selectFindings(db, ctx.tenant, inSetSql(scope.manage, 'f.area_id')).where(visibleTo(scope));
	if (filter.area) {
		// An area filter includes the areas nested inside it.
		const nested = await nestedAreas(db, ctx.tenant, [filter.area]);
		query = query.where('f.area_id', 'in', nested.length ? nested : [filter.area]);
	}
	if (filter.walk) query = query.where('f.walk_id', '=', filter.walk);
	if (filter.category) query = query.where('f.category', '=', filter.category);
	if (filter.status?.length) query = query.where('f.status', 'in', filter.status);
	if (filter.severity) query = query.where('f.severity', '=', filter.severity);
	if (filter.from) query = query.where(sql<SqlBool>`(f.created_at AT TIME ZONE 'Europe/Stockholm')::date >= ${filter.from}::date`);
	if (filter.to) query = query.where(sql<SqlBool>`(f.created_at AT TIME ZONE 'Europe/Stockholm')::date <= ${filter.to}::date`);
	if (filter.partner) query = query.where('f.responsible_partner_id', '=', filter.partner);
	if (filter.bbox) query = query.where(intersectsBBox('f.geom', filter.bbox));
	if (filter.reinspect !== undefined) query = query.where('f.reinspect', '=', filter.reinspect);
	if (filter.overdue)
		query = query.where('f.follow_up_on', '<', today()).where('f.status', 'in', [...OPEN_STATUSES]);
	const limit = filter.limit ?? FINDING_LIST_DEFAULT;
	const rows = await query.orderBy('f.created_at', 'desc').orderBy('f.id').limit(limit + 1).execute();
	return { type: 'FeatureCollection', features: rows.slice(0, limit).map((r) => r.feature), ...(rows.length > limit && { truncated: true }) };
}

/** One finding with its status history; 404 when it does not exist, 403 when it is not the caller's to see. */
export async function getFinding(db: Database, ctx: RequestContext, id: string): Promise<FindingWithHistory> {
	const scope = await scopeOf(db, ctx);
	const row = await selectFindings(db, ctx.tenant, inSetSql(scope.manage, 'f.area_id'), true).where('f.id', '=', id).executeTakeFirst();
	if (!row) throw notFound('finding');
	if (!canRead(scope, row)) throw forbidden('not_your_area', { entity: 'finding' });
	return row.feature as FindingWithHistory;
}
