/**
 * The area overview (lägesbild), survey indicators and the walk schedule (issue 14 items 2–4)
 * on the demo data: survey figures recorded, changed and deleted by the area's coordinators and
 * admins only, bad input and stale versions refused with nothing changed; the walk schedule's
 * counts and overdue list equal direct SQL and hand-worked rules; the overview's figures equal
 * counts taken here directly in SQL; a reader without incident access gets the incident trend
 * only through the privacy grid.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { api, db, resetDatabase, tenant } from './harness';
import { loadDemo, upsertAccount } from '../../src/lib/server/demo/load';
import { createApiToken } from '../../src/lib/server/auth/actors.server';
import { stockholmToday } from '../../src/lib/time/stockholm';

const tokens: Record<string, string> = {};
let tanto: string;
let drakenberg: string;
let tantoProgramme: string;

/** The area and the areas nested in it, as SQL. */
const tree = (id: string) => sql`(WITH RECURSIVE t AS (SELECT id FROM areas WHERE id = ${id} UNION ALL SELECT a.id FROM areas a JOIN t ON a.parent_id = t.id) SELECT id FROM t)`;

beforeAll(async () => {
	await resetDatabase();
	await loadDemo(db(), tenant, 'Test');
	const areas = await db().selectFrom('areas').select(['id', 'slug']).execute();
	const area = (slug: string) => areas.find((a) => a.slug === slug)!.id;
	tanto = area('tantolunden');
	drakenberg = area('drakenbergsparken');
	tantoProgramme = (await db().selectFrom('programmes').select(['id', 'name']).execute()).find((p) => p.name.startsWith('Sommar i Tanto'))!.id;
	await upsertAccount(db(), tenant, { email: 'skarholmen@lykta.example', password: 'lykta-demo-2023', displayName: 'Skärholmen', role: 'coordinator', areaId: area('skarholmen'), incidents: true });
	for (const email of ['admin@lykta.example', 'samordnare@lykta.example', 'vandrare@lykta.example', 'partner@lykta.example', 'lasare@lykta.example', 'skarholmen@lykta.example']) {
		const user = await db().selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
		tokens[email.split('@')[0]!] = (await createApiToken(db(), tenant, user.id, 'overview test')).token;
	}
}, 240_000);

const surveyCount = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM survey_indicators`.execute(db())).rows[0]!.n);
const auditCount = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log`.execute(db())).rows[0]!.n);

describe('survey indicators', () => {
	const path = () => `/api/areas/${tanto}/survey-indicators`;
	const figure = { indicator: 'share_unsafe', label: 'Andel som känner sig otrygga', year: 2025, value: 0.215, respondents: 142, source: 'Trygghetsmätning 2025' };
	let created: any;

	it('lists the area’s figures per indicator as the table holds them, with the plan’s targets', async () => {
		const res = await api('GET', path(), { as: tokens.lasare });
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		const rows = await db().selectFrom('survey_indicators').select(['id', 'year', 'value', 'respondents']).where('area_id', '=', tanto).where('indicator', '=', 'share_unsafe').orderBy('year').execute();
		expect(rows.length).toBe(4);
		const series = res.body.indicators.find((s: any) => s.indicator === 'share_unsafe');
		expect(series.figures.map((f: any) => [f.id, f.year, f.value, f.respondents])).toEqual(rows.map((r) => [r.id, r.year, r.value, r.respondents]));
		// The demo plan's target on this indicator (Sommar i Tanto: at most 15 %), as the goal holds it.
		const goals = await db().selectFrom('programme_goals').select(['id', 'target_comparison', 'target_value', 'target_date', 'baseline_value', 'baseline_year', 'programme_id'])
			.where('target_indicator', '=', 'share_unsafe').execute();
		expect(goals.length).toBe(1);
		expect(series.targets).toHaveLength(1);
		expect(series.targets[0]).toMatchObject({
			comparison: goals[0]!.target_comparison, targetValue: goals[0]!.target_value, targetDate: goals[0]!.target_date,
			baselineValue: goals[0]!.baseline_value, baselineYear: goals[0]!.baseline_year, programmeId: tantoProgramme
		});
		expect(series.targets[0]).toMatchObject({ comparison: 'at_most', targetValue: 0.15 });
		expect(res.body.writable).toBe(false);
		expect((await api('GET', path(), { as: tokens.samordnare })).body.writable).toBe(true);
		// Drakenbergsparken is not in Sommar i Tanto's areas? It is a neighbour, with its own figures only.
		const other = await api('GET', `/api/areas/${drakenberg}/survey-indicators`, { as: tokens.lasare });
		expect(other.body.indicators[0].figures.every((f: any) => f.areaId === drakenberg)).toBe(true);
	});

	it('records a figure for a coordinator of the area, with an audit row', async () => {
		const audits = await auditCount();
		const res = await api('POST', path(), { as: tokens.samordnare, json: figure });
		expect(res.status, JSON.stringify(res.body)).toBe(201);
		created = res.body;
		expect(created).toMatchObject({ ...figure, areaId: tanto, unit: 'share', version: 1 });
		const row = await db().selectFrom('survey_indicators').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
		expect(row).toMatchObject({ value: 0.215, year: 2025, respondents: 142, source: 'Trygghetsmätning 2025', tenant_id: tenant });
		expect(await auditCount()).toBe(audits + 1);
		const again = await api('POST', path(), { as: tokens.admin, json: figure });
		expect(again.status).toBe(409);
		expect(again.body.error).toMatchObject({ code: 'survey_figure_exists', details: { id: created.id } });
	});

	it('refuses writes from everyone but the area’s coordinators and admins, changing nothing', async () => {
		const before = await surveyCount();
		const audits = await auditCount();
		for (const who of ['vandrare', 'partner', 'lasare', 'skarholmen']) {
			const res = await api('POST', path(), { as: tokens[who], json: { ...figure, year: 2026 } });
			expect(res.status, who).toBe(403);
			expect(res.body.error.code, who).toBe('forbidden');
			expect((await api('PATCH', `${path()}/${created.id}`, { as: tokens[who], json: { version: 1, value: 0.5 } })).status, who).toBe(403);
			expect((await api('DELETE', `${path()}/${created.id}?version=1`, { as: tokens[who] })).status, who).toBe(403);
		}
		expect((await api('POST', path(), { json: figure })).status).toBe(401);
		expect(await surveyCount()).toBe(before);
		expect(await auditCount()).toBe(audits);
		expect((await db().selectFrom('survey_indicators').select('value').where('id', '=', created.id).executeTakeFirstOrThrow()).value).toBe(0.215);
	});

	it('refuses bad input with a 400 in the error shape, changing nothing', async () => {
		const before = await surveyCount();
		const cases: [unknown, string, string?][] = [
			[{ ...figure, year: 2030, value: 1.2 }, 'validation_failed', 'value'],
			[{ ...figure, year: 2030, value: -0.01 }, 'validation_failed', 'value'],
			[{ ...figure, year: 1989 }, 'validation_failed', 'year'],
			[{ ...figure, year: 2101 }, 'validation_failed', 'year'],
			[{ ...figure, year: 2030.5 }, 'validation_failed', 'year'],
			[{ ...figure, year: 2030, indicator: 'Share Unsafe' }, 'validation_failed', 'indicator'],
			[{ ...figure, year: 2030, respondents: -3 }, 'validation_failed', 'respondents'],
			[{ ...figure, year: 2030, unit: 'percent' }, 'validation_failed', 'unit'],
			[{ ...figure, year: 2030, colour: 'red' }, 'validation_failed', 'colour'],
			[{ ...figure, year: 2030, value: '0.2' }, 'validation_failed', 'value'],
			[{ ...figure, year: 2030, source: 'Mätning\u0000' }, 'control_characters']
		];
		for (const [body, code, field] of cases) {
			const res = await api('POST', path(), { as: tokens.samordnare, json: body });
			expect(res.status, JSON.stringify(body)).toBe(400);
			expect(res.body.error.code, JSON.stringify(body)).toBe(code);
			expect(typeof res.body.error.message).toBe('string');
			if (field) expect(res.body.error.details.map((d: any) => d.path), JSON.stringify(body)).toContain(field);
		}
		const patch = await api('PATCH', `${path()}/${created.id}`, { as: tokens.samordnare, json: { version: 1, value: 3 } });
		expect(patch.status).toBe(400);
		// A count may exceed 1; a share may not, also when the change is only of the value.
		expect((await api('POST', path(), { as: tokens.samordnare, json: { ...figure, indicator: 'respondents_total', unit: 'count', value: 230 } })).status).toBe(201);
		expect(await surveyCount()).toBe(before + 1);
		expect((await api('GET', `/api/areas/${tanto}/survey-indicators/not-an-id`, { as: tokens.admin })).status).toBe(404);
		expect((await api('GET', `/api/areas/00000000-0000-4000-8000-000000000000/survey-indicators`, { as: tokens.admin })).status).toBe(404);
		// A figure asked for under another area is not found there.
		expect((await api('PATCH', `/api/areas/${drakenberg}/survey-indicators/${created.id}`, { as: tokens.admin, json: { version: 1, value: 0.3 } })).status).toBe(404);
	});

	it('changes a figure with its version, refuses a stale one (409) and deletes with the current one', async () => {
		const res = await api('PATCH', `${path()}/${created.id}`, { as: tokens.samordnare, json: { version: 1, value: 0.198, respondents: 150 } });
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		expect(res.body).toMatchObject({ value: 0.198, respondents: 150, version: 2 });
		const stale = await api('PATCH', `${path()}/${created.id}`, { as: tokens.admin, json: { version: 1, value: 0.5 } });
		expect(stale.status).toBe(409);
		expect(stale.body.error.code).toBe('version_conflict');
		expect((await db().selectFrom('survey_indicators').select(['value', 'version']).where('id', '=', created.id).executeTakeFirstOrThrow())).toEqual({ value: 0.198, version: 2 });
		const noVersion = await api('PATCH', `${path()}/${created.id}`, { as: tokens.admin, json: { value: 0.5 } });
		expect(noVersion.status).toBe(400);
		expect((await api('DELETE', `${path()}/${created.id}?version=1`, { as: tokens.samordnare })).status).toBe(409);
		const audit = await db().selectFrom('audit_log').select(['action', 'before', 'after']).where('entity', '=', 'survey_figure').where('entity_id', '=', created.id).orderBy('id').execute();
		expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
		expect((audit[1]!.before as any).value).toBe(0.215);
		expect((audit[1]!.after as any).value).toBe(0.198);
		// Kept for the overview below: the chart shows 2025.
	});
});

// ------------------------------------------------------------------ walk schedule

/** The direct counts of a year's walks in one area by kind and state, read at `cutoff`. */
async function walkCounts(areaId: string, year: number, cutoff: string) {
	const { rows } = await sql<{ kind: string; done: number; not_recorded: number; planned: number }>`
		SELECT w.kind,
			count(*) FILTER (WHERE w.starts_at < ${cutoff}::timestamptz AND (w.participant_count IS NOT NULL OR EXISTS (SELECT 1 FROM findings f WHERE f.walk_id = w.id)))::int AS done,
			count(*) FILTER (WHERE w.starts_at < ${cutoff}::timestamptz AND w.participant_count IS NULL AND NOT EXISTS (SELECT 1 FROM findings f WHERE f.walk_id = w.id))::int AS not_recorded,
			count(*) FILTER (WHERE w.starts_at >= ${cutoff}::timestamptz)::int AS planned
		FROM walks w WHERE w.area_id = ${areaId}
			AND w.starts_at >= make_timestamptz(${year}, 1, 1, 0, 0, 0, 'Europe/Stockholm') AND w.starts_at < make_timestamptz(${year} + 1, 1, 1, 0, 0, 0, 'Europe/Stockholm')
		GROUP BY w.kind`.execute(db());
	const of = (kind: string) => rows.find((r) => r.kind === kind) ?? { done: 0, not_recorded: 0, planned: 0 };
	return { safety_walk: of('safety_walk'), centre_inspection: of('centre_inspection') };
}

describe('the walk schedule', () => {
	const schedule = (year: number, as = 'lasare', area = tanto, q = '') => api('GET', `/api/areas/${area}/walk-schedule/${year}${q}`, { as: tokens[as] });

	it('counts 2023’s walks in Tantolunden as the table holds them, and lists the missing centre inspection as overdue', async () => {
		const res = await schedule(2023);
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		const direct = await walkCounts(tanto, 2023, new Date().toISOString());
		expect(direct.safety_walk.done).toBe(2);
		for (const k of res.body.kinds) {
			const d = direct[k.kind as 'safety_walk' | 'centre_inspection'];
			expect(k, k.kind).toMatchObject({ done: d.done, notRecorded: d.not_recorded, planned: d.planned });
		}
		expect(res.body.requirement).toMatchObject({ safetyWalks: 2, centreInspections: 1, stored: false, version: null });
		// A park: the demo holds no centre inspection, the year is over → missed by 1.
		expect(res.body.kinds.find((k: any) => k.kind === 'centre_inspection')).toMatchObject({ required: 1, done: 0, missing: 1 });
		expect(res.body.overdue).toEqual([{ reason: 'requirement_missed', kind: 'centre_inspection', missing: 1 }]);
		const ids = await db().selectFrom('walks').select('id').where('area_id', '=', tanto).where(sql<boolean>`extract(year FROM starts_at AT TIME ZONE 'Europe/Stockholm') = 2023`).execute();
		expect(res.body.walks.map((w: any) => w.id).sort()).toEqual(ids.map((w) => w.id).sort());
	});

	it('reads the year as of a day: walks after it are planned', async () => {
		const res = await schedule(2023, 'lasare', tanto, '?at=2023-06-30');
		const direct = await walkCounts(tanto, 2023, '2023-07-01T00:00:00+02:00');
		const safety = res.body.kinds.find((k: any) => k.kind === 'safety_walk');
		expect(safety).toMatchObject({ done: direct.safety_walk.done, planned: direct.safety_walk.planned, missing: 0 });
		expect(direct.safety_walk.done + direct.safety_walk.planned).toBe(2);
		expect(direct.safety_walk.planned).toBeGreaterThan(0);
		// The year runs: a centre inspection neither done nor planned, with 184 days left (30 June → 31 December).
		expect(res.body.overdue).toEqual([{ reason: 'not_planned', kind: 'centre_inspection', missing: 1, daysLeft: 184 }]);
	});

	it('lists a walk whose time has passed with nothing recorded, and counts walks still ahead as planned', async () => {
		const today = stockholmToday();
		const year = Number(today.slice(0, 4));
		const past = `${year}-01-02T18:00:00+01:00`;
		const ahead = new Date(Date.now() + 2 * 86_400_000).toISOString();
		const aheadYear = Number(stockholmToday(Date.parse(ahead)).slice(0, 4));
		const { rows } = await sql<{ id: string }>`INSERT INTO walks (tenant_id, area_id, kind, title, starts_at) VALUES
			(${tenant}, ${drakenberg}, 'safety_walk', 'Vandring utan rapport', ${past}::timestamptz),
			(${tenant}, ${drakenberg}, 'centre_inspection', 'Besiktning framöver', ${ahead}::timestamptz) RETURNING id`.execute(db());
		const res = await schedule(year, 'partner', drakenberg);
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		const direct = await walkCounts(drakenberg, year, new Date().toISOString());
		for (const k of res.body.kinds) expect(k, k.kind).toMatchObject({ done: direct[k.kind as 'safety_walk'].done, notRecorded: direct[k.kind as 'safety_walk'].not_recorded, planned: direct[k.kind as 'safety_walk'].planned });
		expect(res.body.overdue).toContainEqual({ reason: 'not_recorded', kind: 'safety_walk', walkId: rows[0]!.id, title: 'Vandring utan rapport', startsAt: new Date(past).toISOString() });
		const daysLeft = Math.round((Date.parse(`${year}-12-31T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
		// Two safety walks required, none done (one not recorded), none planned.
		expect(res.body.overdue).toContainEqual({ reason: 'not_planned', kind: 'safety_walk', missing: 2, daysLeft });
		if (aheadYear === year) {
			expect(res.body.kinds.find((k: any) => k.kind === 'centre_inspection')).toMatchObject({ planned: 1, missing: 0 });
			expect(res.body.overdue.some((o: any) => o.kind === 'centre_inspection')).toBe(false);
		}
		// Recording the participants makes it done.
		await sql`UPDATE walks SET participant_count = 9 WHERE id = ${rows[0]!.id}`.execute(db());
		const after = await schedule(year, 'partner', drakenberg);
		expect(after.body.kinds.find((k: any) => k.kind === 'safety_walk')).toMatchObject({ done: direct.safety_walk.done + 1, notRecorded: direct.safety_walk.not_recorded - 1 });
		expect(after.body.overdue.some((o: any) => o.reason === 'not_recorded')).toBe(false);
	});

	it('stores the area’s own requirement (coordinators and admins), with a version', async () => {
		const put = (as: string, body: unknown, year = 2023) => api('PUT', `/api/areas/${tanto}/walk-schedule/${year}`, { as: tokens[as], json: body });
		for (const who of ['vandrare', 'partner', 'lasare', 'skarholmen']) expect((await put(who, { safetyWalks: 2, centreInspections: 0 })).status, who).toBe(403);
		expect(await db().selectFrom('walk_requirements').select('id').execute()).toHaveLength(0);
		for (const bad of [{ safetyWalks: -1, centreInspections: 0 }, { safetyWalks: 2 }, { safetyWalks: 2.5, centreInspections: 0 }, { safetyWalks: 60, centreInspections: 0 }, { safetyWalks: 2, centreInspections: 0, note: 'a\u0000' }])
			expect((await put('samordnare', bad)).status, JSON.stringify(bad)).toBe(400);
		expect((await put('samordnare', { safetyWalks: 2, centreInspections: 0 }, 1999)).status).toBe(400);
		expect((await put('samordnare', { safetyWalks: 2, centreInspections: 0, version: 1 })).body.error.code).toBe('requirement_not_stored');
		expect(await db().selectFrom('walk_requirements').select('id').execute()).toHaveLength(0);

		const res = await put('samordnare', { safetyWalks: 2, centreInspections: 0, note: 'En park: ingen centrumbesiktning.' });
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		expect(res.body.requirement).toMatchObject({ safetyWalks: 2, centreInspections: 0, stored: true, version: 1 });
		expect(res.body.overdue).toEqual([]);
		expect((await put('admin', { safetyWalks: 3, centreInspections: 0 })).status).toBe(400);
		const changed = await put('admin', { safetyWalks: 3, centreInspections: 0, version: 1 });
		expect(changed.body.requirement).toMatchObject({ safetyWalks: 3, version: 2 });
		expect(changed.body.overdue).toEqual([{ reason: 'requirement_missed', kind: 'safety_walk', missing: 1 }]);
		const stale = await put('samordnare', { safetyWalks: 1, centreInspections: 0, version: 1 });
		expect(stale.status).toBe(409);
		expect(stale.body.error.code).toBe('version_conflict');
		const row = await db().selectFrom('walk_requirements').selectAll().executeTakeFirstOrThrow();
		expect(row).toMatchObject({ tenant_id: tenant, area_id: tanto, year: 2023, safety_walks: 3, centre_inspections: 0, version: 2 });
		// Back to the plan's 2 + 1 for the overview below.
		await sql`DELETE FROM walk_requirements`.execute(db());
	});
});

// ------------------------------------------------------------------ the overview

describe('the overview of Tantolunden at 31 August 2023, since 1 August', () => {
	const AT = '2023-08-31';
	const CUTOFF = '2023-09-01T00:00:00+02:00';
	const SINCE = '2023-08-01T00:00:00+02:00';
	const COMING_END = '2023-10-12T00:00:00+02:00';
	let admin: any;

	beforeAll(async () => {
		const res = await api('GET', `/api/areas/${tanto}/overview?at=${AT}&since=2023-08-01`, { as: tokens.admin });
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		admin = res.body;
	}, 120_000);

	it('counts open and overdue findings at its end as the status history gives them', async () => {
		const { rows } = await sql<{ open: number; overdue: number }>`
			WITH f AS (SELECT f.*, coalesce((SELECT h.to_status FROM finding_status_history h WHERE h.finding_id = f.id AND h.changed_at < ${CUTOFF}::timestamptz
				ORDER BY h.changed_at DESC LIMIT 1), 'new') AS at_end FROM findings f WHERE f.area_id IN ${tree(tanto)} AND f.created_at < ${CUTOFF}::timestamptz)
			SELECT count(*) FILTER (WHERE at_end IN ('new', 'assigned', 'in_progress'))::int AS open,
				count(*) FILTER (WHERE at_end IN ('new', 'assigned', 'in_progress') AND follow_up_on < ${AT}::date)::int AS overdue FROM f`.execute(db());
		expect(admin.findings.open).toBe(rows[0]!.open);
		expect(admin.findings.overdue).toBe(rows[0]!.overdue);
		expect(rows[0]!.overdue).toBeGreaterThan(0);
		expect(admin.findings.list.length).toBe(Math.min(50, rows[0]!.open));
		expect(admin.findings.list.filter((f: any) => f.overdue).length).toBe(Math.min(50, rows[0]!.overdue));
	});

	it('counts measures under way, coming events and the changes since as the tables hold them', async () => {
		const one = async (q: ReturnType<typeof sql<{ n: number }>>) => Number((await q.execute(db())).rows[0]!.n);
		const inProgress = await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM measures m WHERE m.area_id IN ${tree(tanto)}
			AND m.status IN ('approved', 'ordered', 'done') AND coalesce(m.approved_on, m.ordered_on, m.proposed_on, m.created_at::date) <= ${AT}::date
			AND (m.done_on IS NULL OR m.done_on > ${AT}::date) AND (m.cancelled_on IS NULL OR m.cancelled_on > ${AT}::date)`);
		const coming = await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM event_occurrences o JOIN events e ON e.id = o.event_id
			WHERE e.area_id IN ${tree(tanto)} AND e.status NOT IN ('cancelled', 'draft') AND NOT o.cancelled
				AND o.starts_at >= ${CUTOFF}::timestamptz AND o.starts_at < ${COMING_END}::timestamptz`);
		const newFindings = await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM findings WHERE area_id IN ${tree(tanto)}
			AND created_at >= ${SINCE}::timestamptz AND created_at < ${CUTOFF}::timestamptz`);
		const resolved = await one(sql<{ n: number }>`SELECT count(DISTINCT h.finding_id)::int AS n FROM finding_status_history h JOIN findings f ON f.id = h.finding_id
			WHERE f.area_id IN ${tree(tanto)} AND h.to_status = 'resolved' AND h.changed_at >= ${SINCE}::timestamptz AND h.changed_at < ${CUTOFF}::timestamptz`);
		const done = await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM measures WHERE area_id IN ${tree(tanto)} AND status = 'done' AND done_on BETWEEN '2023-08-01' AND ${AT}::date`);
		const held = await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM event_occurrences o JOIN events e ON e.id = o.event_id
			WHERE e.area_id IN ${tree(tanto)} AND e.status NOT IN ('cancelled', 'draft') AND NOT o.cancelled
				AND o.starts_at >= ${SINCE}::timestamptz AND o.starts_at < ${CUTOFF}::timestamptz`);
		expect(admin.measures.inProgress).toBe(inProgress);
		expect(admin.events.coming).toBe(coming);
		expect(admin.changes).toMatchObject({ newFindings, resolvedFindings: resolved, measuresDone: done, eventsHeld: held });
		// Not a test of zeros: August 2023 in the demo has all of these.
		expect(Math.min(newFindings, held, coming)).toBeGreaterThan(0);
		expect(admin.since).toBe('2023-08-01');
		expect(admin.sinceFrom).toBe('query');
		expect(admin.period.key).toBe('2023-T2');
	});

	it('holds the survey series, the walk schedule of 2023 and the map of what it lists', async () => {
		expect(admin.surveys.indicators.find((s: any) => s.indicator === 'share_unsafe').figures.map((f: any) => f.year)).toEqual([2021, 2022, 2023, 2024, 2025]);
		expect(admin.walks.year).toBe(2023);
		expect(admin.walks.asOf).toBe(AT);
		expect(admin.map.findings.features.length).toBe(admin.findings.open);
		expect(admin.map.zones.features.length).toBe(Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM problem_zones WHERE area_id IN ${tree(tanto)}`.execute(db())).rows[0]!.n));
		expect(admin.map.areas.features[0].properties.name).toBe('Tantolunden');
	});

	it('gives the incident trend exactly with incident access, and through the privacy grid without', async () => {
		expect(admin.incidents.figures).toBe('exact');
		const { rows } = await sql<{ month: string; n: number }>`
			SELECT to_char(occurred_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM') AS month, count(*)::int AS n FROM incidents x
			WHERE x.area_id IN ${tree(tanto)} AND ST_Intersects(x.geom, (SELECT geom FROM areas WHERE id = ${tanto}))
				AND occurred_at >= '2023-05-01T00:00:00+02:00' AND occurred_at < ${CUTOFF}::timestamptz GROUP BY 1`.execute(db());
		expect(admin.incidents.current).toEqual(['2023-05', '2023-06', '2023-07', '2023-08'].map((m) => rows.find((r) => r.month === m)?.n ?? 0));
		for (const reader of ['lasare', 'partner']) {
			const res = await api('GET', `/api/areas/${tanto}/overview?at=${AT}&since=2023-08-01`, { as: tokens[reader] });
			expect(res.status, reader).toBe(200);
			expect(res.body.incidents.figures, reader).toBe('aggregated');
			expect(res.body.coverage.figures, reader).toBe('aggregated');
			const patterns = await api('GET', `/api/analysis/time-patterns?area=${tanto}&from=2023-05-01&to=2023-08-31`, { as: tokens[reader] });
			expect(res.body.incidents.current, reader).toEqual(patterns.body.monthly.map((m: any) => m.count));
			expect(res.body.incidents.current, reader).not.toEqual(admin.incidents.current);
			// Nothing individual: no incident rows or points anywhere in the answer.
			expect(JSON.stringify(res.body)).not.toMatch(/occurred_?at/i);
			expect(res.body.findings.open).toBe(admin.findings.open);
		}
	});

	it('is read by everyone with a role in the area, and by no one else', async () => {
		for (const who of ['samordnare', 'vandrare']) expect((await api('GET', `/api/areas/${tanto}/overview?at=${AT}`, { as: tokens[who] })).status, who).toBe(200);
		const other = await api('GET', `/api/areas/${tanto}/overview?at=${AT}`, { as: tokens.skarholmen });
		expect(other.status).toBe(403);
		expect((await api('GET', `/api/areas/${tanto}/overview`)).status).toBe(401);
	});

	it('refuses days that do not fit', async () => {
		const soon = stockholmToday(Date.now() + 10 * 86_400_000);
		const bad: [string, string][] = [
			[`at=${soon}`, 'date_in_future'],
			['at=2999-01-01', 'invalid_query'],
			[`at=${AT}&since=2023-09-15`, 'since_after_at'],
			['at=31/08/2023', 'invalid_query'],
			['at=2023-02-30', 'invalid_query'],
			['colour=red', 'invalid_query']
		];
		for (const [q, code] of bad) {
			const res = await api('GET', `/api/areas/${tanto}/overview?${q}`, { as: tokens.admin });
			expect(res.status, q).toBe(400);
			expect(res.body.error.code, q).toBe(code);
		}
	});

	it('compares with the day the area’s last follow-up was saved, else four weeks back', async () => {
		const plain = await api('GET', `/api/areas/${tanto}/overview?at=${AT}`, { as: tokens.lasare });
		expect(plain.body).toMatchObject({ since: '2023-08-03', sinceFrom: 'default', lastFollowUp: null });
		await sql`INSERT INTO follow_ups (tenant_id, area_id, year, tertial, status, submitted_at, updated_at)
			VALUES (${tenant}, ${tanto}, 2023, 2, 'submitted', '2023-08-20T10:00:00+02:00', '2023-08-20T10:00:00+02:00')`.execute(db());
		const after = await api('GET', `/api/areas/${tanto}/overview?at=${AT}`, { as: tokens.lasare });
		expect(after.body).toMatchObject({ since: '2023-08-20', sinceFrom: 'follow_up', lastFollowUp: { period: '2023-T2', savedOn: '2023-08-20' } });
		// Read at a day before it was saved, the follow-up does not count.
		expect((await api('GET', `/api/areas/${tanto}/overview?at=2023-08-10`, { as: tokens.lasare })).body.sinceFrom).toBe('default');
	});
});
