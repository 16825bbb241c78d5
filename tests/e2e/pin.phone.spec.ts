/**
 * Pinning on a phone during a safety walk: a participant without an account joins by
 * code, pins findings where they stand (one with a photo), loses the network, pins more,
 * and everything arrives exactly once when the network is back.
 */
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, request as apiRequest, test, type APIRequestContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './support';

const PHOTO = join(process.cwd(), 'tests/fixtures/photos/streetlight.jpg');
const TANTOLUNDEN = { latitude: 59.3125, longitude: 18.0455 };

test.use({ geolocation: { ...TANTOLUNDEN, accuracy: 12 }, permissions: ['geolocation'] });

interface Feature {
	id: string;
	properties: Record<string, any>;
}

/** The coordinator, in a request context of their own: the phone page stays a guest. */
async function coordinator(baseURL: string): Promise<APIRequestContext> {
	const api = await apiRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
	const login = await api.post('/api/session', { data: { email: 'samordnare@lykta.example', password: DEMO_PASSWORD } });
	expect(login.ok(), await login.text()).toBeTruthy();
	return api;
}

/** A Tantolunden walk with no findings yet (created when the demo has none), and a fresh join code for it. */
async function walkWithCode(api: APIRequestContext): Promise<{ walkId: string; code: string }> {
	const areas = (await (await api.get('/api/areas')).json()) as { features: Feature[] };
	const tanto = areas.features.find((a) => a.properties.name === 'Tantolunden');
	expect(tanto, 'the demo data has Tantolunden').toBeTruthy();
	const walks = (await (await api.get(`/api/walks?area=${tanto!.id}`)).json()) as { features: Feature[] };
	let walk = walks.features.find((w) => w.properties.findingCount === 0);
	if (!walk) {
		const startsAt = new Date().toISOString();
		const created = await api.post('/api/walks', {
			data: { properties: { areaId: tanto!.id, title: 'Trygghetsvandring (test)', startsAt } }
		});
		expect(created.status(), await created.text()).toBe(201);
		walk = (await created.json()) as Feature;
	}
	const issued = await api.post(`/api/walks/${walk.id}/join-code`);
	expect(issued.status(), await issued.text()).toBe(201);
	const { code } = (await issued.json()) as { code: string };
	expect(code).toMatch(/^[A-Z0-9]{6}$/);
	return { walkId: walk.id, code };
}

async function expectAccessible(page: Page) {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	const severe = results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
	expect(severe).toEqual([]);
}

/** "Pin where I stand", fill in the form, save. */
async function pinWhereIStand(page: Page, category: string, description: string, photo?: string) {
	await page.getByRole('button', { name: 'Pinna där jag står' }).click();
	await expect(page.getByText('±12 m')).toBeVisible();
	await page.getByRole('radio', { name: category }).check();
	await page.getByLabel('Beskrivning').fill(description);
	if (photo) {
		await page.getByLabel('Lägg till foton').setInputFiles(photo);
		await expect(page.getByRole('img', { name: 'Foto 1' })).toBeVisible();
	}
	await page.getByRole('button', { name: 'Spara fynd' }).click();
}

test('a guest joins by code, pins findings on and off line, and each arrives exactly once', async ({ page, context, baseURL }) => {
	const api = await coordinator(baseURL!);
	const { walkId, code } = await walkWithCode(api);

	// Join without an account; a wrong code gets a clear message.
	await page.goto('/join');
	await page.locator('html[data-hydrated="true"]').waitFor();
	await page.getByLabel('Kod', { exact: true }).fill('zzz-zzz');
	await page.getByRole('button', { name: 'Gå med' }).click();
	await expect(page.getByRole('alert')).toContainText('Det finns ingen vandring med den koden');
	// As read aloud: lower case, with the dash.
	await page.getByLabel('Kod', { exact: true }).fill(`${code.slice(0, 3)}-${code.slice(3)}`.toLowerCase());
	await page.getByLabel('Ditt namn (valfritt)').fill('Kim Testsson');
	await page.getByRole('button', { name: 'Gå med' }).click();
	await page.waitForURL(`**/pin?walk=${walkId}`);
	await expect(page.getByText('Vandringens fynd: 0')).toBeVisible();

	// Online: pinned where I stand, with a photo.
	await page.getByRole('button', { name: 'Pinna där jag står' }).click();
	await expect(page.getByText('±12 m')).toBeVisible();
	await expect(page.getByRole('button', { name: /Fyndets plats/ })).toBeVisible();
	await expectAccessible(page);
	await pinWhereIStand(page, 'Belysning', 'Trasig lampa vid gångvägen', PHOTO);
	await expect(page.getByRole('status').filter({ hasText: 'Fyndet är skickat.' })).toBeVisible();
	await expect(page.getByText('Vandringens fynd: 1')).toBeVisible();
	// The sheet scrolled back from the Save button: the confirmation and the count are in view.
	await expect(page.getByRole('status').filter({ hasText: 'Fyndet är skickat.' })).toBeInViewport();
	await expect(page.getByText('Vandringens fynd: 1')).toBeInViewport();
	await expect(page.getByRole('heading', { name: 'Nytt fynd' })).toBeInViewport();

	// Offline: two more, kept on the phone.
	await context.setOffline(true);
	await expect(page.getByText('Du är offline')).toBeVisible();
	await pinWhereIStand(page, 'Gömställe', 'Tät buskage bakom bänkarna');
	await expect(page.getByText('Fyndet är sparat på telefonen')).toBeVisible();
	await expect(page.getByRole('button', { name: '1 fynd väntar på att skickas', exact: true })).toBeVisible();
	await pinWhereIStand(page, 'Skräp och narkotikaavfall', 'Sprutor vid lekplatsen');
	await expect(page.getByRole('button', { name: '2 fynd väntar på att skickas', exact: true })).toBeVisible();
	await page.getByRole('button', { name: '2 fynd väntar på att skickas', exact: true }).click();
	await expect(page.getByRole('region', { name: 'Fynd som väntar' }).getByRole('listitem')).toHaveCount(2);

	// Back online: the outbox empties by itself, and nothing is stored twice.
	await context.setOffline(false);
	await expect(page.getByText(/väntar på att skickas/)).toHaveCount(0, { timeout: 30_000 });
	await expect(page.getByText('Vandringens fynd: 3')).toBeVisible();

	const stored = (await (await api.get(`/api/findings?walk=${walkId}`)).json()) as { features: Feature[] };
	expect(stored.features).toHaveLength(3);
	expect(stored.features.map((f) => f.properties.category).sort()).toEqual(['hiding_place', 'lighting', 'litter']);
	expect(stored.features.find((f) => f.properties.category === 'lighting')!.properties.photos).toHaveLength(1);
	await api.dispose();
});

test('a sixth photo is refused with a message', async ({ page }) => {
	await page.goto(`/pin?walk=${crypto.randomUUID()}`);
	// Files chosen before hydration never reach the component's handler.
	await page.locator('html[data-hydrated="true"]').waitFor();
	await page.getByLabel('Lägg till foton').setInputFiles(Array(6).fill(PHOTO));
	await expect(page.getByText('Högst 5 foton per fynd. 1 foto togs inte med.')).toBeVisible();
	await expect(page.getByRole('img', { name: /^Foto \d$/ })).toHaveCount(5);
	await expect(page.getByText('5 av 5 foton')).toBeVisible();
});

test('a stretch is drawn by tapping the map', async ({ page }) => {
	await page.goto(`/pin?walk=${crypto.randomUUID()}`);
	await page.waitForFunction(() => (window as any).__lyktaMap?.loaded());
	await page.getByText('Sträcka', { exact: true }).click();
	const box = (await page.getByRole('region', { name: 'Karta för att placera fyndet' }).boundingBox())!;
	const at = (fx: number, fy: number) => ({ x: box.x + box.width * fx, y: box.y + box.height * fy });
	for (const [fx, fy] of [[0.25, 0.5], [0.5, 0.4], [0.75, 0.55]]) {
		const p = at(fx, fy);
		await page.touchscreen.tap(p.x, p.y);
		await page.waitForTimeout(150);
	}
	await page.getByRole('button', { name: 'Klar' }).click();
	await expect(page.getByText('Sträckan är ritad.')).toBeVisible();
});

test('once visited, the pinning page opens with no network, and no API answer is cached', async ({ page, context }) => {
	await page.goto(`/pin?walk=${crypto.randomUUID()}`);
	await page.waitForFunction(async () => !!(await navigator.serviceWorker.ready) && !!navigator.serviceWorker.controller);

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('button', { name: 'Pinna där jag står' })).toBeVisible();
	await expect(page.getByText('Du är offline')).toBeVisible();
	await page.waitForFunction(() => (window as any).__lyktaMap?.loaded());

	const cachedApi = await page.evaluate(async () => {
		const urls: string[] = [];
		for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
		return urls.filter((url) => new URL(url).pathname.startsWith('/api/'));
	});
	expect(cachedApi).toEqual([]);
	await context.setOffline(false);
});

test.describe('when the server does not take a save', () => {
	// page.route cannot see requests that pass through a service worker.
	test.use({ serviceWorkers: 'block' });

	test('when the answer to a save is lost, the retry uses the same key and the finding is stored once', async ({ page, baseURL }) => {
		const api = await coordinator(baseURL!);
		const { walkId, code } = await walkWithCode(api);
		await page.goto(`/join/${code}`);
		// Clicked before hydration, the form would be sent natively (a GET to the same page).
		await page.locator('html[data-hydrated="true"]').waitFor();
		await page.getByRole('button', { name: 'Gå med' }).click();
		await page.waitForURL(`**/pin?walk=${walkId}`);

		// The server stores the first upload, but its answer never reaches the phone.
		const keys: string[] = [];
		await page.route('**/api/findings', async (route) => {
			if (route.request().method() !== 'POST') return route.fallback();
			keys.push((await route.request().headerValue('idempotency-key')) ?? '');
			if (keys.length > 1) return route.fallback();
			await route.fetch();
			await route.abort('connectionreset');
		});
		await pinWhereIStand(page, 'Trafik', 'Bilar kör fort förbi övergångsstället');
		await expect(page.getByText('Fyndet är sparat på telefonen')).toBeVisible();
		await page.getByRole('button', { name: '1 fynd väntar på att skickas', exact: true }).click();
		await expect(page.getByText('1 försök')).toBeVisible();

		await page.getByRole('button', { name: 'Skicka nu' }).click();
		await expect(page.getByText(/väntar på att skickas/)).toHaveCount(0);
		expect(keys).toHaveLength(2);
		expect(keys[1]).toBe(keys[0]);
		const stored = (await (await api.get(`/api/findings?walk=${walkId}`)).json()) as { features: Feature[] };
		expect(stored.features).toHaveLength(1);
		await expect(page.getByText('Vandringens fynd: 1')).toBeVisible();
		await api.dispose();
	});

	test('a refused save keeps the form, and the finding leaves the outbox with its reason; saving again replaces it', async ({ page, baseURL }) => {
		const api = await coordinator(baseURL!);
		const { walkId, code } = await walkWithCode(api);
		await page.goto(`/join/${code}`);
		// Clicked before hydration, the form would be sent natively (a GET to the same page).
		await page.locator('html[data-hydrated="true"]').waitFor();
		await page.getByRole('button', { name: 'Gå med' }).click();
		await page.waitForURL(`**/pin?walk=${walkId}`);

		let refuse = true;
		await page.route('**/api/findings', async (route) => {
			if (route.request().method() !== 'POST' || !refuse) return route.fallback();
			await route.fulfill({ status: 400, json: { error: { code: 'validation_failed', message: 'description: too long' } } });
		});
		await pinWhereIStand(page, 'Annat', 'Något konstigt');
		await expect(page.getByRole('alert').filter({ hasText: 'Fyndet kunde inte tas emot: Något i formuläret är inte giltigt.' })).toBeVisible();
		await expect(page.getByLabel('Beskrivning')).toHaveValue('Något konstigt');
		// Not waiting: refused, with the reason and a way to fix it.
		await expect(page.getByText(/väntar på att skickas/)).toHaveCount(0);
		const refused = page.getByRole('region', { name: '1 fynd togs inte emot av servern' });
		await expect(refused.getByText('Togs inte emot: Något i formuläret är inte giltigt.')).toBeVisible();
		await expect(refused.getByRole('button', { name: /^Rätta fyndet/ })).toBeVisible();

		refuse = false;
		await page.getByLabel('Beskrivning').fill('Något konstigt, kortare');
		await page.getByRole('button', { name: 'Spara fynd' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Fyndet är skickat.' })).toBeVisible();
		await expect(page.getByText(/väntar på att skickas/)).toHaveCount(0);
		await expect(page.getByText(/togs inte emot/)).toHaveCount(0);
		const stored = (await (await api.get(`/api/findings?walk=${walkId}`)).json()) as { features: Feature[] };
		expect(stored.features.map((f) => f.properties.description)).toEqual(['Något konstigt, kortare']);
		await api.dispose();
	});

	test('a finding the server refuses for good leaves the outbox with its reason in Swedish; 429 and 5xx keep it waiting', async ({ page, context, baseURL }) => {
		const api = await coordinator(baseURL!);
		const { walkId, code } = await walkWithCode(api);
		await page.goto(`/join/${code}`);
		await page.locator('html[data-hydrated="true"]').waitFor();
		await page.getByRole('button', { name: 'Gå med' }).click();
		await page.waitForURL(`**/pin?walk=${walkId}`);

		// Saved offline: waiting on the phone.
		await context.setOffline(true);
		await pinWhereIStand(page, 'Gömställe', 'Buskage vid muren');
		await expect(page.getByRole('button', { name: '1 fynd väntar på att skickas', exact: true })).toBeVisible();

		// Back online, the server first says "too many requests", then "Service unavailable": still waiting.
		const answers = [
			{ status: 429, json: { error: { code: 'too_many_attempts', message: 'Too many requests.' } } },
			{ status: 503, json: { error: { code: 'database_unavailable', message: 'The database is unavailable.' } } },
			// Then it refuses for good, in English: the page says why in Swedish, from the code and details.
			{ status: 400, json: { error: { code: 'outside_area', message: 'The location lies outside its area (more than 50 m past the outline).', details: { field: 'geometry', toleranceM: 50 } } } }
		];
		let calls = 0;
		await page.route('**/api/findings', async (route) => {
			if (route.request().method() !== 'POST') return route.fallback();
			const answer = answers[Math.min(calls++, answers.length - 1)]!;
			await route.fulfill(answer);
		});
		await context.setOffline(false);
		await expect.poll(() => calls, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
		await expect(page.getByRole('button', { name: '1 fynd väntar på att skickas', exact: true })).toBeVisible();
		await page.getByRole('button', { name: '1 fynd väntar på att skickas', exact: true }).click();
		await page.getByRole('button', { name: 'Skicka nu' }).click();
		await expect.poll(() => calls).toBe(2);
		await expect(page.getByRole('button', { name: '1 fynd väntar på att skickas', exact: true })).toBeVisible();
		await page.getByRole('button', { name: 'Skicka nu' }).click();
		await expect.poll(() => calls).toBe(3);

		// Refused: out of the outbox, never sent again, the reason in Swedish.
		await expect(page.getByText(/väntar på att skickas/)).toHaveCount(0);
		const refused = page.getByRole('region', { name: '1 fynd togs inte emot av servern' });
		await expect(refused).toContainText('Togs inte emot: Platsen ligger inte i det valda området.');
		await expect(refused).not.toContainText('outside');
		const stored = await page.evaluate(
			() =>
				new Promise<{ outbox: number; refused: number }>((done) => {
					const open = indexedDB.open('lykta-pinning');
					open.onsuccess = () => {
						const tx = open.result.transaction(['outbox', 'refused']);
						const outbox = tx.objectStore('outbox').count();
						const refusedCount = tx.objectStore('refused').count();
						tx.oncomplete = () => done({ outbox: outbox.result, refused: refusedCount.result });
					};
				})
		);
		expect(stored).toEqual({ outbox: 0, refused: 1 });
		await page.evaluate(() => window.dispatchEvent(new Event('online')));
		await page.waitForTimeout(500);
		expect(calls, 'a refused finding is not sent again').toBe(3);
		await expectAccessible(page);

		// Fixed: the form gets it back, with the reason.
		await refused.getByRole('button', { name: /^Rätta fyndet/ }).click();
		await expect(page.getByLabel('Beskrivning')).toHaveValue('Buskage vid muren');
		await expect(page.getByRole('alert').filter({ hasText: 'Fyndet kunde inte tas emot' })).toContainText('Platsen ligger inte i det valda området.');
		await api.dispose();
	});
});

test('between walks, the pinning map opens on the user\'s own area, not the county', async ({ page, baseURL }) => {
	const login = await page.request.post('/api/session', { headers: { origin: baseURL! }, data: { email: 'vandrare@lykta.example', password: DEMO_PASSWORD } });
	expect(login.ok()).toBeTruthy();
	const areas = (await (await page.request.get('/api/areas')).json()) as { features: (Feature & { geometry: { coordinates: number[][][][] } })[] };
	const sodermalm = areas.features.find((a) => a.properties.name === 'Södermalm')!;
	const points = sodermalm.geometry.coordinates.flat(2);
	const [w, s, e, n] = [Math.min(...points.map((p) => p[0]!)), Math.min(...points.map((p) => p[1]!)), Math.max(...points.map((p) => p[0]!)), Math.max(...points.map((p) => p[1]!))];
	await page.goto('/pin');
	await page.waitForFunction(() => (window as any).__lyktaMap?.loaded());
	await expect
		.poll(() => page.evaluate(() => (window as any).__lyktaMap.getZoom() as number), { message: 'zoomed in from the county view (10)' })
		.toBeGreaterThan(10.5);
	await page.waitForFunction(() => !(window as any).__lyktaMap.isMoving());
	const view = await page.evaluate(() => {
		const map = (window as any).__lyktaMap;
		const b = map.getBounds();
		return { centre: map.getCenter().toArray() as number[], bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] as number[] };
	});
	expect(view.centre[0]).toBeGreaterThan(w);
	expect(view.centre[0]).toBeLessThan(e);
	expect(view.centre[1]).toBeGreaterThan(s);
	expect(view.centre[1]).toBeLessThan(n);
	// All of Södermalm in view (a district's grant covers its places), and filling the map one way:
	// the county (Skärholmen to Åkersberga) would be many times wider and taller.
	expect(view.bounds[0]).toBeLessThanOrEqual(w + 1e-6);
	expect(view.bounds[2]).toBeGreaterThanOrEqual(e - 1e-6);
	expect(view.bounds[1]).toBeLessThanOrEqual(s + 1e-6);
	expect(view.bounds[3]).toBeGreaterThanOrEqual(n - 1e-6);
	expect(Math.min((view.bounds[2]! - view.bounds[0]!) / (e - w), (view.bounds[3]! - view.bounds[1]!) / (n - s))).toBeLessThan(1.5);
});
