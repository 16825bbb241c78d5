import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, logInByApi as logIn, SAME_ORIGIN } from './support';

const COORDINATOR = 'samordnare@lykta.example';
const HOUR = 3_600_000;
// The default planning period starts 2023-04-01 00:00 in Stockholm (summer time).
const PERIOD_START = Date.parse('2023-04-01T00:00:00+02:00');

interface ApiEvent {
	id: string;
	geometry: { type: string; coordinates: unknown };
	properties: { title: string; rrule: string | null; influenceRadiusM: number; occurrences: { startsAt: string; endsAt: string }[] };
}

async function openPlan(page: Page) {
	await page.goto('/');
	await page.waitForFunction(() => (window as any).__lyktaMap?.loaded());
	await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Planera', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Planera åtgärder och evenemang', level: 1 })).toBeVisible();
	await page.waitForFunction(() => {
		const map = (window as any).__lyktaMap;
		return !!map && map.loaded() && !!map.getLayer('plan-events');
	});
}

/** Centres the map on a place and returns its position on the screen. */
async function showPlace(page: Page, lngLat: [number, number]) {
	await page.evaluate((c) => (window as any).__lyktaMap.jumpTo({ center: c, zoom: 16 }), lngLat);
	await page.waitForFunction(() => {
		const map = (window as any).__lyktaMap;
		return map.loaded() && !map.isMoving();
	});
	const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
	const p = await page.evaluate((c) => (window as any).__lyktaMap.project(c), lngLat);
	return { x: box.x + p.x, y: box.y + p.y };
}

async function setMoment(page: Page, at: number) {
	const step = Math.round((at - PERIOD_START) / HOUR);
	await page.getByLabel('Tidpunkt i perioden').evaluate((el, value) => {
		const input = el as HTMLInputElement;
		input.value = String(value);
		input.dispatchEvent(new Event('input', { bubbles: true }));
		input.dispatchEvent(new Event('change', { bubbles: true }));
	}, step);
}

async function eventsDrawn(page: Page, title: string): Promise<boolean> {
	await page.waitForFunction(() => {
		const map = (window as any).__lyktaMap;
		return map.loaded() && !map.isMoving();
	});
	return page.evaluate(
		(name) => (window as any).__lyktaMap.queryRenderedFeatures({ layers: ['plan-events'] }).some((f: any) => f.properties.name === name),
		title
	);
}

/** "2023-06-02" and "18:00" of an instant, in Stockholm. */
function stockholm(iso: string) {
	const parts = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
	const get = (type: string) => parts.find((p) => p.type === type)!.value;
	return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

test.describe('plan', () => {
	test('draws measures, warns of clashing events before saving and shows events at their times', async ({ page }) => {
		test.setTimeout(120_000);
		await logIn(page, COORDINATOR);
		const before = (await (await page.request.get('/api/measures')).json()).features.length as number;
		const events = (await (await page.request.get('/api/events?from=2023-04-01&to=2023-09-30')).json()).features as ApiEvent[];
		await openPlan(page);

		// A bench and a lamp, each a point drawn on the map.
		const tantolunden: [number, number] = [18.0395, 59.3125];
		await page.getByRole('radio', { name: 'Ny åtgärd' }).check();
		const drawn = page.getByRole('status').filter({ hasText: /geometri/i });
		await expect(drawn).toHaveText('Ingen geometri ritad än.');
		const saved: string[] = [];
		// The API's refusal is shown: a drawn point without a title.
		await page.getByLabel('Titel').fill('');
		const q = await showPlace(page, tantolunden);
		await page.mouse.click(q.x, q.y + 60);
		await expect(drawn).toHaveText('Geometri ritad (Point).');
		await page.getByRole('button', { name: 'Spara åtgärd' }).click();
		await expect(page.getByRole('alert').filter({ hasText: 'Kunde inte spara' })).toBeVisible();
		await page.getByRole('button', { name: 'Rensa ritning' }).click();
		await expect(drawn).toHaveText('Ingen geometri ritad än.');

		for (const [kind, title, dx] of [
			['Sittplatser', 'Ny bänk vid plaskdammen', -60],
			['Belysning', 'Ny lampa vid plaskdammen', 60]
		] as const) {
			await page.getByLabel('Typ av åtgärd').selectOption({ label: kind });
			await expect(page.getByLabel('Påverkansradie (m)')).toHaveValue(kind === 'Sittplatser' ? '15' : '25');
			await page.getByLabel('Titel').fill(title);
			const p = await showPlace(page, tantolunden);
			await page.mouse.click(p.x + dx, p.y);
			await expect(drawn).toHaveText('Geometri ritad (Point).');
			await page.getByRole('button', { name: 'Spara åtgärd' }).click();
			await expect(page.getByRole('status').filter({ hasText: `Åtgärden ”${title}” sparades.` })).toBeVisible();
			saved.push(title);
		}
		const after = (await (await page.request.get('/api/measures')).json()).features as { geometry: { type: string }; properties: { title: string; kind: string } }[];
		expect(after.length).toBe(before + 2);
		const bench = after.find((m) => m.properties.title === saved[0])!;
		const lamp = after.find((m) => m.properties.title === saved[1])!;
		expect([bench.properties.kind, bench.geometry.type]).toEqual(['seating', 'Point']);
		expect([lamp.properties.kind, lamp.geometry.type]).toEqual(['lighting', 'Point']);

		// A weekly Friday event at the place and time of an existing recurring demo event.
		const fridayOf = (o: { startsAt: string }) => new Date(Date.parse(o.startsAt) + 2 * HOUR).getUTCDay() === 5;
		const existing =
			events.find((e) => e.geometry.type === 'Point' && /FREQ=WEEKLY/.test(e.properties.rrule ?? '') && e.properties.occurrences.some(fridayOf)) ??
			events.find((e) => e.geometry.type === 'Point' && e.properties.occurrences.some(fridayOf));
		expect(existing, 'a demo event on a Friday').toBeTruthy();
		const occurrence = existing!.properties.occurrences.find(fridayOf)!;
		const start = stockholm(occurrence.startsAt);
		const place = existing!.geometry.coordinates as [number, number];

		await page.getByRole('radio', { name: 'Nytt evenemang' }).check();
		const title = 'Fredagsjazz i parken';
		await page.getByLabel('Titel').fill(title);
		await page.getByLabel('Typ av evenemang').selectOption({ label: 'Kultur' });
		await page.getByLabel('Datum').fill(start.date);
		await page.getByLabel('Starttid').fill(start.time);
		const endHour = String(Math.min(23, Number(start.time.slice(0, 2)) + 2)).padStart(2, '0');
		await page.getByLabel('Sluttid').fill(`${endHour}:${start.time.slice(3)}`);
		await page.getByRole('checkbox', { name: 'Upprepa varje vecka' }).check();
		await page.getByLabel('Veckodag').selectOption({ label: 'fredag' });
		const untilDay = new Date(Date.parse(`${start.date}T12:00:00Z`) + 21 * 24 * HOUR).toISOString().slice(0, 10);
		await page.getByLabel('Till och med').fill(untilDay);
		await expect(page.getByLabel('Påverkansradie (m)')).toHaveValue('100');

		let p = await showPlace(page, place);
		await page.mouse.click(p.x, p.y);
		const warning = page.getByRole('status').filter({ hasText: /Krockar med \d/ });
		await expect(warning).toBeVisible();
		await expect(warning).toContainText(existing!.properties.title);
		await expect(warning).toContainText('m²');
		await expect(warning).toContainText('timmar');

		// A place 1 km away from every event: no clash.
		const [lon, lat] = place;
		const dLon = 1000 / (111_320 * Math.cos((lat * Math.PI) / 180));
		const dLat = 1000 / 110_574;
		const metres = (a: number[], b: number[]) => Math.hypot((a[0] - b[0]) * 111_320 * Math.cos((lat * Math.PI) / 180), (a[1] - b[1]) * 110_574);
		// Around it in eight directions, 1–1.5 km out, inside Södermalm (an event outside every area is
		// refused), and 400 m from every event there is now (other tests place drafts too).
		const candidates: [number, number][] = [1, 1.25, 1.5].flatMap((k) =>
			[[1, 0], [-1, 0], [0, 1], [0, -1], [1, 1], [-1, -1], [1, -1], [-1, 1]].map(([x, y]) => [lon + x! * k * dLon, lat + y! * k * dLat] as [number, number])
		);
		const flatten = (c: unknown): number[][] => (typeof (c as unknown[])[0] === 'number' ? [c as number[]] : (c as unknown[]).flatMap(flatten));
		const now = ((await (await page.request.get('/api/events')).json()).features as ApiEvent[]);
		const points = now.flatMap((e) => flatten(e.geometry.coordinates));
		const district = ((await (await page.request.get('/api/areas')).json()).features as { geometry: { coordinates: number[][][][] }; properties: { name: string } }[]).find((a) => a.properties.name === 'Södermalm')!;
		const inside = ([x, y]: number[]) =>
			district.geometry.coordinates.some((polygon) => {
				let odd = false;
				for (const ring of polygon)
					for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
						if (ring[i]![1]! > y! !== ring[j]![1]! > y! && x! < ((ring[j]![0]! - ring[i]![0]!) * (y! - ring[i]![1]!)) / (ring[j]![1]! - ring[i]![1]!) + ring[i]![0]!) odd = !odd;
				return odd;
			});
		const far = candidates.find((c) => inside(c) && points.every((q) => metres(c, q) > 400));
		expect(far, 'a place in Södermalm 400 m from every event').toBeTruthy();
		p = await showPlace(page, far!);
		await page.mouse.click(p.x, p.y);
		await expect(warning).toHaveCount(0);
		await expect(page.getByText('Inga krockar med andra evenemang.')).toBeVisible();

		await page.getByRole('button', { name: 'Spara evenemang' }).click();
		await expect(page.getByRole('status').filter({ hasText: `Evenemanget ”${title}” sparades.` })).toBeVisible();
		const created = ((await (await page.request.get('/api/events?from=2023-04-01&to=2023-09-30')).json()).features as ApiEvent[]).find(
			(e) => e.properties.title === title
		)!;
		expect(created.properties.rrule).toMatch(/^FREQ=WEEKLY;BYDAY=FR;UNTIL=\d{8}T\d{6}Z$/);
		expect(created.properties.occurrences.length).toBeGreaterThanOrEqual(3);

		// Drawn inside its window, not outside it.
		await showPlace(page, far!);
		const first = created.properties.occurrences[0];
		await setMoment(page, Date.parse(first.startsAt) + HOUR);
		await expect(page.getByRole('status').filter({ hasText: /evenemang pågår/ })).toContainText('pågår');
		await expect.poll(() => eventsDrawn(page, title)).toBe(true);
		await setMoment(page, Date.parse(first.startsAt) - 2 * HOUR);
		await expect.poll(() => eventsDrawn(page, title)).toBe(false);
		await setMoment(page, Date.parse(first.endsAt) + 24 * HOUR);
		await expect.poll(() => eventsDrawn(page, title)).toBe(false);
	});

	test('the planning page is accessible', async ({ page }) => {
		await logIn(page, COORDINATOR);
		await openPlan(page);
		await expectAccessible(page);
		await page.getByRole('radio', { name: 'Nytt evenemang' }).check();
		await page.getByRole('checkbox', { name: 'Upprepa varje vecka' }).check();
		await expectAccessible(page);
	});

	test('links a measure to findings on the map, resolves them when the measure is done, and confirms going over a budget cap', async ({ page }) => {
		test.setTimeout(120_000);
		await logIn(page, COORDINATOR);
		const post = async (path: string, data: unknown) => {
			const response = await page.request.post(path, { headers: SAME_ORIGIN, data });
			expect(response.status(), await response.text()).toBe(201);
			return response.json();
		};
		const spot: [number, number] = [18.0352, 59.3131];
		const findingAt: [number, number] = [spot[0] + 0.0004, spot[1]]; // ~23 m east
		const finding = await post('/api/findings', {
			geometry: { type: 'Point', coordinates: findingAt },
			properties: { category: 'lighting', severity: 2, description: 'Mörk gångväg vid klipporna' }
		});
		const lamp = await post('/api/measures', {
			geometry: { type: 'Point', coordinates: spot },
			properties: { kind: 'lighting', title: 'Belysning vid klipporna', status: 'ordered' }
		});
		const programme = await post('/api/programmes', {
			properties: { name: 'Sommarkvällar vid klipporna', areaIds: [lamp.properties.areaId], startsOn: '2023-01-01', endsOn: '2023-12-31', budgetLines: [{ name: 'Bidrag klipporna', kind: 'grants', capSek: 10_000 }] }
		});

		await openPlan(page);
		await page.getByLabel('Välj åtgärd').selectOption({ label: 'Belysning vid klipporna (Belysning, Beställd)' });
		const details = page.getByRole('region', { name: 'Belysning vid klipporna' });
		await expect(details).toBeVisible();
		const link = details.getByRole('checkbox', { name: /Mörk gångväg vid klipporna/ });
		await expect(link).not.toBeChecked();

		// Picked on the map: the finding is drawn near the measure; a click links it.
		await page.waitForFunction(
			(id) => (window as any).__lyktaMap.querySourceFeatures('plan-findings').some((f: any) => f.properties.id === id),
			finding.id
		);
		const p = await showPlace(page, findingAt);
		await page.mouse.click(p.x, p.y);
		await expect(link).toBeChecked();
		await details.getByRole('button', { name: 'Spara kopplade fynd' }).click();
		await expect(details.getByRole('status').filter({ hasText: '1 fynd kopplat.' })).toBeVisible();
		expect((await (await page.request.get(`/api/measures/${lamp.id}`)).json()).properties.findingIds).toEqual([finding.id]);

		// Done: the page offers to resolve the linked open finding.
		await details.getByLabel('Ny status').selectOption({ label: 'Klar' });
		const resolve = details.getByRole('checkbox', { name: 'Markera även det kopplade öppna fyndet som åtgärdat' });
		await expect(resolve).toBeChecked();
		await details.getByRole('button', { name: 'Spara status' }).click();
		await expect(details.getByRole('status').filter({ hasText: 'Åtgärden är klar och det kopplade fyndet markerat som åtgärdat.' })).toBeVisible();
		await expect(details.getByTestId('measure-status')).toHaveText('Klar');
		expect((await (await page.request.get(`/api/findings/${finding.id}`)).json()).properties.status).toBe('resolved');
		await details.getByRole('button', { name: 'Stäng' }).click();

		// An event whose grant goes over its line's cap: refused, then confirmed with a reason.
		await page.getByRole('radio', { name: 'Nytt evenemang' }).check();
		await page.getByLabel('Titel').fill('Dans vid klipporna');
		await page.getByLabel('Arrangör', { exact: true }).selectOption({ index: 1 });
		await page.getByLabel('Datum', { exact: true }).fill('2023-06-02');
		await page.getByLabel('Starttid').fill('18:00');
		await page.getByLabel('Sluttid').fill('21:00');
		await page.getByRole('checkbox', { name: 'Upprepa varje vecka' }).check();
		await page.getByLabel('Till och med').fill('2023-06-30');
		await page.getByLabel('Undantag (datum utan evenemang)').fill('2023-06-23');
		await page.getByRole('button', { name: 'Lägg till undantag' }).click();
		await expect(page.getByRole('list', { name: 'Undantag' }).getByRole('listitem')).toHaveText([/2023-06-23/]);
		await expect(page.getByRole('button', { name: 'Ta bort undantaget 2023-06-23' })).toBeVisible();
		await page.getByLabel('Tillstånd').selectOption({ label: 'Sökt' });
		await page.getByLabel('Myndighet').fill('Polismyndigheten');
		await page.getByLabel('Föreningsbidrag (kr)').fill('12000');
		await page.getByLabel('Förväntat antal').fill('150');
		await page.getByLabel('Budgetpost').selectOption({ label: 'Bidrag klipporna (kvar 10 000 kr)' });
		const q = await showPlace(page, [spot[0] - 0.003, spot[1] - 0.001]);
		await page.mouse.click(q.x, q.y);
		await page.getByRole('button', { name: 'Spara evenemang' }).click();
		const over = page.getByRole('alert').filter({ hasText: 'Det här går över budgettaket.' });
		await expect(over).toContainText('Bidrag klipporna: 12 000 kr bundet mot taket 10 000 kr');
		expect((await (await page.request.get(`/api/programmes/${programme.id}`)).json()).properties.budget.committedSek).toBe(0);
		await over.getByLabel('Skäl att gå över taket').fill('Beslut i styrgruppen 4 maj');
		await over.getByRole('button', { name: 'Spara ändå' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Evenemanget ”Dans vid klipporna” sparades.' })).toBeVisible();
		const budget = (await (await page.request.get(`/api/programmes/${programme.id}`)).json()).properties.budget;
		expect(budget.lines[0]).toMatchObject({ committedSek: 12_000, overCap: true });
		const saved = ((await (await page.request.get('/api/events?from=2023-04-01&to=2023-09-30')).json()).features as any[]).find((e) => e.properties.title === 'Dans vid klipporna');
		expect(saved.properties).toMatchObject({ permitStatus: 'applied', permitAuthority: 'Polismyndigheten', grantSek: 12_000, expectedAttendance: 150, exdates: ['2023-06-23T16:00:00.000Z'] });
		expect(saved.properties.occurrences.map((o: any) => o.startsAt.slice(0, 10))).toEqual(['2023-06-02', '2023-06-09', '2023-06-16', '2023-06-30']);

		// Afterwards: choose it, note how many came, and save.
		await page.getByRole('radio', { name: 'Bara visa' }).check();
		await page.getByLabel('Välj evenemang att ändra').selectOption({ label: 'Dans vid klipporna' });
		await expect(page.getByRole('heading', { name: 'Ändra ”Dans vid klipporna”' })).toBeVisible();
		await expect(page.getByLabel('Förväntat antal')).toHaveValue('150');
		await page.getByLabel('Faktiskt antal').fill('210');
		await page.getByLabel('Tillstånd').selectOption({ label: 'Beviljat' });
		await page.getByRole('button', { name: 'Spara ändringar' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Evenemanget ”Dans vid klipporna” sparades.' })).toBeVisible();
		const edited = (await (await page.request.get(`/api/events/${saved.id}`)).json()).properties;
		expect(edited).toMatchObject({ actualAttendance: 210, permitStatus: 'granted', version: 2, exdates: ['2023-06-23T16:00:00.000Z'] });
		await expectAccessible(page);
	});
	test('draws an event as a line along a path, then moves one of its points and the whole line', async ({ page }) => {
		test.setTimeout(120_000);
		await logIn(page, COORDINATOR);
		await openPlan(page);
		await page.getByRole('radio', { name: 'Nytt evenemang' }).check();
		const title = 'Nattvandring längs Tantolunden';
		await page.getByLabel('Titel').fill(title);
		await page.getByLabel('Typ av evenemang').selectOption({ label: 'Nattvandring' });
		await page.getByLabel('Datum').fill('2023-06-16');
		await page.getByLabel('Starttid').fill('20:00');
		await page.getByLabel('Sluttid').fill('23:00');
		await page.getByRole('radio', { name: 'Linje' }).check();
		await expect(page.getByText('Klicka i kartan punkt för punkt längs sträckan')).toBeVisible();

		// The middle of Tantolunden: the line stays inside the park (and its 20 m edge tolerance).
		const path: [number, number] = [18.0455, 59.3125];
		const p = await showPlace(page, path);
		const clicks = [
			[p.x - 240, p.y + 20],
			[p.x, p.y - 30],
			[p.x + 240, p.y + 20]
		] as const;
		for (const [x, y] of clicks) await page.mouse.click(x, y);
		await page.mouse.click(clicks[2][0], clicks[2][1]); // the last point again ends the line
		const drawn = page.getByRole('status').filter({ hasText: /Ritad som linje/ });
		await expect(drawn).toHaveText('Ritad som linje med 3 punkter.');
		await page.getByRole('button', { name: 'Spara evenemang' }).click();
		await expect(page.getByRole('status').filter({ hasText: `Evenemanget ”${title}” sparades.` })).toBeVisible();
		const find = async () =>
			((await (await page.request.get('/api/events?from=2023-06-01&to=2023-06-30')).json()).features as ApiEvent[]).find((e) => e.properties.title === title)!;
		const created = await find();
		expect(created.geometry.type).toBe('LineString');
		const screen = async (c: number[]) => {
			const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
			const q = await page.evaluate((lngLat) => (window as any).__lyktaMap.project(lngLat), c);
			return { x: box.x + q.x, y: box.y + q.y };
		};
		const saved = created.geometry.coordinates as [number, number][];
		expect(saved).toHaveLength(3);
		for (const [i, c] of saved.entries()) {
			const q = await screen(c);
			expect(Math.hypot(q.x - clicks[i]![0], q.y - clicks[i]![1]), `point ${i} where it was clicked`).toBeLessThan(2);
		}

		// Editing: the line is selected; its middle point is dragged 40 px down.
		await page.getByRole('radio', { name: 'Bara visa' }).check();
		await page.getByLabel('Välj evenemang att ändra').selectOption({ label: title });
		await expect(page.getByRole('heading', { name: `Ändra ”${title}”` })).toBeVisible();
		await expect(page.getByText('Dra linjen för att flytta den')).toBeVisible();
		await expect(drawn).toHaveText('Ritad som linje med 3 punkter.');
		const drag = async (from: { x: number; y: number }, dx: number, dy: number) => {
			await page.mouse.move(from.x, from.y);
			await page.mouse.down();
			await page.mouse.move(from.x + dx / 2, from.y + dy / 2, { steps: 5 });
			await page.mouse.move(from.x + dx, from.y + dy, { steps: 5 });
			await page.mouse.up();
		};
		const middle = await screen(saved[1]!);
		await drag(middle, 0, 40);
		await page.getByRole('button', { name: 'Spara ändringar' }).click();
		await expect(page.getByRole('status').filter({ hasText: `Evenemanget ”${title}” sparades.` })).toBeVisible();
		const bent = (await find()).geometry.coordinates as [number, number][];
		expect(bent[0]).toEqual(saved[0]);
		expect(bent[2]).toEqual(saved[2]);
		const moved = await screen(bent[1]!);
		expect(Math.hypot(moved.x - middle.x, moved.y - (middle.y + 40))).toBeLessThan(3);

		// Dragging the line between its points (away from the corner and midpoint handles, which
		// take a press within 40 px) moves all of it.
		const first = await screen(bent[0]!);
		const along = { x: first.x + (moved.x - first.x) / 4, y: first.y + (moved.y - first.y) / 4 };
		await drag(along, 50, 0);
		await page.getByRole('button', { name: 'Spara ändringar' }).click();
		await expect(page.getByRole('status').filter({ hasText: `Evenemanget ”${title}” sparades.` })).toBeVisible();
		const shifted = (await find()).geometry.coordinates as [number, number][];
		expect(shifted).toHaveLength(3);
		// Terra Draw starts a drag a few pixels into the move, so the line follows by a little less than 50 px.
		const steps = [];
		for (const [i, c] of shifted.entries()) {
			const before = await screen(bent[i]!);
			const after = await screen(c);
			steps.push(after.x - before.x);
			expect(Math.abs(after.y - before.y), `point ${i} not north or south`).toBeLessThan(2);
		}
		expect(Math.min(...steps)).toBeGreaterThan(40);
		expect(Math.max(...steps)).toBeLessThanOrEqual(51);
		expect(Math.max(...steps) - Math.min(...steps), 'every point moved alike').toBeLessThan(1);
	});
	test('moves a corner of a measure drawn as an area, and saves its new shape', async ({ page }) => {
		test.setTimeout(90_000);
		await logIn(page, COORDINATOR);
		const [lon, lat] = [18.0372, 59.3112];
		const ring = [[lon - 0.0008, lat - 0.0004], [lon + 0.0008, lat - 0.0004], [lon + 0.0008, lat + 0.0004], [lon - 0.0008, lat + 0.0004], [lon - 0.0008, lat - 0.0004]];
		const response = await page.request.post('/api/measures', {
			headers: SAME_ORIGIN,
			data: { geometry: { type: 'Polygon', coordinates: [ring] }, properties: { kind: 'vegetation', title: 'Gallring av buskaget', status: 'approved' } }
		});
		expect(response.status(), await response.text()).toBe(201);
		const measure = await response.json();

		await openPlan(page);
		await page.getByLabel('Välj åtgärd').selectOption({ label: 'Gallring av buskaget (Röjning av vegetation, Beslutad)' });
		const details = page.getByRole('region', { name: 'Gallring av buskaget' });
		await details.getByRole('button', { name: 'Flytta eller ändra form' }).click();
		await expect(details.getByText('Dra ytan för att flytta den')).toBeVisible();
		const save = details.getByRole('button', { name: 'Spara plats och form' });
		await expect(save).toBeDisabled();

		// The north-east corner, 30 px further east.
		await showPlace(page, [lon, lat]);
		const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
		const corner = await page.evaluate((c) => (window as any).__lyktaMap.project(c), ring[2]);
		const from = { x: box.x + corner.x, y: box.y + corner.y };
		await page.mouse.move(from.x, from.y);
		await page.mouse.down();
		await page.mouse.move(from.x + 15, from.y, { steps: 5 });
		await page.mouse.move(from.x + 30, from.y, { steps: 5 });
		await page.mouse.up();
		await save.click();
		await expect(details.getByRole('status').filter({ hasText: 'Åtgärdens plats och form sparades.' })).toBeVisible();
		await expect(details.getByRole('button', { name: 'Flytta eller ändra form' })).toBeVisible();

		const saved = (await (await page.request.get(`/api/measures/${measure.id}`)).json()) as { geometry: { coordinates: number[][][] }; properties: { version: number } };
		expect(saved.properties.version).toBe(measure.properties.version + 1);
		const after = saved.geometry.coordinates[0]!;
		expect(after).toHaveLength(5);
		const moved = after.filter((c) => !ring.some((r) => Math.abs(r[0]! - c[0]!) < 1e-7 && Math.abs(r[1]! - c[1]!) < 1e-7));
		expect(moved, 'one corner moved, the others kept').toHaveLength(1);
		const at = await page.evaluate((c) => (window as any).__lyktaMap.project(c), moved[0]);
		expect(at.x - corner.x).toBeGreaterThan(20);
		expect(at.x - corner.x).toBeLessThanOrEqual(31);
		expect(Math.abs(at.y - corner.y)).toBeLessThan(2);
	});

	test('places a new event and moves it with the keyboard alone', async ({ page }) => {
		await logIn(page, COORDINATOR);
		await openPlan(page);
		await page.getByRole('radio', { name: 'Nytt evenemang' }).check();
		await page.locator('.maplibregl-canvas').focus();
		const centre = (await page.evaluate(() => (window as any).__lyktaMap.getCenter().toArray())) as [number, number];
		await page.keyboard.press('Enter');
		const placed = page.getByRole('status').filter({ hasText: /^Placerat på/ });
		const text = ([lon, lat]: number[]) => `Placerat på ${lat!.toFixed(5)}, ${lon!.toFixed(5)}.`;
		await expect(placed).toHaveText(text(centre));

		const marker = page.getByRole('button', { name: /^Det nya evenemangets plats\. Flytta med piltangenterna/ });
		await marker.focus();
		// MapLibre's own marker keys: 10 px with Shift, 1 px without; the place follows on key up.
		for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowRight');
		for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowUp');
		const expected = await page.evaluate((c) => {
			const map = (window as any).__lyktaMap;
			const p = map.project(c);
			return map.unproject([p.x + 50, p.y - 8]).toArray();
		}, centre);
		await expect(placed).toHaveText(text(expected));
		// The keys moved the marker, not the map.
		expect(await page.evaluate(() => (window as any).__lyktaMap.getCenter().toArray())).toEqual(centre);
	});
});

test.describe('plan: time and saving', () => {
	/** The instant the page shows, as its <time> says. */
	const chosen = (page: Page) => page.getByText(/^Vald tidpunkt:/).locator('time');
	const comingSeasonYear = () => {
		const today = stockholm(new Date().toISOString()).date;
		return today.slice(5) > '09-30' ? Number(today.slice(0, 4)) + 1 : Number(today.slice(0, 4));
	};

	test('jumps to a date and time, steps by the clock, finds the next Friday 18:00 and shows what runs then; a moment in another season opens that season', async ({ page }) => {
		test.setTimeout(90_000);
		await logIn(page, COORDINATOR);
		const events = (await (await page.request.get('/api/events?from=2023-04-01&to=2023-09-30')).json()).features as ApiEvent[];
		// An occurrence of two hours or more in high summer (a week either side stays in the season).
		const summer = (o: { startsAt: string; endsAt: string }) => o.startsAt >= '2023-06-01' && o.startsAt < '2023-08-31' && Date.parse(o.endsAt) - Date.parse(o.startsAt) >= 2 * HOUR;
		const event = events.find((e) => e.properties.occurrences.some(summer))!;
		expect(event, 'a demo event on a summer evening').toBeTruthy();
		const target = Date.parse(event.properties.occurrences.find(summer)!.startsAt) + HOUR;
		const local = stockholm(new Date(target).toISOString());
		await openPlan(page);
		const slider = page.getByLabel('Tidpunkt i perioden');
		await expect(page.getByLabel('Period', { exact: true })).toHaveValue('2023-04-01/2023-09-30');

		// Straight to a date and time: the slider follows, and the event running then is named.
		await page.getByLabel('Hoppa till tidpunkt').fill(`${local.date}T${local.time}`);
		await page.getByLabel('Hoppa till tidpunkt').press('Enter');
		await expect(chosen(page)).toHaveAttribute('datetime', new Date(target).toISOString());
		await expect(slider).toHaveValue(String(Math.round((target - PERIOD_START) / HOUR)));
		const running = page.getByRole('list', { name: 'Pågår då' });
		await expect(running.getByRole('listitem').filter({ hasText: event.properties.title })).toBeVisible();
		await expect(page.getByRole('status').filter({ hasText: /evenemang pågår/ })).toContainText(/^[1-9]\d* evenemang pågår/);
		await expect.poll(() => eventsDrawn(page, event.properties.title)).toBe(true);

		// A day on and a week back, at the same time of day.
		await page.getByRole('button', { name: '+1 dag' }).click();
		await expect(chosen(page)).toHaveAttribute('datetime', new Date(target + 24 * HOUR).toISOString());
		await page.getByRole('button', { name: '−1 vecka' }).click();
		const weekBack = target + 24 * HOUR - 7 * 24 * HOUR;
		await expect(chosen(page)).toHaveAttribute('datetime', new Date(weekBack).toISOString());
		await expect(slider).toHaveValue(String(Math.round((weekBack - PERIOD_START) / HOUR)));

		// The next Friday 18:00 after that: a Friday, at 18:00 in Stockholm, within the coming week.
		await page.getByLabel('Dag', { exact: true }).selectOption({ label: 'fredag' });
		await page.getByLabel('Klockslag').fill('18:00');
		await page.getByRole('button', { name: 'Nästa fredag 18:00' }).click();
		await expect(chosen(page)).not.toHaveAttribute('datetime', new Date(weekBack).toISOString());
		const friday = Date.parse((await chosen(page).getAttribute('datetime'))!);
		expect(stockholm(new Date(friday).toISOString()).time).toBe('18:00');
		expect(new Date(friday + 2 * HOUR).getUTCDay()).toBe(5);
		expect(friday).toBeGreaterThan(weekBack);
		expect(friday - weekBack).toBeLessThanOrEqual(7 * 24 * HOUR);
		await expect(slider).toHaveValue(String(Math.round((friday - PERIOD_START) / HOUR)));

		// A moment in the coming season: that season opens, at that moment.
		const coming = comingSeasonYear();
		await page.getByLabel('Hoppa till tidpunkt').fill(`${coming}-06-11T19:00`);
		await page.getByLabel('Hoppa till tidpunkt').press('Enter');
		await expect(page).toHaveURL(new RegExp(`from=${coming}-04-01&to=${coming}-09-30&at=`));
		await expect(page.getByLabel('Period', { exact: true })).toHaveValue(`${coming}-04-01/${coming}-09-30`);
		await expect(page.getByLabel('Period', { exact: true }).locator('option:checked')).toHaveText(new RegExp(`Säsong ${coming} \\((kommande|pågår)\\)`));
		await expect(chosen(page)).toHaveAttribute('datetime', new Date(Date.parse(`${coming}-06-11T19:00:00+02:00`)).toISOString());
		await expectAccessible(page);
	});

	test('an end before the start asks whether the event runs past midnight; once saved it is shown at its first occurrence, and the map stays put', async ({ page }) => {
		test.setTimeout(90_000);
		await logIn(page, COORDINATOR);
		await openPlan(page);
		const title = 'Nattvandring över midnatt';
		await page.getByRole('radio', { name: 'Nytt evenemang' }).check();
		await page.getByLabel('Titel').fill(title);
		await page.getByLabel('Datum', { exact: true }).fill('2023-07-14');
		await page.getByLabel('Starttid').fill('22:00');
		await page.getByLabel('Sluttid').fill('02:00');
		const question = page.getByRole('group', { name: 'Över midnatt?' });
		await expect(question).toContainText('Sluttiden 02:00 är före starttiden 22:00. Pågår evenemanget över midnatt?');
		const p = await showPlace(page, [18.0455, 59.3125]);
		await page.mouse.click(p.x, p.y);
		const view = () => page.evaluate(() => ({ centre: (window as any).__lyktaMap.getCenter().toArray() as number[], zoom: (window as any).__lyktaMap.getZoom() as number }));
		const before = await view();

		// Not answered: nothing is saved, and the form says what to do, next to the button.
		const save = page.getByRole('button', { name: 'Spara evenemang' });
		await save.click();
		const refusal = page.getByRole('alert').filter({ hasText: 'kryssa i att evenemanget pågår över midnatt' });
		await expect(refusal).toBeVisible();
		const stored = async () =>
			((await (await page.request.get('/api/events?from=2023-07-01&to=2023-07-31')).json()).features as ApiEvent[]).filter((e) => e.properties.title === title);
		expect(await stored()).toHaveLength(0);
		const near = async (message: ReturnType<typeof page.getByRole>) => {
			const [b, m] = [(await save.boundingBox())!, (await message.boundingBox())!];
			expect(m.y - (b.y + b.height), 'right below the button').toBeLessThan(60);
			expect(m.y).toBeGreaterThan(b.y);
		};
		await near(refusal);

		// Answered yes: it ends at 02:00 the next day, not 20 hours earlier or 4 hours later.
		await question.getByRole('checkbox', { name: 'Ja, det slutar 02:00 dagen efter' }).check();
		await save.click();
		const saved = page.getByRole('status').filter({ hasText: `Evenemanget ”${title}” sparades.` });
		await expect(saved).toBeVisible();
		await near(saved);
		const [created] = await stored();
		expect(created!.properties.occurrences).toEqual([{ startsAt: '2023-07-14T20:00:00.000Z', endsAt: '2023-07-15T00:00:00.000Z' }]);

		// The moment moved to its first occurrence, where it runs; the map did not move.
		await expect(chosen(page)).toHaveAttribute('datetime', '2023-07-14T20:00:00.000Z');
		await expect(page.getByText(`när ”${title}” börjar`)).toBeVisible();
		await expect(page.getByRole('list', { name: 'Pågår då' }).getByRole('listitem').filter({ hasText: title })).toBeVisible();
		await expect.poll(() => eventsDrawn(page, title)).toBe(true);
		const after = await view();
		expect(after.zoom).toBeCloseTo(before.zoom, 6);
		expect(after.centre[0]).toBeCloseTo(before.centre[0]!, 6);
		expect(after.centre[1]).toBeCloseTo(before.centre[1]!, 6);
		await expectAccessible(page);
	});

	test('while a new measure is drawn, the open findings in view are on the map', async ({ page }) => {
		await logIn(page, COORDINATOR);
		await openPlan(page);
		await page.getByRole('radio', { name: 'Ny åtgärd' }).check();
		await showPlace(page, [18.0395, 59.3125]);
		const shown = page.getByRole('status').filter({ hasText: /öppna? fynd syns i kartans utsnitt/ });
		await expect(shown).toHaveText(/^[1-9]\d* öppna? fynd syns i kartans utsnitt\.$/);
		const count = Number((await shown.textContent())!.match(/^\d+/)![0]);
		await expect
			.poll(() => page.evaluate(() => (window as any).__lyktaMap.querySourceFeatures('plan-findings').map((f: any) => f.properties.id).filter((v: string, i: number, a: string[]) => a.indexOf(v) === i).length))
			.toBe(count);
	});
});
