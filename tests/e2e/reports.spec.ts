/**
 * The steering-group report (issue 14 item 7): Tantolunden, T2 2023 on the demo data — the map
 * and the charts on the page; the PDF the server prints holds the area's name, the figures and
 * the map and the charts as images (checked with Debian's poppler-utils: pdftotext, pdfimages);
 * the print preview has no navigation, no forms and shows the pictures; a coordinator writes the
 * follow-up and the report shows it; the programme page prints without the menu and the booking form.
 */
import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, logInByApi as logIn, SAME_ORIGIN } from './support';

const ADMIN = 'admin@lykta.example';
const COORDINATOR = 'samordnare@lykta.example';
/** Intl separates thousands in sv-SE with a no-break space; compare on plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

async function areaId(page: Page, name: string): Promise<string> {
	const areas = await (await page.request.get('/api/areas')).json();
	return areas.features.find((a: any) => a.properties.name === name).id;
}

/** The report page has pictured its map and every chart. */
async function reportReady(page: Page) {
	await page.waitForFunction(() => document.documentElement.dataset.reportReady === 'true', undefined, { timeout: 45_000 });
}

test.describe('the steering-group report', () => {
	test.describe.configure({ timeout: 120_000 });

	test('Tantolunden T2 2023: the map and the charts on the page, and a PDF with the name, the figures, the map and the charts as images', async ({ page }, testInfo) => {
		await logIn(page, ADMIN);
		await page.goto('/');
		await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Uppföljning' }).click();
		await expect(page.getByRole('heading', { name: 'Uppföljning och rapporter', level: 1 })).toBeVisible();
		await page.getByLabel('Område', { exact: true }).selectOption({ label: 'Tantolunden (Södermalm)' });
		await page.getByLabel('År', { exact: true }).fill('2023');
		await page.getByLabel('Period', { exact: true }).selectOption({ label: 'Tertial 2 (maj–augusti)' });
		await page.getByRole('link', { name: 'Visa rapporten' }).click();

		await expect(page.getByRole('heading', { level: 1, name: 'Tantolunden – tertial 2 2023 (maj–augusti)' })).toBeVisible({ timeout: 30_000 });
		await reportReady(page);
		const tanto = await areaId(page, 'Tantolunden');
		expect(page.url()).toContain(`/reports/area/${tanto}/2023-T2`);

		// The map: drawn on the basemap with the report's layers, and pictured for print.
		await expect(page.getByRole('region', { name: /Karta över Tantolunden/ })).toBeVisible();
		const layers = await page.evaluate(() => {
			const map = (window as any).__lyktaMap;
			return ['report-zones-fill', 'report-events-point', 'report-findings-point', 'report-measures-point'].map((id) => map.queryRenderedFeatures({ layers: [id] }).length);
		});
		expect(layers.every((n) => n > 0), JSON.stringify(layers)).toBe(true);
		const mapPicture = page.getByTestId('report-map-image');
		const pictureSize = await mapPicture.evaluate((img) => ({ w: (img as HTMLImageElement).naturalWidth, h: (img as HTMLImageElement).naturalHeight, src: (img as HTMLImageElement).src.length }));
		expect(pictureSize.w).toBeGreaterThan(500);
		expect(pictureSize.src).toBeGreaterThan(20_000); // a drawn map, not an empty canvas

		// The charts: incidents against last year, findings by category, coverage, surveys.
		for (const name of [/Stapeldiagram: händelser per månad/, /fynd per kategori/, /täckning per problemområde/, /Linjediagram: andel som känner sig otrygga/]) {
			const chart = page.getByRole('img', { name }).first();
			await expect(chart).toBeVisible();
			const inked = await chart.locator('canvas').evaluate((c) => {
				const canvas = c as HTMLCanvasElement;
				const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
				let n = 0;
				for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
				return n;
			});
			expect(inked, String(name)).toBeGreaterThan(2000);
		}
		const report = await (await page.request.get(`/api/reports/area/${tanto}?period=2023-T2`)).json();
		const f = report.sections[0].figures;
		await expect(page.getByTestId('figure-findings-reported')).toHaveText(`${f.findings.reported} rapporterade, ${f.findings.resolved} åtgärdade, ${f.findings.overdue} försenade`);
		await expectAccessible(page);

		// The PDF, printed on the server.
		const [download] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), page.getByRole('link', { name: 'Ladda ned som PDF' }).click()]);
		expect(download.suggestedFilename()).toBe('lykta-tantolunden-2023-T2.pdf');
		const file = testInfo.outputPath('report.pdf');
		await download.saveAs(file);
		const text = plain(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
		expect(text).toContain('Tantolunden – tertial 2 2023 (maj–augusti)');
		expect(text).toContain('RAPPORT TILL STYRGRUPPEN');
		expect(text).toContain(`${f.findings.reported} rapporterade, ${f.findings.resolved} åtgärdade, ${f.findings.overdue} försenade`);
		expect(text).toContain(`Klara åtgärder: ${f.measures.done}`);
		// The incidents per month, as the table prints them.
		f.incidents.months.forEach((month: string, i: number) => {
			const name = new Date(`${month}-15T12:00:00Z`).toLocaleDateString('sv-SE', { month: 'short', timeZone: 'UTC' });
			expect(text).toMatch(new RegExp(`${name.replace('.', '\\.')}\\s+${f.incidents.current[i]}\\s`));
		});
		expect(text).toContain('Fler vuxna och barnfamiljer vistas i parken');
		expect(text).not.toContain('Ladda ned som PDF'); // no buttons on paper
		expect(text).not.toContain('Huvudmeny');
		// Images: the map picture (wide, opaque) and one per chart (transparent, with a soft mask).
		const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
			.split('\n')
			.slice(2)
			.map((line) => line.trim().split(/\s+/))
			.filter((cols) => cols.length > 5)
			.map((cols) => ({ type: cols[2], width: Number(cols[3]), height: Number(cols[4]) }));
		const pictures = images.filter((i) => i.type === 'image');
		const maps = pictures.filter((i) => i.width >= 1000 && i.width / i.height > 1.6 && i.width / i.height < 3);
		expect(maps.length, JSON.stringify(images)).toBeGreaterThanOrEqual(1);
		const charts = images.filter((i) => i.type === 'smask');
		expect(charts.length, JSON.stringify(images)).toBeGreaterThanOrEqual(4);
		expect(pictures.length).toBeGreaterThanOrEqual(5);
	});

	test('Sergels torg this tertial: the compass section shows the searches per month as a chart and a table equal to the compass statistics', async ({ page }) => {
		await logIn(page, ADMIN);
		const sergel = await areaId(page, 'Sergels torg');
		const now = new Date();
		const year = now.getFullYear();
		const tertial = now.getMonth() < 4 ? 1 : now.getMonth() < 8 ? 2 : 3;
		const from = `${year}-${String((tertial - 1) * 4 + 1).padStart(2, '0')}-01`;
		const to = new Date(Date.UTC(year, tertial * 4, 0)).toISOString().slice(0, 10);
		await page.goto(`/reports/area/${sergel}/${year}-T${tertial}`);
		await reportReady(page);
		const section = page.getByRole('region', { name: 'Partnerkompassen' });
		await expect(section).toBeVisible();
		await expect(section.getByRole('img', { name: /Stapeldiagram: sökningar/ })).toBeVisible();
		const stats = await (await page.request.get(`/api/compass/stats?area=${sergel}&from=${from}&to=${to}`)).json();
		expect(stats.totals.searches).toBeGreaterThan(0);
		await expect(section.getByText(`${stats.totals.searches} sökningar, ${stats.totals.noMatch} utan passande träff, ${stats.totals.choices} valda partner.`)).toBeVisible();
		const perMonth = section.getByRole('table', { name: 'Sökningar per månad' });
		await expect(perMonth.getByRole('row')).toHaveCount(1 + stats.months.length);
		const cells = await perMonth.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => Number(td.textContent))));
		expect(cells).toEqual(stats.months.map((m: any) => [m.searches, m.noMatch, m.choices]));
		await expect(section.getByRole('table', { name: 'Mest sökta behov' }).getByRole('row', { name: /Härbärge|Tak över huvudet|Boende/ })).toBeVisible();
		await page.emulateMedia({ media: 'print' });
		await expect(section.locator('img[alt^="Stapeldiagram: sökningar"]')).toBeVisible();
	});

	test('the print preview has no navigation, no buttons or forms, and prints the map and the charts as pictures', async ({ page }) => {
		await logIn(page, ADMIN);
		const tanto = await areaId(page, 'Tantolunden');
		await page.goto(`/reports/area/${tanto}/2023-T2`);
		await reportReady(page);
		await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toBeVisible();
		await page.emulateMedia({ media: 'print' });
		await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toBeHidden();
		await expect(page.locator('header.top')).toBeHidden();
		await expect(page.getByRole('button', { name: 'Skriv ut' })).toBeHidden();
		await expect(page.getByRole('link', { name: 'Ladda ned som PDF' })).toBeHidden();
		await expect(page.getByRole('region', { name: /Karta över Tantolunden/ })).toBeHidden();
		await expect(page.getByTestId('report-map-image')).toBeVisible();
		await expect(page.getByRole('img', { name: /Stapeldiagram: händelser per månad/ }).locator('canvas')).toBeHidden();
		await expect(page.locator('img[alt^="Stapeldiagram: händelser per månad"]')).toBeVisible();
		// In English, whatever the app's language.
		await page.emulateMedia({ media: 'screen' });
		await page.getByRole('link', { name: 'In English' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Tantolunden – tertial 2 2023 (May–August)' })).toBeVisible({ timeout: 30_000 });
		await expect(page.getByRole('heading', { name: 'Is the goal reached?' })).toBeVisible();
	});

	test('a coordinator writes the follow-up: the verdicts and texts are in the report, the figures kept as they were', async ({ page }) => {
		await logIn(page, COORDINATOR);
		const drakenberg = await areaId(page, 'Drakenbergsparken');
		await page.goto('/follow-ups');
		await page.getByLabel('Område', { exact: true }).selectOption({ label: 'Drakenbergsparken (Södermalm)' });
		await page.getByLabel('År', { exact: true }).fill('2023');
		await page.getByLabel('Period', { exact: true }).selectOption({ label: 'Tertial 2 (maj–augusti)' });
		await page.getByRole('link', { name: 'Skriv uppföljningen' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Uppföljning Drakenbergsparken, Tertial 2 2023' })).toBeVisible({ timeout: 30_000 });

		const first = page.getByRole('group', { name: 'Fler vuxna och barnfamiljer vistas i parken kvällstid under sommaren' });
		await first.getByRole('radio', { name: 'Delvis' }).check();
		await first.getByLabel('Kommentar').fill('Kvällarna i juli var välbesökta.');
		await page.getByRole('group', { name: 'Är målen nådda sammantaget?' }).getByRole('radio', { name: 'Delvis' }).check();
		await page.getByLabel('Vilka aktiviteter har genomförts?').fill('Sommarscen, nattvandringar och ny belysning.');
		await page.getByRole('button', { name: 'Spara', exact: true }).click();
		await expect(page.getByRole('status')).toHaveText('Uppföljningen är sparad.');
		await expectAccessible(page);

		await page.goto(`/reports/area/${drakenberg}/2023-T2`);
		await reportReady(page);
		await expect(page.getByTestId('report-status')).toContainText('Utkast till uppföljning');
		const goals = page.getByRole('table', { name: 'Målen och bedömningen av dem' });
		await expect(goals.getByRole('row', { name: /Fler vuxna och barnfamiljer/ })).toContainText('Delvis');
		await expect(goals.getByRole('row', { name: /Fler vuxna och barnfamiljer/ })).toContainText('Kvällarna i juli var välbesökta.');
		await expect(page.getByText('Sommarscen, nattvandringar och ny belysning.')).toBeVisible();

		// A partner of the area reads it; it may not write one.
		await page.context().clearCookies();
		await logIn(page, 'partner@lykta.example');
		await page.goto(`/reports/area/${drakenberg}/2023-T2`);
		await reportReady(page);
		await expect(page.getByText('Sommarscen, nattvandringar och ny belysning.')).toBeVisible();
		await expect(page.getByText(/Händelserna är grovt sammanräknade/)).toBeVisible();
		const refused = await page.request.post('/api/follow-ups', { headers: SAME_ORIGIN, data: { areaId: drakenberg, period: '2023-T1' } });
		expect(refused.status()).toBe(403);
	});

	test('the programme page prints without the menu and the booking form, on a few pages', async ({ page }, testInfo) => {
		await logIn(page, COORDINATOR);
		const programmes = await (await page.request.get('/api/programmes')).json();
		const tanto = programmes.features.find((p: any) => p.properties.name === 'Sommar i Tanto 2023');
		await page.goto(`/programmes/${tanto.id}`);
		await expect(page.getByRole('heading', { level: 1, name: 'Sommar i Tanto 2023' })).toBeVisible();
		await expect(page.getByRole('form').first()).toBeVisible();
		await page.emulateMedia({ media: 'print' });
		await expect(page.getByRole('navigation', { name: 'Huvudmeny' })).toBeHidden();
		for (const form of await page.locator('main form').all()) await expect(form).toBeHidden();
		await expect(page.getByRole('heading', { level: 1, name: 'Sommar i Tanto 2023' })).toBeVisible();
		// On A4: the budget and the half year's calendar, compact (it was 15 pages with the menu and the form).
		const file = testInfo.outputPath('programme.pdf');
		await page.pdf({ path: file, format: 'A4' });
		const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
		expect(pages).toBeLessThanOrEqual(8);
		const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
		expect(text).toContain('Sommar i Tanto 2023');
		expect(text).not.toContain('Bokför belopp');
		expect(text).not.toContain('Logga ut');
	});
});
