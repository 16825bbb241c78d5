import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, logInByApi as logIn, SAME_ORIGIN } from './support';

const COORDINATOR = 'samordnare@lykta.example';


async function mapSettled(page: Page) {
	await page.waitForFunction(() => {
		const map = (window as any).__lyktaMap;
		return !!map && map.loaded() && !map.isMoving();
	});
}

/** Screen position of a point of the map, as fractions of the canvas from its top left. */
async function canvasPoint(page: Page, fx: number, fy: number) {
	const canvas = page.locator('canvas.maplibregl-canvas');
	await canvas.scrollIntoViewIfNeeded();
	const box = (await canvas.boundingBox())!;
	return { x: box.x + box.width * fx, y: box.y + box.height * fy };
}

test.describe('safety walks', () => {
	test('a coordinator plans a walk with a drawn route, finds it in the list and hands out a join code', async ({ page }) => {
		await logIn(page, COORDINATOR);
		await page.goto('/');
		await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Vandringar' }).click();
		await expect(page.getByRole('heading', { name: 'Vandringar', level: 1 })).toBeVisible();
		await page.getByRole('link', { name: 'Ny vandring' }).click();
		await expect(page.getByRole('heading', { name: 'Ny vandring', level: 1 })).toBeVisible();

		const title = `Trygghetsvandring e2e ${Date.now()}`;
		await page.getByLabel('Område').selectOption({ label: 'Tantolunden (Södermalm)' });
		await page.getByLabel('Titel').fill(title);
		await page.getByLabel('Datum').fill('2024-05-14');
		await page.getByLabel('Starttid').fill('18:00');
		await page.getByLabel('Sluttid').fill('20:00');
		await page.getByLabel('Arrangör (partner)').selectOption({ label: 'Södermalms stadsdelsförvaltning – trygghet och brottsförebyggande' });
		await page.getByLabel('Antal deltagare').fill('14');
		await page.getByRole('checkbox', { name: 'Polis' }).check();
		await page.getByRole('checkbox', { name: 'Boende' }).check();
		await page.getByLabel('Anteckningar').fill('Samling vid entrén mot Ringvägen.');

		// The map moves to the park; then three clicks on the canvas, the last one a double-click.
		await page.waitForFunction(() => {
			const map = (window as any).__lyktaMap;
			return map.loaded() && !map.isMoving() && map.getZoom() > 14;
		});
		const route = page.getByRole('status').filter({ hasText: /rutt/i });
		await expect(route).toHaveText('Ingen rutt ritad.');
		let p = await canvasPoint(page, 0.3, 0.5);
		await page.mouse.click(p.x, p.y);
		await expect(route).toHaveText('Ritar rutten: 1 punkt utsatt.');
		p = await canvasPoint(page, 0.5, 0.4);
		await page.mouse.click(p.x, p.y);
		await expect(route).toHaveText('Ritar rutten: 2 punkter utsatta.');
		p = await canvasPoint(page, 0.7, 0.55);
		await page.mouse.dblclick(p.x, p.y);
		await expect(route).toHaveText('Rutten har 3 punkter.');

		await page.getByRole('button', { name: 'Skapa vandring' }).click();
		await expect(page).toHaveURL(/\/walks\/[0-9a-f-]{36}$/);
		await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
		await expect(page.getByText('14 deltagare: Polis, Boende')).toBeVisible();
		// The route is drawn on the walk's map.
		await page.waitForFunction(() => {
			const map = (window as any).__lyktaMap;
			return !!map && map.loaded() && map.getLayer('walk-route-line') && map.queryRenderedFeatures({ layers: ['walk-route-line'] }).length > 0;
		});

		// A participant's pin shows up in the list without reloading (it refreshes every 3 s).
		const walkId = new URL(page.url()).pathname.split('/').pop();
		await expect(page.getByText('Inga fynd ännu.')).toBeVisible();
		const pinned = await page.request.post('/api/findings', {
			headers: SAME_ORIGIN,
			data: {
				geometry: { type: 'Point', coordinates: [18.041678, 59.311961] },
				properties: { walkId, category: 'lighting', severity: 3, timesOfDay: ['evening'], description: 'Mörk passage under bron' }
			}
		});
		expect(pinned.status()).toBe(201);
		await expect(page.getByRole('status').filter({ hasText: 'nytt fynd' })).toHaveText('1 nytt fynd har kommit in.', { timeout: 12_000 });
		const findings = page.getByRole('table', { name: /fynd, i den ordning de pinnades/ });
		await expect(findings.getByRole('row').filter({ hasText: 'Mörk passage under bron' })).toContainText('Belysning');

		// A join code for participants without an account: the code, its expiry, the link and a QR code.
		await page.getByRole('button', { name: 'Skapa anslutningskod' }).click();
		const join = page.getByRole('region', { name: 'Anslutningskod' });
		await expect(join.getByRole('status')).toHaveText('Anslutningskoden är skapad.');
		await expect(join.getByText(/^[A-Z2-9]{3}-[A-Z2-9]{3}$/)).toBeVisible();
		await expect(join.getByText('Gäller till')).toBeVisible();
		await expect(join.getByRole('link', { name: /\/join\/[A-Z2-9]{6}$/ })).toBeVisible();
		const qr = join.getByRole('img', { name: /^QR-kod som öppnar länken http/ });
		await expect(qr).toBeVisible();
		expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);

		await join.getByRole('button', { name: 'Återkalla' }).click();
		await expect(join.getByRole('status')).toHaveText('Anslutningskoden är återkallad och fungerar inte längre.');
		await expect(join.getByText('Ingen anslutningskod är aktiv.')).toBeVisible();

		// The new walk is in the list, filtered by its area and period.
		await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Vandringar' }).click();
		await expect(page.getByRole('heading', { name: 'Vandringar', level: 1 })).toBeVisible();
		await page.getByLabel('Område').selectOption({ label: 'Tantolunden (Södermalm)' });
		await page.getByLabel('Från och med').fill('2024-05-01');
		await page.getByLabel('Till och med').fill('2024-05-31');
		await page.getByRole('button', { name: 'Visa' }).click();
		await expect(page).toHaveURL(/from=2024-05-01/);
		await expect(page.getByRole('link', { name: title })).toBeVisible();
		await expect(page.getByRole('status')).toHaveText('1 vandring');
	});

	test('the form says what is missing, next to the fields, and sends nothing', async ({ page }) => {
		await logIn(page, COORDINATOR);
		await page.goto('/walks/new');
		await page.getByRole('button', { name: 'Skapa vandring' }).click();
		const summary = page.getByRole('alert');
		await expect(summary).toContainText('Vandringen kunde inte sparas');
		await expect(summary.getByRole('link', { name: /Titel: Fyll i titel/ })).toBeVisible();
		await expect(page.getByLabel('Titel')).toHaveAttribute('aria-invalid', 'true');
		await expect(page).toHaveURL(/\/walks\/new$/);
	});

	test('the protocol lists the walk’s findings in the columns of the guidance', async ({ page }) => {
		await logIn(page, COORDINATOR);
		await page.goto('/walks');
		await page.getByRole('link', { name: 'Trygghetsvandring Tantolunden, våren 2023' }).click();
		await expect(page.getByRole('heading', { name: 'Trygghetsvandring Tantolunden, våren 2023', level: 1 })).toBeVisible();
		const listed = await page.getByRole('table').getByRole('row').count();
		await page.getByRole('link', { name: 'Protokoll för utskrift' }).click();

		const table = page.getByRole('table');
		for (const column of ['Plats', 'Vad känns otryggt', 'Varför', 'Förslag på åtgärd (kort/lång sikt)', 'Ansvarig', 'Uppföljningsdatum'])
			await expect(table.getByRole('columnheader', { name: column, exact: true })).toBeVisible();
		await expect(table.getByRole('row')).toHaveCount(listed);
		const first = table.getByRole('row').nth(1);
		await expect(first.getByRole('cell').nth(1)).toContainText('Tantolunden');
		await expect(first.getByRole('cell').nth(2)).toContainText(/Tid: |Allvarlighet: /);
		await expect(page.getByRole('button', { name: 'Skriv ut' })).toBeVisible();
	});

	test('the walk list and a walk page pass axe (WCAG 2.1 AA)', async ({ page }) => {
		await logIn(page, COORDINATOR);
		await page.goto('/walks');
		await expect(page.getByRole('table')).toBeVisible();
		await expectAccessible(page);
		await page.getByRole('link', { name: 'Trygghetsvandring Tantolunden, våren 2023' }).click();
		await mapSettled(page);
		await page.getByRole('button', { name: 'Skapa anslutningskod' }).click();
		await expect(page.getByRole('img', { name: /QR-kod/ })).toBeVisible();
		await expectAccessible(page);
		await page.goto('/walks/new');
		await mapSettled(page);
		await expectAccessible(page);
	});

	test('findings flagged for re-inspection show up on the next walk of their area', async ({ page }) => {
		await logIn(page, COORDINATOR);
		const areas = await (await page.request.get('/api/areas')).json();
		const tanto = areas.features.find((a: any) => a.properties.name === 'Tantolunden');
		const findings = await (await page.request.get(`/api/findings?area=${tanto.id}&status=new`)).json();
		const finding = findings.features[0];
		const flagged = await page.request.patch(`/api/findings/${finding.id}`, { headers: SAME_ORIGIN, data: { version: finding.properties.version, properties: { reinspect: true } } });
		expect(flagged.status()).toBe(200);
		const walk = await page.request.post('/api/walks', { headers: SAME_ORIGIN, data: { properties: { areaId: tanto.id, title: 'Uppföljningsvandring', startsAt: '2030-05-20T18:00:00+02:00' } } });
		await page.goto(`/walks/${(await walk.json()).id}`);
		const section = page.getByRole('region', { name: 'Att återinspektera' });
		await expect(section).toBeVisible();
		await expect(section.getByRole('row')).not.toHaveCount(0);
		await expect(section).toContainText(finding.properties.description.slice(0, 20));
	});

	test('anonymous visitors are sent to log in', async ({ page }) => {
		await page.goto('/walks');
		await expect(page).toHaveURL(/\/login\?redirectTo=%2Fwalks/);
		await expect(page.getByRole('link', { name: 'Vandringar' })).toHaveCount(0);
	});
});
