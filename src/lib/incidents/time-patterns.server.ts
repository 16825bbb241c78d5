/**
 * When problems happen: incident counts per hour of the week (168, Monday 00–01 first, in
 * Stockholm) and per month, for an area or a problem zone, optionally one category.
 *
 * With incident access in the area (the zone's area for a zone) the counts are exact: the
 * area's own incidents (those the reader may list) inside the area or zone. Everyone else
 * gets them through the privacy grid ($lib/incidents/privacy): each 50 m cell the area or
 * zone meets adds its series coarsened on its own, weighted by the share of the cell inside;
 * when no cell holds enough, both series and the total are withheld whole (null), never a
 * blank here and a zero there.
 */
import { sql, type SqlBool } from 'kysely';
import type { Database } from '$lib/server/db';
import type { RequestContext } from '$lib/server/api/context';
import { inAreaTree } from '$lib/server/auth/scope.server';
import { HOURS_OF_WEEK } from '$lib/analysis/hour-profile';
import { getZone } from '$lib/zones/zones.server';
import { HOUR_OF_WEEK_LEVELS, MIN_INCIDENTS, monthLevels, PRIVACY_CELL_M, rounded, throughGrid } from './privacy';
import { gridCounts, hourOfWeekSql, incidentAccess, monthSql } from './privacy.server';
import type { IncidentCategory, TimePatterns } from './incident';

export interface TimePatternQuery {
	area?: string;
	zone?: string;
	from: string;
	to: string;
	category?: IncidentCategory;
}

/** The months ("YYYY-MM", Stockholm) from the one of `from` to the one before `to`. */
function monthsOf(from: string, to: string): string[] {
	const local = (iso: string) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date(iso)).slice(0, 7);
	const months: string[] = [];
	const last = local(new Date(Date.parse(to) - 1).toISOString());
	for (let m = local(from); m <= last; ) {
		months.push(m);
		const [y, mo] = m.split('-').map(Number);
		m = mo === 12 ? `${y! + 1}-01` : `${y}-${String(mo! + 1).padStart(2, '0')}`;
	}
	return months;
}

export async function timePatterns(db: Database, ctx: RequestContext, q: TimePatternQuery): Promise<TimePatterns> {
	const zone = q.zone ? await getZone(db, ctx, q.zone) : null;
	const areaId = zone?.properties.areaId ?? q.area!;
	const access = await incidentAccess(db, ctx, areaId);
	const region = zone ? sql`(SELECT geom FROM problem_zones WHERE id = ${zone.id})` : sql`(SELECT geom FROM areas WHERE id = ${areaId})`;
	const months = monthsOf(q.from, q.to);
	const head = { area: areaId, zone: zone?.id ?? null, category: q.category ?? null };

	if (!access.full) {
		const grid = await gridCounts(db, ctx.tenant, { region, from: q.from, to: q.to, category: q.category });
		const hours = throughGrid(grid.hours, HOUR_OF_WEEK_LEVELS, HOURS_OF_WEEK);
		const monthly = throughGrid(
			grid.months.map((c) => ({ share: c.share, counts: months.map((m) => c.counts.get(m) ?? 0) })),
			monthLevels(months),
			months.length
		);
		const shown = hours !== null && monthly !== null;
		return {
			...head,
			figures: shown ? 'aggregated' : 'withheld',
			total: shown ? rounded(hours.reduce((a, b) => a + b, 0)) : null,
			hourOfWeek: shown ? hours.map(rounded) : null,
			monthly: shown ? months.map((month, i) => ({ month, count: rounded(monthly[i]!) })) : null,
			suppressedBelow: MIN_INCIDENTS,
			gridCellM: PRIVACY_CELL_M
		};
	}

	const base = sql<SqlBool>`x.tenant_id = ${ctx.tenant} AND x.occurred_at >= ${q.from}::timestamptz AND x.occurred_at < ${q.to}::timestamptz
		AND ${q.category ? sql`x.category = ${q.category}` : sql`true`} AND ${inAreaTree('x.area_id', areaId, ctx.tenant)} AND ST_Intersects(x.geom, ${region})`;
	const { rows: hours } = await sql<{ how: number; n: number }>`
		SELECT ${hourOfWeekSql(sql.ref('x.occurred_at'))} AS how, count(*)::int AS n FROM incidents x WHERE ${base} GROUP BY 1`.execute(db);
	const { rows: counted } = await sql<{ month: string; n: number }>`
		SELECT ${monthSql(sql.ref('x.occurred_at'))} AS month, count(*)::int AS n FROM incidents x WHERE ${base} GROUP BY 1`.execute(db);
	const hourOfWeek = new Array<number>(HOURS_OF_WEEK).fill(0);
	for (const r of hours) hourOfWeek[r.how] = r.n;
	const byMonth = new Map(counted.map((m) => [m.month, m.n]));
	return {
		...head,
		figures: 'exact',
		total: hours.reduce((s, r) => s + r.n, 0),
		hourOfWeek,
		monthly: months.map((month) => ({ month, count: byMonth.get(month) ?? 0 })),
		suppressedBelow: null,
		gridCellM: null
	};
}
