import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { db, resetDatabase, tenant } from './harness';
import { DEMO_ACCOUNTS, loadDemo } from '../../src/lib/server/demo/load';
import { config } from '../../src/lib/server/config';
import { incidentContentHash } from '../../src/lib/incidents/content-hash.server';

describe('the shipped geodata and demo data', () => {
	let counts: Record<string, number>;
	beforeAll(async () => {
		await resetDatabase();
		({ counts } = await loadDemo(db(), tenant, 'Test'));
	}, 180_000);

	it('loads the eight places of DESIGN §1 inside their districts', async () => {
		const { rows } = await sql<{ name: string; parent: string; inside: boolean }>`
			SELECT p.name, d.name AS parent, ST_CoveredBy(p.geom, d.geom) AS inside
			FROM areas p JOIN areas d ON d.id = p.parent_id ORDER BY p.name`.execute(db());
		expect(rows.map((r) => r.name).sort()).toEqual(
			['Bredäng centrum', 'Drakenbergsparken', 'Sergels torg', 'Skärholmen centrum', 'Sätra centrum', 'Tantolunden', 'Vårberg centrum', 'Åkersberga centrum'].sort()
		);
		expect(rows.filter((r) => !r.inside)).toEqual([]);
	});

	it('puts every demo geometry inside the service area', async () => {
		const [w, s, e, n] = config.LYKTA_SERVICE_AREA;
		for (const [table, column] of [['areas', 'geom'], ['findings', 'geom'], ['measures', 'geom'], ['events', 'geom'], ['incidents', 'geom'], ['walks', 'route'], ['problem_zones', 'geom'], ['partner_service_locations', 'geom']]) {
			const { rows } = await sql<{ outside: number }>`
				SELECT count(*)::int AS outside FROM ${sql.table(table)}
				WHERE NOT ST_CoveredBy(${sql.ref(column)}, ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, 4326))`.execute(db());
			expect({ table, outside: rows[0].outside }).toEqual({ table, outside: 0 });
		}
	});

	it('has enough data for the analyses: incidents peak in the evening and on weekends', async () => {
		expect(counts).toMatchObject({ areas: 12, programmes: 2 });
		expect(counts.incidents).toBeGreaterThan(5000);
		expect(counts.findings).toBeGreaterThan(200);
		expect(counts.events).toBeGreaterThan(30);
		const { rows } = await sql<{ evening: number; morning: number; weekend_per_day: number; weekday_per_day: number }>`
			SELECT
				count(*) FILTER (WHERE extract(hour FROM occurred_at AT TIME ZONE 'Europe/Stockholm') BETWEEN 18 AND 23)::int AS evening,
				count(*) FILTER (WHERE extract(hour FROM occurred_at AT TIME ZONE 'Europe/Stockholm') BETWEEN 6 AND 11)::int AS morning,
				(count(*) FILTER (WHERE extract(isodow FROM occurred_at AT TIME ZONE 'Europe/Stockholm') IN (5, 6)) / 2.0)::float8 AS weekend_per_day,
				(count(*) FILTER (WHERE extract(isodow FROM occurred_at AT TIME ZONE 'Europe/Stockholm') IN (1, 2, 3, 4, 7)) / 5.0)::float8 AS weekday_per_day
			FROM incidents`.execute(db());
		expect(rows[0].evening).toBeGreaterThan(3 * rows[0].morning);
		expect(rows[0].weekend_per_day).toBeGreaterThan(1.3 * rows[0].weekday_per_day);
	});

	it('creates the demo accounts with their roles', async () => {
		const users = await db()
			.selectFrom('users')
			.innerJoin('area_roles', 'area_roles.user_id', 'users.id')
			.select(['users.email', 'area_roles.role'])
			.execute();
		expect(users.map((u) => `${u.email}:${u.role}`).sort()).toEqual(DEMO_ACCOUNTS.map((a) => `${a.email}:${a.role}`).sort());
	});

	it('links every partner to at least one area', async () => {
		const { rows } = await sql<{ name: string }>`
			SELECT name FROM partners p WHERE NOT EXISTS (SELECT 1 FROM partner_areas pa WHERE pa.partner_id = p.id)`.execute(db());
		expect(rows).toEqual([]);
	});

	it('stores audit scores under the domain’s keys (securityPresence too) and incidents with the import’s identity', async () => {
		const { rows } = await sql<{ scored: number; presence: number }>`
			SELECT count(*)::int AS scored, count(security_presence)::int AS presence FROM finding_audits`.execute(db());
		expect(rows[0].scored).toBeGreaterThan(50);
		expect(rows[0].presence).toBe(rows[0].scored);
		const incident = await db().selectFrom('incidents').select(['source', 'external_id', 'content_hash']).limit(1).executeTakeFirstOrThrow();
		expect(incident.content_hash).toBe(incidentContentHash({ source: incident.source, externalId: incident.external_id! }));
	});

	it('writes programmes, walks, measures and events through the domain’s create functions (each with its audit row)', async () => {
		const { rows } = await sql<{ entity: string; n: number }>`
			SELECT entity, count(*)::int AS n FROM audit_log WHERE action = 'create' GROUP BY entity ORDER BY entity`.execute(db());
		expect(Object.fromEntries(rows.map((r) => [r.entity, r.n]))).toEqual({
			event: counts.events,
			measure: counts.measures,
			programme: counts.programmes,
			walk: counts.walks,
			// The compass's directory and its setup go through the partners' write path too.
			partner: counts.directoryPartners,
			compass: counts.compasses,
			// The plans' parts (goals, risks, groups, themes, activities, parties, reports, change requests) too.
			...Object.fromEntries(Object.entries(counts).filter(([k]) => k.startsWith('plan:')).map(([k, n]) => [k.slice(5), n]))
		});
	});

	it('has Sommar i Tanto as a project plan and Skärholmen as an action plan, with activities the demo objects carry out', async () => {
		const plans = await sql<{ slug: string; plan_kind: string }>`SELECT slug, plan_kind FROM programmes ORDER BY slug`.execute(db());
		expect(plans.rows).toEqual([
			{ slug: 'sommar-i-tanto-2023', plan_kind: 'project_plan' },
			{ slug: 'trygg-i-skarholmen-2023', plan_kind: 'action_plan' }
		]);
		const goal = await db().selectFrom('programme_goals').select(['horizon', 'target_date']).where('description', 'like', 'Västra Södermalm inte längre klassas%').executeTakeFirstOrThrow();
		expect(goal).toEqual({ horizon: 'effect_goal', target_date: '2025-01-01' });
		const survey = await db().selectFrom('programme_goals').select(['target_indicator', 'target_comparison', 'target_value']).where('target_indicator', 'is not', null).execute();
		expect(survey).toEqual([{ target_indicator: 'share_unsafe', target_comparison: 'at_most', target_value: 0.15 }]);
		// The target's indicator is one the demo's surveys record.
		expect((await db().selectFrom('survey_indicators').select('id').where('indicator', '=', 'share_unsafe').execute()).length).toBeGreaterThan(0);
		const themes = await db().selectFrom('programme_themes').select('title').orderBy('priority').execute();
		expect(themes.map((t) => t.title)).toEqual(['1 Riktat arbete i utsatta områden', '2 Riktat arbete på avgränsade platser', '3 Unga i riskmiljö']);
		const { rows } = await sql<{ name: string; parties: number; events: number; measures: number; walks: number }>`
			SELECT a.name, (SELECT count(*)::int FROM activity_parties p WHERE p.activity_id = a.id) AS parties,
				(SELECT count(*)::int FROM events e WHERE e.activity_id = a.id) AS events,
				(SELECT count(*)::int FROM measures m WHERE m.activity_id = a.id) AS measures,
				(SELECT count(*)::int FROM walks w WHERE w.activity_id = a.id) AS walks
			FROM programme_activities a WHERE a.name IN ('Platssamverkan Vårberg', 'Trygghetsinventeringar')
			ORDER BY a.name`.execute(db());
		expect(rows.map((r) => [r.name, r.parties])).toEqual([['Platssamverkan Vårberg', 6], ['Trygghetsinventeringar', 4]]);
		expect(rows[0]!.events).toBeGreaterThan(0);
		expect(rows[1]!.walks).toBeGreaterThan(0);
		// Every linked object lies in its activity's area (when it has one) and programme.
		const { rows: stray } = await sql<{ n: number }>`
			SELECT count(*)::int AS n FROM (
				SELECT e.area_id, e.activity_id FROM events e UNION ALL SELECT m.area_id, m.activity_id FROM measures m UNION ALL SELECT w.area_id, w.activity_id FROM walks w) o
			JOIN programme_activities a ON a.id = o.activity_id
			WHERE (a.area_id IS NOT NULL AND a.area_id <> o.area_id)
				OR NOT EXISTS (SELECT 1 FROM programme_areas pa WHERE pa.programme_id = a.programme_id AND pa.area_id = o.area_id)`.execute(db());
		expect(stray[0]!.n).toBe(0);
		const risks = await sql<{ n: number }>`SELECT count(*)::int AS n FROM risks WHERE next_review_on IS NULL`.execute(db());
		expect(risks.rows[0]!.n).toBe(0);
		expect((await db().selectFrom('change_requests').select('decision').execute()).map((c) => c.decision).sort()).toEqual(['approved', 'pending']);
	});

	it('gives the Klara compass a directory: at 23:30 on a Saturday near Sergels torg the night shelters come first', async () => {
		const { searchCompass } = await import('../../src/lib/partners/compass.server');
		const { compassQuerySchema } = await import('../../src/lib/partners/compass');
		const answer = await searchCompass(db(), tenant, compassQuerySchema.parse({ need: 'shelter', lon: '18.0649', lat: '59.3326', at: '2025-11-15T23:30:00+01:00' }));
		expect(answer.place?.name).toBe('Sergels torg');
		const open = answer.results.filter((r) => r.open.state === 'open');
		expect(open.length).toBeGreaterThanOrEqual(3);
		expect(answer.results.slice(0, open.length).every((r) => r.open.state === 'open' && r.covers)).toBe(true);
		expect(answer.results[0]!.service?.name).toBe('Natthärbärget Klara');
		expect(answer.results[0]!.call).toMatch(/^tel:\+468465004/);
		const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM partner_search`.execute(db());
		expect(rows[0]!.n).toBe(counts.partners);
	});
});
