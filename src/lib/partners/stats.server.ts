/**
 * The compass's figures for the follow-up: which needs and problems are searched, how often
 * nothing fitting was found, which partners are chosen — per area and month. Read from the
 * counters `compass.server.ts` increments at write time (compass_stats: area, month, metric,
 * subject, count), so nothing about who searched, in which session, where they stood or when
 * within the month exists to be read.
 *
 * `compassFigures` is what the steering-group report includes as its section on the compass.
 */
import { sql } from 'kysely';
import type { Db } from '$lib/server/db';
import { checkedPeriod } from '$lib/server/api/period';
import type { CompassFigures } from './directory';

/** At most three years of months in one answer. */
export const STATS_MAX_DAYS = 3 * 366;

export type { CompassFigures, SubjectCount } from './directory';

/**
 * The figures of an area (with the areas nested in it) for the months from `from` to `to`
 * (YYYY-MM-DD; the months they fall in, both included).
 */
export async function compassFigures(db: Db, tenant: string, areaId: string, from: string, to: string): Promise<CompassFigures> {
	checkedPeriod(from, to, STATS_MAX_DAYS);
	const first = `${from.slice(0, 7)}-01`;
	const last = `${to.slice(0, 7)}-01`;
	const { rows } = await sql<{ month: string; metric: string; subject: string; count: number }>`
		WITH RECURSIVE down AS (
			SELECT id, 0 AS depth FROM areas WHERE tenant_id = ${tenant} AND id = ${areaId}::uuid
			UNION ALL SELECT a.id, down.depth + 1 FROM areas a JOIN down ON a.parent_id = down.id WHERE down.depth < 20)
		SELECT to_char(month, 'YYYY-MM') AS month, metric, subject, sum(count)::int AS count
		FROM compass_stats
		WHERE tenant_id = ${tenant} AND area_id IN (SELECT id FROM down) AND month BETWEEN ${first}::date AND ${last}::date
		GROUP BY month, metric, subject
		ORDER BY month, metric, subject`.execute(db);

	const months: CompassFigures['months'] = [];
	for (let m = first; m <= last; ) {
		months.push({ month: m.slice(0, 7), searches: 0, noMatch: 0, choices: 0 });
		const [y, mo] = m.split('-').map(Number) as [number, number];
		m = mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`;
	}
	const bySubject = new Map<string, { count: number; noMatch: number }>();
	const chosen = new Map<string, number>();
	for (const r of rows) {
		const month = months.find((m) => m.month === r.month);
		if (r.metric === 'search') {
			if (month) month.searches += r.count;
			bySubject.set(r.subject, { count: (bySubject.get(r.subject)?.count ?? 0) + r.count, noMatch: bySubject.get(r.subject)?.noMatch ?? 0 });
		} else if (r.metric === 'no_match') {
			if (month) month.noMatch += r.count;
			bySubject.set(r.subject, { count: bySubject.get(r.subject)?.count ?? 0, noMatch: (bySubject.get(r.subject)?.noMatch ?? 0) + r.count });
		} else {
			if (month) month.choices += r.count;
			chosen.set(r.subject, (chosen.get(r.subject) ?? 0) + r.count);
		}
	}
	const names = chosen.size
		? await db.selectFrom('partners').select(['id', 'name']).where('tenant_id', '=', tenant).where('id', 'in', [...chosen.keys()]).execute()
		: [];
	const searches = [...bySubject.entries()]
		.map(([subject, v]) => ({ subject, count: v.count, noMatch: v.noMatch, noMatchShare: v.count ? v.noMatch / v.count : 0 }))
		.sort((a, b) => b.count - a.count || a.subject.localeCompare(b.subject));
	const choices = [...chosen.entries()]
		// A partner removed since keeps its count, without a name.
		.map(([subject, count]) => ({ subject, count, name: names.find((n) => n.id === subject)?.name ?? '' }))
		.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
	return {
		areaId,
		from,
		to,
		months,
		searches,
		choices,
		totals: {
			searches: months.reduce((s, m) => s + m.searches, 0),
			noMatch: months.reduce((s, m) => s + m.noMatch, 0),
			choices: months.reduce((s, m) => s + m.choices, 0)
		}
	};
}
