import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, logInByApi as logIn } from './support';

/**
 * The UI follows the roles: each user is offered what their role is for, and pickers list
 * the areas they have a role in. (The server refuses the rest anyway; see the integration tests.)
 */
const COORDINATOR = 'samordnare@lykta.example';
const WALKER = 'vandrare@lykta.example';
const PARTNER = 'partner@lykta.example';
const VIEWER = 'lasare@lykta.example';

async function menuLinks(page: Page): Promise<string[]> {
	await page.goto('/');
	const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
	await expect(nav.getByRole('link', { name: 'Konto' })).toBeVisible();
	return nav.getByRole('link').allInnerTexts();
}

async function openPlan(page: Page) {
	await page.goto('/plan');
	await expect(page.getByRole('heading', { name: 'Planera åtgärder och evenemang', level: 1 })).toBeVisible();
	await page.waitForFunction(() => {
		const map = (window as any).__lyktaMap;
		return !!map && map.loaded() && !!map.getLayer('plan-events');
	});
}

test.describe('the UI follows the roles', () => {
	test('a viewer is offered no create tools on /plan, and reads an event instead of editing it', async ({ page }) => {
		await logIn(page, VIEWER);
		await openPlan(page);
		// The map and the lists are there …
		await expect(page.getByLabel('Välj åtgärd')).toBeVisible();
		// … the tools that create are not.
		await expect(page.getByRole('group', { name: 'Skapa' })).toHaveCount(0);
		await expect(page.getByRole('radio', { name: 'Ny åtgärd' })).toHaveCount(0);
		await expect(page.getByRole('radio', { name: 'Nytt evenemang' })).toHaveCount(0);

		const events = page.getByLabel('Välj evenemang', { exact: true });
		const first = (await events.locator('option').nth(1).getAttribute('value'))!;
		await events.selectOption(first);
		await expect(page.getByText('Du kan se evenemanget men inte ändra det')).toBeVisible();
		await expect(page.getByRole('button', { name: 'Spara evenemang' })).toHaveCount(0);
		await expect(page.getByRole('button', { name: 'Spara ändringar' })).toHaveCount(0);
		await expectAccessible(page);
	});

	test('a coordinator of Södermalm is offered the create tools on /plan', async ({ page }) => {
		await logIn(page, COORDINATOR);
		await openPlan(page);
		await expect(page.getByRole('radio', { name: 'Ny åtgärd' })).toBeVisible();
		await expect(page.getByRole('radio', { name: 'Nytt evenemang' })).toBeVisible();
	});

	test('the coordinator’s area pickers list only Södermalm’s areas', async ({ page }) => {
		await logIn(page, COORDINATOR);
		await page.goto('/findings');
		await expect(page.getByLabel('Område', { exact: true }).locator('option')).toHaveCount(4);
		const findingAreas = await page.getByLabel('Område', { exact: true }).locator('option').allInnerTexts();
		expect(findingAreas).toEqual(['Alla områden', 'Södermalm', 'Drakenbergsparken (Södermalm)', 'Tantolunden (Södermalm)']);

		await page.goto('/walks');
		await expect(page.locator('#walk-filter-area option')).toHaveCount(4);
		const walkAreas = await page.locator('#walk-filter-area option').allInnerTexts();
		expect(walkAreas.slice(1)).toEqual(['Södermalm', 'Drakenbergsparken (Södermalm)', 'Tantolunden (Södermalm)']);

		await page.goto('/walks/new');
		await expect(page.locator('#walk-area option')).toHaveCount(4);
		const newWalkAreas = await page.locator('#walk-area option').allInnerTexts();
		expect(newWalkAreas.slice(1)).toEqual(['Södermalm', 'Drakenbergsparken (Södermalm)', 'Tantolunden (Södermalm)']);
	});

	test('an administrator’s pickers list every area', async ({ page }) => {
		await logIn(page, 'admin@lykta.example');
		await page.goto('/findings');
		const areas = await page.getByLabel('Område', { exact: true }).locator('option').allInnerTexts();
		expect(areas).toEqual(expect.arrayContaining(['Södermalm', 'Tantolunden (Södermalm)', 'Sergels torg (Norrmalm)', 'Skärholmen centrum (Skärholmens stadsdelsområde)']));
	});

	test('a walker’s menu holds what a walker does: walks, findings, pinning', async ({ page }) => {
		await logIn(page, WALKER);
		expect(await menuLinks(page)).toEqual(['Karta', 'Kompassen', 'Vandringar', 'Fynd', 'Lägesbild', 'Pinna fynd', 'Konto']);
	});

	test('a partner’s menu: findings, the plan, coverage and hotspots; a viewer’s: everything to read, no pinning', async ({ page }) => {
		await logIn(page, PARTNER);
		expect(await menuLinks(page)).toEqual(['Karta', 'Kompassen', 'Fynd', 'Planera', 'Täckning', 'Brännpunkter', 'Effekt', 'Lägesbild', 'Uppföljning', 'Konto']);
		await page.context().clearCookies();
		await logIn(page, VIEWER);
		expect(await menuLinks(page)).toEqual(['Karta', 'Kompassen', 'Vandringar', 'Fynd', 'Planera', 'Program', 'Täckning', 'Brännpunkter', 'Effekt', 'Lägesbild', 'Uppföljning', 'Konto']);
	});

	test('a coordinator’s menu has every part, on one line with the language switch and logout inside the window', async ({ page }) => {
		await logIn(page, COORDINATOR);
		expect(await menuLinks(page)).toEqual(['Karta', 'Kompassen', 'Vandringar', 'Fynd', 'Planera', 'Program', 'Täckning', 'Brännpunkter', 'Effekt', 'Lägesbild', 'Uppföljning', 'Pinna fynd', 'Konto']);
		for (const control of [page.getByRole('button', { name: 'Logga ut' }), page.getByRole('link', { name: 'Konto' })]) {
			await expect(control).toBeInViewport({ ratio: 1 });
		}
		await page.getByRole('button', { name: 'Byt språk till English' }).click();
		await expect(page.getByRole('button', { name: 'Log out' })).toBeInViewport({ ratio: 1 });
	});
});
