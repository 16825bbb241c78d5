/**
 * The compass on a fixture directory around Sergels torg, on whichever database the run has
 * (embedded PGlite or the PostgreSQL server): ranking at given instants (a Saturday 23:30,
 * a night past midnight, a public holiday, distance), Swedish stemming and misspellings, one
 * routing with findings, statistics that keep no user, session or position, and bad input.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { api, db, resetDatabase, seedWorld, snapshotCounts, type World } from './harness';

const SERGELS: [number, number] = [18.0649, 59.3326];
/** A point `m` metres north of Sergels torg. */
const north = (m: number): [number, number] => [SERGELS[0], SERGELS[1] + m / 111_320];
const point = (c: [number, number]) => ({ type: 'Point', coordinates: c });

const SATURDAY_2330 = '2025-11-15T23:30:00+01:00';

async function partner(world: World, properties: Record<string, unknown>) {
	const res = await api('POST', '/api/partners', { as: world.tokens.admin, json: { properties: { kind: 'ngo', ...properties } } });
	expect(res.status, JSON.stringify(res.body)).toBe(201);
	return res.body.id as string;
}

const service = (name: string, at: [number, number], openingHours: string, extra: Record<string, unknown> = {}) => ({
	name,
	openingHours,
	phone: '08-465 004 10',
	location: point(at),
	...extra
});

function query(params: Record<string, string | number>) {
	return '/api/compass?' + new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
}

const names = (body: any) => body.results.map((r: any) => r.service?.name ?? r.partner.name);

describe('the compass ranks', () => {
	let world: World;
	beforeAll(async () => {
		await resetDatabase();
		world = await seedWorld();
		await partner(world, { name: 'Natthärbärget Klara', needs: ['shelter'], areaIds: [world.otherPlace], serviceLocations: [service('Natthärbärget', north(150), 'Mo-Su 21:00-08:00')] });
		await partner(world, { name: 'Dagcentret', needs: ['shelter', 'food'], areaIds: [world.otherDistrict], serviceLocations: [service('Dagcentret Plattan', north(50), 'Mo-Fr 08:00-16:00; PH off')] });
		await partner(world, { name: 'Akutboende Norr', needs: ['shelter'], areaIds: [world.otherDistrict], serviceLocations: [service('Akutboendet', north(1200), 'Fr,Sa 22:00-04:00')] });
		await partner(world, { name: 'Ungdomsjouren', needs: ['shelter', 'youth_at_risk'], areaIds: [world.otherPlace], serviceLocations: [service('Ungdomsjouren', north(300), 'Mo-Su 20:00-02:00', { minAge: 13, maxAge: 20 })] });
		await partner(world, { name: 'Söderhärbärget', needs: ['shelter'], areaIds: [world.place], serviceLocations: [service('Söderhärbärget', [18.0455, 59.3125], '24/7')] });
		await partner(world, { name: 'Soppköket', needs: ['food'], areaIds: [world.otherDistrict], serviceLocations: [service('Soppköket', north(400), 'Mo-Su 09:00-14:00')] });
	});

	it('a Saturday 23:30 near Sergels torg: the shelters open at night first, nearest first, then closed ones, then those elsewhere', async () => {
		const res = await api('GET', query({ need: 'shelter', lon: SERGELS[0], lat: SERGELS[1], at: SATURDAY_2330 }));
		expect(res.status).toBe(200);
		expect(res.body.place.name).toBe('Sergels torg');
		expect(names(res.body)).toEqual(['Natthärbärget', 'Ungdomsjouren', 'Akutboendet', 'Dagcentret Plattan', 'Söderhärbärget']);
		const [first, , third, closed, elsewhere] = res.body.results;
		expect(first).toMatchObject({ covers: true, open: { state: 'open', words: { key: 'open_until_tomorrow', time: '08:00' } }, call: 'tel:+46846500410' });
		expect(first.distanceM).toBeGreaterThan(145);
		expect(first.distanceM).toBeLessThan(155);
		expect(third.open.words).toEqual({ key: 'open_until_tomorrow', time: '04:00' });
		expect(closed).toMatchObject({ covers: true, open: { state: 'closed', words: { key: 'opens_day', time: '08:00', weekday: 0 } } });
		expect(elsewhere).toMatchObject({ covers: false, open: { state: 'open' } });
		expect(res.body.nothingFitting).toBe(false);
	});

	it('a 45-year-old is not sent to the youth shelter first, however near', async () => {
		const res = await api('GET', query({ need: 'shelter', lon: SERGELS[0], lat: SERGELS[1], at: SATURDAY_2330, age: 45 }));
		expect(names(res.body).slice(0, 3)).toEqual(['Natthärbärget', 'Akutboendet', 'Ungdomsjouren']);
		expect(res.body.results[2]).toMatchObject({ fit: false, misfit: 'age' });
	});

	it('a night past midnight: Saturday’s night still open at 03:00 on Sunday, no night on Sunday', async () => {
		const sunday = await api('GET', query({ need: 'shelter', lon: SERGELS[0], lat: SERGELS[1], at: '2025-11-16T03:00:00+01:00' }));
		const state = (body: any, name: string) => body.results.find((r: any) => r.service?.name === name).open.state;
		expect(state(sunday.body, 'Akutboendet')).toBe('open');
		expect(state(sunday.body, 'Ungdomsjouren')).toBe('closed'); // its night ended at 02:00
		expect(names(sunday.body).slice(0, 2)).toEqual(['Natthärbärget', 'Akutboendet']);
		const monday = await api('GET', query({ need: 'shelter', lon: SERGELS[0], lat: SERGELS[1], at: '2025-11-17T03:00:00+01:00' }));
		expect(state(monday.body, 'Akutboendet')).toBe('closed');
	});

	it('a public holiday: the day centre is closed on juldagen (a Thursday) and the soup kitchen comes first', async () => {
		const ordinary = await api('GET', query({ need: 'food', lon: SERGELS[0], lat: SERGELS[1], at: '2025-12-23T10:00:00+01:00' }));
		expect(names(ordinary.body)).toEqual(['Dagcentret Plattan', 'Soppköket']);
		const christmas = await api('GET', query({ need: 'food', lon: SERGELS[0], lat: SERGELS[1], at: '2025-12-25T10:00:00+01:00' }));
		expect(names(christmas.body)).toEqual(['Soppköket', 'Dagcentret Plattan']);
		// Annandag jul follows: it opens again on Monday.
		expect(christmas.body.results[1].open).toMatchObject({ state: 'closed', words: { key: 'opens_day', time: '08:00', weekday: 0 } });
	});

	it('distance order among services alike in everything else', async () => {
		const from = north(1000);
		const res = await api('GET', query({ need: 'food', lon: from[0], lat: from[1], at: '2025-12-23T10:00:00+01:00' }));
		// Both open, both cover Norrmalm: Soppköket (600 m away) before the day centre (950 m).
		expect(names(res.body)).toEqual(['Soppköket', 'Dagcentret Plattan']);
		expect(res.body.results.map((r: any) => Math.round(r.distanceM / 10) * 10)).toEqual([600, 950]);
	});
});

describe('the compass finds by text', () => {
	let world: World;
	beforeAll(async () => {
		await resetDatabase();
		world = await seedWorld();
		await partner(world, { name: 'Klara nattcafé', description: 'Vi driver härbärgen för kvinnor i city.', areaIds: [world.otherPlace] });
		await partner(world, { name: 'Bibliotekets läsesal', description: 'Tidningar och tyst läsning.', areaIds: [world.otherPlace] });
		await partner(world, { name: 'Sprututbytet', description: 'Rena sprutor och samtal.', needs: ['addiction'], areaIds: [world.otherDistrict] });
	});

	const found = async (q: string) => (await api('GET', query({ q, area: world.otherPlace }))).body.results.map((r: any) => r.partner.name);

	it('Swedish stemming: "härbärge" finds "härbärgen", and the other way round', async () => {
		expect(await found('härbärge')).toEqual(['Klara nattcafé']);
		await partner(world, { name: 'Stadsmissionens boende', description: 'Ett härbärge med tjugo platser.', areaIds: [world.otherPlace] });
		expect((await found('härbärgen')).sort()).toEqual(['Klara nattcafé', 'Stadsmissionens boende']);
	});

	it('a misspelling and a word typed without å/ä/ö still find something; an unrelated word does not', async () => {
		expect(await found('härbärje')).toContain('Klara nattcafé');
		expect(await found('harbarge')).toContain('Klara nattcafé');
		expect(await found('sprutbyte')).toEqual(['Sprututbytet']);
		expect(await found('bibliotek')).toEqual(['Bibliotekets läsesal']);
		expect(await found('cykelreparation')).toEqual([]);
	});

	it('a need’s own words find its partners in either language', async () => {
		expect(await found('needle exchange')).toEqual(['Sprututbytet']);
	});
});

describe('one routing for findings and the compass', () => {
	it('a place problem’s first partner in the compass is the one a finding there is routed to', async () => {
		await resetDatabase();
		const world = await seedWorld();
		const district = await partner(world, { name: 'A Stadsdelen', kind: 'municipal', categories: ['litter'], areaIds: [world.otherDistrict] });
		const local = await partner(world, { name: 'Ö Fastighetsägaren', kind: 'property_owner', categories: ['litter'], areaIds: [world.otherPlace] });
		const suggestion = await api('POST', '/api/findings/suggestions', { as: world.tokens.admin, json: { geometry: point(SERGELS), category: 'litter' } });
		expect(suggestion.body.suggestedPartner.id).toBe(local);
		const compass = await api('GET', query({ category: 'litter', lon: SERGELS[0], lat: SERGELS[1], at: SATURDAY_2330 }));
		expect(compass.body.results.map((r: any) => [r.partner.id, r.routingRank])).toEqual([
			[local, 1],
			[district, 2]
		]);
	});
});

describe('compass statistics', () => {
	let world: World;
	beforeEach(async () => {
		await resetDatabase();
		world = await seedWorld();
	});

	it('the table has no column for a user, a session, a position or a time finer than the month', async () => {
		const { rows } = await sql<{ column_name: string; data_type: string }>`
			SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'compass_stats' ORDER BY column_name`.execute(db());
		expect(rows.map((r) => r.column_name)).toEqual(['area_id', 'count', 'metric', 'month', 'subject', 'tenant_id']);
		expect(rows.find((r) => r.column_name === 'month')!.data_type).toBe('date');
	});

	it('counts searches, searches without a fitting answer and chosen partners per area and month, and nothing else', async () => {
		const shelter = await partner(world, { name: 'Härbärget', needs: ['shelter'], areaIds: [world.otherPlace], serviceLocations: [service('Härbärget', north(100), '24/7')] });
		const search = (params: Record<string, string | number>) => api('GET', query({ area: world.otherPlace, lon: SERGELS[0], lat: SERGELS[1], record: 1, ...params }), { as: world.tokens.walker });
		await search({ need: 'shelter' });
		await search({ need: 'shelter' });
		await search({ need: 'legal' }); // nobody: nothing fitting
		await search({ need: 'shelter' }).then(() => api('GET', query({ need: 'shelter', area: world.otherPlace }))); // not recorded
		expect((await api('POST', '/api/compass/choices', { json: { partnerId: shelter, areaId: world.otherPlace } })).status).toBe(204);
		const { rows } = await sql<{ area_id: string; metric: string; subject: string; count: number }>`
			SELECT area_id, metric, subject, count FROM compass_stats ORDER BY metric, subject`.execute(db());
		expect(rows).toEqual([
			{ area_id: world.otherPlace, metric: 'choice', subject: shelter, count: 1 },
			{ area_id: world.otherPlace, metric: 'no_match', subject: 'need:legal', count: 1 },
			{ area_id: world.otherPlace, metric: 'search', subject: 'need:legal', count: 1 },
			{ area_id: world.otherPlace, metric: 'search', subject: 'need:shelter', count: 3 }
		]);
		// The position sent is nowhere: no coordinate, no walker id in the table's text.
		const { rows: text } = await sql<{ t: string }>`SELECT string_agg(compass_stats::text, ' ') AS t FROM compass_stats`.execute(db());
		expect(text[0]!.t).not.toContain('18.06');
		expect(text[0]!.t).not.toContain(world.users.walker);

		// The month the counters were written in (Stockholm's: just after midnight on the 1st it is not UTC's).
		const { rows: written } = await sql<{ m: string }>`SELECT to_char(min(month), 'YYYY-MM') AS m FROM compass_stats`.execute(db());
		const month = written[0]!.m;
		const figures = await api('GET', `/api/compass/stats?area=${world.otherDistrict}&from=${month}-01&to=${month}-01`, { as: world.tokens.outsider });
		expect(figures.status).toBe(200);
		expect(figures.body.totals).toEqual({ searches: 4, noMatch: 1, choices: 1 });
		expect(figures.body.searches[0]).toMatchObject({ subject: 'need:shelter', count: 3, noMatch: 0 });
		expect(figures.body.choices).toEqual([{ subject: shelter, count: 1, name: 'Härbärget' }]);
		expect((await api('GET', `/api/compass/stats?area=${world.otherDistrict}&from=${month}-01&to=${month}-01`, { as: world.tokens.coordinator })).status).toBe(403);
	});
});

describe('bad input to the directory and the compass', () => {
	let world: World;
	beforeEach(async () => {
		await resetDatabase();
		world = await seedWorld();
	});

	const create = (properties: Record<string, unknown>, cookie?: string) =>
		api('POST', '/api/partners', { as: world.tokens.coordinator, cookie, json: { properties: { name: 'X', kind: 'ngo', areaIds: [world.district], ...properties } } });

	it('answers 400 naming the field, in the user’s language, and changes nothing', async () => {
		const before = await snapshotCounts();
		const hours = await create({ serviceLocations: [service('M', [18.05, 59.31], 'Mo-Fr 17:00-16:00')] });
		expect(hours.status).toBe(400);
		expect(hours.body.error.details).toEqual([
			expect.objectContaining({ path: 'properties.serviceLocations.0.openingHours', code: 'ends_before_start', message: 'Slutet måste komma efter början.' })
		]);
		const unparsable = await create({ openingHours: 'Mo-Fr 25:00-16:00' }, 'lykta_locale=en');
		expect(unparsable.body.error.details[0]).toMatchObject({ path: 'properties.openingHours', code: 'opening_hours_syntax' });
		expect(unparsable.body.error.details[0].message).toMatch(/^The opening hours cannot be read at “Mo-Fr 25:00/);
		const need = await create({ needs: ['shelter', 'unicorns'] });
		expect(need.status).toBe(400);
		expect(need.body.error.details).toEqual([expect.objectContaining({ path: 'properties.needs.1', code: 'unknown_need', message: expect.stringContaining('unicorns') })]);
		const phone = await create({ contact: { phone: '08-12' } });
		expect(phone.body.error.details).toEqual([expect.objectContaining({ path: 'properties.contact.phone', code: 'not_phone' })]);
		const email = await create({ contacts: [{ name: 'Anna', email: 'anna@' }] });
		expect(email.body.error.details).toEqual([expect.objectContaining({ path: 'properties.contacts.0.email', code: 'not_email' })]);
		expect(await snapshotCounts()).toEqual(before);
	});

	it('the compass refuses a malformed need, half a position and a time that is no time', async () => {
		expect((await api('GET', query({ need: 'Härbärge!' }))).body.error).toMatchObject({ code: 'invalid_query', details: [expect.objectContaining({ path: 'need' })] });
		expect((await api('GET', query({ lat: 59.33 }))).body.error.details).toEqual([expect.objectContaining({ path: 'lat', code: 'position_incomplete' })]);
		expect((await api('GET', query({ at: 'tonight' }))).status).toBe(400);
		expect((await api('GET', query({ limit: 5000 }))).status).toBe(400);
		// A need the vocabulary does not have: 400 naming the field, in the reader's language.
		const unknown = await api('GET', query({ need: 'unicorns' }));
		expect(unknown.status).toBe(400);
		expect(unknown.body.error.details).toEqual([expect.objectContaining({ path: 'need', code: 'unknown_need' })]);
		const english = await api('GET', query({ need: 'unicorns' }), { cookie: 'lykta_locale=en' });
		const swedish = await api('GET', query({ need: 'unicorns' }), { cookie: 'lykta_locale=sv' });
		expect(english.body.error.details[0].message).not.toBe(swedish.body.error.details[0].message);
		expect(english.body.error.details[0].message).toContain('unicorns');
	});

	it('a coordinator adds a need; then partners may name it', async () => {
		expect((await api('POST', '/api/compass/needs', { as: world.tokens.walker, json: { key: 'pets', label: { sv: 'Husdjur', en: 'Pets' } } })).status).toBe(403);
		const added = await api('POST', '/api/compass/needs', { as: world.tokens.coordinator, json: { key: 'pets', label: { sv: 'Husdjur', en: 'Pets' } } });
		expect(added.status).toBe(201);
		expect((await create({ needs: ['pets'] })).status).toBe(201);
		expect((await api('POST', '/api/compass/needs', { as: world.tokens.coordinator, json: { key: 'shelter', label: { sv: 'x', en: 'x' } } })).status).toBe(409);
	});
});

describe('contact persons', () => {
	it('are shown to signed-in users only', async () => {
		await resetDatabase();
		const world = await seedWorld();
		const id = await partner(world, { name: 'Fältgruppen', areaIds: [world.district], contacts: [{ name: 'Anna Exempel', title: 'Fältsekreterare', phone: '070-174 06 10' }] });
		const anonymous = await api('GET', `/api/partners/${id}`);
		expect(anonymous.body.properties.contacts).toBeUndefined();
		expect(JSON.stringify(anonymous.body)).not.toContain('Anna Exempel');
		expect(JSON.stringify((await api('GET', '/api/partners')).body)).not.toContain('Anna Exempel');
		expect(JSON.stringify((await api('GET', '/api/partners/export?format=json')).body)).not.toContain('Anna Exempel');
		const signedIn = await api('GET', `/api/partners/${id}`, { as: world.tokens.viewer });
		expect(signedIn.body.properties.contacts).toEqual([{ name: 'Anna Exempel', title: 'Fältsekreterare', phone: '070-174 06 10', email: null }]);
	});
});
