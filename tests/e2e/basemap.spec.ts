import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { logInByApi } from './support';

const COORDINATOR = 'samordnare@lykta.example';
const TANTOLUNDEN: [number, number] = [18.0455, 59.3125];
/** Årstaviken, just south of Tantolunden, and the park's lawn (src/lib/map/basemap-data.test.ts checks the data there). */
const WATER: [number, number] = [18.04, 59.31];
const LAND: [number, number] = [18.0494, 59.3127];
const MARIATORGET: [number, number] = [18.0645, 59.3165];
/** Where the e2e server reads the self-hosted basemap (scripts/e2e-server.mjs). */
const ARCHIVE = 'test-results/e2e-basemap.mbtiles';

async function mapSettled(page: Page) {
	await page.waitForFunction(
		() => {
			const map = (window as any).__lyktaMap;
			return !!map && map.loaded() && !map.isMoving() && map.areTilesLoaded();
		},
		null,
		{ timeout: 30_000 }
	);
}

/** The distinct values of a property over the features a layer has drawn (labels: those it placed). */
const rendered = (page: Page, layers: string[], property = 'name') =>
	page.evaluate(
		([ls, p]) => [...new Set((window as any).__lyktaMap.queryRenderedFeatures({ layers: ls }).map((f: any) => f.properties[p] as string))] as string[],
		[layers, property] as const
	);

const styleName = (page: Page) => page.evaluate(() => (window as any).__lyktaMap?.getStyle()?.name as string | undefined);

/** The colour a person sees at a place on the map: one pixel of a screenshot. */
async function colourAt(page: Page, lngLat: [number, number]): Promise<[number, number, number]> {
	const box = (await page.locator('canvas.maplibregl-canvas').boundingBox())!;
	const p = await page.evaluate((c) => (window as any).__lyktaMap.project(c), lngLat);
	const png = await page.screenshot({ clip: { x: Math.round(box.x + p.x), y: Math.round(box.y + p.y), width: 1, height: 1 } });
	const { data } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
	return [data[0], data[1], data[2]];
}

/**
 * Serves the app's pages as if PUBLIC_MAP_STYLE were `value`: the test server runs with `offline`
 * (no network in CI), and the setting reaches the browser in the page's bootstrap script.
 * Returns a counter of the pages it changed.
 */
async function withMapStyle(page: Page, value: string): Promise<() => number> {
	let rewritten = 0;
	await page.route('**/*', async (route) => {
		if (route.request().resourceType() !== 'document') return route.fallback();
		const response = await route.fetch();
		const html = await response.text();
		if (html.includes('"PUBLIC_MAP_STYLE":"offline"')) rewritten++;
		await route.fulfill({ response, body: html.replace('"PUBLIC_MAP_STYLE":"offline"', `"PUBLIC_MAP_STYLE":${JSON.stringify(value)}`) });
	});
	return () => rewritten;
}

test.describe('the offline basemap', () => {
	test('draws water and land in different colours near Tantolunden, with the shipped font for its labels', async ({ page }) => {
		const fontRequests: string[] = [];
		page.on('request', (r) => {
			if (r.url().endsWith('.woff2')) fontRequests.push(r.url());
		});
		await page.goto('/');
		await mapSettled(page);
		expect(await styleName(page)).toBe('Lykta offline');
		// Only the basemap: the start page's own area layers off.
		await page.getByRole('checkbox', { name: 'Stadsdelsområden' }).uncheck();
		await page.getByRole('checkbox', { name: 'Platser' }).uncheck();
		await page.evaluate((c) => (window as any).__lyktaMap.jumpTo({ center: c, zoom: 15 }), TANTOLUNDEN);
		await mapSettled(page);

		const water = await colourAt(page, WATER);
		const land = await colourAt(page, LAND);
		// Water is blue (#aacbe0), land a light neutral (#f2efe9).
		expect(water[2] - water[0], `water ${water}`).toBeGreaterThan(40);
		expect(Math.abs(land[2] - land[0]), `land ${land}`).toBeLessThan(20);
		expect(Math.min(...land), `land ${land}`).toBeGreaterThan(220);
		expect(land[0] - water[0]).toBeGreaterThan(50);

		// The labels are drawn from the app's own font file, not a glyph server.
		expect(fontRequests.some((u) => new URL(u).origin === new URL(page.url()).origin && /noto-sans-latin-400/.test(u))).toBe(true);
	});

	test('names the districts in readable case, and the places around at overview zoom', async ({ page }) => {
		await page.goto('/');
		await mapSettled(page);
		await page.evaluate((c) => (window as any).__lyktaMap.jumpTo({ center: c, zoom: 13 }), TANTOLUNDEN);
		await mapSettled(page);
		// Labels appear once their glyphs are drawn from the font file.
		await expect.poll(() => rendered(page, ['basemap-district-labels'])).toEqual(expect.arrayContaining(['Södermalm', 'Långholmen', 'Reimersholme', 'Liljeholmen']));
		for (const name of await rendered(page, ['basemap-district-labels'])) expect(name).not.toBe(name.toLocaleUpperCase('sv'));

		// The county view: the city and the towns around it by name (the start page's own area names,
		// which would win the room, switched off), no two labels over each other.
		await page.getByRole('checkbox', { name: 'Platser' }).uncheck();
		await page.evaluate(() => (window as any).__lyktaMap.jumpTo({ center: [18.07, 59.35], zoom: 9.5 }));
		await mapSettled(page);
		await expect
			.poll(() => rendered(page, ['basemap-place-labels', 'basemap-district-labels']))
			.toEqual(expect.arrayContaining(['Stockholm', 'Åkersberga', 'Lidingö', 'Täby', 'Nacka']));
		const placed = await rendered(page, ['basemap-place-labels', 'basemap-district-labels']);
		// MapLibre only reports the labels it placed; the data has many more names here than fit.
		const inData: number = await page.evaluate(() => (window as any).__lyktaMap.querySourceFeatures('basemap-places').length);
		expect(inData).toBeGreaterThan(placed.length);
	});
});

test.describe('area outlines and where maps open', () => {
	test('the plan map opens on the coordinator’s area (Södermalm) and shows Tantolunden’s outline and name under the plan', async ({ page }) => {
		await logInByApi(page, COORDINATOR);
		await page.goto('/plan');
		await page.waitForFunction(() => {
			const map = (window as any).__lyktaMap;
			return !!map && map.loaded() && !!map.getLayer('plan-events') && !!map.getLayer('lykta-area-places');
		});
		await mapSettled(page);
		const view = await page.evaluate(() => {
			const map = (window as any).__lyktaMap;
			const b = map.getBounds();
			return { zoom: map.getZoom(), west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth() };
		});
		// Södermalm fills the view; Åkersberga (the county's other end) is far outside it.
		expect(view.zoom).toBeGreaterThan(11.5);
		expect(view.west).toBeLessThan(18.03);
		expect(view.east).toBeGreaterThan(18.09);
		expect(view.east).toBeLessThan(18.25);
		expect(view.north).toBeLessThan(59.45);

		expect(await rendered(page, ['lykta-area-places'])).toContain('Tantolunden');
		await expect.poll(() => rendered(page, ['lykta-area-names'])).toContain('Tantolunden');
		// Under the plan's own layers, above the basemap.
		const order: string[] = await page.evaluate(() => (window as any).__lyktaMap.getStyle().layers.map((l: any) => l.id));
		expect(order.indexOf('lykta-area-places')).toBeGreaterThan(order.indexOf('basemap-district-labels'));
		expect(order.indexOf('lykta-area-places')).toBeLessThan(order.indexOf('plan-events'));
	});

	test('the start page and the pinning page open on the user’s area too; a visitor sees all areas', async ({ page }) => {
		const view = () =>
			page.evaluate(() => {
				const b = (window as any).__lyktaMap.getBounds();
				return { west: b.getWest(), east: b.getEast(), north: b.getNorth() };
			});
		await page.goto('/');
		await mapSettled(page);
		// All eight places, from Skärholmen (17.9 E) to Åkersberga (59.48 N).
		expect((await view()).west).toBeLessThan(17.91);
		expect((await view()).north).toBeGreaterThan(59.48);

		await logInByApi(page, 'vandrare@lykta.example'); // a walker on Södermalm
		for (const path of ['/', '/pin']) {
			await page.goto(path);
			await page.waitForFunction(() => !!(window as any).__lyktaMap?.getLayer('lykta-area-names') || !!(window as any).__lyktaMap?.getLayer('areas-place-fill'));
			await mapSettled(page);
			const v = await view();
			expect(v.west, path).toBeGreaterThan(17.95);
			expect(v.east, path).toBeLessThan(18.25);
			expect(v.north, path).toBeLessThan(59.4);
		}
	});

	test('every other map outlines the areas too: coverage, incidents, findings, walks and pinning', async ({ page }) => {
		test.setTimeout(120_000);
		await logInByApi(page, COORDINATOR);
		const finding = (await (await page.request.get('/api/findings?limit=1')).json()).features[0];
		const walk = (await (await page.request.get('/api/walks')).json()).features[0];
		for (const path of ['/coverage', '/incidents', `/findings/${finding.id}`, '/walks/new', `/walks/${walk.id}`, '/pin']) {
			await page.goto(path);
			await page.waitForFunction(
				() => {
					const map = (window as any).__lyktaMap;
					return !!map && map.loaded() && !!map.getLayer('lykta-area-places') && !!map.getLayer('lykta-area-names');
				},
				null,
				{ timeout: 30_000 }
			);
			await mapSettled(page);
			await page.evaluate((c) => (window as any).__lyktaMap.jumpTo({ center: c, zoom: 14 }), TANTOLUNDEN);
			await mapSettled(page);
			expect(await rendered(page, ['lykta-area-places']), path).toContain('Tantolunden');
			await expect.poll(() => rendered(page, ['lykta-area-names']), { message: path }).toContain('Tantolunden');
		}
	});
});

test.describe('the online basemap', () => {
	test('falls back to the offline basemap at once when the tile host refuses, and the CSP lets the request out', async ({ page }) => {
		let asked = 0;
		await page.route('https://tiles.openfreemap.org/**', (route) => {
			asked++;
			return route.abort('internetdisconnected');
		});
		const rewritten = await withMapStyle(page, 'online');
		const started = Date.now();
		await page.goto('/');
		expect(rewritten()).toBe(1);
		await expect.poll(() => styleName(page), { timeout: 10_000 }).toBe('Lykta offline');
		expect(Date.now() - started).toBeLessThan(8_000);
		expect(asked).toBeGreaterThan(0);
		await mapSettled(page);
		expect(await page.evaluate(() => (window as any).__lyktaMap.getLayer('areas-place-fill') !== undefined)).toBe(true);

		// The next page goes straight to the offline basemap: no new wait on the tile host.
		asked = 0;
		await page.goto('/');
		await mapSettled(page);
		expect(await styleName(page)).toBe('Lykta offline');
		expect(asked).toBe(0);
	});

	test('falls back within a few seconds when the tile host never answers', async ({ page }) => {
		await page.route('https://tiles.openfreemap.org/**', () => {
			/* swallowed: never answered */
		});
		await withMapStyle(page, 'online');
		const started = Date.now();
		await page.goto('/');
		await expect.poll(() => styleName(page), { timeout: 15_000 }).toBe('Lykta offline');
		const waited = Date.now() - started;
		expect(waited).toBeGreaterThan(3_500);
		expect(waited).toBeLessThan(10_000);
	});

	test('is kept when its tiles arrive, with Lykta’s labels drawn in the app’s font on top', async ({ page }) => {
		await page.route('https://tiles.openfreemap.org/styles/positron', (route) =>
			route.fulfill({
				contentType: 'application/json',
				body: JSON.stringify({
					version: 8,
					name: 'Positron (test copy)',
					sources: { openmaptiles: { type: 'vector', tiles: ['https://tiles.openfreemap.org/test/{z}/{x}/{y}.pbf'], maxzoom: 14 } },
					layers: [
						{ id: 'background', type: 'background', paint: { 'background-color': '#fafaf8' } },
						{ id: 'water', type: 'fill', source: 'openmaptiles', 'source-layer': 'water', paint: { 'fill-color': '#c0d8e8' } }
					]
				})
			})
		);
		// An empty tile is a valid one.
		await page.route('https://tiles.openfreemap.org/test/**', (route) => route.fulfill({ status: 200, contentType: 'application/x-protobuf', body: Buffer.alloc(0) }));
		await withMapStyle(page, 'online');
		await logInByApi(page, COORDINATOR);
		await page.goto('/plan');
		await page.waitForFunction(() => !!(window as any).__lyktaMap?.getLayer('lykta-area-names'), null, { timeout: 30_000 });
		await mapSettled(page);
		await page.waitForTimeout(5_000); // past the fallback's deadline
		expect(await styleName(page)).toBe('Positron (test copy)');
		expect(await page.evaluate(() => Object.keys((window as any).__lyktaMap.getStyle()['font-faces'] ?? {}))).toEqual(['Lykta Sans Regular', 'Lykta Sans Bold']);
		await expect.poll(() => rendered(page, ['lykta-area-names'])).toContain('Tantolunden');
	});
});

test.describe('the self-hosted basemap', () => {
	test('falls back to the offline basemap while no archive has been built', async ({ page }) => {
		rmSync(ARCHIVE, { force: true });
		await withMapStyle(page, 'self-hosted');
		await page.goto('/');
		await expect.poll(() => styleName(page), { timeout: 10_000 }).toBe('Lykta offline');
	});

	test('shows the streets of the extract it was built from, by name, with buildings and parks', async ({ page }) => {
		const build = spawnSync('node', ['scripts/basemap/build.mjs', 'tests/fixtures/osm/mariatorget.osm.pbf', '--out', ARCHIVE], { encoding: 'utf8' });
		expect(build.status, build.stderr).toBe(0);
		await withMapStyle(page, 'self-hosted');
		await page.goto('/');
		await mapSettled(page);
		expect(await styleName(page)).toBe('Lykta self-hosted');
		await page.getByRole('checkbox', { name: 'Stadsdelsområden' }).uncheck();
		await page.evaluate((c) => (window as any).__lyktaMap.jumpTo({ center: c, zoom: 16 }), MARIATORGET);
		await mapSettled(page);
		await expect
			.poll(() => rendered(page, ['basemap-street-names'], 'name:latin'))
			.toEqual(expect.arrayContaining(['Sankt Paulsgatan', 'Swedenborgsgatan', 'Timmermansgatan']));
		const drawn = await page.evaluate(() => {
			const map = (window as any).__lyktaMap;
			const count = (layer: string) => map.queryRenderedFeatures({ layers: [layer] }).length;
			return { buildings: count('basemap-building'), roads: count('basemap-road-minor') + count('basemap-road-medium') + count('basemap-road-major') };
		});
		expect(drawn.buildings).toBeGreaterThan(10);
		expect(drawn.roads).toBeGreaterThan(5);
		// City parks (Mariatorget itself) are OpenMapTiles landcover of subclass park.
		expect(await rendered(page, ['basemap-landcover'], 'subclass')).toContain('park');
		// The OSM attribution is on the map.
		await expect(page.locator('.maplibregl-ctrl-attrib')).toContainText('OpenStreetMap contributors');
		rmSync(ARCHIVE, { force: true });
	});
});
