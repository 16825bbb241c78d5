/**
 * The activities of an area and period, read from the database and turned into what the
 * analyses take by the shared rules in ./activities (the browser applies the same ones).
 */
import { sql, type SqlBool } from 'kysely';
import type { Database } from '$lib/server/db';
import type { RequestContext } from '$lib/server/api/context';
import { unauthenticated } from '$lib/server/api/errors';
import { areasWhere, inAreaTree, READ_ROLES } from '$lib/server/auth/scope.server';
import { asGeoJSON } from '$lib/server/db/postgis';
import type { Geometry } from '$lib/geometry/geojson';
import type { Activity } from './overlaps';
import { activitiesOf, type ActivityOptions, type Period } from './activities';

export type { Period, ActivityOptions } from './activities';

export async function activitiesIn(db: Database, ctx: RequestContext, areaId: string, period: Period, options: ActivityOptions = {}): Promise<Activity[]> {
	if (!ctx.actor) throw unauthenticated();
	const scope = await areasWhere(db, ctx.tenant, ctx.actor, [...READ_ROLES, 'partner']);
	const visible = (column: string) => (scope.all ? sql<SqlBool>`true` : sql<SqlBool>`${sql.ref(column)} = ANY(${scope.ids}::uuid[])`);

	const events = await db
		.selectFrom('events as e')
		.select([
			'e.id', 'e.kind', 'e.influence_radius_m',
			asGeoJSON<Geometry>('e.geom').as('geometry'),
			sql<{ startsAt: string; endsAt: string }[]>`(
				SELECT coalesce(json_agg(json_build_object('startsAt', o.starts_at, 'endsAt', o.ends_at) ORDER BY o.starts_at), '[]'::json)
				FROM event_occurrences o WHERE o.event_id = e.id AND NOT o.cancelled
					AND o.ends_at > ${period.from}::timestamptz AND o.starts_at < ${period.to}::timestamptz)`.as('occurrences')
		])
		.where('e.tenant_id', '=', ctx.tenant)
		.where('e.status', '<>', 'cancelled')
		.where(inAreaTree('e.area_id', areaId))
		.where(visible('e.area_id'))
		.execute();

	const measures = await db
		.selectFrom('measures as m')
		.select(['m.id', 'm.kind', 'm.status', 'm.influence_radius_m', 'm.active_hours', 'm.done_on', asGeoJSON<Geometry>('m.geom').as('geometry')])
		.where('m.tenant_id', '=', ctx.tenant)
		.where('m.status', '<>', 'cancelled')
		.where(inAreaTree('m.area_id', areaId))
		.where(visible('m.area_id'))
		.execute();

	return activitiesOf(
		events.map((e) => ({ id: e.id, kind: e.kind, status: 'planned', geometry: e.geometry, radiusM: e.influence_radius_m, occurrences: e.occurrences })),
		measures.map((m) => ({ id: m.id, kind: m.kind, status: m.status, geometry: m.geometry, radiusM: m.influence_radius_m, activeHours: m.active_hours as 'dark' | 'always', doneOn: m.done_on })),
		period,
		options
	);
}
