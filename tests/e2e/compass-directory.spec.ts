/**
 * Keeping the compass's directory up to date without code, as the coordinator of Sergels torg
 * (in the demo the administrator holds that role there; the demo coordinator's district is
 * Södermalm): a partner's hours refused at the field and then read back in words, a second
 * service location, a stale removal refused in words, a need renamed and a compass's intro
 * and order changed, as the compass page then shows them. Readers and walkers see no edit
 * actions. Soppköket is edited because no other browser test relies on it.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, logInByApi, SAME_ORIGIN } from './support';

const DIRECTORY = '/compass/sergels-torg/directory';
const SOUP = 'Soppköket i kyrkan (exempel)';

async function openDirectory(page: Page) {
	await page.goto(DIRECTORY);
	await expect(page.getByRole('heading', { name: 'Katalogen för Sergels torg', level: 1 })).toBeVisible();
	await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
}

async function partnerNamed(page: Page, name: string) {
	const response = await page.request.get('/api/partners?limit=500');
	expect(response.status()).toBe(200);
	const body = (await response.json()) as { features: { id: string; properties: { name: string; version: number; serviceLocations: { name: string; openingHours: string; coordinates: number[] }[] } }[] };
	return body.features.find((f) => f.properties.name === name);
}

test('a coordinator changes a partner: bad hours named at the field, good ones read back in words and in the list, a second service location', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await logInByApi(page, 'admin@lykta.example');
	await openDirectory(page);

	const row = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: SOUP, level: 2 }) });
	await row.getByRole('button', { name: `Ändra ${SOUP}` }).click();
	const form = page.getByRole('form', { name: `Ändra ${SOUP}` });
	await expect(form).toBeVisible();
	const hours = form.getByLabel('Öppettider (OSM-format, t.ex. Mo-Su 21:00-08:00; PH off)');
	await expect(hours).toHaveValue('Mo,We,Fr 11:30-13:30; PH off');

	// 11:30–10:30 is no night past midnight: a typo, named at the field before and after saving.
	await hours.fill('Mo,We,Fr 11:30-10:30');
	await expect(hours).toHaveAttribute('aria-invalid', 'true');
	await expect(hours).toHaveAccessibleDescription('Slutet måste komma efter början.');
	await form.getByRole('button', { name: 'Spara', exact: true }).click();
	await expect(form.getByRole('alert')).toHaveText('Några uppgifter saknas eller är felaktiga. Rätta de markerade fälten och spara igen.');
	await expect(hours).toHaveAccessibleDescription('Slutet måste komma efter början.');
	expect((await partnerNamed(page, SOUP))!.properties.serviceLocations[0]!.openingHours).toBe('Mo,We,Fr 11:30-13:30; PH off');

	await hours.fill('Mo,We,Fr 11:00-14:00; PH off');
	await expect(hours).toHaveAttribute('aria-invalid', 'false');
	await expect(form.getByText('Så läses tiderna: mån, ons, fre 11–14; helgdagar stängt')).toBeVisible();
	await expect(form.getByText('onsdag: 11:00–14:00')).toBeVisible();
	await expect(form.getByText('tisdag: –')).toBeVisible();

	// A second service location, with its own hours read back too.
	await form.getByRole('button', { name: 'Lägg till ett verksamhetsställe' }).click();
	const second = form.getByRole('group', { name: 'Verksamhetsställe 2' });
	await second.getByLabel('Verksamhetsställe', { exact: true }).fill('Soppköket, kvällsutdelning');
	await expect(form.getByRole('group', { name: 'Soppköket, kvällsutdelning' })).toBeVisible();
	const annex = form.getByRole('group', { name: 'Soppköket, kvällsutdelning' });
	await annex.getByLabel('Adress').fill('Klarabergsgatan (test)');
	await annex.getByLabel('Öppettider (OSM-format').fill('Sa,Su 18:00-20:00');
	await expect(annex.getByText('Så läses tiderna: lör, sön 18–20')).toBeVisible();
	await annex.getByLabel('Latitud').fill('59.3338');
	await annex.getByLabel('Longitud').fill('18.0590');
	await annex.getByLabel('Språk (ISO-koder').fill('sv, en');

	// Everything fits a phone's width, open form included.
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	await expectAccessible(page);

	await form.getByRole('button', { name: 'Spara', exact: true }).click();
	await expect(row.getByRole('status')).toHaveText('Sparat.');
	await expect(form).toHaveCount(0);
	await expect(row.getByText('Soppköket i kyrkan: mån, ons, fre 11–14; helgdagar stängt')).toBeVisible();
	await expect(row.getByText('Soppköket, kvällsutdelning: lör, sön 18–20')).toBeVisible();

	const saved = (await partnerNamed(page, SOUP))!;
	const locations = saved.properties.serviceLocations.map((l) => ({ name: l.name, openingHours: l.openingHours, coordinates: l.coordinates }));
	expect(locations).toEqual(
		expect.arrayContaining([
			{ name: 'Soppköket i kyrkan', openingHours: 'Mo,We,Fr 11:00-14:00; PH off', coordinates: expect.any(Array) },
			{ name: 'Soppköket, kvällsutdelning', openingHours: 'Sa,Su 18:00-20:00', coordinates: [18.059, 59.3338] }
		])
	);
	expect(locations).toHaveLength(2);
});

test('removing a partner someone else has just changed is refused in words; after a reload it goes', async ({ page }) => {
	await logInByApi(page, 'admin@lykta.example');
	const setups = (await (await page.request.get('/api/compass/setups')).json()) as { areaId: string; areaSlug: string }[];
	const areaId = setups.find((s) => s.areaSlug === 'sergels-torg')!.areaId;
	const created = await page.request.post('/api/partners', { headers: SAME_ORIGIN, data: { properties: { name: 'Tillfällig partner (test)', kind: 'ngo', areaIds: [areaId] } } });
	expect(created.status()).toBe(201);
	const partner = (await created.json()) as { id: string; properties: { version: number } };

	await openDirectory(page);
	const row = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Tillfällig partner (test)', level: 2 }) });
	// Someone else changes it after the page was read.
	const changed = await page.request.patch(`/api/partners/${partner.id}`, { headers: SAME_ORIGIN, data: { version: partner.properties.version, properties: { description: 'Ändrad av någon annan' } } });
	expect(changed.status()).toBe(200);

	await row.getByRole('button', { name: 'Ta bort Tillfällig partner (test)' }).click();
	await expect(row.getByText('Vill du ta bort Tillfällig partner (test) ur katalogen? Det går inte att ångra.')).toBeVisible();
	await row.getByRole('button', { name: 'Ja, ta bort' }).click();
	await expect(row.getByRole('alert')).toHaveText('Någon annan har ändrat detta sedan du öppnade det. Ladda om sidan och gör ändringen igen.');
	expect((await page.request.get(`/api/partners/${partner.id}`)).status()).toBe(200);

	await openDirectory(page);
	await row.getByRole('button', { name: 'Ta bort Tillfällig partner (test)' }).click();
	await row.getByRole('button', { name: 'Ja, ta bort' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Tillfällig partner (test) är borttagen.' })).toBeVisible();
	await expect(row).toHaveCount(0);
	expect((await page.request.get(`/api/partners/${partner.id}`)).status()).toBe(404);
});

test('a need renamed and the compass’s intro and order changed show on the compass page', async ({ page }) => {
	await logInByApi(page, 'admin@lykta.example');
	await openDirectory(page);

	// A need of the tenant's own (the built-in ones keep their names), offered by the compass.
	const addNeed = page.getByRole('form', { name: 'Lägg till ett behov' });
	await page.getByLabel('Kortnamn (a–z, siffror, _)').fill('nattkafe_test');
	await addNeed.getByLabel('Namn på svenska').fill('Nattkafé');
	await addNeed.getByLabel('Namn på engelska').fill('Night café');
	await addNeed.getByRole('button', { name: 'Spara' }).click();
	await expect(addNeed.getByRole('status')).toHaveText('Sparat.');

	const setup = page.getByRole('form', { name: 'Ändra Klarakompassen' });
	// A compass needs a name: refused at the field, and nothing changes.
	const title = setup.getByLabel('Namn, till exempel Klarakompassen');
	await title.fill('  ');
	await setup.getByRole('button', { name: 'Spara kompassen' }).click();
	await expect(title).toHaveAttribute('aria-invalid', 'true');
	await expect(title).toHaveAccessibleDescription('Fyll i det här fältet.');
	await title.fill('Klarakompassen');
	await expect(title).toHaveAttribute('aria-invalid', 'false');
	await setup.getByLabel('Inledning').fill('Introduktion ändrad i testet: ring alltid först.');
	await setup.getByRole('checkbox', { name: 'Nattkafé' }).check();
	// Last in the list; one step up puts it before Familjer.
	await setup.getByRole('button', { name: 'Flytta upp Nattkafé' }).click();
	await setup.getByRole('button', { name: 'Spara kompassen' }).click();
	await expect(setup.getByRole('status')).toHaveText('Kompassen är sparad.');

	const rename = page.getByRole('form', { name: 'Byt namn på ett behov' });
	await rename.getByLabel('Vilket behov?').selectOption('nattkafe_test');
	await expect(rename.getByLabel('Namn på svenska')).toHaveValue('Nattkafé');
	await rename.getByLabel('Namn på svenska').fill('Nattcafé med värme');
	await rename.getByLabel('Namn på engelska').fill('Warm night café');
	await rename.getByRole('button', { name: 'Byt namn' }).click();
	await expect(rename.getByRole('status')).toHaveText('Sparat.');

	await page.goto('/compass/sergels-torg');
	await expect(page.getByRole('heading', { name: 'Klarakompassen', level: 1 })).toBeVisible();
	await expect(page.getByText('Introduktion ändrad i testet: ring alltid först.')).toBeVisible();
	const chips = await page.getByRole('group', { name: 'Behov', exact: true }).getByRole('button').allInnerTexts();
	expect(chips.slice(-2)).toEqual(['Nattcafé med värme', 'Familjer']);
	expect(chips).not.toContain('Nattkafé');
});

test('in English: the form, the hours in words and the API’s field problems, each next to its field', async ({ page }) => {
	await logInByApi(page, 'admin@lykta.example');
	await page.goto('/');
	await page.context().addCookies([{ name: 'lykta_locale', value: 'en', url: page.url() }]);
	await page.goto(DIRECTORY);
	await expect(page.getByRole('heading', { name: 'The directory for Sergels torg', level: 1 })).toBeVisible();
	await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
	const bus = 'Vårdbussen (exempel)';
	await page.getByRole('button', { name: `Edit ${bus}` }).click();
	const form = page.getByRole('form', { name: `Edit ${bus}` });
	await expect(form.getByText('How the hours read: Wed, Sat 19–23; public holidays closed')).toBeVisible();

	await form.getByRole('button', { name: 'Add a contact person' }).click();
	await form.getByLabel('Name of contact person 1').fill('Kim Test');
	const phone = form.getByRole('group', { name: 'Contact persons' }).getByLabel('Phone');
	const email = form.getByRole('group', { name: 'Contact persons' }).getByLabel('E-mail');
	await phone.fill('not a number');
	await email.fill('kim@');
	await form.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(form.getByRole('alert')).toHaveText('Some details are missing or not valid. Correct the marked fields and save again.');
	await expect(phone).toHaveAttribute('aria-invalid', 'true');
	await expect(phone).toHaveAccessibleDescription('Enter a phone number, for example 08-123 456 78 or +46 8 123 456 78.');
	await expect(email).toHaveAttribute('aria-invalid', 'true');
	// Nothing was saved.
	const stored = (await (await page.request.get('/api/partners?limit=500')).json()) as { features: { properties: { name: string; contacts?: unknown[] } }[] };
	expect(stored.features.find((f) => f.properties.name === bus)!.properties.contacts).toEqual([]);

	// Corrected, it is saved with the person.
	await phone.fill('08-123 456 78');
	await email.fill('kim@example.org');
	await expect(phone).toHaveAttribute('aria-invalid', 'false');
	await form.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: bus }) }).getByRole('status')).toHaveText('Saved.');
	const after = (await (await page.request.get('/api/partners?limit=500')).json()) as { features: { properties: { name: string; contacts?: unknown[] } }[] };
	expect(after.features.find((f) => f.properties.name === bus)!.properties.contacts).toEqual([{ name: 'Kim Test', title: '', phone: '08-123 456 78', email: 'kim@example.org' }]);
});

test('the demo coordinator sets up a compass for an area of their own, needs in the order chosen', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await logInByApi(page, 'samordnare@lykta.example');
	await page.goto('/compass');
	await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
	const form = page.getByRole('form', { name: 'Sätt upp en kompass för ett område' });
	const area = form.getByLabel('Område');
	// Only areas the coordinator manages (Södermalm and its places), never Sergels torg.
	const options = (await area.locator('option').allInnerTexts()).filter(Boolean);
	expect(options).toContain('Tantolunden (Södermalm)');
	expect(options.some((o) => o.startsWith('Sergels torg'))).toBe(false);
	await area.selectOption({ label: 'Tantolunden (Södermalm)' });
	await form.getByLabel('Namn, till exempel Klarakompassen').fill('Tantokompassen');
	await form.getByLabel('Inledning').fill('För er som arbetar i Tantolunden.');
	await form.getByRole('checkbox', { name: 'Mat' }).check();
	await form.getByRole('checkbox', { name: 'Härbärge och akut boende' }).check();
	// Chosen in list order (shelter before food); food moved to the top.
	for (let i = 0; i < 10; i++) {
		const up = form.getByRole('button', { name: 'Flytta upp Mat' });
		if (await up.isDisabled()) break;
		await up.click();
	}
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	await expectAccessible(page);
	await form.getByRole('button', { name: 'Spara kompassen' }).click();
	await expect(form.getByRole('status')).toHaveText('Kompassen är sparad.');

	await page.getByRole('link', { name: 'Tantokompassen' }).click();
	await expect(page.getByRole('heading', { name: 'Tantokompassen', level: 1 })).toBeVisible();
	await expect(page.getByText('För er som arbetar i Tantolunden.')).toBeVisible();
	expect(await page.getByRole('group', { name: 'Behov', exact: true }).getByRole('button').allInnerTexts()).toEqual(['Mat', 'Härbärge och akut boende']);
});

for (const reader of ['lasare@lykta.example', 'vandrare@lykta.example'])
	test(`${reader} sees the directory but no edit actions`, async ({ page }) => {
		await logInByApi(page, reader);
		await openDirectory(page);
		await expect(page.getByRole('heading', { name: SOUP, level: 2 })).toBeVisible();
		await expect(page.getByRole('button', { name: /^Ändra/ })).toHaveCount(0);
		await expect(page.getByRole('button', { name: /^Ta bort/ })).toHaveCount(0);
		await expect(page.getByRole('form')).toHaveCount(0);
		await expect(page.getByRole('button', { name: 'Spara kompassen' })).toHaveCount(0);
	});
