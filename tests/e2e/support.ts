import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'lykta-demo-2023';

/**
 * Writes sent with the test's own request context (not by the page) carry the app's origin,
 * as a browser's would: the server refuses cookie-authenticated writes from anywhere else.
 */
export const SAME_ORIGIN = { origin: `http://localhost:${process.env.E2E_PORT ?? 4173}` };
export const PLACES = [
	'Tantolunden',
	'Drakenbergsparken',
	'Sergels torg',
	'Åkersberga centrum',
	'Vårberg centrum',
	'Bredäng centrum',
	'Sätra centrum',
	'Skärholmen centrum'
];

/** Waits until the map has drawn the layer, then returns the names of its rendered features. */
export async function renderedNames(page: Page, layer: string): Promise<string[]> {
	await page.waitForFunction(
		(id) => {
			const map = (window as any).__lyktaMap;
			return !!map && map.loaded() && map.getLayer(id) && map.queryRenderedFeatures({ layers: [id] }).length > 0;
		},
		layer,
		{ timeout: 30_000 }
	);
	return page.evaluate((id) => {
		const map = (window as any).__lyktaMap;
		const names = map.queryRenderedFeatures({ layers: [id] }).map((f: any) => f.properties.name as string);
		return [...new Set<string>(names)].sort();
	}, layer);
}

export async function logIn(page: Page, email: string, password = DEMO_PASSWORD) {
	await page.goto('/login');
	await page.getByLabel('E-postadress').fill(email);
	await page.getByLabel('Lösenord').fill(password);
	await page.getByRole('button', { name: 'Logga in' }).click();
	await expect(page.getByRole('button', { name: 'Logga ut' })).toBeVisible();
}

/**
 * Logs in through the API (the login form itself is tested in auth.spec.ts), sharing the
 * cookie with the page.
 */
export async function logInByApi(page: Page, email: string) {
	const response = await page.request.post('/api/session', { headers: SAME_ORIGIN, data: { email, password: DEMO_PASSWORD } });
	expect(response.status()).toBe(200);
}

/** WCAG 2.1 A and AA rules; any serious or critical violation fails, with its details. */
export async function expectAccessible(page: Page) {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	const severe = results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
	expect(severe).toEqual([]);
}
