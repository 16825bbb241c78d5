import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, logInByApi as logIn } from './support';

const COORDINATOR = 'samordnare@lykta.example';

interface Zone {
	id: string;
	geometry: { coordinates: number[][][][] };
	properties: { name: string; areaId: string };
}

async function mapIdle(page: Page) {
	await page.waitForFunction(() => {
		const map = (window as any).__lyktaMap;
		return !!map && map.loaded() && !map.isMoving();
	});
}

async function screenPoint(page: Page, lngLat: number[]) {
	const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
	const p = await page.evaluate((c) => (window as any).__lyktaMap.project(c), lngLat);
	return { x: box.x + p.x, y: box.y + p.y };
}

const coverageOf = (page: Page, name: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) }).getByTestId('zone-coverage');

test.describe('coverage', () => {
	test('dragging a planned event into a zone raises its coverage and colour; the saved draft gets the same number from the server; a suggestion becomes a draft', async ({ page }) => {
		test.setTimeout(120_000);
		await logIn(page, COORDINATOR);
		const areas = (await (await page.request.get('/api/areas')).json()).features as { id: string; properties: { name: string } }[];
		const tanto = areas.find((a) => a.properties.name === 'Tantolunden')!;
		const zones = (await (await page.request.get(`/api/zones?area=${tanto.id}`)).json()).features as Zone[];
		expect(zones.length, 'demo problem zones in Tantolunden').toBeGreaterThan(0);
		const zone = zones[0]!;
		const ring = zone.geometry.coordinates[0]![0]!;
		const centre = [ring.reduce((s, p) => s + p[0]!, 0) / ring.length, ring.reduce((s, p) => s + p[1]!, 0) / ring.length];

		await page.goto('/');
		await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Täckning' }).click();
		await expect(page.getByRole('heading', { name: 'Täcker insatserna problemen?', level: 1 })).toBeVisible();
		await page.getByLabel('Område', { exact: true }).selectOption({ label: 'Tantolunden (Södermalm)' });
		await page.getByRole('button', { name: 'Visa', exact: true }).click();
		await expect(page.getByRole('status').filter({ hasText: 'problemområden' })).toBeVisible();
		const cell = coverageOf(page, zone.properties.name);
		await expect(cell).toBeVisible();
		await expectAccessible(page);

		// Try a Friday/Saturday-evening event: it starts in the middle of the area; moved away, then dragged into the zone.
		await page.getByLabel('Påverkansradie (m)').fill('120');
		await page.getByRole('checkbox', { name: 'Prova ett nytt evenemang på de valda tiderna' }).check();
		await expect(page.getByText('Dra markören: täckningen räknas om direkt.')).toBeVisible();
		await page.evaluate((c) => (window as any).__lyktaMap.jumpTo({ center: c, zoom: 15 }), centre);
		await mapIdle(page);
		const away = await screenPoint(page, [centre[0]! + 0.008, centre[1]! + 0.002]);
		await page.mouse.click(away.x, away.y);
		const before = (await cell.textContent())!;
		const colour = () =>
			page.evaluate((id) => {
				const f = (window as any).__lyktaMap.querySourceFeatures('coverage-zones').find((x: any) => x.properties.id === id);
				return f?.properties.coverage as number;
			}, zone.id);
		const colourBefore = await colour();

		const marker = page.getByRole('button', { name: /^Det provade evenemangets plats/ });
		const m = (await marker.boundingBox())!;
		const target = await screenPoint(page, centre);
		await page.mouse.move(m.x + m.width / 2, m.y + m.height - 4);
		await page.mouse.down();
		for (let i = 1; i <= 10; i++) await page.mouse.move(m.x + m.width / 2 + ((target.x - (m.x + m.width / 2)) * i) / 10, m.y + m.height - 4 + ((target.y - (m.y + m.height - 4)) * i) / 10);
		await page.mouse.up();
		await expect(cell).not.toHaveText(before);
		const parse = (s: string) => Number(s.replace(/[^\d,]/g, '').replace(',', '.'));
		expect(parse((await cell.textContent())!)).toBeGreaterThan(parse(before));
		await expect.poll(colour).toBeGreaterThan(colourBefore);
		const shown = (await cell.textContent())!;

		await page.getByRole('button', { name: 'Spara som utkast' }).click();
		const saved = page.getByRole('status').filter({ hasText: 'Utkastet ”Utkast från täckningsanalysen” sparades.' });
		await expect(saved).toContainText(`Servern räknar nu`);
		await expect(cell).toHaveText(shown);
		const server = /Servern räknar nu (.+) för (.+)\./.exec((await saved.textContent())!.replace(/\s+/g, ' '))!;
		const named = coverageOf(page, server[2]!.trim());
		await expect(named).toHaveText(server[1]!.trim().replace(/\s/g, '\u00a0').replace(/\u00a0%/, '\u00a0%'));

		// Suggestions for the same slot; the first becomes a draft event.
		await page.getByRole('button', { name: 'Föreslå 3 platser för de valda tiderna' }).click();
		const first = page.getByRole('listitem').filter({ hasText: 'Ökar den viktade täckningen' }).first();
		await expect(first).toBeVisible({ timeout: 60_000 });
		await first.getByRole('button', { name: 'Gör till utkast' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Utkastet ”Förslag 1 från täckningsanalysen” sparades.' })).toBeVisible();
		const events = (await (await page.request.get('/api/events?from=2023-06-01&to=2023-08-31')).json()).features as { properties: { title: string; status: string } }[];
		expect(events.filter((e) => e.properties.title.endsWith('från täckningsanalysen')).map((e) => e.properties.status)).toEqual(['draft', 'draft']);
	});
});
