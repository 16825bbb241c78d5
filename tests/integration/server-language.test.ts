/**
 * One language at a time, server messages too: the same refused request is answered in
 * Swedish by default and in English when the user chose English (the `lykta_locale`
 * cookie the language switch sets) — the message and every field's message.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { api, resetDatabase, seedWorld, type World } from './harness';

const EN = 'lykta_locale=en';
const SV = 'lykta_locale=sv';

describe('server messages in the user’s language', () => {
	let world: World;
	beforeAll(async () => {
		await resetDatabase();
		world = await seedWorld();
	});

	/** The request three times: no cookie (Swedish), `sv` and `en`. */
	async function inEachLanguage(method: string, path: string, options: { as: string; json?: unknown }) {
		const [byDefault, sv, en] = await Promise.all([undefined, SV, EN].map((cookie) => api(method, path, { ...options, cookie })));
		expect(byDefault!.body.error.code).toBe(en!.body.error.code);
		expect(sv!.body).toEqual(byDefault!.body);
		return { sv: byDefault!, en: en! };
	}

	it('a validation error: the message and each field’s message', async () => {
		const body = { properties: { areaId: world.place, title: '   ', startsAt: 'next friday', participantCount: -2, colour: 'red' } };
		const { sv, en } = await inEachLanguage('POST', '/api/walks', { as: world.tokens.coordinator, json: body });
		expect(sv.status).toBe(400);
		expect(sv.body.error.code).toBe('validation_failed');
		expect(sv.body.error.message).toBe('Några uppgifter saknas eller är felaktiga. Rätta de markerade fälten och spara igen.');
		expect(en.body.error.message).toBe('Some details are missing or not valid. Correct the marked fields and save again.');
		const fields = (res: typeof sv) => Object.fromEntries(res.body.error.details.map((d: { path: string; message: string }) => [d.path, d.message]));
		expect(fields(sv)).toMatchObject({
			'properties.title': 'Fyll i det här fältet.',
			'properties.startsAt': 'Ange datum och tid.',
			'properties.colour': 'Okänt fält ”colour” – det tas inte emot här.'
		});
		expect(fields(en)).toMatchObject({
			'properties.title': 'Fill in this field.',
			'properties.startsAt': 'Enter a date and time.',
			'properties.colour': 'Unknown field “colour” – it is not accepted here.'
		});
		// The codes and paths are the same in both: a client may word them itself.
		expect(en.body.error.details.map((d: { path: string; code: string }) => [d.path, d.code])).toEqual(
			sv.body.error.details.map((d: { path: string; code: string }) => [d.path, d.code])
		);
		expect(JSON.stringify(sv.body)).not.toMatch(/Invalid input|expected string|Some fields/);
	});

	it('a 403: the reason, naming what was refused', async () => {
		const created = await api('POST', '/api/walks', {
			as: world.tokens.outsider,
			json: { properties: { areaId: world.otherPlace, title: 'Kvällsvandring', startsAt: '2030-05-20T18:00:00+02:00' } }
		});
		expect(created.status).toBe(201);
		const { sv, en } = await inEachLanguage('GET', `/api/walks/${created.body.id}`, { as: world.tokens.viewer });
		expect(sv.status).toBe(403);
		expect(sv.body.error).toEqual({ code: 'forbidden', message: 'Vandringen ligger i ett område där du inte har någon roll.', details: { reason: 'not_your_area', entity: 'walk' } });
		expect(en.body.error.message).toBe('The walk is in an area where you have no role.');
	});

	it('a 404: names what was not found', async () => {
		const { sv, en } = await inEachLanguage('GET', '/api/measures/00000000-0000-4000-8000-000000000000', { as: world.tokens.coordinator });
		expect(sv.status).toBe(404);
		expect(sv.body.error).toEqual({ code: 'not_found', message: 'Åtgärden finns inte, eller har tagits bort.', details: { entity: 'measure' } });
		expect(en.body.error.message).toBe('The measure was not found, or has been removed.');
	});

	it('a 409: a stale version', async () => {
		const created = await api('POST', '/api/walks', {
			as: world.tokens.coordinator,
			json: { properties: { areaId: world.place, title: 'Vårvandring', startsAt: '2030-04-20T18:00:00+02:00' } }
		});
		expect(created.status).toBe(201);
		const changed = await api('PATCH', `/api/walks/${created.body.id}`, { as: world.tokens.coordinator, json: { version: 1, properties: { title: 'Vårvandring i Tanto' } } });
		expect(changed.status).toBe(200);
		// Sent three times with the same stale version: each is refused, nothing changes.
		const { sv, en } = await inEachLanguage('PATCH', `/api/walks/${created.body.id}`, { as: world.tokens.coordinator, json: { version: 1, properties: { title: 'Gammal titel' } } });
		expect(sv.status).toBe(409);
		expect(sv.body.error).toEqual({
			code: 'version_conflict',
			message: 'Någon annan har ändrat detta sedan du öppnade det. Ladda om sidan och gör ändringen igen.',
			details: { currentVersion: 2 }
		});
		expect(en.body.error.message).toBe('Someone else changed this since you opened it. Reload the page and make your change again.');
	});

	it('a geometry that crosses itself: what is wrong and where, in words', async () => {
		const bowTie = { type: 'Polygon', coordinates: [[[18.044, 59.312], [18.047, 59.313], [18.047, 59.312], [18.044, 59.313], [18.044, 59.312]]] };
		const { sv, en } = await inEachLanguage('POST', '/api/zones', { as: world.tokens.coordinator, json: { geometry: bowTie, properties: { name: 'Fjäril', areaId: world.place } } });
		expect(sv.status).toBe(400);
		expect(sv.body.error.code).toBe('invalid_geometry');
		expect(sv.body.error.details).toMatchObject({ reason: 'self_intersection', at: [expect.any(Number), expect.any(Number)] });
		expect(sv.body.error.message).toBe('Formens kanter korsar varandra. Rita om den så att kanterna inte korsas.');
		expect(en.body.error.message).toBe("The shape's edges cross each other. Draw it again so that the edges do not cross.");
	});

	it('a throttled login says how long to wait, in the language', async () => {
		for (let i = 0; i < 12; i++) await api('POST', '/api/session', { json: { email: 'viewer@test.example', password: 'wrong' } });
		const sv = await api('POST', '/api/session', { json: { email: 'viewer@test.example', password: 'wrong' } });
		const en = await api('POST', '/api/session', { cookie: EN, json: { email: 'viewer@test.example', password: 'wrong' } });
		expect([sv.status, en.status]).toEqual([429, 429]);
		expect(sv.body.error.message).toMatch(/^För många misslyckade försök\. Vänta \d+ s och försök igen\.$/);
		expect(en.body.error.message).toMatch(/^Too many failed attempts\. Wait \d+ s and try again\.$/);
	});
});
