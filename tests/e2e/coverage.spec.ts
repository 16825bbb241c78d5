import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, logInByApi as logIn } from './support';
import { coverageColour } from '../../src/lib/zones/coverage-scale';

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
		const first = page.getByRole('listitem').filter({ hasText: /^1\s*Förslag 1: \+/ }).first();
		await expect(first).toBeVisible({ timeout: 60_000 });
		await first.getByRole('button', { name: 'Gör till utkast' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Utkastet ”Förslag 1 från täckningsanalysen” sparades.' })).toBeVisible();
		const events = (await (await page.request.get('/api/events?from=2023-06-01&to=2023-08-31')).json()).features as { properties: { title: string; status: string } }[];
		expect(events.filter((e) => e.properties.title.endsWith('från täckningsanalysen')).map((e) => e.properties.status)).toEqual(['draft', 'draft']);
	});

	test('opens on the latest season with events, the coming season one choice away; the zone list takes the map\'s colours; footprints are named; suggestions are numbered on the map and in the list', async ({ page }) => {
		test.setTimeout(120_000);
		await logIn(page, COORDINATOR);
		const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
		const coming = today.slice(5) > '09-30' ? Number(today.slice(0, 4)) + 1 : Number(today.slice(0, 4));
		await page.goto('/coverage');
		const period = page.getByLabel('Period', { exact: true });
		// The demo's events are in 2023: that season, April to September, not the coming one with nothing in it.
		await expect(period).toHaveValue('2023-04-01/2023-09-30');
		await expect(page.getByLabel('Från', { exact: true })).toHaveValue('2023-04-01');
		await expect(page.getByLabel('Till', { exact: true })).toHaveValue('2023-09-30');
		await expect(page.getByText('En säsong är 1 april–30 september, programmens intensiva period.')).toBeVisible();
		await expect(period.locator('option', { hasText: new RegExp(`^Säsong ${coming} \\((kommande|pågår)\\)$`) })).toHaveCount(1);
		await page.getByLabel('Område', { exact: true }).selectOption({ label: 'Tantolunden (Södermalm)' });
		await page.getByRole('button', { name: 'Visa', exact: true }).click();
		const summary = page.getByRole('status').filter({ hasText: 'problemområden' });
		await expect(summary).toContainText('under 1 apr. 2023 – 30 sep. 2023.');

		// The coming season, one choice away.
		await period.selectOption({ value: `${coming}-04-01/${coming}-09-30` });
		await expect(summary).toContainText(`under 1 apr. ${coming} – 30 sep. ${coming}.`);
		await period.selectOption({ value: '2023-04-01/2023-09-30' });
		await expect(summary).toContainText('under 1 apr. 2023 – 30 sep. 2023.');

		// A zone's swatch in the gap list is the colour of the zone on the map.
		const zones = (await (await page.request.get(`/api/zones?area=${await areaId(page, 'Tantolunden')}`)).json()).features as Zone[];
		for (const zone of zones) {
			const onMap = await page.evaluate((id) => (window as any).__lyktaMap.querySourceFeatures('coverage-zones').find((f: any) => f.properties.id === id)?.properties.coverage as number, zone.id);
			const hex = coverageColour(onMap);
			const rgb = `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
			const swatch = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: zone.properties.name }) }).locator('.swatch');
			await expect(swatch).toHaveCSS('background-color', rgb);
		}

		// Footprints: chosen in the list, one is named on the map.
		await page.getByText(/påverkansområden i perioden$/).click();
		const choice = page.getByRole('button', { name: /^(Evenemang|Åtgärd): / }).first();
		const name = (await choice.textContent())!.trim();
		await choice.click();
		await expect(choice).toHaveAttribute('aria-pressed', 'true');
		await expect(page.locator('.footprint-label')).toHaveText(name);
		await choice.click();
		await expect(page.locator('.footprint-label')).toHaveCount(0);

		// Numbered suggestions: the same numbers on the map as in the list, the coverage added in words and units.
		await page.getByRole('button', { name: 'Föreslå 3 platser för de valda tiderna' }).click();
		const items = page.getByRole('list', { name: 'Föreslagna platser' }).getByRole('listitem');
		await expect(items.first()).toBeVisible({ timeout: 60_000 });
		const count = await items.count();
		expect(count).toBeGreaterThan(0);
		for (let i = 1; i <= count; i++) {
			await expect(items.nth(i - 1)).toContainText(new RegExp(`Förslag ${i}: \\+\\d+(,\\d+)? % av problemtimmarna på de valda tiderna, viktade efter problemområdenas vikt`));
			await expect(items.nth(i - 1)).toContainText(/Mest i .+: från \d+(,\d+)? % till \d+(,\d+)? %\./);
			await expect(page.getByRole('img', { name: `Förslag ${i}`, exact: true })).toHaveText(String(i));
		}
		await expect(page.getByRole('img', { name: /^Förslag \d$/ })).toHaveCount(count);
		await expectAccessible(page);
	});

	test('a reader without incident access is told which zone weights rest on coarsened or withheld incident figures', async ({ page }) => {
		await logIn(page, 'lasare@lykta.example');
		const tanto = await areaId(page, 'Tantolunden');
		const zones = (await (await page.request.get(`/api/zones?area=${tanto}`)).json()).features as (Zone & { properties: { incidentFigures: string } })[];
		const figures = zones.map((z) => z.properties.incidentFigures);
		expect(figures.every((f) => f === 'aggregated' || f === 'withheld')).toBe(true);
		await page.goto('/coverage');
		await page.getByLabel('Område', { exact: true }).selectOption({ label: 'Tantolunden (Södermalm)' });
		await page.getByRole('button', { name: 'Visa', exact: true }).click();
		const aggregated = figures.filter((f) => f === 'aggregated').length;
		const withheld = figures.filter((f) => f === 'withheld').length;
		if (aggregated) await expect(page.getByText(new RegExp(`^${aggregated} problemområdens? vikte?r? bygger på grövre incidentsiffror`))).toBeVisible();
		if (withheld) await expect(page.getByText(new RegExp(`^I ${withheld} problemområden? är incidenterna för få för att visas för din roll`))).toBeVisible();
		for (const zone of zones) {
			const mark = zone.properties.incidentFigures === 'aggregated' ? 'vikt från grövre incidentsiffror' : 'vikt utan incidenter';
			await expect(page.getByRole('rowheader', { name: zone.properties.name })).toContainText(mark);
		}
	});

	test('plural forms read right in Swedish and in English: 1 problemområde, 1 timme; 1 problem zone, 1 hour', async ({ page }) => {
		await logIn(page, COORDINATOR);
		const show = async (area: string, labels: { from: string; to: string; only: string; friday: string; saturday: string; start: string; end: string; show: string }) => {
			await page.getByLabel(labels.from, { exact: true }).fill('2023-06-02');
			await page.getByLabel(labels.to, { exact: true }).fill('2023-06-02');
			await page.getByRole('checkbox', { name: labels.saturday }).uncheck();
			await page.getByRole('checkbox', { name: labels.friday }).check();
			await page.getByLabel(labels.start).fill('18');
			await page.getByLabel(labels.end).fill('19');
			await page.getByRole('checkbox', { name: labels.only }).check();
			await page.getByLabel(area === 'sv' ? 'Område' : 'Area', { exact: true }).selectOption({ label: 'Drakenbergsparken (Södermalm)' });
			await page.getByRole('button', { name: labels.show, exact: true }).click();
		};
		const drakenberg = await areaId(page, 'Drakenbergsparken');
		expect(((await (await page.request.get(`/api/zones?area=${drakenberg}`)).json()).features as unknown[]).length, 'one demo zone in Drakenbergsparken').toBe(1);
		await page.goto('/coverage');
		await expect(page.getByLabel('Period', { exact: true })).toHaveValue('2023-04-01/2023-09-30');
		await show('sv', { from: 'Från', to: 'Till', only: 'Räkna bara de här tiderna', friday: 'fredag', saturday: 'lördag', start: 'Från klockan', end: 'Till klockan', show: 'Visa' });
		await expect(page.getByRole('status').filter({ hasText: 'problemområde' })).toHaveText(/^1 problemområde, \d+ insatse?r?, 1 timme under 2 juni 2023 – 2 juni 2023\.$/);

		await page.getByRole('button', { name: 'Byt språk till English' }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await show('en', { from: 'From', to: 'To', only: 'Count these times only', friday: 'Friday', saturday: 'Saturday', start: 'From hour', end: 'To hour', show: 'Show' });
		await expect(page.getByRole('status').filter({ hasText: 'problem zone' })).toHaveText(/^1 problem zone, \d+ activit(y|ies), 1 hour from 2 Jun 2023 to 2 Jun 2023\.$/);
	});
});

async function areaId(page: Page, name: string): Promise<string> {
	const areas = (await (await page.request.get('/api/areas')).json()).features as { id: string; properties: { name: string } }[];
	return areas.find((a) => a.properties.name === name)!.id;
}
