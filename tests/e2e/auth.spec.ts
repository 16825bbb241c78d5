import { expect, test } from '@playwright/test';
import { logIn } from './support';

test.describe('logging in', () => {
	test('a coordinator logs in, sees their role on the account page, and logs out', async ({ page }) => {
		await logIn(page, 'samordnare@lykta.example');
		await page.getByRole('link', { name: 'Konto' }).click();
		await expect(page.getByRole('heading', { name: 'Ditt konto' })).toBeVisible();
		await expect(page.getByRole('region', { name: 'Roller' })).toContainText('Samordnare – Södermalm');
		await page.getByRole('button', { name: 'Logga ut' }).click();
		await expect(page.getByRole('link', { name: 'Logga in' })).toBeVisible();
		await page.goto('/account');
		await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount/);
	});

	test('a wrong password is refused with a message, and nothing else happens', async ({ page }) => {
		await page.goto('/login');
		await page.getByLabel('E-postadress').fill('samordnare@lykta.example');
		await page.getByLabel('Lösenord').fill('fel lösenord');
		await page.getByRole('button', { name: 'Logga in' }).click();
		await expect(page.getByRole('alert')).toHaveText('Fel e-postadress eller lösenord.');
		await expect(page.getByLabel('E-postadress')).toHaveValue('samordnare@lykta.example');
		await expect(page.getByRole('link', { name: 'Konto' })).toHaveCount(0);
	});

	test('an API token can be created on the account page and used by a script', async ({ page, request }) => {
		await logIn(page, 'admin@lykta.example');
		await page.goto('/account');
		await page.getByLabel('Namn på nyckeln').fill('QGIS-export');
		await page.getByRole('button', { name: 'Skapa API-nyckel' }).click();
		const token = (await page.locator('code.token').textContent())!.trim();
		expect(token).toMatch(/^lykta_/);
		const me = await request.get('/api/session', { headers: { authorization: `Bearer ${token}` } });
		expect(me.status()).toBe(200);
		expect((await me.json()).user.email).toBe('admin@lykta.example');
		await page.getByRole('button', { name: 'Återkalla QGIS-export' }).click();
		await expect(page.getByText('återkallad')).toBeVisible();
		expect((await request.get('/api/session', { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);
	});
});
