/**
 * The activities of an area and period as the analyses take them: events with their
 * occurrences in the period, and measures (not cancelled) active from their done date —
 * or, while still planned, from the start of the period, to compare plans — lighting only
 * in the dark hours at that place.
 */
import { sql, type SqlBool } from 'kysely';
import type { Database } from '$lib/server/db';
import type { RequestContext } from '$lib/server/api/context';
import { unauthenticated } from '$lib/server/api/errors';
import { areasWhere, READ_ROLES } from '$lib/server/auth/scope.server';
import { asGeoJSON } from '$lib/server/db/postgis';
import type { Geometry } from '$lib/geometry/geojson';
import { bboxOfGeometry } from '$lib/geometry/geojson';
import { darkIntervals } from '$lib/measures/dark-hours';
import { stockholmIso } from '$lib/time/stockholm';
import type { Activity } from './overlaps';

export interface Period {
	/** ISO instants. */
	from: string;
	to: string;
}

export interface ActivityOptions {
	/**
	 * Planned measures (not yet done) count from the start of the period, to compare plans
	 * (default, as the overlap analysis wants); false: only done measures, from their done
	 * date, as coverage defines it.
	 */
	plannedMeasures?: boolean;
}

export async function activitiesIn(db: Database, ctx: RequestContext, areaId: string, period: Period, options: ActivityOptions = {}): Promise<Activity[]> {
	const planned = options.plannedMeasures ?? true;
	if (!ctx.actor) throw unauthenticated();
	const scope = await areasWhere(db, ctx.tenant, ctx.actor, [...READ_ROLES, 'partner']);
	const nested = sql`(WITH RECURSIVE t AS (SELECT id FROM areas WHERE id = ${areaId} UNION ALL SELECT a.id FROM areas a JOIN t ON a.parent_id = t.id) SELECT id FROM t)`;
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
		.where(sql<SqlBool>`e.area_id IN ${nested}`)
		.where(visible('e.area_id'))
		.execute();

	const measures = await db
		.selectFrom('measures as m')
		.select(['m.id', 'm.kind', 'm.status', 'm.influence_radius_m', 'm.active_hours', 'm.done_on', asGeoJSON<Geometry>('m.geom').as('geometry')])
		.where('m.tenant_id', '=', ctx.tenant)
		.where('m.status', '<>', 'cancelled')
		.where(sql<SqlBool>`m.area_id IN ${nested}`)
		.where(visible('m.area_id'))
		.execute();

	const iso = (v: string) => new Date(v).toISOString();
	const activities: Activity[] = events
		.filter((e) => e.occurrences.length > 0)
		.map((e) => ({
			id: e.id,
			kind: 'event',
			subkind: e.kind,
			geometry: e.geometry,
			radiusM: e.influence_radius_m,
			intervals: e.occurrences.map((o) => ({ startsAt: iso(o.startsAt), endsAt: iso(o.endsAt) }))
		}));
	for (const m of measures) {
		if (!planned && (m.status !== 'done' || !m.done_on)) continue;
		const start = m.done_on ? new Date(stockholmIso(m.done_on, '00:00')!).toISOString() : period.from;
		const from = start > period.from ? start : period.from;
		if (from >= period.to) continue;
		const [w, s, e, n] = bboxOfGeometry(m.geometry);
		const intervals = m.active_hours === 'dark'
			? darkIntervals(from, period.to, (w + e) / 2, (s + n) / 2).map((d) => ({ startsAt: d.startsAt, endsAt: d.endsAt }))
			: [{ startsAt: from, endsAt: period.to }];
		activities.push({ id: m.id, kind: 'measure', subkind: m.kind, geometry: m.geometry, radiusM: m.influence_radius_m, intervals });
	}
	return activities;
}
