import { beforeEach, describe, expect, it } from 'vitest';
import { api, db, resetDatabase, seedWorld, type World } from './harness';

const SPOT = { type: 'Point', coordinates: [18.0455, 59.3125] };

describe('programmes and their budget caps', () => {
	let world: World;
	let programme: any;
	beforeEach(async () => {
		await resetDatabase();
		world = await seedWorld();
		const res = await api('POST', '/api/programmes', {
			as: world.tokens.coordinator,
			json: {
				properties: {
					name: 'Sommar i Tanto 2023',
					areaIds: [world.place],
					startsOn: '2023-01-01',
					endsOn: '2023-12-31',
					intensiveFrom: '2023-04-01',
					intensiveTo: '2023-09-30',
					budgetCapSek: 2_000_000,
					budgetLines: [
						{ name: 'Föreningsbidrag', kind: 'grants', capSek: 275_000 },
						{ name: 'Stadsmiljöåtgärder', kind: 'measures', capSek: 1_800_000 }
					]
				}
			}
		});
		expect(res.status).toBe(201);
		programme = res.body;
	});

	const line = (name: string) => programme.properties.budget.lines.find((l: any) => l.name === name).id;
	const grant = (amount: number, extra: Record<string, unknown> = {}) =>
		api('POST', '/api/events', {
			as: world.tokens.coordinator,
			json: {
				geometry: SPOT,
				properties: { title: 'Föreningsdag', kind: 'culture', startsAt: '2023-06-10T12:00:00+02:00', endsAt: '2023-06-10T16:00:00+02:00', budgetLineId: line('Föreningsbidrag'), grantSek: amount, ...extra }
			}
		});

	it('shows committed and spent against each line and the programme cap', async () => {
		expect((await grant(150_000)).status).toBe(201);
		await api('POST', '/api/measures', { as: world.tokens.coordinator, json: { geometry: SPOT, properties: { kind: 'lighting', title: 'Belysning', budgetLineId: line('Stadsmiljöåtgärder'), costSek: 400_000, spentSek: 120_000 } } });
		const res = await api('GET', `/api/programmes/${programme.id}`, { as: world.tokens.viewer });
		expect(res.body.properties.budget).toMatchObject({ capSek: 2_000_000, committedSek: 550_000, spentSek: 120_000, overCap: false });
		expect(res.body.properties.budget.lines).toEqual([
			expect.objectContaining({ name: 'Föreningsbidrag', capSek: 275_000, committedSek: 150_000, spentSek: 0, overCap: false }),
			expect.objectContaining({ name: 'Stadsmiljöåtgärder', capSek: 1_800_000, committedSek: 400_000, spentSek: 120_000, overCap: false })
		]);
	});

	it('refuses going over a line cap (409) unless confirmed with a reason, which is kept', async () => {
		expect((await grant(200_000)).status).toBe(201);
		const over = await grant(100_000);
		expect([over.status, over.body.error.code]).toEqual([409, 'over_budget']);
		expect(over.body.error.details.line).toEqual({ name: 'Föreningsbidrag', capSek: 275_000, committedSek: 300_000 });
		expect(await db().selectFrom('events').select('id').execute()).toHaveLength(1);
		const confirmed = await grant(100_000, { overBudgetReason: 'Styrgruppen beslutade 12 maj' });
		expect(confirmed.status).toBe(201);
		const audit = await db().selectFrom('audit_log').select('after').where('entity_id', '=', confirmed.body.id).executeTakeFirstOrThrow();
		expect(audit.after).toMatchObject({ overBudgetReason: 'Styrgruppen beslutade 12 maj' });
		const budget = (await api('GET', `/api/programmes/${programme.id}`, { as: world.tokens.coordinator })).body.properties.budget;
		expect(budget.lines[0]).toMatchObject({ committedSek: 300_000, overCap: true });
	});

	it('refuses going over the programme cap through an update, too', async () => {
		const lamp = await api('POST', '/api/measures', { as: world.tokens.coordinator, json: { geometry: SPOT, properties: { kind: 'lighting', title: 'Belysning', budgetLineId: line('Stadsmiljöåtgärder'), costSek: 1_700_000 } } });
		await grant(250_000);
		const raise = await api('PATCH', `/api/measures/${lamp.body.id}`, { as: world.tokens.coordinator, json: { version: 1, properties: { costSek: 1_790_000 } } });
		expect([raise.status, raise.body.error.code]).toEqual([409, 'over_budget']);
		expect(raise.body.error.details.programme).toEqual({ capSek: 2_000_000, committedSek: 2_040_000 });
		const kept = await api('GET', `/api/measures/${lamp.body.id}`, { as: world.tokens.coordinator });
		expect(kept.body.properties).toMatchObject({ costSek: 1_700_000, version: 1 });
	});

	it('only lets coordinators of every area of the programme create it', async () => {
		const body = { properties: { name: 'X', areaIds: [world.place, world.otherPlace], startsOn: '2024-01-01', endsOn: '2024-12-31' } };
		expect((await api('POST', '/api/programmes', { as: world.tokens.coordinator, json: body })).status).toBe(403);
		expect((await api('POST', '/api/programmes', { as: world.tokens.walker, json: { properties: { ...body.properties, areaIds: [world.place] } } })).status).toBe(403);
		const backwards = await api('POST', '/api/programmes', { as: world.tokens.admin, json: { properties: { ...body.properties, endsOn: '2023-01-01' } } });
		expect([backwards.status, backwards.body.error.code]).toEqual([400, 'validation_failed']);
		expect((await api('GET', '/api/programmes', { as: world.tokens.outsider })).body.features).toEqual([]);
	});

	it('edits the programme, refusing a stale version and a cap lowered below what is committed without a reason', async () => {
		expect((await grant(250_000)).status).toBe(201);
		const renamed = await api('PATCH', `/api/programmes/${programme.id}`, { as: world.tokens.coordinator, json: { version: 1, properties: { name: 'Sommar i Tanto', status: 'closed' } } });
		expect(renamed.status).toBe(200);
		expect(renamed.body.properties).toMatchObject({ name: 'Sommar i Tanto', status: 'closed', version: 2 });
		const stale = await api('PATCH', `/api/programmes/${programme.id}`, { as: world.tokens.coordinator, json: { version: 1, properties: { name: 'Gammal' } } });
		expect([stale.status, stale.body.error.code]).toEqual([409, 'version_conflict']);
		const lowered = await api('PATCH', `/api/programmes/${programme.id}`, { as: world.tokens.coordinator, json: { version: 2, properties: { budgetCapSek: 200_000 } } });
		expect([lowered.status, lowered.body.error.code]).toEqual([409, 'over_budget']);
		expect(lowered.body.error.details.programme).toEqual({ capSek: 200_000, committedSek: 250_000 });
		const kept = await api('GET', `/api/programmes/${programme.id}`, { as: world.tokens.viewer });
		expect(kept.body.properties).toMatchObject({ name: 'Sommar i Tanto', version: 2, budget: { capSek: 2_000_000 } });
		const confirmed = await api('PATCH', `/api/programmes/${programme.id}`, { as: world.tokens.coordinator, json: { version: 2, properties: { budgetCapSek: 200_000, overBudgetReason: 'Nämnden drog ned ramen' } } });
		expect(confirmed.status).toBe(200);
		expect(confirmed.body.properties.budget).toMatchObject({ capSek: 200_000, overCap: true });
		const backwards = await api('PATCH', `/api/programmes/${programme.id}`, { as: world.tokens.coordinator, json: { version: 3, properties: { endsOn: '2022-12-31' } } });
		expect([backwards.status, backwards.body.error.code]).toEqual([400, 'validation_failed']);
		for (const who of ['viewer', 'partner', 'walker'] as const) {
			const denied = await api('PATCH', `/api/programmes/${programme.id}`, { as: world.tokens[who], json: { version: 3, properties: { name: 'X' } } });
			expect(denied.status, who).toBe(403);
		}
		const elsewhere = await api('PATCH', `/api/programmes/${programme.id}`, { as: world.tokens.coordinator, json: { version: 3, properties: { areaIds: [world.place, world.otherPlace] } } });
		expect(elsewhere.status).toBe(403);
	});

	it('adds, caps and removes budget lines, and books entries by hand against them', async () => {
		const added = await api('POST', `/api/programmes/${programme.id}/budget-lines`, { as: world.tokens.coordinator, json: { name: 'Personal', kind: 'staff', capSek: 100_000 } });
		expect(added.status).toBe(201);
		const staff = added.body.properties.budget.lines.find((l: any) => l.name === 'Personal');
		expect(staff).toMatchObject({ kind: 'staff', capSek: 100_000, committedSek: 0, version: 1 });

		const entry = (json: Record<string, unknown>) => api('POST', `/api/programmes/${programme.id}/budget-entries`, { as: world.tokens.coordinator, json: { budgetLineId: staff.id, bookedOn: '2023-05-01', ...json } });
		expect((await entry({ kind: 'committed', amountSek: 80_000, note: 'Fältassistenter maj–aug' })).status).toBe(201);
		expect((await entry({ kind: 'spent', amountSek: 20_000 })).status).toBe(201);
		const over = await entry({ kind: 'committed', amountSek: 30_000 });
		expect([over.status, over.body.error.code]).toEqual([409, 'over_budget']);
		expect(over.body.error.details.line).toEqual({ name: 'Personal', capSek: 100_000, committedSek: 110_000 });
		const reasoned = await entry({ kind: 'committed', amountSek: 30_000, overBudgetReason: 'Extra kvällar i juli' });
		expect(reasoned.body).toMatchObject({ amountSek: 30_000, overCapReason: 'Extra kvällar i juli' });
		const negative = await entry({ kind: 'spent', amountSek: -5 });
		expect([negative.status, negative.body.error.code]).toEqual([400, 'validation_failed']);
		const foreign = await entry({ kind: 'spent', amountSek: 5, budgetLineId: '00000000-0000-4000-8000-000000000001' });
		expect([foreign.status, foreign.body.error.code]).toEqual([400, 'unknown_reference']);

		const entries = await api('GET', `/api/programmes/${programme.id}/budget-entries`, { as: world.tokens.viewer });
		expect(entries.body.map((e: any) => [e.kind, e.amountSek])).toEqual([['committed', 80_000], ['spent', 20_000], ['committed', 30_000]]);
		let budget = (await api('GET', `/api/programmes/${programme.id}`, { as: world.tokens.viewer })).body.properties.budget;
		expect(budget.lines.find((l: any) => l.id === staff.id)).toMatchObject({ committedSek: 110_000, spentSek: 20_000, overCap: true });

		const raise = await api('PATCH', `/api/programmes/${programme.id}/budget-lines/${staff.id}`, { as: world.tokens.coordinator, json: { version: 1, capSek: 120_000 } });
		expect(raise.body.properties.budget.lines.find((l: any) => l.id === staff.id)).toMatchObject({ capSek: 120_000, overCap: false, version: 2 });
		const cut = await api('PATCH', `/api/programmes/${programme.id}/budget-lines/${staff.id}`, { as: world.tokens.coordinator, json: { version: 2, capSek: 50_000 } });
		expect([cut.status, cut.body.error.code]).toEqual([409, 'over_budget']);
		const staleLine = await api('PATCH', `/api/programmes/${programme.id}/budget-lines/${staff.id}`, { as: world.tokens.coordinator, json: { version: 1, name: 'X' } });
		expect(staleLine.status).toBe(409);
		expect((await api('POST', `/api/programmes/${programme.id}/budget-lines`, { as: world.tokens.viewer, json: { name: 'Y' } })).status).toBe(403);

		await api('DELETE', `/api/programmes/${programme.id}/budget-entries/${entries.body[0].id}`, { as: world.tokens.coordinator });
		budget = (await api('GET', `/api/programmes/${programme.id}`, { as: world.tokens.viewer })).body.properties.budget;
		expect(budget.lines.find((l: any) => l.id === staff.id)).toMatchObject({ committedSek: 30_000 });
		const removed = await api('DELETE', `/api/programmes/${programme.id}/budget-lines/${staff.id}`, { as: world.tokens.coordinator });
		expect(removed.body.properties.budget.lines.map((l: any) => l.name)).toEqual(['Föreningsbidrag', 'Stadsmiljöåtgärder']);
		expect(await db().selectFrom('budget_entries').select('id').execute()).toEqual([]);
	});

	it('deletes a programme, keeping its events outside any programme', async () => {
		const event = await grant(100_000);
		expect((await api('DELETE', `/api/programmes/${programme.id}`, { as: world.tokens.viewer })).status).toBe(403);
		expect((await api('DELETE', `/api/programmes/${programme.id}?version=7`, { as: world.tokens.coordinator })).status).toBe(409);
		expect((await api('DELETE', `/api/programmes/${programme.id}?version=1`, { as: world.tokens.coordinator })).status).toBe(204);
		expect((await api('GET', `/api/programmes/${programme.id}`, { as: world.tokens.coordinator })).status).toBe(404);
		const kept = await api('GET', `/api/events/${event.body.id}`, { as: world.tokens.coordinator });
		expect(kept.body.properties).toMatchObject({ programmeId: null, budgetLineId: null, title: 'Föreningsdag' });
	});
});
