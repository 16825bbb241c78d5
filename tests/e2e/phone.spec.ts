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

test('the walk page fits a phone 360–390 px wide, its menu is reachable, and it offers pinning on the walk', async ({ page }) => {
	const login = await page.request.post('/api/session', { headers: SAME_ORIGIN, data: { email: 'vandrare@lykta.example', password: 'lykta-demo-2023' } });
	expect(login.status()).toBe(200);
	const walks = (await (await page.request.get('/api/walks')).json()).features as { id: string; properties: { title: string; findingCount: number } }[];
	// The walk with the most findings: the widest table.
	const walk = [...walks].sort((a, b) => b.properties.findingCount - a.properties.findingCount)[0]!;
	expect(walk.properties.findingCount).toBeGreaterThan(0);
	for (const width of [360, 375, 390]) {
		await page.setViewportSize({ width, height: 780 });
		await page.goto(`/walks/${walk.id}`);
		await page.locator('html[data-hydrated="true"]').waitFor();
		await expect(page.getByRole('heading', { name: walk.properties.title, level: 1 })).toBeVisible();
		await expect(page.getByRole('table')).toBeVisible();
		expect(await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]), `no horizontal overflow at ${width} px`).toEqual([width, width]);
	}
	// At 375 px: the menu opens and leads on; the page offers pinning on this walk.
	await page.setViewportSize({ width: 375, height: 780 });
	await page.goto(`/walks/${walk.id}`);
	await page.locator('html[data-hydrated="true"]').waitFor();
	const menu = page.getByRole('button', { name: 'Meny' });
	await menu.tap();
	await expect(page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Vandringar' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Logga ut' })).toBeInViewport();
	await menu.tap();
	const pin = page.getByRole('link', { name: 'Pinna på den här vandringen' });
	await expect(pin).toBeInViewport();
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
	await pin.tap();
	await expect(page).toHaveURL(new RegExp(`/pin\\?walk=${walk.id}$`));
	await expect(page.getByText(`Vandringens fynd: ${walk.properties.findingCount}`)).toBeVisible();
});

test('on a phone a chosen area\'s panel and the layer panel leave the map in sight; opening hours read in Swedish', async ({ page }) => {
	await page.goto('/');
	await renderedNames(page, 'areas-place-fill');
	await page.getByRole('button', { name: 'Visa lager och områden' }).tap();
	await page.getByRole('button', { name: 'Tantolunden' }).tap();
	const panel = page.getByRole('region', { name: 'Tantolunden', exact: true });
	await expect(panel.getByRole('heading', { name: 'Tantolunden', level: 2 })).toBeVisible();
	// The layer panel folded away; the area's panel takes under half the map.
	await expect(page.getByRole('button', { name: 'Visa lager och områden' })).toHaveAttribute('aria-expanded', 'false');
	const map = (await page.getByRole('region', { name: /^Karta över områden/ }).boundingBox())!;
	const box = (await panel.boundingBox())!;
	expect(box.height / map.height).toBeLessThan(0.5);
	// Opening hours in words: "mån–fre 08–16", not "Mo-Fr 08:00-16:00".
	await expect(panel).toContainText(/öppettider (mån|tis|ons|tors|fre|lör|sön)[–,]/);
	await expect(panel).not.toContainText(/Mo-Fr|\d\d:00-\d\d:00/);
	// Opened again, the layer panel too leaves most of the map free.
	await page.getByRole('button', { name: 'Visa lager och områden' }).tap();
	const layers = (await page.getByRole('region', { name: 'Kartpanel' }).boundingBox())!;
	expect(layers.height / map.height).toBeLessThanOrEqual(0.6);
});
