/**
 * Tertial follow-ups on the demo data (Tantolunden, T2 2023): the drafted figures equal
 * counts taken here directly in SQL; a saved follow-up keeps its figures when the data
 * changes afterwards; the incident figures a saved follow-up gives each reader follow the
 * privacy rule; who may write and read; bad input.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { api, db, resetDatabase, tenant } from './harness';
import { loadDemo, upsertAccount } from '../../src/lib/server/demo/load';
import { createApiToken } from '../../src/lib/server/auth/actors.server';

const tokens: Record<string, string> = {};
let tanto: string;
let drakenberg: string;
let tantoProgramme: string;
let skarholmenProgramme: string;

// T2 2023 in Stockholm: 1 May 00:00 (CEST) to 1 September 00:00 (CEST).
const FROM = '2023-05-01T00:00:00+02:00';
const END = '2023-09-01T00:00:00+02:00';

/** The area and the areas nested in it, as SQL. */
const tree = (id: string) => sql`(WITH RECURSIVE t AS (SELECT id FROM areas WHERE id = ${id} UNION ALL SELECT a.id FROM areas a JOIN t ON a.parent_id = t.id) SELECT id FROM t)`;

beforeAll(async () => {
	await resetDatabase();
	await loadDemo(db(), tenant, 'Test');
	const areas = await db().selectFrom('areas').select(['id', 'slug']).execute();
	const area = (slug: string) => areas.find((a) => a.slug === slug)!.id;
	tanto = area('tantolunden');
	drakenberg = area('drakenbergsparken');
	const programmes = await db().selectFrom('programmes').select(['id', 'name']).execute();
	tantoProgramme = programmes.find((p) => p.name.startsWith('Sommar i Tanto'))!.id;
	skarholmenProgramme = programmes.find((p) => p.name.includes('Skärholmen'))!.id;
	// A coordinator of Skärholmen: Tantolunden is not theirs.
	await upsertAccount(db(), tenant, { email: 'skarholmen@lykta.example', password: 'lykta-demo-2023', displayName: 'Skärholmen', role: 'coordinator', areaId: area('skarholmen'), incidents: true });
	for (const email of ['admin@lykta.example', 'samordnare@lykta.example', 'vandrare@lykta.example', 'partner@lykta.example', 'lasare@lykta.example', 'skarholmen@lykta.example']) {
		const user = await db().selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
		tokens[email.split('@')[0]!] = (await createApiToken(db(), tenant, user.id, 'follow-up test')).token;
	}
}, 240_000);

const draft = (as: string, period = '2023-T2', area = tanto, programme?: string) =>
	api('GET', `/api/follow-ups/draft?area=${area}&period=${period}${programme ? `&programme=${programme}` : ''}`, { as: tokens[as] });

/** Direct counts of the findings figures (the status at the end from the history's last row before it). */
async function findingCounts() {
	const { rows } = await sql<{ category: string; reported: number; resolved: number; open: number; overdue: number }>`
		WITH f AS (
			SELECT f.*, (SELECT DISTINCT ON (h.finding_id) h.to_status FROM finding_status_history h
				WHERE h.finding_id = f.id AND h.changed_at < ${END}::timestamptz ORDER BY h.finding_id, h.changed_at DESC) AS at_end
			FROM findings f WHERE f.area_id IN ${tree(tanto)} AND f.created_at < ${END}::timestamptz
		)
		SELECT category,
			count(*) FILTER (WHERE created_at >= ${FROM}::timestamptz)::int AS reported,
			count(*) FILTER (WHERE id IN (SELECT finding_id FROM finding_status_history WHERE to_status = 'resolved'
				AND changed_at >= ${FROM}::timestamptz AND changed_at < ${END}::timestamptz))::int AS resolved,
			count(*) FILTER (WHERE at_end IN ('new', 'assigned', 'in_progress'))::int AS open,
			count(*) FILTER (WHERE at_end IN ('new', 'assigned', 'in_progress') AND follow_up_on < '2023-08-31')::int AS overdue
		FROM f GROUP BY category`.execute(db());
	return rows;
}

describe('the draft of Tantolunden T2 2023 on the demo data', () => {
	let figures: any;
	beforeAll(async () => {
		const res = await draft('admin');
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		figures = res.body.figures;
		expect(res.body.areaName).toBe('Tantolunden');
	}, 120_000);

	it('counts findings reported, resolved, open and overdue per category as the data holds them', async () => {
		const direct = await findingCounts();
		const sum = (k: 'reported' | 'resolved' | 'open' | 'overdue') => direct.reduce((a, r) => a + r[k], 0);
		expect(figures.findings).toMatchObject({ reported: sum('reported'), resolved: sum('resolved'), openAtEnd: sum('open'), overdue: sum('overdue') });
		// Not a test of zeros: the demo's summer has all four.
		expect(Math.min(sum('reported'), sum('resolved'), sum('open'), sum('overdue'))).toBeGreaterThan(0);
		for (const r of direct.filter((r) => r.reported + r.resolved + r.open + r.overdue > 0))
			expect(figures.findings.byCategory.find((c: any) => c.category === r.category), r.category).toEqual({
				category: r.category,
				reported: r.reported,
				resolved: r.resolved,
				overdue: r.overdue,
				openAtEnd: r.open
			});
	});

	it('counts the measures done and their cost, the events held and their attendance, the walks done', async () => {
		const { rows: m } = await sql<{ n: number; cost: number }>`
			SELECT count(*)::int AS n, coalesce(sum(cost_sek), 0)::float8 AS cost FROM measures
			WHERE area_id IN ${tree(tanto)} AND status = 'done' AND done_on BETWEEN '2023-05-01' AND '2023-08-31'`.execute(db());
		expect(figures.measures.done).toBe(m[0]!.n);
		expect(figures.measures.costSek).toBeCloseTo(m[0]!.cost, 2);
		expect(m[0]!.n).toBeGreaterThan(0);

		const { rows: e } = await sql<{ events: number; held: number; attendance: number; counted: number }>`
			SELECT count(DISTINCT e.id)::int AS events, count(*)::int AS held,
				coalesce(sum(coalesce(o.actual_attendance, e.actual_attendance)), 0)::int AS attendance,
				count(coalesce(o.actual_attendance, e.actual_attendance))::int AS counted
			FROM events e JOIN event_occurrences o ON o.event_id = e.id
			WHERE e.area_id IN ${tree(tanto)} AND e.status NOT IN ('cancelled', 'draft') AND NOT o.cancelled
				AND o.starts_at >= ${FROM}::timestamptz AND o.starts_at < ${END}::timestamptz`.execute(db());
		expect(figures.events).toMatchObject({ events: e[0]!.events, held: e[0]!.held, attendance: e[0]!.attendance, attendanceCounted: e[0]!.counted });
		expect(e[0]!.held).toBeGreaterThan(5);

		const { rows: w } = await sql<{ n: number; participants: number }>`
			SELECT count(*)::int AS n, coalesce(sum(participant_count), 0)::int AS participants FROM walks
			WHERE area_id IN ${tree(tanto)} AND starts_at >= ${FROM}::timestamptz AND starts_at < ${END}::timestamptz`.execute(db());
		expect(figures.walks).toMatchObject({ done: w[0]!.n, participants: w[0]!.participants });
	});

	it('gives the admin the incidents per month exactly, against the same months of 2022', async () => {
		const { rows } = await sql<{ month: string; n: number }>`
			SELECT to_char(occurred_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM') AS month, count(*)::int AS n FROM incidents x
			WHERE x.area_id IN ${tree(tanto)} AND ST_Intersects(x.geom, (SELECT geom FROM areas WHERE id = ${tanto}))
				AND ((occurred_at >= ${FROM}::timestamptz AND occurred_at < ${END}::timestamptz)
					OR (occurred_at >= '2022-05-01T00:00:00+02:00' AND occurred_at < '2022-09-01T00:00:00+02:00'))
			GROUP BY 1`.execute(db());
		const count = (m: string) => rows.find((r) => r.month === m)?.n ?? 0;
		const t = figures.incidents;
		expect(t.figures).toBe('exact');
		expect(t.months).toEqual(['2023-05', '2023-06', '2023-07', '2023-08']);
		expect(t.previousMonths).toEqual(['2022-05', '2022-06', '2022-07', '2022-08']);
		expect(t.current).toEqual(t.months.map(count));
		expect(t.previous).toEqual(t.previousMonths.map(count));
		expect(t.currentTotal).toBe(t.months.map(count).reduce((a: number, b: number) => a + b, 0));
		expect(t.currentTotal).toBeGreaterThan(0);
		// The demo's incidents begin in January 2023: no comparison with 2022 (not "none happened").
		expect(t).toMatchObject({ dataFrom: '2023-01', change: null });
	});

	it('lists the survey indicators up to 2023 and the coverage of the problem zones', async () => {
		const surveys = await db().selectFrom('survey_indicators').select(['year', 'value']).where('area_id', '=', tanto).where('year', '<=', 2023).orderBy('year').execute();
		expect(figures.surveys.map((s: any) => [s.year, s.value])).toEqual(surveys.map((s) => [s.year, s.value]));
		expect(figures.coverage.available).toBe(true);
		const zones = await db().selectFrom('problem_zones').select('id').where('area_id', '=', tanto).execute();
		expect(figures.coverage.zones.map((z: any) => z.id).sort()).toEqual(zones.map((z) => z.id).sort());
		for (const z of figures.coverage.zones) expect(z.spatialCoverage).toBeGreaterThanOrEqual(0);
		expect(figures.coverage.spatialCoverage).toBeGreaterThan(0);
	});

	it('names the goals of Sommar i Tanto to assess', async () => {
		const res = await draft('samordnare');
		const goals = await db().selectFrom('programme_goals').select(['id', 'description']).where('programme_id', '=', tantoProgramme).orderBy('sort').execute();
		expect(res.body.goals.map((g: any) => g.id)).toEqual(goals.map((g) => g.id));
		expect(res.body.savedId).toBeNull();
	});

	it('gives a reader without incident access the incident trend through the privacy grid, as the time patterns do', async () => {
		const res = await draft('lasare');
		expect(res.status).toBe(200);
		const t = res.body.figures.incidents;
		expect(t.figures).toBe('aggregated');
		const patterns = await api('GET', `/api/analysis/time-patterns?area=${tanto}&from=2023-05-01&to=2023-08-31`, { as: tokens.lasare });
		expect(t.current).toEqual(patterns.body.monthly.map((m: any) => m.count));
		expect(t.current).not.toEqual(figures.incidents.current);
		expect(res.body.figures.coverage.figures).toBe('aggregated');
		// Everything that does not come from incidents is the same for every reader.
		expect(res.body.figures.findings).toEqual(figures.findings);
	});
});

describe('a saved follow-up', () => {
	let saved: any;
	beforeAll(async () => {
		const plan = (await draft('samordnare')).body;
		const res = await api('POST', '/api/follow-ups', {
			as: tokens.samordnare,
			json: {
				areaId: tanto,
				programmeId: tantoProgramme,
				period: '2023-T2',
				goalReached: 'partly',
				summary: 'Fler besökare på kvällarna, men handeln finns kvar vid Zinkensdamm.',
				goals: plan.goals.map((g: any, i: number) => ({ goalId: g.id, reached: ['yes', 'partly', 'no'][i % 3], comment: `Kommentar ${i + 1}` }))
			}
		});
		expect(res.status, JSON.stringify(res.body)).toBe(201);
		saved = res.body;
	}, 120_000);

	it('holds the figures of the draft, the verdicts per goal and the goals’ texts', async () => {
		const now = (await draft('samordnare')).body.figures;
		expect({ ...saved.figures, takenAt: null }).toEqual({ ...now, takenAt: null });
		expect(saved.goals.map((g: any) => g.reached)).toEqual(['yes', 'partly', 'no']);
		expect(saved.goals[0].goal).toBe('Fler vuxna och barnfamiljer vistas i parken kvällstid under sommaren');
		expect(saved).toMatchObject({ status: 'draft', goalReached: 'partly', areaName: 'Tantolunden', programmeName: 'Sommar i Tanto 2023', period: { key: '2023-T2' } });
		expect((await draft('samordnare', '2023-T2', tanto, tantoProgramme)).body.savedId).toBe(saved.id);
		// Without the programme it is another follow-up (the area's own), not yet written.
		expect((await draft('samordnare')).body.savedId).toBeNull();
	});

	it('keeps its figures as they were when the data changes afterwards; the draft moves on', async () => {
		const before = (await api('GET', `/api/follow-ups/${saved.id}`, { as: tokens.samordnare })).body;
		// A finding reported in June, a measure finished in July, an incident in June, a goal reworded.
		await sql`INSERT INTO findings (tenant_id, area_id, category, severity, geom, created_at)
			SELECT ${tenant}, id, 'lighting', 2, ST_PointOnSurface(geom), '2023-06-15T21:00:00+02:00' FROM areas WHERE id = ${tanto}`.execute(db());
		await sql`UPDATE measures SET status = 'done', done_on = '2023-07-10', cost_sek = 12345
			WHERE id = (SELECT id FROM measures WHERE area_id = ${tanto} AND status <> 'done' ORDER BY title LIMIT 1)`.execute(db());
		await sql`INSERT INTO incidents (tenant_id, area_id, category, source, occurred_at, content_hash, geom)
			SELECT ${tenant}, id, 'narcotics', 'police', '2023-06-20T22:00:00+02:00', 'follow-up-test-1', ST_PointOnSurface(geom) FROM areas WHERE id = ${tanto}`.execute(db());
		await sql`UPDATE programme_goals SET description = 'Omformulerat mål' WHERE programme_id = ${tantoProgramme} AND sort = 0`.execute(db());

		const after = (await api('GET', `/api/follow-ups/${saved.id}`, { as: tokens.samordnare })).body;
		expect(after.figures).toEqual(before.figures);
		expect(after.goals).toEqual(before.goals);
		const now = (await draft('samordnare')).body.figures;
		expect(now.findings.reported).toBe(before.figures.findings.reported + 1);
		expect(now.measures.done).toBe(before.figures.measures.done + 1);
		expect(now.incidents.current[1]).toBe(before.figures.incidents.current[1] + 1);

		// Drafted again on request, the figures are today's.
		const refreshed = await api('PATCH', `/api/follow-ups/${saved.id}`, { as: tokens.samordnare, json: { version: after.version, refreshFigures: true } });
		expect(refreshed.status, JSON.stringify(refreshed.body)).toBe(200);
		expect(refreshed.body.figures.findings).toEqual(now.findings);
		expect(refreshed.body.figures.takenAt > before.figures.takenAt).toBe(true);
		saved = refreshed.body;
	});

	it('serves the incident figures by the reader: exact with incident access in the area, the grid’s otherwise', async () => {
		const exact = (await api('GET', `/api/follow-ups/${saved.id}`, { as: tokens.admin })).body;
		expect(exact.figures.incidents.figures).toBe('exact');
		for (const reader of ['lasare', 'partner']) {
			const res = await api('GET', `/api/follow-ups/${saved.id}`, { as: tokens[reader] });
			expect(res.status, reader).toBe(200);
			expect(res.body.figures.incidents.figures, reader).toBe('aggregated');
			expect(res.body.figures.incidents.current).not.toEqual(exact.figures.incidents.current);
			expect(res.body.figures.coverage.figures).toBe('aggregated');
			expect(res.body.figures.findings).toEqual(exact.figures.findings);
		}
		// The grid's reading is the one such a reader got as a draft at the time.
		const draftNow = (await draft('lasare')).body.figures;
		expect((await api('GET', `/api/follow-ups/${saved.id}`, { as: tokens.lasare })).body.figures.incidents).toEqual(draftNow.incidents);
	});

	it('is written by coordinators and admins of the area only, and read by everyone who reads the area', async () => {
		const body = { areaId: drakenberg, period: '2023-T2' };
		for (const who of ['vandrare', 'partner', 'lasare', 'skarholmen'])
			expect((await api('POST', '/api/follow-ups', { as: tokens[who], json: body })).status, who).toBe(403);
		expect((await api('PATCH', `/api/follow-ups/${saved.id}`, { as: tokens.partner, json: { version: saved.version, summary: 'x' } })).status).toBe(403);
		expect((await api('DELETE', `/api/follow-ups/${saved.id}`, { as: tokens.lasare })).status).toBe(403);
		expect((await api('GET', `/api/follow-ups/${saved.id}`, { as: tokens.skarholmen })).status).toBe(403);
		expect((await api('GET', `/api/follow-ups/${saved.id}`)).status).toBe(401);
		const list = await api('GET', `/api/follow-ups?area=${tanto}`, { as: tokens.partner });
		expect(list.body.map((f: any) => f.id)).toEqual([saved.id]);
		expect((await api('GET', '/api/follow-ups', { as: tokens.skarholmen })).body).toEqual([]);
		expect(await db().selectFrom('follow_ups').select('id').execute()).toHaveLength(1);
	});

	it('refuses a second one for the same area, programme and period, and changes nothing once submitted', async () => {
		const again = await api('POST', '/api/follow-ups', { as: tokens.admin, json: { areaId: tanto, programmeId: tantoProgramme, period: '2023-T2' } });
		expect(again.status).toBe(409);
		expect(again.body.error).toMatchObject({ code: 'follow_up_exists', details: { id: saved.id } });
		const stale = await api('PATCH', `/api/follow-ups/${saved.id}`, { as: tokens.samordnare, json: { version: saved.version - 1, summary: 'gammal' } });
		expect(stale.status).toBe(409);
		expect(stale.body.error.code).toBe('version_conflict');
		const submitted = await api('PATCH', `/api/follow-ups/${saved.id}`, { as: tokens.samordnare, json: { version: saved.version, status: 'submitted', activities: 'Sommarscen, belysning.' } });
		expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
		expect(submitted.body).toMatchObject({ status: 'submitted', activities: 'Sommarscen, belysning.' });
		const late = await api('PATCH', `/api/follow-ups/${saved.id}`, { as: tokens.samordnare, json: { version: submitted.body.version, summary: 'ändrat' } });
		expect(late.status).toBe(409);
		expect(late.body.error.code).toBe('follow_up_submitted');
		expect((await api('DELETE', `/api/follow-ups/${saved.id}?version=${submitted.body.version}`, { as: tokens.admin })).status).toBe(409);
		const audit = await db().selectFrom('audit_log').select('action').where('entity', '=', 'follow_up').where('entity_id', '=', saved.id).orderBy('id').execute();
		expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update']);
	});
});

describe('bad input', () => {
	it('answers 4xx naming the problem and saves nothing', async () => {
		const count = async () => (await db().selectFrom('follow_ups').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
		const before = await count();
		const bad = async (status: number, code: string, res: Promise<any>) => {
			const r = await res;
			expect(r.status, JSON.stringify(r.body)).toBe(status);
			expect(r.body.error.code).toBe(code);
			return r.body.error;
		};
		await bad(400, 'invalid_query', draft('admin', '2023-T4'));
		await bad(400, 'invalid_query', draft('admin', '2023-T2', 'not-an-id'));
		await bad(404, 'not_found', draft('admin', '2023-T2', '00000000-0000-4000-8000-000000000000'));
		await bad(400, 'period_not_started', draft('admin', '2099-T1'));
		// A programme of other areas is refused by the write scope; one of the area that has ended, here.
		await bad(403, 'forbidden_reference', api('POST', '/api/follow-ups', { as: tokens.admin, json: { areaId: drakenberg, programmeId: skarholmenProgramme, period: '2023-T2' } }));
		await bad(400, 'programme_not_in_area', api('POST', '/api/follow-ups', { as: tokens.admin, json: { areaId: drakenberg, programmeId: tantoProgramme, period: '2024-T1' } }));
		await bad(400, 'programme_not_in_area', draft('admin', '2024-T1', drakenberg, tantoProgramme));
		const goal = await bad(400, 'validation_failed', api('POST', '/api/follow-ups', {
			as: tokens.admin,
			json: { areaId: drakenberg, period: '2023-T2', goals: [{ goalId: '00000000-0000-4000-8000-000000000000', reached: 'yes' }] }
		}));
		expect(goal.details[0]).toMatchObject({ path: 'goals.0.goalId', code: 'unknown_goal' });
		const verdict = await bad(400, 'validation_failed', api('POST', '/api/follow-ups', { as: tokens.admin, json: { areaId: drakenberg, period: '2023-T2', goalReached: 'maybe' } }));
		expect(verdict.details[0].path).toBe('goalReached');
		await bad(400, 'validation_failed', api('POST', '/api/follow-ups', { as: tokens.admin, json: { areaId: drakenberg, period: '2023-T2', goals: [{ reached: 'no' }] } }));
		await bad(400, 'validation_failed', api('POST', '/api/follow-ups', { as: tokens.admin, json: { areaId: drakenberg, period: '2023-T2', extra: 1 } }));
		await bad(404, 'not_found', api('GET', '/api/follow-ups/00000000-0000-4000-8000-000000000000', { as: tokens.admin }));
		expect(await count()).toBe(before);
	});

	it('takes the annual report and a follow-up without a programme, with goals of its own', async () => {
		const res = await api('POST', '/api/follow-ups', {
			as: tokens.admin,
			json: { areaId: drakenberg, period: '2023', goals: [{ goal: 'Färre klotter i parken', reached: 'yes', comment: 'Saneras inom ett dygn.' }] }
		});
		expect(res.status, JSON.stringify(res.body)).toBe(201);
		expect(res.body).toMatchObject({ period: { key: '2023', tertial: null }, programmeId: null, goals: [{ goalId: null, goal: 'Färre klotter i parken', reached: 'yes' }] });
		expect(res.body.figures.period).toMatchObject({ from: '2023-01-01', to: '2023-12-31', asOf: '2023-12-31' });
		expect(res.body.figures.incidents.months).toHaveLength(12);
	});
});
