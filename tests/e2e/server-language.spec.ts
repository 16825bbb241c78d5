import { expect, test, type Page } from '@playwright/test';
import { logInByApi as logIn } from './support';

/** A refusal from the server is shown in the UI's language, its field messages too. */
const COORDINATOR = 'samordnare@lykta.example';

async function refusedMeasure(page: Page) {
	await page.goto('/plan');
	await page.waitForFunction(() => {
		const map = (window as any).__lyktaMap;
		return !!map && map.loaded() && !!map.getLayer('plan-events');
	});
	await page.locator('input[name="plan-tool"][value="measure"]').check();
	// A point on the map and no title: the server refuses the save.
	await page.evaluate(() => (window as any).__lyktaMap.jumpTo({ center: [18.0395, 59.3125], zoom: 16 }));
	const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
	await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2 + 60);
	await expect(page.getByRole('status').filter({ hasText: /Point/ })).toBeVisible();
	await page.locator('form[aria-labelledby="plan-measure-heading"] button[type="submit"]').click();
	return page.getByRole('alert');
}

test('the Swedish UI shows the server’s validation error in Swedish, the English UI in English', async ({ page }) => {
	await logIn(page, COORDINATOR);
	const sv = await refusedMeasure(page);
	await expect(sv).toHaveText('Kunde inte spara: Några uppgifter saknas eller är felaktiga. Rätta de markerade fälten och spara igen. – Fyll i det här fältet.');

	await page.context().addCookies([{ name: 'lykta_locale', value: 'en', url: page.url() }]);
	const en = await refusedMeasure(page);
	await expect(en).toHaveText('Could not save: Some details are missing or not valid. Correct the marked fields and save again. – Fill in this field.');
	await expect(en).not.toContainText(/Invalid input|Some fields/);
});
