/**
 * Input hygiene, everywhere (issue 11, part 3): control characters in any text the API
 * takes, dates outside 1900–2100, unknown or wrongly typed members of create and patch
 * bodies and hexagon ids off the grid are refused with a 400 that names the field, and
 * nothing changes; an incident file with one bad row imports the rest; CSV exports never
 * hand a spreadsheet a formula.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { api, app, db, PASSWORD, resetDatabase, seedWorld, snapshotCounts, squareAround, type ApiResponse, type World } from './harness';

const SPOT = { type: 'Point', coordinates: [18.0455, 59.3125] };
const TABLES = ['areas', 'partners', 'walks', 'findings', 'finding_status_history', 'events', 'event_occurrences', 'measures', 'programmes', 'budget_lines', 'budget_entries', 'problem_zones', 'api_tokens', 'walk_guests', 'sessions', 'incidents', 'audit_log'];

interface Fixture {
	world: World;
	square: unknown;
	walk: any;
	finding: any;
	event: any;
	programme: any;
	line: string;
	joinCode: string;
}

async function fixture(): Promise<Fixture> {
	await resetDatabase();
	const world = await seedWorld();
	const square = await squareAround(18.035, 59.3155, 100);
	const as = world.tokens.coordinator;
	const walk = await api('POST', '/api/walks', { as, json: { properties: { areaId: world.place, title: 'Vandring', startsAt: '2030-05-14T18:00:00+02:00' } } });
	const finding = await api('POST', '/api/findings', { as, json: { geometry: SPOT, properties: { category: 'lighting', severity: 2 } } });
	const event = await api('POST', '/api/events', { as, json: { geometry: SPOT, properties: { title: 'Konsert', kind: 'culture', startsAt: '2023-06-17T18:00:00+02:00', endsAt: '2023-06-17T22:00:00+02:00' } } });
	const programme = await api('POST', '/api/programmes', {
		as,
		json: { properties: { name: 'Sommar i Tanto', areaIds: [world.place], startsOn: '2023-01-01', endsOn: '2023-12-31', budgetLines: [{ name: 'Bidrag', kind: 'grants', capSek: 100_000 }] } }
	});
	const code = await api('POST', `/api/walks/${walk.body.id}/join-code`, { as });
	for (const r of [walk, finding, event, programme, code]) expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
	return { world, square, walk: walk.body, finding: finding.body, event: event.body, programme: programme.body, line: programme.body.properties.budget.lines[0].id, joinCode: code.body.code };
}

type Case = { name: string; method?: string; path: (f: Fixture) => string; json?: (f: Fixture) => unknown; as?: 'coordinator' | 'admin' | 'walker' | null; status?: number; code: string; field: string };

/** Sends the case and checks: the status, the code, the field named in details, and that no table moved. */
async function expectRefused(f: Fixture, c: Case) {
	const before = await snapshotCounts(TABLES);
	const method = c.method ?? 'POST';
	const token = c.as === null ? undefined : f.world.tokens[c.as ?? 'coordinator'];
	const res: ApiResponse = await api(method, c.path(f), { as: token, ...(c.json ? { json: c.json(f) } : {}) });
	expect({ status: res.status, code: res.body?.error?.code }, JSON.stringify(res.body)).toEqual({ status: c.status ?? 400, code: c.code });
	expect(res.body.error.message).toEqual(expect.any(String));
	expect((res.body.error.details ?? []).map((d: { path: string }) => d.path)).toContain(c.field);
	expect(await snapshotCounts(TABLES)).toEqual(before);
}

const NUL = '\u0000';

describe('control characters in text → 400 control_characters naming the field', () => {
	let f: Fixture;
	beforeAll(async () => {
		f = await fixture();
	});

	const cases: Case[] = [
		{ name: 'an area name', path: () => '/api/areas', as: 'admin', json: (f) => ({ geometry: f.square, properties: { name: `Parken${NUL}` } }), code: 'control_characters', field: 'properties.name' },
		{ name: 'a partner description', path: () => '/api/partners', as: 'admin', json: () => ({ properties: { name: 'Förening', kind: 'ngo', description: `a${NUL}b` } }), code: 'control_characters', field: 'properties.description' },
		{ name: 'walk notes', path: () => '/api/walks', json: (f) => ({ properties: { areaId: f.world.place, title: 'V', startsAt: '2030-05-14T18:00:00+02:00', notes: `x${NUL}` } }), code: 'control_characters', field: 'properties.notes' },
		{ name: 'a finding description', path: () => '/api/findings', json: () => ({ geometry: SPOT, properties: { category: 'lighting', severity: 1, description: `Mörkt${NUL}` } }), code: 'control_characters', field: 'properties.description' },
		{ name: 'a finding status note (patch)', method: 'PATCH', path: (f) => `/api/findings/${f.finding.id}`, json: () => ({ version: 1, properties: { status: 'assigned', note: `${NUL}` } }), code: 'control_characters', field: 'properties.note' },
		{ name: 'a confirmation comment', path: (f) => `/api/findings/${f.finding.id}/confirmations`, as: 'walker', json: () => ({ comment: `ja${NUL}` }), code: 'control_characters', field: 'comment' },
		{ name: 'an event title', path: () => '/api/events', json: () => ({ geometry: SPOT, properties: { title: `Konsert${NUL}`, kind: 'culture', startsAt: '2023-06-17T18:00:00+02:00', endsAt: '2023-06-17T22:00:00+02:00' } }), code: 'control_characters', field: 'properties.title' },
		{ name: 'an event RRULE (DEL)', method: 'PATCH', path: (f) => `/api/events/${f.event.id}`, json: () => ({ version: 1, properties: { rrule: 'FREQ=WEEKLY;COUNT=2\u007f' } }), code: 'control_characters', field: 'properties.rrule' },
		{ name: 'a measure description (U+0001)', path: () => '/api/measures', json: () => ({ geometry: SPOT, properties: { kind: 'lighting', title: 'Lampa', description: 'a\u0001' } }), code: 'control_characters', field: 'properties.description' },
		{ name: 'a programme name', path: () => '/api/programmes', json: (f) => ({ properties: { name: `P${NUL}`, areaIds: [f.world.place], startsOn: '2023-01-01', endsOn: '2023-12-31' } }), code: 'control_characters', field: 'properties.name' },
		{ name: 'a budget line name', path: (f) => `/api/programmes/${f.programme.id}/budget-lines`, json: () => ({ name: `Rad${NUL}` }), code: 'control_characters', field: 'name' },
		{ name: 'a budget entry note', path: (f) => `/api/programmes/${f.programme.id}/budget-entries`, json: (f) => ({ budgetLineId: f.line, kind: 'spent', amountSek: 10, bookedOn: '2023-05-01', note: `faktura${NUL}` }), code: 'control_characters', field: 'note' },
		{ name: 'zone notes', path: () => '/api/zones', json: (f) => ({ geometry: f.square, properties: { name: 'Zon', notes: `${NUL}` } }), code: 'control_characters', field: 'properties.notes' },
		{ name: 'an API token name', path: () => '/api/tokens', json: () => ({ name: `skript${NUL}` }), code: 'control_characters', field: 'name' },
		{ name: 'a join code', path: () => '/api/join', as: null, json: (f) => ({ code: `${f.joinCode}${NUL}` }), code: 'control_characters', field: 'code' },
		{ name: 'a guest name when joining', path: () => '/api/join', as: null, json: (f) => ({ code: f.joinCode, name: `Anna${NUL}` }), code: 'control_characters', field: 'name' },
		{ name: 'a password at login', path: () => '/api/session', as: null, json: () => ({ email: 'walker@test.example', password: `${PASSWORD}${NUL}` }), code: 'control_characters', field: 'password' },
		{ name: 'an object key', path: () => '/api/findings', json: () => ({ geometry: SPOT, properties: { category: 'lighting', severity: 1, audit: { [`light${NUL}`]: 1 } } }), code: 'control_characters', field: 'properties.audit.light\\u0000' },
		{ name: 'a query parameter', method: 'GET', path: () => '/api/findings?category=lighting%00', code: 'control_characters', field: 'category' },
		{ name: 'the import file name', path: () => '/api/import/incidents?filename=a%00.csv&mapping=%7B%7D', as: 'admin', code: 'control_characters', field: 'filename' },
		{ name: 'a path id', method: 'GET', path: () => '/api/findings/%00', code: 'control_characters', field: 'id' },
		{ name: 'a nested path id', method: 'DELETE', path: (f) => `/api/programmes/${f.programme.id}/budget-entries/x%01`, code: 'control_characters', field: 'entryId' },
		{ name: 'an export file name', method: 'GET', path: () => '/api/export/findings%00.csv', code: 'control_characters', field: 'file' }
	];
	for (const c of cases) it(c.name, () => expectRefused(f, c));

	it('a finding sent as multipart (the pinning outbox): the JSON part is checked the same way', async () => {
		const before = await snapshotCounts(TABLES);
		const { origin } = await app();
		const form = new FormData();
		form.set('finding', JSON.stringify({ geometry: SPOT, properties: { category: 'lighting', severity: 1, description: `x${NUL}` } }));
		const res = await fetch(`${origin}/api/findings`, { method: 'POST', body: form, headers: { origin, authorization: `Bearer ${f.world.tokens.walker}`, 'idempotency-key': 'nul-1' } });
		const body = await res.json();
		expect([res.status, body.error.code, body.error.details[0].path]).toEqual([400, 'control_characters', 'properties.description']);
		expect(await snapshotCounts(TABLES)).toEqual(before);
	});

	it('tab, line feed and carriage return are ordinary text', async () => {
		const res = await api('POST', '/api/findings', { as: f.world.tokens.walker, json: { geometry: SPOT, properties: { category: 'litter', severity: 1, description: 'Rad ett\r\nRad två\tmed tabb' } } });
		expect(res.status).toBe(201);
		expect(res.body.properties.description).toBe('Rad ett\r\nRad två\tmed tabb');
	});

	it('the login page refuses them with 400 and sets no session', async () => {
		const res = await api('POST', '/login', {
			body: new URLSearchParams({ email: 'walker@test.example', password: `${PASSWORD}${NUL}` }).toString(),
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'x-sveltekit-action': 'true' }
		});
		expect(res.body).toMatchObject({ type: 'failure', status: 400 });
		expect(res.headers.get('set-cookie') ?? '').not.toMatch(/lykta_session=[^;]/);
	});

	it('the account page refuses a token name with one (400, no token)', async () => {
		const login = await api('POST', '/api/session', { json: { email: 'coordinator@test.example', password: PASSWORD } });
		const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
		const before = await snapshotCounts(['api_tokens']);
		const res = await api('POST', '/account?/createToken', {
			cookie,
			body: new URLSearchParams({ name: `skript${NUL}` }).toString(),
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'x-sveltekit-action': 'true' }
		});
		expect(res.body).toMatchObject({ type: 'failure', status: 400 });
		expect(await snapshotCounts(['api_tokens'])).toEqual(before);
	});

	it('a redirect target with one is not followed (no header with a control character, no 500)', async () => {
		const res = await api('POST', '/login?redirectTo=%2Fplan%01', {
			body: new URLSearchParams({ email: 'viewer@test.example', password: PASSWORD }).toString(),
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }
		});
		expect([res.status, res.headers.get('location')]).toEqual([303, '/']);
	});
});

describe('dates outside 1900–2100 → 400 naming the field', () => {
	let f: Fixture;
	beforeAll(async () => {
		f = await fixture();
	});

	const event = (properties: Record<string, unknown>) => ({ geometry: SPOT, properties: { title: 'K', kind: 'culture', startsAt: '2023-06-17T18:00:00+02:00', endsAt: '2023-06-17T22:00:00+02:00', ...properties } });
	const cases: Case[] = [
		{ name: 'an event in year 0000', path: () => '/api/events', json: () => event({ startsAt: '0000-06-17T18:00:00+02:00', endsAt: '0000-06-17T22:00:00+02:00' }), code: 'validation_failed', field: 'properties.startsAt' },
		{ name: 'an event ending in 2101', path: () => '/api/events', json: () => event({ endsAt: '2101-06-17T22:00:00+02:00' }), code: 'validation_failed', field: 'properties.endsAt' },
		{ name: 'an RRULE UNTIL in year 1', path: () => '/api/events', json: () => event({ rrule: 'FREQ=WEEKLY;BYDAY=SA;UNTIL=00010101T000000Z' }), code: 'validation_failed', field: 'properties.rrule' },
		{ name: 'an EXDATE in 2999', method: 'PATCH', path: (f) => `/api/events/${f.event.id}`, json: () => ({ version: 1, properties: { rrule: 'FREQ=WEEKLY;COUNT=3', exdates: ['2999-06-24T18:00:00+02:00'] } }), code: 'validation_failed', field: 'properties.exdates.0' },
		{ name: 'a walk in year 0000 (was stored as 1 BC)', path: () => '/api/walks', json: (f) => ({ properties: { areaId: f.world.place, title: 'V', startsAt: '0000-05-14T18:00:00+02:00' } }), code: 'validation_failed', field: 'properties.startsAt' },
		{ name: 'a walk moved to 1899', method: 'PATCH', path: (f) => `/api/walks/${f.walk.id}`, json: () => ({ version: 1, properties: { startsAt: '1899-12-31T18:00:00+01:00' } }), code: 'validation_failed', field: 'properties.startsAt' },
		{ name: 'a join code expiring in 2101', path: (f) => `/api/walks/${f.walk.id}/join-code`, json: () => ({ expiresAt: '2101-01-01T00:00:00Z' }), code: 'validation_failed', field: 'expiresAt' },
		{ name: 'a programme starting in 1899', path: () => '/api/programmes', json: (f) => ({ properties: { name: 'P', areaIds: [f.world.place], startsOn: '1899-01-01', endsOn: '2023-12-31' } }), code: 'validation_failed', field: 'properties.startsOn' },
		{ name: 'a programme intensive period in 9999', method: 'PATCH', path: (f) => `/api/programmes/${f.programme.id}`, json: () => ({ version: 1, properties: { intensiveTo: '9999-01-01' } }), code: 'validation_failed', field: 'properties.intensiveTo' },
		{ name: 'a budget entry booked in 2101', path: (f) => `/api/programmes/${f.programme.id}/budget-entries`, json: (f) => ({ budgetLineId: f.line, kind: 'spent', amountSek: 10, bookedOn: '2101-01-01' }), code: 'validation_failed', field: 'bookedOn' },
		{ name: "a finding's follow-up in year 0000", method: 'PATCH', path: (f) => `/api/findings/${f.finding.id}`, json: () => ({ version: 1, properties: { followUpOn: '0000-01-01' } }), code: 'validation_failed', field: 'properties.followUpOn' },
		{ name: "a zone's period from 1800", path: () => '/api/zones', json: (f) => ({ geometry: f.square, properties: { name: 'Z', periodFrom: '1800-01-01', periodTo: '2023-12-31' } }), code: 'validation_failed', field: 'properties.periodFrom' },
		{ name: 'a measure done in 9999', path: () => '/api/measures', json: () => ({ geometry: SPOT, properties: { kind: 'lighting', title: 'L', status: 'done', doneOn: '9999-12-31' } }), code: 'validation_failed', field: 'properties.doneOn' },
		{ name: 'a findings filter', method: 'GET', path: () => '/api/findings?from=0000-01-01', code: 'invalid_query', field: 'from' },
		{ name: 'a findings export filter', method: 'GET', path: () => '/api/export/findings.csv?to=2101-01-01', code: 'invalid_query', field: 'to' },
		{ name: 'an events filter', method: 'GET', path: () => '/api/events?from=2023-01-01&to=9999-12-31', code: 'invalid_query', field: 'to' },
		{ name: 'a walks filter', method: 'GET', path: () => '/api/walks?from=1000-01-01', code: 'invalid_query', field: 'from' },
		{ name: 'an incidents filter', method: 'GET', path: () => '/api/incidents?from=0001-01-01', as: 'admin', code: 'invalid_query', field: 'from' },
		{ name: 'a coverage period', method: 'GET', path: (f) => `/api/analysis/coverage?area=${f.world.place}&from=1900-01-01&to=2999-12-31`, code: 'invalid_query', field: 'to' },
		{ name: 'an overlaps period', method: 'GET', path: (f) => `/api/analysis/overlaps?area=${f.world.place}&from=0000-01-01&to=2023-12-31`, code: 'invalid_query', field: 'from' },
		{ name: 'a suggestion period', path: () => '/api/analysis/suggest', json: (f) => ({ area: f.world.place, from: '2023-06-01', to: '2999-06-30', days: ['FR'], startHour: 18, endHour: 22, k: 1 }), code: 'validation_failed', field: 'to' }
	];
	for (const c of cases) it(c.name, () => expectRefused(f, c));

	it('the edges of the range are accepted', async () => {
		const res = await api('POST', '/api/walks', { as: f.world.tokens.coordinator, json: { properties: { areaId: f.world.place, title: 'Kant', startsAt: '2100-12-31T18:00:00+01:00' } } });
		expect(res.status).toBe(201);
		expect((await api('GET', '/api/findings?from=1900-01-01&to=2100-12-31', { as: f.world.tokens.viewer })).status).toBe(200);
	});
});

describe('unknown or wrongly typed members of create and patch bodies → 400 naming them', () => {
	let f: Fixture;
	beforeAll(async () => {
		f = await fixture();
	});

	const cases: Case[] = [
		{ name: 'a string version on an event create (was 201)', path: () => '/api/events', json: () => ({ version: '1', geometry: SPOT, properties: { title: 'K', kind: 'culture', startsAt: '2023-06-17T18:00:00+02:00', endsAt: '2023-06-17T22:00:00+02:00' } }), code: 'validation_failed', field: 'version' },
		{ name: 'a misspelt property on a finding create', path: () => '/api/findings', json: () => ({ geometry: SPOT, properties: { category: 'lighting', severity: 1, descripton: 'Mörkt' } }), code: 'validation_failed', field: 'properties.descripton' },
		{ name: 'an id on an area create', path: () => '/api/areas', as: 'admin', json: (f) => ({ id: 'mine', geometry: f.square, properties: { name: 'Parken' } }), code: 'validation_failed', field: 'id' },
		{ name: 'an unknown member on a walk create', path: () => '/api/walks', json: (f) => ({ colour: 'red', properties: { areaId: f.world.place, title: 'V', startsAt: '2030-05-14T18:00:00+02:00' } }), code: 'validation_failed', field: 'colour' },
		{ name: 'an unknown member on a measure create', path: () => '/api/measures', json: () => ({ geometry: SPOT, properties: { kind: 'lighting', title: 'L', lumen: 4000 } }), code: 'validation_failed', field: 'properties.lumen' },
		{ name: 'an unknown member on a partner create', path: () => '/api/partners', as: 'admin', json: () => ({ properties: { name: 'F', kind: 'ngo', contact: { name: 'A', fax: '08' } } }), code: 'validation_failed', field: 'properties.contact.fax' },
		{ name: 'an unknown member on a programme create', path: () => '/api/programmes', json: (f) => ({ properties: { name: 'P', areaIds: [f.world.place], startsOn: '2023-01-01', endsOn: '2023-12-31', budget: 5 } }), code: 'validation_failed', field: 'properties.budget' },
		{ name: 'an unknown member on a budget line create', path: (f) => `/api/programmes/${f.programme.id}/budget-lines`, json: () => ({ name: 'Rad', cap: 5 }), code: 'validation_failed', field: 'cap' },
		{ name: 'an unknown member on a budget entry create', path: (f) => `/api/programmes/${f.programme.id}/budget-entries`, json: (f) => ({ budgetLineId: f.line, kind: 'spent', amountSek: 10, bookedOn: '2023-05-01', vat: 25 }), code: 'validation_failed', field: 'vat' },
		{ name: 'an unknown member on a zone create', path: () => '/api/zones', json: (f) => ({ geometry: f.square, properties: { name: 'Z' }, style: {} }), code: 'validation_failed', field: 'style' },
		{ name: 'an unknown member on a token create', path: () => '/api/tokens', json: () => ({ name: 'skript', scope: 'all' }), code: 'validation_failed', field: 'scope' },
		{ name: 'an unknown member when joining', path: () => '/api/join', as: null, json: (f) => ({ code: f.joinCode, role: 'admin' }), code: 'validation_failed', field: 'role' },
		{ name: 'an unknown top-level member on a patch', method: 'PATCH', path: (f) => `/api/events/${f.event.id}`, json: () => ({ version: 1, title: 'Flyttad titel' }), code: 'validation_failed', field: 'title' },
		{ name: 'a wrongly typed version on a patch', method: 'PATCH', path: (f) => `/api/findings/${f.finding.id}`, json: () => ({ version: '1', properties: { severity: 3 } }), code: 'validation_failed', field: 'version' },
		{ name: 'properties that are not an object', path: () => '/api/findings', json: () => ({ geometry: SPOT, properties: 'lighting' }), code: 'validation_failed', field: 'properties' },
		{ name: 'a FeatureCollection for a Feature', path: () => '/api/measures', json: () => ({ type: 'FeatureCollection', geometry: SPOT, properties: { kind: 'lighting', title: 'L' } }), code: 'validation_failed', field: 'type' }
	];
	for (const c of cases) it(c.name, () => expectRefused(f, c));

	it('the bodies the app’s own pages send are still accepted', async () => {
		const as = f.world.tokens.coordinator;
		// EventForm (plan page) with every field it has.
		const event = await api('POST', '/api/events', {
			as,
			json: {
				type: 'Feature',
				geometry: SPOT,
				properties: {
					title: 'Fredagsmys', kind: 'culture', status: 'planned', organiserPartnerId: null, organiserName: 'Föreningen', description: '',
					startsAt: '2023-06-02T18:00:00+02:00', endsAt: '2023-06-02T22:00:00+02:00', rrule: 'FREQ=WEEKLY;BYDAY=FR;UNTIL=20230825T215900Z', exdates: ['2023-06-09T18:00:00+02:00'],
					influenceRadiusM: 100, expectedAttendance: 50, actualAttendance: null, permitStatus: 'not_needed', permitAuthority: '', grantSek: null, costSek: null, budgetLineId: null
				}
			}
		});
		expect(event.status, JSON.stringify(event.body)).toBe(201);
		// The incidents page's zone from hot cells, and the pinning outbox's multipart finding.
		const zone = await api('POST', '/api/zones', { as, json: { fromCells: { cell: 50, ids: ['8978:75966'] }, properties: { name: 'Klippan', areaId: f.world.place, periodFrom: '2023-01-01', periodTo: '2023-12-31' } } });
		expect(zone.status, JSON.stringify(zone.body)).toBe(201);
		const { origin } = await app();
		const form = new FormData();
		form.set('finding', JSON.stringify({ type: 'Feature', geometry: SPOT, properties: { walkId: f.walk.id, category: 'lighting', severity: 2, timesOfDay: ['evening'], description: 'Mörkt', proposedMeasure: 'Ny lampa', audit: { lighting: 2 } } }));
		const finding = await fetch(`${origin}/api/findings`, { method: 'POST', body: form, headers: { origin, authorization: `Bearer ${f.world.tokens.walker}`, 'idempotency-key': 'ui-1' } });
		expect(finding.status).toBe(201);
		// The finding page's patch: top-level version, known properties.
		const patch = await api('PATCH', `/api/findings/${f.finding.id}`, { as, json: { version: 1, properties: { status: 'assigned', note: 'Till Trafikkontoret' } } });
		expect(patch.status).toBe(200);
	});
});

describe('hexagon ids off the grid → 400, not 500', () => {
	let f: Fixture;
	beforeAll(async () => {
		f = await fixture();
	});

	for (const id of ['9999999:9999999', '-9999999:-9999999', '0:9999999'])
		it(`fromCells with ${id}`, () =>
			expectRefused(f, { name: id, path: () => '/api/zones', json: (f) => ({ fromCells: { cell: 25, ids: ['17955:151930', id] }, properties: { name: 'Z', areaId: f.world.place } }), code: 'validation_failed', field: 'fromCells.ids.1' }));
});

describe('incident files: a row with a control character is a rejected row, the rest imports', () => {
	let world: World;
	beforeEach(async () => {
		await resetDatabase();
		world = await seedWorld();
	});

	const mapping = { x: 'lon', y: 'lat', time: 'time', description: 'description', externalId: 'id', epsg: 4326 };
	const importCsv = (text: string) =>
		api('POST', `/api/import/incidents?filename=p.csv&mapping=${encodeURIComponent(JSON.stringify(mapping))}`, { as: world.tokens.admin, body: text, headers: { 'content-type': 'text/csv' } });

	it('CSV: row 2 holds a NUL, row 3 a year outside the range; rows 1 and 4 are imported', async () => {
		const csv = ['id;lon;lat;time;description', 'a1;18,0455;59,3125;2023-06-01 21:00;Bråk', `a2;18,0456;59,3126;2023-06-02 21:00;Trasig${NUL}fil`, 'a3;18,0457;59,3127;0001-06-03 21:00;Forntid', 'a4;18,0458;59,3128;2023-06-04 21:00;Stöld'].join('\r\n');
		const res = await importCsv(csv);
		expect(res.status, JSON.stringify(res.body)).toBe(201);
		expect(res.body).toMatchObject({ rows: 4, imported: 2, rejectedTotal: 2 });
		expect(res.body.rejected).toEqual([
			{ row: 2, code: 'control_characters', details: { column: 'description', character: 'U+0000' }, reason: expect.stringContaining('”description”') },
			{ row: 3, code: 'unparseable_time', details: { reason: 'out_of_range', time: '0001-06-03 21:00' }, reason: expect.stringContaining('1900') }
		]);
		const ids = await db().selectFrom('incidents').select('external_id').orderBy('external_id').execute();
		expect(ids.map((r) => r.external_id)).toEqual(['a1', 'a4']);
	});

	it('GeoJSON: a feature whose mapped property holds \\u0000 is rejected, the others imported', async () => {
		const feature = (id: string, description: string) => ({ type: 'Feature', geometry: SPOT, properties: { id, time: '2023-06-01T21:00:00+02:00', description } });
		const body = JSON.stringify({ type: 'FeatureCollection', features: [feature('g1', 'ok'), feature('g2', `bad${NUL}`), feature('g3', 'ok igen')] });
		const res = await api('POST', `/api/import/incidents?filename=p.geojson&mapping=${encodeURIComponent(JSON.stringify({ time: 'time', description: 'description', externalId: 'id' }))}`, {
			as: world.tokens.admin,
			body,
			headers: { 'content-type': 'application/geo+json' }
		});
		expect(res.status, JSON.stringify(res.body)).toBe(201);
		expect(res.body).toMatchObject({ imported: 2, rejected: [{ row: 2, code: 'control_characters' }] });
	});
});

describe('CSV exports neutralise formulas (both dialects), numbers stay numbers', () => {
	let world: World;
	beforeAll(async () => {
		await resetDatabase();
		world = await seedWorld();
	});

	/** The cells of a CSV file's records (quotes handled), by column name. */
	function parse(text: string, separator: string) {
		const records: string[][] = [];
		let record: string[] = [];
		let cell = '';
		let quoted = false;
		const body = text.replace(/^\uFEFF/, '');
		for (let i = 0; i < body.length; i++) {
			const ch = body[i]!;
			if (quoted) {
				if (ch === '"' && body[i + 1] === '"') (cell += '"'), i++;
				else if (ch === '"') quoted = false;
				else cell += ch;
			} else if (ch === '"') quoted = true;
			else if (ch === separator) record.push(cell), (cell = '');
			else if (ch === '\r' && body[i + 1] === '\n') record.push(cell), records.push(record), (record = []), (cell = ''), i++;
			else cell += ch;
		}
		const [header, ...rows] = records;
		return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]])));
	}

	it('findings: =, +, -, @, tab and CR at the start of text get a leading apostrophe', async () => {
		const texts = { description: '=HYPERLINK("http://evil.example","Klicka")', proposedMeasure: '+SUM(1,2)' };
		const res = await api('POST', '/api/findings', { as: world.tokens.coordinator, json: { geometry: SPOT, properties: { category: 'other', severity: 1, ...texts } } });
		expect(res.status).toBe(201);
		await api('PATCH', `/api/findings/${res.body.id}`, { as: world.tokens.coordinator, json: { version: 1, properties: { status: 'rejected', statusReason: '@cmd|calc' } } });
		for (const [dialect, separator] of [['sv', ';'], ['rfc4180', ',']] as const) {
			const file = await api('GET', `/api/export/findings.csv?dialect=${dialect}`, { as: world.tokens.coordinator });
			const [row] = parse(String(file.body), separator);
			expect(row).toMatchObject({ description: `'${texts.description}`, proposed_measure: `'${texts.proposedMeasure}`, status_reason: "'@cmd|calc", severity: '1' });
			expect(row!.lon).toBe(dialect === 'sv' ? '18,0455' : '18.0455');
		}
	});

	it('incidents: text guarded, and a re-import of the export recognises every row as a duplicate', async () => {
		const csv = ['id;lon;lat;time;description', '-17;18,0455;59,3125;2023-06-01 21:00;=1+2', 'x2;18,0456;59,3126;2023-06-02 21:00;@SUM(A1)'].join('\r\n');
		const mapping = { x: 'lon', y: 'lat', time: 'time', description: 'description', externalId: 'id', epsg: 4326 };
		const first = await api('POST', `/api/import/incidents?filename=p.csv&mapping=${encodeURIComponent(JSON.stringify(mapping))}`, { as: world.tokens.admin, body: csv, headers: { 'content-type': 'text/csv' } });
		expect(first.body).toMatchObject({ imported: 2 });
		for (const [dialect, separator] of [['sv', ';'], ['rfc4180', ',']] as const) {
			const file = await api('GET', `/api/export/incidents.csv?dialect=${dialect}`, { as: world.tokens.admin });
			const rows = parse(String(file.body), separator);
			expect(rows.map((r) => [r.external_id, r.description]).sort()).toEqual([
				["'-17", "'=1+2"],
				['x2', "'@SUM(A1)"]
			]);
			expect(rows.map((r) => r.lon).sort()).toEqual(dialect === 'sv' ? ['18,0455', '18,0456'] : ['18.0455', '18.0456']);
			const again = await api('POST', `/api/import/incidents?filename=export.csv&mapping=${encodeURIComponent(JSON.stringify({ ...mapping, x: 'lon', y: 'lat', time: 'occurred_at', externalId: 'external_id' }))}`, {
				as: world.tokens.admin,
				body: String(file.body),
				headers: { 'content-type': 'text/csv' }
			});
			expect(again.body, dialect).toMatchObject({ rows: 2, imported: 0, duplicates: 2 });
		}
	});
});
