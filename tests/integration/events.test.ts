import { beforeEach, describe, expect, it } from 'vitest';
import { api, db, resetDatabase, seedWorld, snapshotCounts, type World } from './harness';

const STAGE = { type: 'Point', coordinates: [18.0455, 59.3125] };

describe('/api/events', () => {
	let world: World;
	beforeEach(async () => {
		await resetDatabase();
		world = await seedWorld();
	});

	const fridays = {
		title: 'Fredagsmys i Tanto',
		kind: 'culture',
		startsAt: '2023-09-01T18:00:00+02:00',
		endsAt: '2023-09-01T22:00:00+02:00',
		// Fridays until 3 November 2023: across the end of summer time on 29 October.
		rrule: 'FREQ=WEEKLY;BYDAY=FR;UNTIL=20231103T230000Z',
		exdates: ['2023-09-15T18:00:00+02:00']
	};

	it('expands a weekly series into occurrences that keep 18–22 local time across the summer-time change', async () => {
		const res = await api('POST', '/api/events', { as: world.tokens.coordinator, json: { geometry: STAGE, properties: fridays } });
		expect(res.status).toBe(201);
		const occurrences: { startsAt: string; endsAt: string }[] = res.body.properties.occurrences;
		// 1 Sep … 3 Nov is 10 Fridays; 15 September is cancelled.
		expect(occurrences).toHaveLength(9);
		expect(occurrences.map((o) => o.startsAt)).not.toContain('2023-09-15T16:00:00.000Z');
		expect(occurrences[0]).toEqual({ startsAt: '2023-09-01T16:00:00.000Z', endsAt: '2023-09-01T20:00:00.000Z' });
		expect(occurrences.at(-1)).toEqual({ startsAt: '2023-11-03T17:00:00.000Z', endsAt: '2023-11-03T21:00:00.000Z' });
		const rows = await db().selectFrom('event_occurrences').select('starts_at').where('event_id', '=', res.body.id).execute();
		expect(rows).toHaveLength(9);
		expect(res.body.properties).toMatchObject({ areaId: world.place, influenceRadiusM: 100, status: 'planned', permitStatus: 'not_needed' });
	});

	it('filters by period through the occurrences, and re-expands when the schedule changes', async () => {
		const series = await api('POST', '/api/events', { as: world.tokens.coordinator, json: { geometry: STAGE, properties: fridays } });
		const single = await api('POST', '/api/events', {
			as: world.tokens.coordinator,
			json: { geometry: STAGE, properties: { title: 'Konsert', kind: 'culture', startsAt: '2023-06-17T18:00:00+02:00', endsAt: '2023-06-17T22:00:00+02:00' } }
		});
		const ids = async (q: string) => (await api('GET', `/api/events?${q}`, { as: world.tokens.viewer })).body.features.map((f: any) => f.id);
		expect(await ids('from=2023-06-01&to=2023-06-30')).toEqual([single.body.id]);
		expect(await ids('from=2023-10-30&to=2023-11-05')).toEqual([series.body.id]);
		const shorter = await api('PATCH', `/api/events/${series.body.id}`, {
			as: world.tokens.coordinator,
			json: { version: 1, properties: { rrule: 'FREQ=WEEKLY;BYDAY=FR;COUNT=3', exdates: [] } }
		});
		expect(shorter.body.properties.occurrences).toHaveLength(3);
		expect(await ids('from=2023-10-30&to=2023-11-05')).toEqual([]);
		const stale = await api('PATCH', `/api/events/${series.body.id}`, { as: world.tokens.coordinator, json: { version: 1, properties: { title: 'x' } } });
		expect(stale.status).toBe(409);
	});

	it('names the seasons (April–September, Stockholm time) that have events the reader may see', async () => {
		const post = (startsAt: string, endsAt: string, rrule?: string) =>
			api('POST', '/api/events', { as: world.tokens.coordinator, json: { geometry: STAGE, properties: { title: 'x', kind: 'culture', startsAt, endsAt, ...(rrule && { rrule }) } } });
		expect((await api('GET', '/api/events/seasons', { as: world.tokens.viewer })).body).toEqual({ months: { first: 4, last: 9 }, years: [] });
		expect((await post('2023-06-02T18:00:00+02:00', '2023-06-02T22:00:00+02:00')).status).toBe(201);
		// October and March are outside every season; 31 March 23:30 UTC is 1 April in Stockholm.
		expect((await post('2024-10-04T18:00:00+02:00', '2024-10-04T22:00:00+02:00')).status).toBe(201);
		expect((await post('2025-03-07T18:00:00+01:00', '2025-03-07T22:00:00+01:00')).status).toBe(201);
		expect((await post('2027-03-31T23:30:00Z', '2027-04-01T03:00:00Z')).status).toBe(201);
		// A weekly series from March into May counts for its year.
		expect((await post('2026-03-06T18:00:00+01:00', '2026-03-06T22:00:00+01:00', 'FREQ=WEEKLY;BYDAY=FR;COUNT=10')).status).toBe(201);
		const years = async (who: keyof World['tokens'], q = '') => (await api('GET', `/api/events/seasons${q}`, { as: world.tokens[who] })).body.years;
		expect(await years('viewer')).toEqual([2023, 2026, 2027]);
		expect(await years('viewer', `?area=${world.district}`)).toEqual([2023, 2026, 2027]);
		expect(await years('viewer', `?area=${world.otherPlace}`)).toEqual([]);
		// Someone without a role in the area sees none of them.
		expect(await years('outsider')).toEqual([]);
		expect((await api('GET', '/api/events/seasons?area=nope', { as: world.tokens.viewer })).status).toBe(400);
		expect((await api('GET', '/api/events/seasons')).status).toBe(401);
	});

	it('lets coordinators and admins of the area place events; partners and others read', async () => {
		for (const who of ['walker', 'partner', 'viewer', 'outsider'] as const) {
			const res = await api('POST', '/api/events', { as: world.tokens[who], json: { geometry: STAGE, properties: fridays } });
			expect({ who, status: res.status }).toEqual({ who, status: 403 });
		}
		const created = await api('POST', '/api/events', { as: world.tokens.admin, json: { geometry: STAGE, properties: fridays } });
		expect((await api('GET', `/api/events/${created.body.id}`, { as: world.tokens.partner })).status).toBe(200);
		expect((await api('GET', `/api/events/${created.body.id}`, { as: world.tokens.outsider })).status).toBe(403);
		expect((await api('PATCH', `/api/events/${created.body.id}`, { as: world.tokens.partner, json: { version: 1, properties: { title: 'x' } } })).status).toBe(403);
		expect((await api('DELETE', `/api/events/${created.body.id}`, { as: world.tokens.coordinator })).status).toBe(204);
	});

	it('refuses end before start, unbounded or huge recurrences, bad geometry, negative money or radius, unknown partner', async () => {
		const base = { title: 'x', kind: 'sport', startsAt: '2023-06-02T18:00:00+02:00', endsAt: '2023-06-02T22:00:00+02:00' };
		const cases: [Record<string, unknown>, unknown, string][] = [
			[{ ...base, endsAt: '2023-06-02T17:00:00+02:00' }, STAGE, 'invalid_period'],
			[{ ...base, rrule: 'FREQ=WEEKLY;BYDAY=FR' }, STAGE, 'invalid_recurrence'],
			[{ ...base, rrule: 'FREQ=DAILY;COUNT=5000' }, STAGE, 'invalid_recurrence'],
			[{ ...base, rrule: 'EVERY FRIDAY' }, STAGE, 'invalid_recurrence'],
			[{ ...base, grantSek: -100 }, STAGE, 'validation_failed'],
			[{ ...base, influenceRadiusM: -1 }, STAGE, 'validation_failed'],
			[{ ...base, kind: 'rave' }, STAGE, 'validation_failed'],
			[{ ...base, startsAt: '2023-06-02 18:00' }, STAGE, 'validation_failed'],
			[{ ...base, organiserPartnerId: '00000000-0000-4000-8000-000000000000' }, STAGE, 'unknown_reference'],
			[base, { type: 'Point', coordinates: [59.3125, 18.0455] }, 'outside_service_area'],
			[base, { type: 'MultiPoint', coordinates: [[18.0455, 59.3125]] }, 'wrong_geometry_type']
		];
		const before = await snapshotCounts(['events', 'event_occurrences', 'audit_log']);
		for (const [properties, geometry, code] of cases) {
			const res = await api('POST', '/api/events', { as: world.tokens.admin, json: { geometry, properties } });
			expect({ properties, status: res.status, code: res.body.error?.code }).toEqual({ properties, status: 400, code });
		}
		expect(await snapshotCounts(['events', 'event_occurrences', 'audit_log'])).toEqual(before);
	});
});
