import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, logInByApi as logIn, renderedNames, SAME_ORIGIN } from './support';

const COORDINATOR = 'samordnare@lykta.example';
const FINDING_LAYERS = ['findings-clusters', 'findings-point', 'findings-line', 'findings-fill'];
const CATEGORIES = ['lighting', 'sightlines', 'litter', 'vandalism', 'hiding_place', 'lack_of_people', 'signage', 'accessibility', 'traffic', 'other'];


/** The body rows of the findings table (the header row left out). */
const bodyRows = (page: Page) => page.getByRole('table').getByRole('row').filter({ has: page.getByRole('rowheader') });

/** Opens the list from the main menu, once the app has come alive (so no input is lost to hydration). */
async function openFindings(page: Page) {
	await page.goto('/');
	await page.waitForFunction(() => (window as any).__lyktaMap?.loaded());
	await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Fynd', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Fynd', level: 1 })).toBeVisible();
}

/** Opens the list filtered to new findings and returns the category of the first one. */
async function newFindings(page: Page) {
	await openFindings(page);
	await page.getByRole('group', { name: 'Status' }).getByRole('checkbox', { name: 'Ny', exact: true }).check();
	await page.getByRole('button', { name: 'Visa' }).click();
	await expect(page).toHaveURL(/[?&]status=new(&|$)/);
	await expect(bodyRows(page).first()).toBeVisible();
	return (await bodyRows(page).first().getByRole('link').innerText()).trim();
}

test.describe('findings', () => {
	test('the list filters by status and category, keeps the filters in the URL and exports with them', async ({ page }) => {
		await logIn(page, COORDINATOR);
		await openFindings(page);
		const all = await bodyRows(page).count();
		expect(all).toBeGreaterThan(10);

		const category = await newFindings(page);
		await page.getByLabel('Kategori').selectOption({ label: category });
		await page.getByRole('button', { name: 'Visa' }).click();
		await expect(page).toHaveURL(/[?&]category=[a-z_]+/);
		await expect(page).toHaveURL(/[?&]status=new(&|$)/);

		const rows = bodyRows(page);
		const count = await rows.count();
		expect(count).toBeGreaterThan(0);
		expect(count).toBeLessThan(all);
		await expect(page.getByRole('status').filter({ hasText: /fynd$/ })).toHaveText(`${count} fynd`);
		for (let i = 0; i < count; i++) {
			await expect(rows.nth(i).getByRole('rowheader')).toContainText(category);
			await expect(rows.nth(i).getByRole('cell').nth(1)).toHaveText('Ny');
		}

		// The same filters go to the exports, and the export answers with exactly these findings.
		const csv = page.getByRole('link', { name: 'Exportera CSV' });
		const geojson = page.getByRole('link', { name: 'Exportera GeoJSON' });
		const query = new URL(page.url()).search;
		await expect(csv).toHaveAttribute('href', `/api/export/findings.csv${query}`);
		await expect(geojson).toHaveAttribute('href', `/api/export/findings.geojson${query}`);
		const exported = await (await page.request.get(`/api/export/findings.geojson${query}`)).json();
		expect(exported.features).toHaveLength(count);

		// Reloading the URL shows the same filtered list, with the form filled in from it.
		await page.reload();
		await expect(bodyRows(page)).toHaveCount(count);
		await expect(page.getByRole('group', { name: 'Status' }).getByRole('checkbox', { name: 'Ny', exact: true })).toBeChecked();
	});

	test('a coordinator routes a new finding to a partner; rejecting without a reason is refused', async ({ page }) => {
		await logIn(page, COORDINATOR);
		const category = await newFindings(page);
		await bodyRows(page).first().getByRole('link').click();
		await expect(page).toHaveURL(/\/findings\/[0-9a-f-]{36}$/);
		await expect(page.getByRole('heading', { level: 1 })).toContainText(category);
		const history = page.getByRole('region', { name: 'Statushistorik' }).getByRole('listitem');
		await expect(history).toHaveCount(1);
		await expect(history.first()).toContainText('Rapporterat som Ny');

		const workflow = page.getByRole('form', { name: 'Hantera fyndet' });
		// Only the moves the workflow allows from "new" are offered.
		await expect(workflow.getByLabel('Status').getByRole('option')).toHaveText(['Behåll nuvarande (Ny)', 'Tilldelad', 'Pågår', 'Åtgärdad', 'Avvisad']);

		await workflow.getByLabel('Status').selectOption({ label: 'Avvisad' });
		await workflow.getByRole('button', { name: 'Spara' }).click();
		await expect(workflow.getByText('Ange ett skäl när fyndet avvisas.')).toBeVisible();
		await expect(workflow.getByLabel('Skäl')).toBeFocused();
		await expect(history).toHaveCount(1);

		await workflow.getByLabel('Status').selectOption({ label: 'Tilldelad' });
		await workflow.getByLabel('Ansvarig partner').selectOption({ label: 'Södermalms stadsdelsförvaltning – stadsmiljö' });
		await workflow.getByLabel('Anteckning').fill('Skickat till stadsmiljö för åtgärd.');
		await workflow.getByLabel('Uppföljningsdatum').fill('2030-06-01');
		await workflow.getByRole('button', { name: 'Spara' }).click();

		await expect(page.getByRole('status').filter({ hasText: 'Ändringen är sparad.' })).toBeVisible();
		await expect(history).toHaveCount(2);
		await expect(history.nth(1)).toContainText('Ny → Tilldelad');
		await expect(history.nth(1)).toContainText('Skickat till stadsmiljö för åtgärd.');
		await expect(history.nth(1)).toContainText('Samordnare, Södermalm');
		const facts = page.getByRole('region', { name: 'Uppgifter' });
		await expect(facts).toContainText('Södermalms stadsdelsförvaltning – stadsmiljö');
		// The form now starts from "assigned".
		await expect(workflow.getByLabel('Status').getByRole('option').first()).toHaveText('Behåll nuvarande (Tilldelad)');
	});

	test('a change made by someone else meanwhile is reported, and the page reloads', async ({ page }) => {
		await logIn(page, COORDINATOR);
		await newFindings(page);
		await bodyRows(page).first().getByRole('link').click();
		await expect(page).toHaveURL(/\/findings\/[0-9a-f-]{36}$/);
		const id = new URL(page.url()).pathname.split('/').pop()!;
		const current = await (await page.request.get(`/api/findings/${id}`)).json();
		const meanwhile = await page.request.patch(`/api/findings/${id}`, {
			headers: SAME_ORIGIN,
			data: { version: current.properties.version, properties: { note: 'Ändrad i en annan flik.' } }
		});
		expect(meanwhile.status()).toBe(200);

		const workflow = page.getByRole('form', { name: 'Hantera fyndet' });
		await workflow.getByLabel('Status').selectOption({ label: 'Pågår' });
		await workflow.getByRole('button', { name: 'Spara' }).click();
		await expect(page.getByRole('alert').filter({ hasText: 'Någon annan har ändrat fyndet' })).toBeVisible();
		await expect(page.getByRole('region', { name: 'Statushistorik' })).toContainText('Ändrad i en annan flik.');
	});

	test('the list and a finding pass axe (WCAG 2.1 AA)', async ({ page }) => {
		await logIn(page, COORDINATOR);
		await page.goto('/findings');
		await expect(page.getByRole('table')).toBeVisible();
		await expectAccessible(page);
		await bodyRows(page).first().getByRole('link').click();
		await expect(page.getByRole('form', { name: 'Hantera fyndet' })).toBeVisible();
		await page.waitForFunction(() => (window as any).__lyktaMap?.loaded());
		await expectAccessible(page);
	});

	test('the main map shows findings to logged-in users, clustered, and opens one on click', async ({ page }) => {
		await logIn(page, COORDINATOR);
		await page.goto('/');
		await renderedNames(page, 'areas-place-fill');
		const layer = page.getByRole('checkbox', { name: 'Fynd' });
		await expect(layer).not.toBeChecked();

		await layer.check();
		await page.waitForFunction(
			(layers) => {
				const map = (window as any).__lyktaMap;
				return map.loaded() && map.queryRenderedFeatures({ layers }).length > 0;
			},
			FINDING_LAYERS,
			{ timeout: 30_000 }
		);
		// Zoomed out, nearby findings are drawn as clusters carrying their count.
		const clusters = await page.evaluate(() =>
			(window as any).__lyktaMap.queryRenderedFeatures({ layers: ['findings-clusters'] }).map((f: any) => f.properties.point_count as number)
		);
		expect(clusters.length).toBeGreaterThan(0);
		expect(Math.max(...clusters)).toBeGreaterThan(1);
		// Zoomed in on the park the points come apart, coloured by category.
		await page.getByRole('button', { name: 'Tantolunden' }).click();
		await page.getByRole('button', { name: 'Stäng' }).click();
		await page.waitForFunction(() => {
			const map = (window as any).__lyktaMap;
			return !map.isMoving() && map.loaded() && map.queryRenderedFeatures({ layers: ['findings-point'] }).length > 0;
		});
		const points = await page.evaluate(() =>
			(window as any).__lyktaMap.queryRenderedFeatures({ layers: ['findings-point'] }).map((f: any) => ({ ...f.properties, at: f.geometry.coordinates }))
		);
		expect(points.length).toBeGreaterThan(0);
		for (const point of points) expect(CATEGORIES).toContain(point.category);

		// The point nearest the middle of the map, clear of the panels and controls.
		const target = await page.evaluate((ats) => {
			const map = (window as any).__lyktaMap;
			const rect = map.getCanvas().getBoundingClientRect();
			const [cx, cy] = [rect.width / 2, rect.height / 2];
			const onScreen = ats.map((at: [number, number]) => map.project(at));
			const best = onScreen.sort((a: any, b: any) => Math.hypot(a.x - cx, a.y - cy) - Math.hypot(b.x - cx, b.y - cy))[0];
			return { x: rect.left + best.x, y: rect.top + best.y };
		}, points.map((p: any) => p.at));
		await page.getByRole('button', { name: 'Dölj lager och områden' }).click();
		await page.mouse.click(target.x, target.y);
		const open = page.getByRole('link', { name: 'Öppna fyndet' });
		await expect(open).toBeVisible();
		await expect(open).toHaveAttribute('href', /^\/findings\/[0-9a-f-]{36}$/);
		await open.click();
		await expect(page.getByRole('heading', { name: 'Statushistorik' })).toBeVisible();
	});

	test('with the findings layer off, a click on the map still selects the area under it', async ({ page }) => {
		await logIn(page, COORDINATOR);
		await page.goto('/');
		// The map opens on the coordinator's own area, Södermalm.
		await renderedNames(page, 'areas-place-fill');
		await expect(page.getByRole('checkbox', { name: 'Fynd' })).not.toBeChecked();
		const park = await page.evaluate(() => {
			const map = (window as any).__lyktaMap;
			const rect = map.getCanvas().getBoundingClientRect();
			const hit = map.queryRenderedFeatures({ layers: ['areas-place-fill'] }).find((f: any) => f.properties.name === 'Tantolunden');
			const ring = hit.geometry.type === 'Polygon' ? hit.geometry.coordinates[0] : hit.geometry.coordinates[0][0];
			const lon = ring.reduce((s: number, c: number[]) => s + c[0], 0) / ring.length;
			const lat = ring.reduce((s: number, c: number[]) => s + c[1], 0) / ring.length;
			const { x, y } = map.project([lon, lat]);
			return { x: rect.left + x, y: rect.top + y };
		});
		await page.mouse.click(park.x, park.y);
		await expect(page.getByRole('heading', { name: 'Tantolunden', level: 2 })).toBeVisible();
		await page.getByRole('button', { name: 'Stäng' }).click();
	});

	test('anonymous visitors get no findings layer and no findings pages', async ({ page }) => {
		await page.goto('/');
		await renderedNames(page, 'areas-place-fill');
		await expect(page.getByRole('checkbox', { name: 'Fynd' })).toHaveCount(0);
		expect(await page.evaluate(() => !!(window as any).__lyktaMap.getLayer('findings-point'))).toBe(false);
		await page.goto('/findings');
		await expect(page).toHaveURL(/\/login\?redirectTo=%2Ffindings/);
	});
});
