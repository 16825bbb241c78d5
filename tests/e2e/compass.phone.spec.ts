/**
 * The compass on a phone at Sergels torg, at 23:30 on a Saturday (the page's clock is fixed):
 * a search for "härbärge" lists the shelters open now first, nearest first, each with a call
 * link — also without network, from the directory the phone kept; a missing service is
 * reported and shows up in the coordinator's review list.
 */
import { expect, test } from '@playwright/test';
import { expectAccessible, logInByApi } from './support';

const SERGELS_TORG = { latitude: 59.3326, longitude: 18.0649 };

test.use({ geolocation: { ...SERGELS_TORG, accuracy: 15 }, permissions: ['geolocation'] });

test('a Saturday 23:30 near Sergels torg: "härbärge" gives the open shelters first, with one tap to call; a report reaches the review list', async ({ page }) => {
	await page.clock.setFixedTime(new Date('2025-11-15T23:30:00+01:00'));
	await logInByApi(page, 'vandrare@lykta.example');
	await page.goto('/compass');
	await page.getByRole('link', { name: 'Klarakompassen' }).click();
	await expect(page.getByRole('heading', { name: 'Klarakompassen', level: 1 })).toBeVisible();
	await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);

	await page.getByRole('button', { name: 'Använd min position' }).click();
	await expect(page.getByText('Sorterar efter avstånd från där du står.')).toBeVisible();
	await page.getByLabel('Sök fritt (t.ex. härbärge, sprutbyte)').fill('härbärge');
	await page.getByRole('button', { name: 'Sök', exact: true }).click();

	const results = page.getByRole('list').filter({ has: page.getByRole('article') }).getByRole('listitem');
	await expect(results.first()).toBeVisible();
	const first = results.nth(0);
	await expect(first.getByRole('heading', { name: 'Natthärbärget Klara' })).toBeVisible();
	await expect(first.getByText('Öppet till 08:00 i morgon')).toBeVisible();
	await expect(first.getByRole('link', { name: 'Ring Natthärbärget Klara' })).toHaveAttribute('href', 'tel:+46846500401');
	await expect(first.getByRole('link', { name: 'Vägbeskrivning till Natthärbärget Klara' })).toBeVisible();
	// Every result before the first closed one is open; the open ones come first.
	const states = await results.locator('.state').allInnerTexts();
	const firstClosed = states.findIndex((s) => !s.startsWith('Öppet'));
	expect(firstClosed).toBeGreaterThanOrEqual(3);
	expect(states.slice(firstClosed).every((s) => !s.startsWith('Öppet'))).toBe(true);
	await expectAccessible(page);

	// Without network the same search answers from the directory the phone kept.
	await page.waitForFunction(async () => {
		const request = indexedDB.open('lykta-compass');
		const db: IDBDatabase = await new Promise((resolve) => (request.onsuccess = () => resolve(request.result)));
		if (!db.objectStoreNames.contains('directory')) return false;
		const value = await new Promise((resolve) => {
			const get = db.transaction('directory').objectStore('directory').get('current');
			get.onsuccess = () => resolve(get.result);
		});
		db.close();
		return !!value;
	});
	await page.context().setOffline(true);
	await page.getByRole('button', { name: 'Sök', exact: true }).click();
	await expect(page.getByText(/^Du är offline\. Visar katalogen från/)).toBeVisible();
	await expect(results.nth(0).getByRole('heading', { name: 'Natthärbärget Klara' })).toBeVisible();
	await expect(results.nth(0).getByText('Öppet till 08:00 i morgon')).toBeVisible();
	await expect(results.nth(0).getByRole('link', { name: 'Ring Natthärbärget Klara' })).toHaveAttribute('href', 'tel:+46846500401');
	// Opened afresh in the stairwell (the page was reached by a link, and the phone kept it): the compass opens and answers.
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Klarakompassen', level: 1 })).toBeVisible();
	await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
	await page.getByLabel('Sök fritt (t.ex. härbärge, sprutbyte)').fill('härbärge');
	await page.getByRole('button', { name: 'Sök', exact: true }).click();
	await expect(page.getByText(/^Du är offline\. Visar katalogen från/)).toBeVisible();
	await expect(results.nth(0).getByRole('heading', { name: 'Natthärbärget Klara' })).toBeVisible();
	await page.context().setOffline(false);

	// A service that is missing here, reported from the compass.
	await page.getByRole('button', { name: 'Rapportera' }).click();
	await page.getByRole('radio', { name: 'Ett problem som ingen hanterar' }).check();
	await page.getByLabel('Behov (valfritt)').selectOption({ label: 'Juridisk rådgivning' });
	await page.getByRole('textbox', { name: 'Beskriv' }).fill('Ingen juridisk rådgivning på kvällar vid Plattan (test)');
	await page.getByRole('button', { name: 'Skicka rapporten' }).click();
	await expect(page.getByText('Tack! Rapporten är skickad till samordnarna.')).toBeVisible();

	// The coordinators of Sergels torg (here the administrator) see it in their review list.
	await page.context().clearCookies();
	await logInByApi(page, 'admin@lykta.example');
	await page.goto('/compass/sergels-torg/reports');
	const report = page.getByRole('listitem').filter({ hasText: 'Ingen juridisk rådgivning på kvällar vid Plattan (test)' });
	await expect(report).toBeVisible();
	await expect(report.getByRole('heading', { name: 'Ett problem som ingen hanterar: Juridisk rådgivning' })).toBeVisible();
	await expect(report.getByText('Öppen', { exact: true })).toBeVisible();
	await expectAccessible(page);
});
