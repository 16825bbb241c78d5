/**
 * The directory beyond the phone: services on the map with their open or closed state at the
 * moment, labelled and clickable without selecting the area underneath; the compass's
 * statistics as charts with tables, for the follow-up.
 */
import { expect, test } from '@playwright/test';
import { expectAccessible, logInByApi, renderedNames } from './support';

test('services on the map are labelled open or closed now, and a tap opens the service, not the area under it', async ({ page }) => {
	await page.clock.setFixedTime(new Date('2025-11-15T23:30:00+01:00'));
	await page.goto('/');
	await renderedNames(page, 'areas-place-fill');
	await page.getByRole('checkbox', { name: 'Partners mottagningar' }).check();
	await page.getByRole('button', { name: 'Sergels torg' }).click();
	await expect(page.getByRole('region', { name: 'Sergels torg' })).toBeVisible();
	await page.waitForFunction(() => {
		const map = (window as any).__lyktaMap;
		return map && !map.isMoving() && map.getZoom() >= 12;
	});
	const shelter = page.getByRole('button', { name: 'Natthärbärget Klara, öppet' });
	await expect(shelter).toBeVisible();
	await expect(page.getByRole('button', { name: 'Dagcenter Plattan, stängt' })).toBeVisible();
	await shelter.click();
	await expect(page.getByRole('heading', { name: 'Natthärbärget Klara', level: 2 })).toBeVisible();
	await expect(page.getByText('Öppet till 08:00 i morgon')).toBeVisible();
	// The area's panel gave way: the tap went to the service only.
	await expect(page.getByRole('region', { name: 'Sergels torg' })).toHaveCount(0);
	await expectAccessible(page);
});

test('the compass statistics: charts with the same figures as tables, without who or where', async ({ page }) => {
	await logInByApi(page, 'admin@lykta.example');
	await page.goto('/compass/sergels-torg/stats');
	await expect(page.getByRole('heading', { name: 'Statistik för uppföljningen', level: 1 })).toBeVisible();
	await expect(page.getByText('Vem som sökte, var personen stod och när under månaden sparas aldrig.')).toBeVisible();
	await expect(page.locator('canvas').first()).toBeVisible();
	const byNeed = page.getByRole('region', { name: 'Vad som söktes' });
	await expect(byNeed.getByRole('rowheader', { name: 'Härbärge och akut boende' })).toBeVisible();
	await expect(byNeed.getByRole('rowheader', { name: 'Juridisk rådgivning' })).toBeVisible();
	await expectAccessible(page);
});
