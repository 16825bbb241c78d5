/**
 * When problems happen: incident counts per hour of the week (168, Monday 00–01 first, in
 * Stockholm) and per month, for an area or a problem zone, optionally one category. For
 * roles without incident access in the area, counts under MIN_CELL_COUNT are given as
 * null ("fewer than 3"), like the hotspot cells.
 */
import { sql, type SqlBool } from 'kysely';
import type { Database } from '$lib/server/db';
import type { RequestContext } from '$lib/server/api/context';
import { incidentAccess } from './hotspots.server';
import { getZone } from '$lib/zones/zones.server';
import { MIN_CELL_COUNT, type IncidentCategory } from './incident';

export interface TimePatternQuery {
	area?: string;
	zone?: string;
	from: string;
	to: string;
	category?: IncidentCategory;
}

export async function timePatterns(db: Database, ctx: RequestContext, q: TimePatternQuery) {
	const zone = q.zone ? await getZone(db, ctx, q.zone) : null;
	const areaId = zone?.properties.areaId ?? q.area!;
	const access = await incidentAccess(db, ctx, areaId);
	const where = zone
		? sql<SqlBool>`ST_Intersects(x.geom, (SELECT geom FROM problem_zones WHERE id = ${zone.id}))`
		: sql<SqlBool>`ST_Intersects(x.geom, (SELECT geom FROM areas WHERE id = ${areaId}))`;
	const base = sql<SqlBool>`x.tenant_id = ${ctx.tenant} AND x.occurred_at >= ${q.from}::timestamptz AND x.occurred_at < ${q.to}::timestamptz
		AND ${q.category ? sql`x.category = ${q.category}` : sql`true`} AND ${where}`;
	const { rows: hours } = await sql<{ how: number; n: number }>`
		SELECT ((extract(isodow FROM x.occurred_at AT TIME ZONE 'Europe/Stockholm')::int - 1) * 24
			+ extract(hour FROM x.occurred_at AT TIME ZONE 'Europe/Stockholm')::int) AS how, count(*)::int AS n
		FROM incidents x WHERE ${base} GROUP BY 1`.execute(db);
	const { rows: months } = await sql<{ month: string; n: number }>`
		SELECT to_char(x.occurred_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM') AS month, count(*)::int AS n
		FROM incidents x WHERE ${base} GROUP BY 1 ORDER BY 1`.execute(db);

	const shown = (n: number) => (access.full || n >= MIN_CELL_COUNT ? n : null);
	const hourOfWeek = new Array<number | null>(168).fill(0);
	for (const r of hours) hourOfWeek[r.how] = shown(r.n);
	// Every month of the period, empty ones too.
	const monthly: { month: string; count: number | null }[] = [];
	const local = (iso: string) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date(iso)).slice(0, 7);
	const byMonth = new Map(months.map((m) => [m.month, m.n]));
	const last = local(new Date(Date.parse(q.to) - 1).toISOString());
	for (let m = local(q.from); m <= last; ) {
		monthly.push({ month: m, count: shown(byMonth.get(m) ?? 0) });
		const [y, mo] = m.split('-').map(Number);
		m = mo === 12 ? `${y! + 1}-01` : `${y}-${String(mo! + 1).padStart(2, '0')}`;
	}
	return {
		area: areaId,
		zone: zone?.id ?? null,
		category: q.category ?? null,
		total: hours.reduce((s, r) => s + r.n, 0),
		hourOfWeek,
		monthly,
		suppressedBelow: access.full ? null : MIN_CELL_COUNT
	};
}
