import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { renderedNames, SAME_ORIGIN } from './support';

test('on a phone the map fills the screen and the panel opens on demand', async ({ page }) => {
	await page.goto('/');
	expect((await renderedNames(page, 'areas-place-fill')).length).toBe(8);
	const toggle = page.getByRole('button', { name: 'Visa lager och områden' });
	await expect(toggle).toHaveAttribute('aria-expanded', 'false');
	await expect(page.getByRole('checkbox', { name: 'Platser' })).toBeHidden();
	await toggle.tap();
	await expect(page.getByRole('checkbox', { name: 'Platser' })).toBeVisible();
	await page.getByRole('button', { name: 'Skärholmen centrum' }).tap();
	await expect(page.getByRole('heading', { name: 'Skärholmen centrum', level: 2 })).toBeVisible();
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});

test('on a phone the header folds its links into a menu and never overflows', async ({ page }) => {
	const login = await page.request.post('/api/session', { headers: SAME_ORIGIN, data: { email: 'samordnare@lykta.example', password: 'lykta-demo-2023' } });
	expect(login.status()).toBe(200);
	await page.goto('/');
	// The menu button works once the page is hydrated; a tap before that does nothing.
	await page.locator('html[data-hydrated="true"]').waitFor();
	const menu = page.getByRole('button', { name: 'Meny' });
	await expect(menu).toHaveAttribute('aria-expanded', 'false');
	await expect(page.getByRole('link', { name: 'Vandringar' })).toBeHidden();
	expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
	await menu.tap();
	await expect(page.getByRole('link', { name: 'Vandringar' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Logga ut' })).toBeVisible();
	await page.getByRole('link', { name: 'Fynd', exact: true }).tap();
	await expect(page).toHaveURL(/\/findings/);
	await expect(menu).toHaveAttribute('aria-expanded', 'false');
	expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});
