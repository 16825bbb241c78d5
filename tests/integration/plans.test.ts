/**
 * Plans (issue 14): the parts of a programme's plan written through the API by coordinators
 * of its areas only, read by everyone in them; events, measures and walks linked to the
 * activity they carry out (refused across areas); overdue risk reviews; and a follow-up of one
 * activity whose drafted figures equal direct SQL counts of what is linked to it.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { api, db, resetDatabase, seedWorld, squareAround, tenant, type World } from './harness';

const SPOT = { type: 'Point', coordinates: [18.0455, 59.3125] };

async function insertPlace(slug: string, name: string, parent: string, lon: number, lat: number) {
	const square = await squareAround(lon, lat, 300);
	const { rows } = await sql<{ id: string }>`
		INSERT INTO areas (tenant_id, slug, name, kind, parent_id, geom)
		VALUES (${tenant}, ${slug}, ${name}, 'place', ${parent}, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(square)}), 4326)))
		RETURNING id`.execute(db());
	return rows[0].id;
}

const PLAN_TABLES = ['programme_goals', 'programme_themes', 'programme_activities', 'activity_parties', 'steering_group_members', 'risks', 'risk_reviews', 'status_reports', 'change_requests'] as const;
async function planCounts() {
	const out: Record<string, number> = {};
	for (const table of PLAN_TABLES) out[table] = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db())).rows[0].n);
	return out;
}

describe('plans', () => {
	let world: World;
	let programme: string;
	let secondPlace: string;
	const post = (path: string, json: unknown, as = world.tokens.coordinator) => api('POST', `/api/programmes/${programme}/${path}`, { as, json });
	const plan = (as = world.tokens.coordinator) => api('GET', `/api/programmes/${programme}/plan`, { as });

	beforeEach(async () => {
		await resetDatabase();
		world = await seedWorld();
		secondPlace = await insertPlace('drakenbergsparken', 'Drakenbergsparken', world.district, 18.0365, 59.3155);
		const res = await api('POST', '/api/programmes', {
			as: world.tokens.coordinator,
			json: { properties: { name: 'Sommar i Tanto 2023', areaIds: [world.place, secondPlace], startsOn: '2023-01-01', endsOn: '2023-12-31', planKind: 'project_plan', background: 'Öppen drogscen.' } }
		});
		expect(res.status).toBe(201);
		programme = res.body.id;
	});

	it('creates, reads, changes and deletes every part of the plan', async () => {
		const goal = await post('goals', {
			description: 'Andelen otrygga högst 15 %',
			horizon: 'effect_goal',
			targetIndicator: 'share_unsafe',
			targetComparison: 'at_most',
			baselineValue: 0.31,
			baselineYear: 2021,
			targetValue: 0.15,
			targetDate: '2025-01-01'
		});
		expect(goal.status).toBe(201);
		expect(goal.body).toMatchObject({ horizon: 'effect_goal', targetIndicator: 'share_unsafe', targetComparison: 'at_most', targetValue: 0.15, targetDate: '2025-01-01', version: 1 });
		const theme = await post('themes', { title: 'Riktat arbete på avgränsade platser', overallGoal: 'Tryggare platser', situation: 'Öppen handel', policyReference: 'Trygg i Stockholm', priority: 2 });
		expect(theme.status).toBe(201);
		const activity = await post('activities', { themeId: theme.body.id, areaId: world.place, name: 'Platssamverkan', purpose: 'Samordna', measurableGoals: '2 vandringar', startsOn: '2023-04-01', endsOn: '2023-09-30', meetingFrequency: 'Varannan vecka', convener: 'SDF' });
		expect(activity.status).toBe(201);
		const party = await post('parties', { activityId: activity.body.id, name: 'Polisen', contact: 'Kommunpolis', participants: 'Områdespolis', commitment: 'Närvaro kvällstid' });
		expect(party.status).toBe(201);
		const member = await post('members', { group: 'project_lead', name: 'Anna Andersson', title: 'Trygghetssamordnare' });
		const risk = await post('risks', { title: 'Förflyttning', likelihood: 4, impact: 3, mitigation: 'Följ grannparker', owner: 'Anna' });
		const report = await post('status-reports', { year: 2023, tertial: 2, title: 'Lägesrapport juni', body: 'Enligt plan' });
		const change = await post('change-requests', { title: 'Utökad period', requestedOn: '2023-05-02', decision: 'approved', decidedOn: '2023-05-10', decisionNote: 'Styrgruppen beslutade' });
		for (const r of [member, risk, report, change]) expect(r.status).toBe(201);
		expect(risk.body).toMatchObject({ score: 12, reviewOverdue: false });
		expect(risk.body.nextReviewOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

		const read = (await plan(world.tokens.viewer)).body;
		expect(read).toMatchObject({ planKind: 'project_plan', texts: { background: 'Öppen drogscen.' }, manage: false });
		expect(read.goals.map((g: any) => g.id)).toEqual([goal.body.id]);
		expect(read.themes).toEqual([expect.objectContaining({ title: 'Riktat arbete på avgränsade platser', priority: 2 })]);
		expect(read.activities).toEqual([expect.objectContaining({ id: activity.body.id, themeId: theme.body.id, areaId: world.place, parties: [expect.objectContaining({ name: 'Polisen', commitment: 'Närvaro kvällstid' })] })]);
		expect(read.members).toEqual([expect.objectContaining({ group: 'project_lead', name: 'Anna Andersson' })]);
		expect(read.statusReports).toEqual([expect.objectContaining({ year: 2023, tertial: 2, status: 'draft' })]);
		expect(read.changeRequests).toEqual([expect.objectContaining({ decision: 'approved', decidedOn: '2023-05-10' })]);
		expect((await plan()).body.manage).toBe(true);

		const changed = await api('PATCH', `/api/programmes/${programme}/goals/${goal.body.id}`, { as: world.tokens.coordinator, json: { version: 1, targetValue: 0.12 } });
		expect(changed.status).toBe(200);
		expect(changed.body).toMatchObject({ targetValue: 0.12, version: 2 });
		const texts = await api('PATCH', `/api/programmes/${programme}`, { as: world.tokens.coordinator, json: { version: 1, properties: { planKind: 'action_plan', financing: 'Max 2 MSEK' } } });
		expect(texts.status).toBe(200);
		expect(texts.body.properties).toMatchObject({ planKind: 'action_plan', financing: 'Max 2 MSEK', background: 'Öppen drogscen.' });

		// Deleting the theme leaves its activity directly under the programme.
		expect((await api('DELETE', `/api/programmes/${programme}/themes/${theme.body.id}?version=1`, { as: world.tokens.coordinator })).status).toBe(204);
		const after = (await plan()).body;
		expect(after.themes).toEqual([]);
		expect(after.activities[0]).toMatchObject({ id: activity.body.id, themeId: null });
		expect((await api('DELETE', `/api/programmes/${programme}/parties/${party.body.id}`, { as: world.tokens.coordinator })).status).toBe(204);
		expect((await plan()).body.activities[0].parties).toEqual([]);
		const audit = await db().selectFrom('audit_log').select(['entity', 'action']).where('entity', 'in', ['goal', 'theme', 'party']).execute();
		expect(audit).toEqual(expect.arrayContaining([{ entity: 'goal', action: 'create' }, { entity: 'goal', action: 'update' }, { entity: 'theme', action: 'delete' }, { entity: 'party', action: 'delete' }]));
	});

	it('refuses writes from a coordinator of another area and from a viewer (403), changing nothing; both cannot/can read', async () => {
		const theme = await post('themes', { title: 'Tema' });
		const before = await planCounts();
		for (const who of ['outsider', 'viewer', 'walker', 'partner'] as const) {
			const res = await post('themes', { title: 'Intrång' }, world.tokens[who]);
			expect({ who, status: res.status, code: res.body.error.code }).toEqual({ who, status: 403, code: 'forbidden' });
			const patch = await api('PATCH', `/api/programmes/${programme}/themes/${theme.body.id}`, { as: world.tokens[who], json: { version: 1, title: 'Ändrad' } });
			expect({ who, status: patch.status }).toEqual({ who, status: 403 });
			const del = await api('DELETE', `/api/programmes/${programme}/themes/${theme.body.id}`, { as: world.tokens[who] });
			expect({ who, status: del.status }).toEqual({ who, status: 403 });
		}
		expect(await planCounts()).toEqual(before);
		expect((await plan(world.tokens.viewer)).status).toBe(200);
		expect((await plan(world.tokens.partner)).status).toBe(200);
		expect((await plan(world.tokens.outsider)).status).toBe(403);
		expect((await api('GET', `/api/programmes/${programme}/plan`)).status).toBe(401);
		expect((await plan()).body.themes).toEqual([expect.objectContaining({ title: 'Tema', version: 1 })]);
	});

	it('refuses bad input (400) and a stale version (409), changing nothing', async () => {
		const before = await planCounts();
		const bad = async (path: string, json: unknown, code: string, field?: string) => {
			const res = await post(path, json);
			expect({ path, status: res.status, code: res.body.error?.code }).toEqual({ path, status: 400, code });
			if (field) expect(JSON.stringify(res.body.error.details)).toContain(field);
		};
		await bad('risks', { title: 'R', likelihood: 7, impact: 2 }, 'validation_failed', 'likelihood');
		await bad('goals', { description: 'G', targetValue: 0.15 }, 'validation_failed', 'target_incomplete');
		await bad('goals', { description: '' }, 'validation_failed', 'description');
		await bad('activities', { name: 'A', areaId: world.otherPlace }, 'not_in_programme', 'areaId');
		await bad('activities', { name: 'A', startsOn: '2023-05-01', endsOn: '2023-04-01' }, 'validation_failed', 'endsOn');
		await bad('parties', { activityId: '00000000-0000-4000-8000-000000000000', name: 'X' }, 'not_in_programme', 'activityId');
		await bad('change-requests', { title: 'C', requestedOn: '2023-13-01' }, 'validation_failed', 'requestedOn');
		await bad('themes', { title: 'T', unknown: 1 }, 'validation_failed');
		expect(await planCounts()).toEqual(before);

		const theme = await post('themes', { title: 'Tema' });
		expect((await api('PATCH', `/api/programmes/${programme}/themes/${theme.body.id}`, { as: world.tokens.coordinator, json: { version: 1, title: 'Först' } })).status).toBe(200);
		const stale = await api('PATCH', `/api/programmes/${programme}/themes/${theme.body.id}`, { as: world.tokens.coordinator, json: { version: 1, title: 'Sen' } });
		expect([stale.status, stale.body.error.code, stale.body.error.details.currentVersion]).toEqual([409, 'version_conflict', 2]);
		expect((await api('DELETE', `/api/programmes/${programme}/themes/${theme.body.id}?version=1`, { as: world.tokens.coordinator })).status).toBe(409);
		expect((await plan()).body.themes).toEqual([expect.objectContaining({ title: 'Först', version: 2 })]);
		const missing = await api('PATCH', `/api/programmes/${programme}/themes/00000000-0000-4000-8000-000000000000`, { as: world.tokens.coordinator, json: { version: 1, title: 'X' } });
		expect(missing.status).toBe(404);
	});

	it('flags an overdue risk review and clears it when a review is recorded', async () => {
		const risk = await post('risks', { title: 'Tillstånd dröjer', likelihood: 2, impact: 4, nextReviewOn: '2023-03-01' });
		expect(risk.body).toMatchObject({ reviewOverdue: true, nextReviewOn: '2023-03-01' });
		const closed = await post('risks', { title: 'Stängd', likelihood: 1, impact: 1, nextReviewOn: '2023-03-01', status: 'closed' });
		expect(closed.body.reviewOverdue).toBe(false);
		expect((await plan(world.tokens.viewer)).body).toMatchObject({ overdueReviews: 1 });
		const today = (await plan()).body.today as string;
		const review = await api('POST', `/api/programmes/${programme}/risks/${risk.body.id}/reviews`, { as: world.tokens.coordinator, json: { reviewedOn: today, likelihood: 3, impact: 4, note: 'Ansökan inskickad' } });
		expect(review.status).toBe(201);
		const [y, m, d] = today.split('-').map(Number);
		const next = new Date(Date.UTC(y, m, 1));
		next.setUTCDate(Math.min(d, new Date(Date.UTC(y, m + 1, 0)).getUTCDate()));
		expect(review.body).toMatchObject({ likelihood: 3, impact: 4, score: 12, reviewOverdue: false, lastReviewedOn: today, nextReviewOn: next.toISOString().slice(0, 10), version: 2 });
		expect(await db().selectFrom('risk_reviews').select(['likelihood', 'impact', 'note']).execute()).toEqual([{ likelihood: 3, impact: 4, note: 'Ansökan inskickad' }]);
		expect((await plan()).body.overdueReviews).toBe(0);
		const viewer = await api('POST', `/api/programmes/${programme}/risks/${risk.body.id}/reviews`, { as: world.tokens.viewer, json: { reviewedOn: today, likelihood: 1, impact: 1 } });
		expect(viewer.status).toBe(403);
		expect(await db().selectFrom('risk_reviews').select('id').execute()).toHaveLength(1);
	});

	it('links events, measures and walks to an activity of their area, and refuses one of another area or programme', async () => {
		const ours = (await post('activities', { name: 'Platssamverkan Tanto', areaId: world.place })).body;
		const elsewhere = (await post('activities', { name: 'Drakenberg', areaId: secondPlace })).body;
		const norr = await api('POST', '/api/programmes', { as: world.tokens.outsider, json: { properties: { name: 'Klara', areaIds: [world.otherPlace], startsOn: '2023-01-01', endsOn: '2023-12-31' } } });
		const foreign = (await api('POST', `/api/programmes/${norr.body.id}/activities`, { as: world.tokens.outsider, json: { name: 'Sergel' } })).body;
		const eventBody = (activityId: string) => ({ geometry: SPOT, properties: { title: 'Konsert', kind: 'culture', startsAt: '2023-06-10T18:00:00+02:00', endsAt: '2023-06-10T21:00:00+02:00', activityId } });

		const linked = await api('POST', '/api/events', { as: world.tokens.coordinator, json: eventBody(ours.id) });
		expect(linked.status).toBe(201);
		expect(linked.body.properties.activityId).toBe(ours.id);
		const otherArea = await api('POST', '/api/events', { as: world.tokens.coordinator, json: eventBody(elsewhere.id) });
		expect([otherArea.status, otherArea.body.error.code]).toEqual([400, 'activity_other_area']);
		const otherProgramme = await api('POST', '/api/events', { as: world.tokens.coordinator, json: eventBody(foreign.id) });
		expect([otherProgramme.status, otherProgramme.body.error.code]).toEqual([403, 'forbidden_reference']);
		expect(await db().selectFrom('events').select('id').execute()).toHaveLength(1);

		const measure = await api('POST', '/api/measures', { as: world.tokens.coordinator, json: { geometry: SPOT, properties: { kind: 'lighting', title: 'Belysning' } } });
		const refused = await api('PATCH', `/api/measures/${measure.body.id}`, { as: world.tokens.coordinator, json: { version: 1, properties: { activityId: elsewhere.id } } });
		expect([refused.status, refused.body.error.code]).toEqual([400, 'activity_other_area']);
		const set = await api('PATCH', `/api/measures/${measure.body.id}`, { as: world.tokens.coordinator, json: { version: 1, properties: { activityId: ours.id } } });
		expect([set.status, set.body.properties.activityId, set.body.properties.version]).toEqual([200, ours.id, 2]);

		const walkBody = (activityId: string) => ({ properties: { areaId: world.place, title: 'Trygghetsvandring', startsAt: '2023-05-10T18:00:00+02:00', activityId } });
		const walk = await api('POST', '/api/walks', { as: world.tokens.coordinator, json: walkBody(ours.id) });
		expect([walk.status, walk.body.properties.activityId]).toEqual([201, ours.id]);
		const walkForeign = await api('POST', '/api/walks', { as: world.tokens.coordinator, json: walkBody(foreign.id) });
		expect(walkForeign.status).toBe(403);
		const walkPatch = await api('PATCH', `/api/walks/${walk.body.id}`, { as: world.tokens.coordinator, json: { version: 1, properties: { activityId: elsewhere.id } } });
		expect(walkPatch.status).toBe(400);
		expect((await api('GET', `/api/walks/${walk.body.id}`, { as: world.tokens.coordinator })).body.properties).toMatchObject({ activityId: ours.id, version: 1 });
		expect(await db().selectFrom('walks').select('id').execute()).toHaveLength(1);

		const listed = await api('GET', `/api/activities?area=${world.place}`, { as: world.tokens.viewer });
		expect(listed.body.map((a: any) => a.name)).toEqual(['Platssamverkan Tanto']);
		expect((await plan()).body.activities.find((a: any) => a.id === ours.id).linked).toEqual({ events: 1, measures: 1, walks: 1 });
	});

	it('drafts a follow-up of one activity from what is linked to it, equal to direct SQL counts', async () => {
		const activity = (await post('activities', { name: 'Trygghetsinventeringar', areaId: world.place })).body;
		const as = world.tokens.coordinator;
		const event = (title: string, activityId: string | null, rrule: string | null) =>
			api('POST', '/api/events', { as, json: { geometry: SPOT, properties: { title, kind: 'culture', startsAt: '2023-06-02T18:00:00+02:00', endsAt: '2023-06-02T21:00:00+02:00', rrule, actualAttendance: 40, activityId } } });
		expect((await event('Fredagskväll', activity.id, 'FREQ=WEEKLY;BYDAY=FR;COUNT=6')).status).toBe(201);
		expect((await event('Annat', null, 'FREQ=WEEKLY;BYDAY=FR;COUNT=4')).status).toBe(201);
		const finding = await api('POST', '/api/findings', { as: world.tokens.walker, json: { geometry: SPOT, properties: { category: 'lighting', severity: 3 } } });
		const other = await api('POST', '/api/findings', { as: world.tokens.walker, json: { geometry: SPOT, properties: { category: 'litter', severity: 2 } } });
		await sql`UPDATE findings SET created_at = '2023-06-01T12:00:00+02' WHERE id IN (${finding.body.id}, ${other.body.id})`.execute(db());
		const measure = (title: string, activityId: string | null, findingIds: string[]) =>
			api('POST', '/api/measures', { as, json: { geometry: SPOT, properties: { kind: 'lighting', title, status: 'done', doneOn: '2023-06-20', costSek: 10_000, activityId, findingIds } } });
		expect((await measure('Lampa', activity.id, [finding.body.id])).status).toBe(201);
		expect((await measure('Städning', null, [other.body.id])).status).toBe(201);
		const walk = (activityId: string | null) => api('POST', '/api/walks', { as, json: { properties: { areaId: world.place, title: 'Vandring', startsAt: '2023-05-10T18:00:00+02:00', participantCount: 12, activityId } } });
		expect((await walk(activity.id)).status).toBe(201);
		expect((await walk(null)).status).toBe(201);

		const draft = await api('GET', `/api/follow-ups/draft?area=${world.place}&period=2023-T2&activity=${activity.id}`, { as });
		expect(draft.status).toBe(200);
		expect(draft.body).toMatchObject({ activityId: activity.id, programmeId: programme });
		const f = draft.body.figures;
		const from = '2023-05-01T00:00:00+02';
		const to = '2023-09-01T00:00:00+02';
		const one = async (q: ReturnType<typeof sql<{ n: number }>>) => Number((await q.execute(db())).rows[0].n);
		const held = await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM event_occurrences o JOIN events e ON e.id = o.event_id
			WHERE e.activity_id = ${activity.id} AND NOT o.cancelled AND o.starts_at >= ${from}::timestamptz AND o.starts_at < ${to}::timestamptz`);
		const attendance = await one(sql<{ n: number }>`SELECT coalesce(sum(coalesce(o.actual_attendance, e.actual_attendance)), 0)::int AS n FROM event_occurrences o JOIN events e ON e.id = o.event_id
			WHERE e.activity_id = ${activity.id} AND NOT o.cancelled AND o.starts_at >= ${from}::timestamptz AND o.starts_at < ${to}::timestamptz`);
		const measures = await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM measures WHERE activity_id = ${activity.id} AND status = 'done' AND done_on BETWEEN '2023-05-01' AND '2023-08-31'`);
		const walks = await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM walks WHERE activity_id = ${activity.id} AND starts_at >= ${from}::timestamptz AND starts_at < ${to}::timestamptz`);
		const findings = await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM findings f WHERE f.created_at >= ${from}::timestamptz AND f.created_at < ${to}::timestamptz
			AND (EXISTS (SELECT 1 FROM measure_findings mf JOIN measures m ON m.id = mf.measure_id WHERE mf.finding_id = f.id AND m.activity_id = ${activity.id})
				OR EXISTS (SELECT 1 FROM walks w WHERE w.id = f.walk_id AND w.activity_id = ${activity.id}))`);
		expect([held, attendance, measures, walks, findings]).toEqual([6, 240, 1, 1, 1]);
		expect({ held: f.events.held, attendance: f.events.attendance, measures: f.measures.done, cost: f.measures.costSek, walks: f.walks.done, participants: f.walks.participants, findings: f.findings.reported }).toEqual({
			held,
			attendance,
			measures,
			cost: 10_000,
			walks,
			participants: 12,
			findings
		});
		// The whole area counts the unlinked ones too.
		const area = (await api('GET', `/api/follow-ups/draft?area=${world.place}&period=2023-T2`, { as })).body.figures;
		expect([area.events.held, area.measures.done, area.walks.done, area.findings.reported]).toEqual([10, 2, 2, 2]);

		// A follow-up of the activity and one of the whole area are separate records.
		const saved = await api('POST', '/api/follow-ups', { as, json: { areaId: world.place, activityId: activity.id, period: '2023-T2' } });
		expect(saved.status).toBe(201);
		expect(saved.body).toMatchObject({ activityId: activity.id, activityName: 'Trygghetsinventeringar', programmeId: programme });
		expect(saved.body.figures.events.held).toBe(held);
		expect((await api('POST', '/api/follow-ups', { as, json: { areaId: world.place, period: '2023-T2' } })).status).toBe(201);
		const again = await api('POST', '/api/follow-ups', { as, json: { areaId: world.place, activityId: activity.id, period: '2023-T2' } });
		expect([again.status, again.body.error.code]).toEqual([409, 'follow_up_exists']);
		const wrongArea = await api('GET', `/api/follow-ups/draft?area=${secondPlace}&period=2023-T2&activity=${activity.id}`, { as });
		expect([wrongArea.status, wrongArea.body.error.code]).toEqual([400, 'activity_other_area']);
		// An activity that has been followed up stays.
		const del = await api('DELETE', `/api/programmes/${programme}/activities/${activity.id}`, { as });
		expect([del.status, del.body.error.code]).toEqual([409, 'in_use']);
	});
});
