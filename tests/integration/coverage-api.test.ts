import { beforeEach, describe, expect, it } from 'vitest';
import { api, resetDatabase, seedWorld, squareAround, type World } from './harness';

const CENTRE: [number, number] = [18.0455, 59.3125];
// A 50 m circle inside a 100 m square zone: the 64-gon, 32·50²·sin(2π/64) = 7 841.37 m² of 10 000.
const CIRCLE_SHARE = (32 * 2500 * Math.sin((2 * Math.PI) / 64)) / 10_000;

describe('coverage and placement suggestions over HTTP', () => {
	let world: World;
	let zoneId: string;
	beforeEach(async () => {
		await resetDatabase();
		world = await seedWorld();
		const zone = await api('POST', '/api/zones', { as: world.tokens.coordinator, json: { geometry: await squareAround(CENTRE[0], CENTRE[1], 100), properties: { name: 'Plaskdammen', weight: 3 } } });
		expect(zone.status).toBe(201);
		zoneId = zone.body.id;
		const event = await api('POST', '/api/events', {
			as: world.tokens.coordinator,
			json: { geometry: { type: 'Point', coordinates: CENTRE }, properties: { title: 'Fredagsjazz', kind: 'culture', startsAt: '2023-06-09T18:00:00+02:00', endsAt: '2023-06-09T22:00:00+02:00', influenceRadiusM: 50 } }
		});
		expect(event.status).toBe(201);
	});

	const get = (as: string, query: string) => api('GET', `/api/analysis/coverage?${query}`, { as });

	it('gives each zone its spatial and time-aware coverage, gap score and the activities covering it', async () => {
		const res = await get(world.tokens.viewer, `area=${world.place}&from=2023-06-05&to=2023-06-11`);
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		const [z] = res.body.zones;
		expect(z).toMatchObject({ zoneId, name: 'Plaskdammen', weight: 3 });
		// The square is 100 m in WGS 84 degrees around the centre, so a little off 10 000 m² in SWEREF 99 TM: 0.5 % slack.
		expect(z.spatialCoverage).toBeCloseTo(CIRCLE_SHARE, 2);
		// Uniform profile, 4 of the week's 168 hours: T = 4/168 · share.
		expect(z.timeCoverage / ((4 / 168) * z.spatialCoverage)).toBeCloseTo(1, 9);
		expect(z.gapScore).toBeCloseTo(3 * (1 - z.timeCoverage), 12);
		expect(z.coveredBy).toEqual([{ id: expect.any(String), share: z.timeCoverage, kind: 'event', subkind: 'culture' }]);
		expect(z.problemByHour).toBeUndefined();
		// Per hour of the week on request: the event covers Friday 18–22 (hours 4·24 + 18 … 21).
		const hourly = (await get(world.tokens.viewer, `area=${world.place}&from=2023-06-05&to=2023-06-11&byHour=true`)).body.zones[0];
		expect(hourly.problemByHour).toHaveLength(168);
		expect(hourly.coveredByHour.flatMap((v: number, h: number) => (v > 0 ? [h] : []))).toEqual([114, 115, 116, 117]);
		const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
		expect(sum(hourly.coveredByHour) / sum(hourly.problemByHour)).toBeCloseTo(z.timeCoverage, 12);
		// Friday evenings only: the event covers every one of those hours.
		const friday = await get(world.tokens.viewer, `area=${world.place}&from=2023-06-05&to=2023-06-11&days=FR&hours=18-22`);
		expect(friday.body.zones[0].timeCoverage).toBeCloseTo(friday.body.zones[0].spatialCoverage, 12);
	});

	it('refuses bad queries with a clear 4xx', async () => {
		expect((await get(world.tokens.viewer, `area=${world.place}&from=2023-06-05`)).status).toBe(400);
		expect((await get(world.tokens.viewer, `area=${world.place}&from=2023-06-05&to=2023-06-11&hours=25-3`)).status).toBe(400);
		expect((await get(world.tokens.viewer, `area=${world.place}&from=2023-06-05&to=2023-06-11&byHour=yes`)).status).toBe(400);
		const empty = await get(world.tokens.outsider, `area=${world.otherPlace}&from=2023-06-05&to=2023-06-11`);
		expect([empty.status, empty.body.error.code]).toEqual([400, 'no_zones']);
		expect((await get(world.tokens.outsider, `area=${world.place}&from=2023-06-05&to=2023-06-11`)).status).toBe(403);
		expect((await get('', `area=${world.place}&from=2023-06-05&to=2023-06-11`)).status).toBe(401);
	});

	it('suggests the site that covers the zone on Saturday evenings first, with the coverage it adds', async () => {
		const elsewhere: [number, number] = [CENTRE[0] + 0.003, CENTRE[1] - 0.0015];
		const body = { area: world.place, from: '2023-06-05', to: '2023-06-11', days: ['SA'], startHour: 18, endHour: 22, k: 2, radius: 60, candidates: [elsewhere, CENTRE] };
		const res = await api('POST', '/api/analysis/suggest', { as: world.tokens.coordinator, json: body });
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		expect(res.body.suggestions).toHaveLength(1);
		const [first] = res.body.suggestions;
		expect(first.position).toEqual(CENTRE);
		// Nothing covers Saturday evenings yet; a 60 m circle covers the whole 100 m square but its corners: weight 3 × share.
		expect(first.byZone[0].before).toBe(0);
		expect(first.addedCoverage).toBeCloseTo(3 * first.byZone[0].after, 12);
		expect(first.byZone[0].after).toBeGreaterThan(0.85);
		const grid = await api('POST', '/api/analysis/suggest', { as: world.tokens.coordinator, json: { ...body, candidates: undefined, k: 1 } });
		expect(grid.status).toBe(200);
		expect(grid.body.candidates).toBeGreaterThan(10);
		expect(grid.body.suggestions[0].addedCoverage).toBeGreaterThan(0);

		for (const [bad, code] of [
			[{ ...body, k: 0 }, 'validation_failed'],
			[{ ...body, k: 11 }, 'validation_failed'],
			[{ ...body, to: undefined }, 'validation_failed'],
			[{ ...body, candidates: [[18.2, 59.4]] }, 'candidates_outside_area'],
			[{ ...body, area: world.otherPlace, candidates: undefined }, 'forbidden']
		] as const) {
			const r = await api('POST', '/api/analysis/suggest', { as: world.tokens.coordinator, json: bad });
			expect(r.body?.error?.code, JSON.stringify(bad)).toBe(code);
		}
	});
});
