import { expect, test } from '@playwright/test';
import { expectAccessible, logIn, renderedNames } from './support';

test.describe('accessibility (axe, WCAG 2.1 AA)', () => {
	test('map page', async ({ page }) => {
		await page.goto('/');
		await renderedNames(page, 'areas-place-fill');
		await expectAccessible(page);
	});

	test('map page with an area selected', async ({ page }) => {
		await page.goto('/');
		await renderedNames(page, 'areas-place-fill');
		await page.getByRole('button', { name: 'Tantolunden' }).click();
		await expect(page.getByRole('heading', { name: 'Tantolunden', level: 2 })).toBeVisible();
		await expectAccessible(page);
	});

	test('login page, also with an error shown', async ({ page }) => {
		await page.goto('/login');
		await expectAccessible(page);
		await page.getByLabel('E-postadress').fill('x@example.se');
		await page.getByLabel('Lösenord').fill('fel');
		await page.getByRole('button', { name: 'Logga in' }).click();
		await expect(page.getByRole('alert')).toBeVisible();
		await expectAccessible(page);
	});

	test('account page', async ({ page }) => {
		await logIn(page, 'samordnare@lykta.example');
		await page.goto('/account');
		await expectAccessible(page);
	});

	test('not-found page', async ({ page }) => {
		const response = await page.goto('/finns-inte');
		expect(response?.status()).toBe(404);
		await expectAccessible(page);
	});

	test('English map page', async ({ page }) => {
		await page.goto('/');
		await page.getByRole('button', { name: 'Byt språk till English' }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await renderedNames(page, 'areas-place-fill');
		await expectAccessible(page);
	});
});
