/**
 * The activities of an area and period as the analyses take them: events that are not
 * cancelled with their occurrences in the period, and measures that are not cancelled,
 * read with the actor's area scope (computed once per request by the caller). They leave
 * here as plain rows; the shared rules in $lib/analysis/activities turn them into
 * activities in the analysis worker, as the browser does for its what-if.
 */
import { sql, type SqlBool } from 'kysely';
import type { Database } from '$lib/server/db';
import type { RequestContext } from '$lib/server/api/context';
import { badRequest, unauthenticated } from '$lib/server/api/errors';
import { areasWhere, inAreaTree, READ_ROLES, type AreaSet } from '$lib/server/auth/scope.server';
import { asGeoJSON } from '$lib/server/db/postgis';
import { runAnalysis } from '$lib/server/workers/pool';
import { MAX_ANALYSIS_ACTIVITIES } from '$lib/analysis/limits';
import type { EventLike, MeasureLike, Period } from '$lib/analysis/activities';
import type { Geometry } from '$lib/geometry/geojson';

/** The areas whose activities and zones the actor reads (partners included: they are aggregates). */
export async function analysisScope(db: Database, ctx: RequestContext): Promise<AreaSet> {
	if (!ctx.actor) throw unauthenticated();
	return areasWhere(db, ctx.tenant, ctx.actor, [...READ_ROLES, 'partner']);
}

/**
 * Events with an occurrence in the period and measures (only done ones with
 * `doneMeasuresOnly`, as coverage counts them), refused with `too_many_activities` when
 * an analysis would have to weigh more than MAX_ANALYSIS_ACTIVITIES of them.
 */
export async function activityRowsIn(
	db: Database,
	ctx: RequestContext,
	scope: AreaSet,
	areaId: string,
	period: Period,
	options: { doneMeasuresOnly?: boolean } = {}
): Promise<{ events: EventLike[]; measures: MeasureLike[] }> {
	const visible = (column: string) => (scope.all ? sql<SqlBool>`true` : sql<SqlBool>`${sql.ref(column)} = ANY(${scope.ids}::uuid[])`);
	const inPeriod = sql<SqlBool>`o.tenant_id = ${ctx.tenant} AND o.event_id = e.id AND NOT o.cancelled AND o.ends_at > ${period.from}::timestamptz AND o.starts_at < ${period.to}::timestamptz`;

	const events = await db
		.selectFrom('events as e')
		.select([
			'e.id', 'e.kind', 'e.influence_radius_m',
			asGeoJSON<Geometry>('e.geom').as('geometry'),
			sql<{ startsAt: string; endsAt: string }[]>`(
				SELECT coalesce(json_agg(json_build_object('startsAt', o.starts_at, 'endsAt', o.ends_at) ORDER BY o.starts_at), '[]'::json)
				FROM event_occurrences o WHERE ${inPeriod})`.as('occurrences')
		])
		.where('e.tenant_id', '=', ctx.tenant)
		.where('e.status', '<>', 'cancelled')
		.where(inAreaTree('e.area_id', areaId, ctx.tenant))
		.where(visible('e.area_id'))
		// Events with nothing in the period are no activity of it (the shared rules drop them too).
		.where(sql<SqlBool>`EXISTS (SELECT 1 FROM event_occurrences o WHERE ${inPeriod})`)
		.limit(MAX_ANALYSIS_ACTIVITIES + 1)
		.execute();

	let measureQuery = db
		.selectFrom('measures as m')
		.select(['m.id', 'm.kind', 'm.status', 'm.influence_radius_m', 'm.active_hours', 'm.done_on', asGeoJSON<Geometry>('m.geom').as('geometry')])
		.where('m.tenant_id', '=', ctx.tenant)
		.where('m.status', '<>', 'cancelled')
		.where(inAreaTree('m.area_id', areaId, ctx.tenant))
		.where(visible('m.area_id'));
	if (options.doneMeasuresOnly) measureQuery = measureQuery.where('m.status', '=', 'done').where('m.done_on', 'is not', null);
	const measures = await measureQuery.limit(MAX_ANALYSIS_ACTIVITIES + 1 - events.length).execute();

	const count = events.length + measures.length;
	if (count > MAX_ANALYSIS_ACTIVITIES)
		throw badRequest(
			'too_many_activities',
			`The area has more than ${MAX_ANALYSIS_ACTIVITIES} events and measures in this period, more than one analysis weighs: choose a smaller area or a shorter period.`,
			{ field: 'area', limit: MAX_ANALYSIS_ACTIVITIES }
		);
	return {
		events: events.map((e) => ({ id: e.id, kind: e.kind, status: 'planned', geometry: e.geometry, radiusM: e.influence_radius_m, occurrences: e.occurrences })),
		measures: measures.map((m) => ({ id: m.id, kind: m.kind, status: m.status, geometry: m.geometry, radiusM: m.influence_radius_m, activeHours: m.active_hours as 'dark' | 'always', doneOn: m.done_on }))
	};
}

/**
 * Conflicts and redundancies among the activities of an area and period (see
 * $lib/analysis/overlaps), worked out in the analysis worker.
 */
export async function areaOverlaps(db: Database, ctx: RequestContext, areaId: string, period: Period) {
	const scope = await analysisScope(db, ctx);
	const rows = await activityRowsIn(db, ctx, scope, areaId, period);
	return runAnalysis({ kind: 'overlaps', ...rows, period });
}
