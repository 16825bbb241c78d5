/**
 * The area overview (lägesbild, issue 14 items 2–4) as a coordinator uses it before the
 * collaboration meeting: from the menu to Tantolunden's overview at the end of August 2023, the
 * map and every section under its heading; a survey figure recorded in the form appears in the
 * chart's table; the walk schedule lists the centre inspection the year still lacks.
 */
import { expect, test } from '@playwright/test';
import { expectAccessible, logIn } from './support';

const COORDINATOR = 'samordnare@lykta.example';

test.describe('the area overview', () => {
	test.describe.configure({ timeout: 120_000 });

	test('a coordinator opens Tantolunden’s overview, records a survey figure and sees the walk schedule’s overdue line', async ({ page }) => {
		await logIn(page, COORDINATOR);
		await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Lägesbild' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Lägesbild per område' })).toBeVisible();
		await page.getByRole('link', { name: 'Tantolunden (Södermalm)' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Lägesbild: Tantolunden' })).toBeVisible({ timeout: 45_000 });

		// The meeting at the end of August 2023, changes since the first of August.
		await page.getByLabel('Läget dag').fill('2023-08-31');
		await page.getByLabel('Förändringar sedan').fill('2023-08-01');
		await page.getByRole('button', { name: 'Visa' }).click();
		await expect(page.getByText(/Läget 31 aug\. 2023\. Förändringar sedan 1 aug\. 2023 \(vald dag\)/)).toBeVisible({ timeout: 45_000 });
		expect(page.url()).toContain('at=2023-08-31');

		for (const name of [
			'Sedan förra mötet',
			'Karta',
			'Öppna och försenade fynd',
			'Pågående åtgärder',
			'Kommande aktiviteter',
			'Händelseutveckling och täckning (2023-T2)',
			'Trygghetsmätningar',
			'Trygghetsvandringar och centrumbesiktningar 2023'
		])
			await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();

		// The map draws on a canvas, with the area's open findings and its zones.
		await expect(page.locator('.report-map canvas.maplibregl-canvas')).toBeVisible();
		await expect(page.getByRole('region', { name: /Karta över Tantolunden/ })).toBeVisible();
		await expect(page.getByTestId('findings-summary')).toContainText(/\d+ öppna fynd, varav \d+ försenade/);
		await expect(page.getByRole('img', { name: /Linjediagram: Andel som känner sig otrygga per år/ })).toBeVisible();

		// The walk schedule: no centre inspection done or planned in 2023, four months left.
		const overdue = page.getByTestId('walk-overdue');
		await expect(overdue).toContainText('Centrumbesiktningar: 1 saknas och är inte planerade (122 dagar kvar av året).');

		// Recording 2025's figure: it shows in the chart's table, as a per cent.
		const table = page.getByRole('table', { name: 'Andel som känner sig otrygga i siffror' });
		await expect(table.getByRole('row')).toHaveCount(5); // the header and 2021–2024
		await page.getByLabel('År', { exact: true }).fill('2025');
		await page.getByLabel('Värde i procent (0–100)').fill('19,5'.replace(',', '.'));
		await page.getByLabel('Antal svarande').fill('160');
		await page.getByLabel('Källa').fill('Trygghetsmätning 2025 (test)');
		await page.getByRole('button', { name: 'Spara mätvärdet' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Mätvärdet för 2025 är sparat.' })).toBeVisible();
		const row = table.getByRole('row', { name: /2025/ });
		await expect(row).toContainText('19,5 %');
		await expect(row).toContainText('160');
		await expect(row).toContainText('Trygghetsmätning 2025 (test)');

		// A share over 100 % is refused with the field's message, and nothing is added.
		await page.getByLabel('År', { exact: true }).fill('2026');
		await page.getByLabel('Värde i procent (0–100)').fill('120');
		await page.getByRole('button', { name: 'Spara mätvärdet' }).click();
		await expect(page.getByText('En andel anges mellan 0 och 1 (0–100 %).')).toBeVisible();
		await expect(table.getByRole('row')).toHaveCount(6);

		await expectAccessible(page);

		// Printed: the content only — no menu, no forms — with the map as a picture.
		await page.emulateMedia({ media: 'print' });
		await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toBeHidden();
		await expect(page.getByRole('button', { name: 'Spara mätvärdet' })).toBeHidden();
		await expect(page.getByRole('heading', { level: 2, name: 'Trygghetsvandringar och centrumbesiktningar 2023' })).toBeVisible();
		await expect(page.getByTestId('report-map-image')).toBeVisible({ timeout: 30_000 });
		await page.emulateMedia({ media: 'screen' });

		// Removed again, so the test can run on the same database twice.
		await page.getByRole('button', { name: 'Ta bort värdet för 2025 (Trygghetsmätning 2025 (test))' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Värdet är borttaget.' })).toBeVisible();
		await expect(table.getByRole('row')).toHaveCount(5);
	});
});
