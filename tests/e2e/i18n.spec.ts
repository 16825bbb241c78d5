import { expect, test } from '@playwright/test';
import { renderedNames } from './support';

test('the UI is Swedish by default and can be switched to English and back', async ({ page }) => {
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
	await expect(page.getByRole('link', { name: 'Logga in' })).toBeVisible();
	await expect(page.getByRole('group', { name: 'Lager' })).toBeVisible();

	await page.getByRole('button', { name: 'Byt språk till English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible();
	await expect(page.getByRole('group', { name: 'Layers' })).toBeVisible();
	await expect(page.getByRole('checkbox', { name: 'Places' })).toBeChecked();
	// The map keeps working after the switch.
	expect(await renderedNames(page, 'areas-place-fill')).toContain('Tantolunden');

	// The choice sticks across page loads.
	await page.reload();
	await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible();
	await page.goto('/login');
	await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
	await expect(page.getByLabel('E-mail address')).toBeVisible();

	await page.getByRole('button', { name: 'Switch language to Svenska' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
	await expect(page.getByRole('heading', { name: 'Logga in' })).toBeVisible();
});
