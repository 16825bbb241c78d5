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

	test('planning page: the time controls and the midnight question', async ({ page }) => {
		await logIn(page, 'samordnare@lykta.example');
		await page.goto('/plan');
		await expect(page.getByRole('button', { name: 'Nästa fredag 18:00' })).toBeVisible();
		await expectAccessible(page);
		await page.getByRole('radio', { name: 'Nytt evenemang' }).check();
		await page.getByLabel('Starttid').fill('22:00');
		await page.getByLabel('Sluttid').fill('02:00');
		await expect(page.getByRole('checkbox', { name: 'Ja, det slutar 02:00 dagen efter' })).toBeVisible();
		await expectAccessible(page);
	});

	test('coverage page with its season, scale and footprint list', async ({ page }) => {
		await logIn(page, 'samordnare@lykta.example');
		await page.goto('/coverage');
		await expect(page.getByRole('status').filter({ hasText: 'problemområde' })).toBeVisible({ timeout: 30_000 });
		await page.getByText(/påverkansområden? i perioden$/).click();
		await expectAccessible(page);
	});

	test('a walk\'s page, with its pinning link', async ({ page }) => {
		await logIn(page, 'vandrare@lykta.example');
		const walks = (await (await page.request.get('/api/walks')).json()).features as { id: string }[];
		await page.goto(`/walks/${walks[0]!.id}`);
		await expect(page.getByRole('link', { name: 'Pinna på den här vandringen' })).toBeVisible();
		await expectAccessible(page);
	});
});
