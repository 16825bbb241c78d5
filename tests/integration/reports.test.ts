/**
 * GET /api/reports/{area|programme}/{id}: who reads which report (partners and viewers of the
 * area read it, others not), what it holds (the saved follow-up with its kept figures, or the
 * data's figures now), the map as the reader may see it (a partner only the findings routed to
 * it), incident figures by the reader's access; the PDF endpoint's refusals before Chromium
 * starts, and one PDF printed from the real report page with an API token.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { api, db, resetDatabase, seedWorld, tenant, type World } from './harness';

let world: World;
let programme: string;
let partnerOrg: string;

/** A point `dx`, `dy` metres from Tantolunden's centre (the seeded 500 m square), as SQL. */
const near = (dx: number, dy: number) =>
	sql`ST_Transform(ST_Translate(ST_Transform(ST_SetSRID(ST_MakePoint(18.0455, 59.3125), 4326), 3006), ${dx}, ${dy}), 4326)`;

beforeAll(async () => {
	await resetDatabase();
	world = await seedWorld();
	const { rows: p } = await sql<{ id: string }>`INSERT INTO partners (tenant_id, slug, name, kind) VALUES (${tenant}, 'polisen', 'Polisen', 'police') RETURNING id`.execute(db());
	partnerOrg = p[0]!.id;
	await sql`UPDATE users SET partner_id = ${partnerOrg} WHERE id = ${world.users.partner}`.execute(db());
	const { rows: prog } = await sql<{ id: string }>`INSERT INTO programmes (tenant_id, slug, name, starts_on, ends_on) VALUES (${tenant}, 'sommar', 'Sommar 2023', '2023-01-01', '2023-12-31') RETURNING id`.execute(db());
	programme = prog[0]!.id;
	await sql`INSERT INTO programme_areas (tenant_id, programme_id, area_id) VALUES (${tenant}, ${programme}, ${world.place})`.execute(db());
	await sql`INSERT INTO programme_goals (tenant_id, programme_id, description, sort) VALUES (${tenant}, ${programme}, 'Färre händelser i parken', 0)`.execute(db());
	await sql`INSERT INTO risks (tenant_id, programme_id, title, likelihood, impact, mitigation, next_review_on) VALUES
		(${tenant}, ${programme}, 'Tillstånd dröjer', 2, 3, 'Ansök tidigt', '2099-01-31'), (${tenant}, ${programme}, 'Problemen flyttar', 4, 3, 'Följ grannparken', '2023-07-31')`.execute(db());
	await sql`INSERT INTO risk_reviews (tenant_id, risk_id, reviewed_on, likelihood, impact)
		SELECT ${tenant}, id, '2023-06-30', 4, 3 FROM risks WHERE title = 'Problemen flyttar'`.execute(db());
	await sql`INSERT INTO status_reports (tenant_id, programme_id, year, tertial, title, body) VALUES (${tenant}, ${programme}, 2023, 2, 'Läget i augusti', 'Sommarscenen drar folk.')`.execute(db());
	// Two findings in May 2023, one routed to the partner's organisation; one from April (not in T2).
	for (const [dx, routed, when] of [[0, true, '2023-05-10T20:00:00+02:00'], [60, false, '2023-05-20T20:00:00+02:00'], [-60, false, '2023-04-20T20:00:00+02:00']] as const)
		await sql`INSERT INTO findings (tenant_id, area_id, category, severity, geom, created_at, responsible_partner_id, status)
			VALUES (${tenant}, ${world.place}, 'lighting', 2, ${near(dx, 0)}, ${when}, ${routed ? partnerOrg : null}, ${routed ? 'assigned' : 'new'})`.execute(db());
	// Incidents: 30 in June 2023; 12 in May–August 2022, 3 a month (the data begins in May 2022).
	let k = 0;
	for (const [year, n] of [[2023, 30], [2022, 12]] as const)
		for (let i = 0; i < n; i++) {
			const month = year === 2023 ? '06' : String(5 + (i % 4)).padStart(2, '0');
			await sql`INSERT INTO incidents (tenant_id, area_id, category, source, occurred_at, content_hash, geom)
				VALUES (${tenant}, ${world.place}, 'narcotics', 'police', ${`${year}-${month}-${String(1 + (i % 28)).padStart(2, '0')}T21:00:00+02:00`}, ${`r-${k++}`}, ${near((i % 4) * 30, (i % 3) * 30)})`.execute(db());
		}
	await sql`INSERT INTO problem_zones (tenant_id, area_id, name, weight, geom)
		VALUES (${tenant}, ${world.place}, 'Zonen', 1, ST_Multi(ST_Buffer(${near(0, 0)}::geography, 80)::geometry))`.execute(db());
}, 120_000);

const report = (as: string | undefined, path = `/api/reports/area/${world.place}?period=2023-T2`) => api('GET', path, { as });

describe('the area report', () => {
	it('holds the data’s figures now when no follow-up is saved, and the map of what the period brought', async () => {
		const res = await report(world.tokens.admin);
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		const r = res.body;
		expect(r).toMatchObject({ kind: 'area', title: 'Tantolunden', period: { key: '2023-T2', from: '2023-05-01', to: '2023-08-31' }, programme: null, compass: null });
		const s = r.sections[0];
		expect(s.followUp).toBeNull();
		expect(s.area).toEqual({ id: world.place, name: 'Tantolunden', parentName: 'Södermalm' });
		expect(s.goals).toEqual([{ goalId: expect.any(String), goal: 'Färre händelser i parken', reached: null, comment: '' }]);
		expect(s.figures.findings.reported).toBe(2);
		expect(s.map.findings.features).toHaveLength(2);
		expect(s.map.zones.features[0].properties.timeCoverage).toBe(s.figures.coverage.zones[0].timeCoverage);
		expect(s.figures.incidents).toMatchObject({ figures: 'exact', currentTotal: 30, previousTotal: 12, change: 1.5, dataFrom: '2022-05' });
		expect(s.figures.incidents.current).toEqual([0, 30, 0, 0]);
		expect(s.figures.incidents.previous).toEqual([3, 3, 3, 3]);
		expect(s.map.bbox).toHaveLength(4);
	});

	it('shows a partner the figures of the area but only the findings routed to it on the map, and incidents aggregated', async () => {
		const admin = (await report(world.tokens.admin)).body.sections[0];
		const res = await report(world.tokens.partner);
		expect(res.status).toBe(200);
		const s = res.body.sections[0];
		expect(s.figures.findings).toEqual(admin.figures.findings);
		expect(s.map.findings.features).toHaveLength(1);
		expect(s.figures.incidents.figures).toBe('aggregated');
		expect((await report(world.tokens.viewer)).body.sections[0].map.findings.features).toHaveLength(2);
	});

	it('shows the saved follow-up with its texts and the figures as they were', async () => {
		const saved = await api('POST', '/api/follow-ups', {
			as: world.tokens.coordinator,
			json: { areaId: world.place, period: '2023-T2', goalReached: 'no', summary: 'Handeln flyttade in i parken.', goals: [{ goal: 'Färre händelser', reached: 'no' }] }
		});
		expect(saved.status, JSON.stringify(saved.body)).toBe(201);
		// A finding added later does not change the report of the saved follow-up.
		await sql`INSERT INTO findings (tenant_id, area_id, category, severity, geom, created_at) VALUES (${tenant}, ${world.place}, 'litter', 1, ${near(10, 10)}, '2023-06-01T12:00:00+02:00')`.execute(db());
		const s = (await report(world.tokens.viewer)).body.sections[0];
		expect(s.followUp).toMatchObject({ id: saved.body.id, status: 'draft', goalReached: 'no', summary: 'Handeln flyttade in i parken.', writtenBy: 'coordinator' });
		expect(s.goals).toEqual([{ goalId: null, goal: 'Färre händelser', reached: 'no', comment: '' }]);
		expect(s.figures.findings.reported).toBe(2);
		expect(s.figures).toEqual((await api('GET', `/api/follow-ups/${saved.body.id}`, { as: world.tokens.viewer })).body.figures);
		// The map is the data's: it shows the new finding.
		expect(s.map.findings.features).toHaveLength(3);
	});

	it('is refused outside the reader’s areas and for bad input', async () => {
		expect((await report(world.tokens.outsider)).status).toBe(403);
		expect((await report(undefined)).status).toBe(401);
		const unknown = await report(world.tokens.admin, '/api/reports/area/00000000-0000-4000-8000-000000000000?period=2023-T2');
		expect(unknown.status).toBe(404);
		expect(unknown.body.error).toMatchObject({ code: 'not_found', details: { entity: 'area' } });
		expect((await report(world.tokens.admin, `/api/reports/area/${world.place}?period=2023-T5`)).body.error.code).toBe('invalid_query');
		expect((await report(world.tokens.admin, `/api/reports/area/${world.place}`)).status).toBe(400);
		expect((await report(world.tokens.admin, `/api/reports/area/${world.place}?period=2099`)).body.error.code).toBe('period_not_started');
		expect((await report(world.tokens.admin, `/api/reports/area/not-an-id?period=2023`)).status).toBe(404);
	});
});

describe('the compass section', () => {
	it('holds the compass counters of the area for the period’s months, equal to the stored counts, and nothing where no compass is', async () => {
		const counts: [string, string, string, number][] = [
			['2023-04-01', 'search', 'need:shelter', 7], // before T2: not counted
			['2023-05-01', 'search', 'need:shelter', 5],
			['2023-06-01', 'search', 'need:shelter', 3],
			['2023-06-01', 'no_match', 'need:shelter', 2],
			['2023-07-01', 'search', 'need:legal', 4],
			['2023-07-01', 'no_match', 'need:legal', 4],
			['2023-08-01', 'choice', partnerOrg, 6],
			['2023-09-01', 'search', 'need:food', 9] // after T2: not counted
		];
		for (const [month, metric, subject, count] of counts)
			await sql`INSERT INTO compass_stats (tenant_id, area_id, month, metric, subject, count)
				VALUES (${tenant}, ${world.otherPlace}, ${month}, ${metric}, ${subject}, ${count})`.execute(db());
		const res = await report(world.tokens.outsider, `/api/reports/area/${world.otherPlace}?period=2023-T2`);
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		const [section, ...more] = res.body.compass.areas;
		expect(more).toEqual([]);
		expect(section.areaName).toBe('Sergels torg');
		const { rows } = await sql<{ metric: string; n: number }>`
			SELECT metric, sum(count)::int AS n FROM compass_stats
			WHERE area_id = ${world.otherPlace} AND month BETWEEN '2023-05-01' AND '2023-08-01' GROUP BY metric`.execute(db());
		const stored = Object.fromEntries(rows.map((r) => [r.metric, r.n]));
		expect(section.figures.totals).toEqual({ searches: stored.search, noMatch: stored.no_match, choices: stored.choice });
		expect(section.figures.totals).toEqual({ searches: 12, noMatch: 6, choices: 6 });
		expect(section.figures.months.map((m: any) => [m.month, m.searches, m.noMatch, m.choices])).toEqual([
			['2023-05', 5, 0, 0],
			['2023-06', 3, 2, 0],
			['2023-07', 4, 4, 0],
			['2023-08', 0, 0, 6]
		]);
		expect(section.figures.searches).toEqual([
			{ subject: 'need:shelter', count: 8, noMatch: 2, noMatchShare: 2 / 8 },
			{ subject: 'need:legal', count: 4, noMatch: 4, noMatchShare: 1 }
		]);
		expect(section.figures.choices).toEqual([{ subject: partnerOrg, count: 6, name: 'Polisen' }]);
		expect(res.body.compass.needs.map((n: any) => n.key)).toContain('shelter');
		// Tantolunden has no compass and was not searched in: no section (the first test too).
		expect((await report(world.tokens.admin)).body.compass).toBeNull();
		// Another tertial without use of Sergels torg's compass: no section.
		expect((await report(world.tokens.outsider, `/api/reports/area/${world.otherPlace}?period=2022-T3`)).body.compass).toBeNull();
	});
});

describe('the programme report', () => {
	it('has the programme, its goals and a section per area of it the reader reads', async () => {
		const res = await report(world.tokens.viewer, `/api/reports/programme/${programme}?period=2023-T2`);
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		expect(res.body.programme).toMatchObject({ name: 'Sommar 2023', goals: [{ description: 'Färre händelser i parken' }] });
		expect(res.body.sections.map((s: any) => s.area.name)).toEqual(['Tantolunden']);
		// The risk table, largest first with its last review, and the tertial's status report.
		expect(res.body.programme.risks.map((r: any) => [r.title, r.likelihood * r.impact, r.reviewedOn, r.nextReviewOn, r.reviewOverdue])).toEqual([
			['Problemen flyttar', 12, '2023-06-30', '2023-07-31', true],
			['Tillstånd dröjer', 6, null, '2099-01-31', false]
		]);
		expect(res.body.programme.statusReport).toMatchObject({ title: 'Läget i augusti', body: 'Sommarscenen drar folk.' });
		expect((await report(world.tokens.viewer, `/api/reports/programme/${programme}?period=2023-T1`)).body.programme.statusReport).toBeNull();
		// The area's own follow-up stands in for one written for the programme.
		expect(res.body.sections[0].followUp.summary).toBe('Handeln flyttade in i parken.');
		expect((await report(world.tokens.outsider, `/api/reports/programme/${programme}?period=2023-T2`)).status).toBe(403);
		expect((await report(world.tokens.admin, `/api/reports/programme/${programme}?period=2022-T2`)).body.error.code).toBe('programme_not_in_area');
	});
});

describe('the PDF', () => {
	const pdf = (as: string | undefined, path: string) => api('GET', path, { as });

	it('refuses before Chromium starts what the report would refuse', async () => {
		expect((await pdf(world.tokens.outsider, `/api/reports/area/${world.place}/pdf?period=2023-T2`)).status).toBe(403);
		expect((await pdf(undefined, `/api/reports/area/${world.place}/pdf?period=2023-T2`)).status).toBe(401);
		expect((await pdf(world.tokens.admin, `/api/reports/area/00000000-0000-4000-8000-000000000000/pdf?period=2023-T2`)).status).toBe(404);
		expect((await pdf(world.tokens.admin, `/api/reports/area/${world.place}/pdf?period=2099-T1`)).body.error.code).toBe('period_not_started');
		expect((await pdf(world.tokens.admin, `/api/reports/area/${world.place}/pdf?period=2023-T2&lang=de`)).body.error.code).toBe('invalid_query');
		expect((await pdf(world.tokens.outsider, `/api/reports/programme/${programme}/pdf?period=2023-T2`)).status).toBe(403);
	});

	it('prints the report page for a reader with an API token, in English when asked', async () => {
		const { origin } = await import('./harness').then((h) => h.app());
		const response = await fetch(`${origin}/api/reports/area/${world.place}/pdf?period=2023-T2&lang=en`, { headers: { authorization: `Bearer ${world.tokens.viewer}` } });
		const body = Buffer.from(await response.arrayBuffer());
		expect(response.status, body.toString().slice(0, 300)).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		expect(response.headers.get('content-disposition')).toBe('attachment; filename="lykta-tantolunden-2023-T2.pdf"');
		expect(body.subarray(0, 5).toString()).toBe('%PDF-');
		// The map and the charts went in as images.
		expect((body.toString('latin1').match(/\/Subtype\s*\/Image/g) ?? []).length).toBeGreaterThanOrEqual(3);
	}, 120_000);
});
