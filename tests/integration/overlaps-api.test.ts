import { beforeEach, describe, expect, it } from 'vitest';
import { api, resetDatabase, seedWorld, type World } from './harness';

const STAGE = { type: 'Point', coordinates: [18.0455, 59.3125] };
/** 1 km east: no footprint of 100 m reaches it. */
const FAR = { type: 'Point', coordinates: [18.0455 + 1000 / 56_900, 59.3125] };

describe('GET /api/analysis/overlaps', () => {
	let world: World;
	beforeEach(async () => {
		await resetDatabase();
		world = await seedWorld();
	});

	const event = (title: string, geometry: unknown, startsAt: string, endsAt: string, rrule = 'FREQ=WEEKLY;BYDAY=FR;COUNT=3') =>
		api('POST', '/api/events', { as: world.tokens.coordinator, json: { geometry, properties: { title, kind: 'culture', startsAt, endsAt, rrule } } });

	it('lists events whose footprints and hours overlap, with the overlap area and hours', async () => {
		const concert = await event('Konsert', STAGE, '2023-06-02T18:00:00+02:00', '2023-06-02T22:00:00+02:00');
		const sport = await event('Kvällsfotboll', STAGE, '2023-06-02T20:00:00+02:00', '2023-06-02T23:00:00+02:00');
		await event('Marknad långt bort', FAR, '2023-06-02T18:00:00+02:00', '2023-06-02T22:00:00+02:00');
		await event('Morgonyoga', STAGE, '2023-06-02T08:00:00+02:00', '2023-06-02T09:00:00+02:00');
		const res = await api('GET', `/api/analysis/overlaps?area=${world.district}&from=2023-06-01&to=2023-06-30`, { as: world.tokens.viewer });
		expect(res.status).toBe(200);
		expect(res.body.activities).toBe(4);
		expect(res.body.pairs).toHaveLength(1);
		const [pair] = res.body.pairs;
		expect([pair.a, pair.b].sort()).toEqual([concert.body.id, sport.body.id].sort());
		expect(pair.type).toBe('conflict');
		// Three Fridays, 20–22 each; two 100 m discs at the same spot overlap in a whole disc.
		expect(pair.overlapHours).toBe(6);
		expect(Math.abs(pair.overlapAreaM2 - Math.PI * 100 ** 2) / (Math.PI * 100 ** 2)).toBeLessThan(0.005);
	});

	it('flags measures of the same kind with heavily overlapping footprints as redundant', async () => {
		const lamp = (dx: number) =>
			api('POST', '/api/measures', { as: world.tokens.coordinator, json: { geometry: { type: 'Point', coordinates: [18.0455 + dx / 56_900, 59.3125] }, properties: { kind: 'seating', title: 'Bänk', influenceRadiusM: 20 } } });
		await lamp(0);
		await lamp(5);
		await lamp(200);
		const res = await api('GET', `/api/analysis/overlaps?area=${world.place}&from=2026-01-01&to=2026-01-31`, { as: world.tokens.coordinator });
		expect(res.body.pairs.map((p: any) => p.type)).toEqual(['redundancy']);
		expect(res.body.pairs[0].shareOfSmaller).toBeGreaterThan(0.8);
	});

	it('needs a login, an area and a sane period', async () => {
		expect((await api('GET', `/api/analysis/overlaps?area=${world.place}&from=2023-06-01&to=2023-06-30`)).status).toBe(401);
		expect((await api('GET', '/api/analysis/overlaps?from=2023-06-01&to=2023-06-30', { as: world.tokens.viewer })).status).toBe(400);
		const backwards = await api('GET', `/api/analysis/overlaps?area=${world.place}&from=2023-06-30&to=2023-06-01`, { as: world.tokens.viewer });
		expect([backwards.status, backwards.body.error.code]).toEqual([400, 'invalid_period']);
	});
});
