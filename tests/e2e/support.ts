import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'lykta-demo-2023';
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
