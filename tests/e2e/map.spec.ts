import { expect, test } from '@playwright/test';
import { PLACES, renderedNames } from './support';

test.describe('the map', () => {
	test('shows all demo places and districts drawn on a full-screen map of Stockholm', async ({ page }) => {
		await page.goto('/');
		await expect(page.getByRole('region', { name: 'Karta över områden och partner' })).toBeVisible();
		expect(await renderedNames(page, 'areas-place-fill')).toEqual([...PLACES].sort());
		expect(await renderedNames(page, 'areas-district-line')).toEqual(
			['Norrmalm', 'Skärholmens stadsdelsområde', 'Södermalm', 'Österåker'].sort()
		);
		const box = await page.locator('canvas.maplibregl-canvas').boundingBox();
		const viewport = page.viewportSize()!;
		expect(box!.width).toBe(viewport.width);
		expect(box!.height).toBeGreaterThan(viewport.height * 0.85);
	});

	test('clicking an area on the map shows its name and its partners', async ({ page }) => {
		await page.goto('/');
		await renderedNames(page, 'areas-place-fill');
		// Zoom to Tantolunden with the list, fold the panel away, then click the park on the canvas.
		await page.getByRole('button', { name: 'Tantolunden' }).click();
		await page.getByRole('button', { name: 'Stäng' }).click();
		await page.getByRole('button', { name: 'Dölj lager och områden' }).click();
		await page.waitForFunction(() => !(window as any).__lyktaMap.isMoving());
		const point = await page.evaluate(() => {
			const map = (window as any).__lyktaMap;
			const { x, y } = map.project(map.getCenter());
			const rect = map.getCanvas().getBoundingClientRect();
			return { x: rect.left + x, y: rect.top + y, under: map.queryRenderedFeatures([x, y], { layers: ['areas-place-fill'] }).map((f: any) => f.properties.name) };
		});
		expect(point.under).toEqual(['Tantolunden']);
		await page.mouse.click(point.x, point.y);
		const panel = page.getByRole('region', { name: 'Tantolunden' });
		await expect(panel.getByRole('heading', { name: 'Tantolunden', level: 2 })).toBeVisible();
		await expect(panel).toContainText('Ingår i Södermalm');
		// Partners of the park and of its district.
		await expect(panel.getByText('Polisen – lokalpolisområde Södermalm')).toBeVisible();
		await expect(panel.getByText('Polisen – lokalpolisområde Norrmalm')).toHaveCount(0);
	});

	test('the layer list hides and shows a layer', async ({ page }) => {
		await page.goto('/');
		await renderedNames(page, 'areas-place-fill');
		await page.getByRole('checkbox', { name: 'Platser' }).uncheck();
		await expect
			.poll(() => page.evaluate(() => (window as any).__lyktaMap.queryRenderedFeatures({ layers: ['areas-place-fill'] }).length))
			.toBe(0);
		await page.getByRole('checkbox', { name: 'Platser' }).check();
		expect(await renderedNames(page, 'areas-place-fill')).toContain('Sergels torg');
		await page.getByRole('checkbox', { name: 'Partners mottagningar' }).check();
		await expect
			.poll(() => page.evaluate(() => (window as any).__lyktaMap.queryRenderedFeatures({ layers: ['service-locations-circle'] }).length))
			.toBeGreaterThan(0);
	});

	test('selecting an area from the list works without a mouse on the map', async ({ page }) => {
		await page.goto('/');
		await renderedNames(page, 'areas-place-fill');
		const button = page.getByRole('button', { name: 'Sergels torg' });
		await button.focus();
		await page.keyboard.press('Enter');
		const panel = page.getByRole('region', { name: 'Sergels torg' });
		await expect(panel.getByRole('heading', { name: 'Sergels torg' })).toBeFocused();
		await expect(panel).toContainText('Norrmalm');
	});
});
