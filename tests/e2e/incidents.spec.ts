import { expect, test } from '@playwright/test';
import proj4 from 'proj4';
import { expectAccessible, logInByApi as logIn } from './support';

const COORDINATOR = 'samordnare@lykta.example';
const VIEWER = 'lasare@lykta.example';
proj4.defs('EPSG:3006', '+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs');

/** A police-style export: semicolons, decimal commas, a BOM, SWEREF 99 TM, Swedish categories; a tight cluster in Tantolunden. */
function policeCsv(rows: number): Buffer {
	let seed = 7;
	const rnd = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
	const gauss = () => Math.sqrt(-2 * Math.log(rnd() || 1e-9)) * Math.cos(2 * Math.PI * rnd());
	const kinds = ['Narkotikabrott', 'Misshandel', 'Stöld', 'Ordningsstörning'];
	const lines = ['Ärendenr;Brottstid;Kategori;Nord;Öst'];
	for (let i = 0; i < rows; i++) {
		const clustered = i % 3 !== 0;
		const lon = clustered ? 18.0432 + gauss() * 0.0003 : 18.0396 + rnd() * 0.0118;
		const lat = clustered ? 59.3121 + gauss() * 0.00015 : 59.311 + rnd() * 0.0029;
		const [e, n] = proj4('EPSG:4326', 'EPSG:3006', [lon, lat]);
		const day = 1 + Math.floor(rnd() * 364);
		const date = new Date(Date.UTC(2023, 0, day)).toISOString().slice(0, 10);
		lines.push(`E2E-${i};${date} ${Math.floor(rnd() * 24)}:${String(Math.floor(rnd() * 60)).padStart(2, '0')};${kinds[i % 4]};${n.toFixed(2).replace('.', ',')};${e.toFixed(2).replace('.', ',')}`);
	}
	return Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8');
}

test.describe('incidents', () => {
	test('a coordinator imports a police CSV through the mapping step, sees the progress bar, then the hotspot layer', async ({ page }) => {
		test.setTimeout(120_000);
		await logIn(page, COORDINATOR);
		await page.goto('/');
		await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Brännpunkter' }).click();
		await page.getByRole('link', { name: 'Importera händelser' }).click();
		await expect(page.getByRole('heading', { name: 'Importera händelser', level: 1 })).toBeVisible();

		await page.getByLabel('Fil (CSV eller GeoJSON)').setInputFiles({ name: 'polisen-2023.csv', mimeType: 'text/csv', buffer: policeCsv(3000) });
		await expect(page.getByText('CSV med 5 kolumner, avgränsare: semikolon.')).toBeVisible();
		await expect(page.getByRole('table', { name: 'De första raderna' })).toContainText('Narkotikabrott');
		// The mapping step's guesses, checked as a person would.
		await expect(page.getByLabel('X / öst / longitud')).toHaveValue('Öst');
		await expect(page.getByLabel('Y / nord / latitud')).toHaveValue('Nord');
		await expect(page.getByLabel('Koordinatsystem')).toHaveValue('3006');
		await expect(page.getByLabel('Tid (datum och klockslag)')).toHaveValue('Brottstid');
		await expect(page.getByLabel('Ärendenummer / id (valfritt)')).toHaveValue('Ärendenr');
		await expect(page.getByLabel('Misshandel')).toHaveValue('violence');
		await page.getByLabel('Ordningsstörning').selectOption({ label: 'Ordningsstörning' });

		// First the check (nothing stored), then the import.
		await page.getByRole('button', { name: 'Kontrollera filen' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'inget är sparat ännu' })).toBeVisible({ timeout: 60_000 });
		await page.getByRole('button', { name: 'Importera', exact: true }).click();
		const progress = page.getByRole('progressbar');
		await expect(progress).toBeVisible();
		const status = page.getByRole('status').filter({ hasText: 'rader importerades' });
		await expect(status).toBeVisible({ timeout: 60_000 });
		await expect(progress).toHaveAttribute('value', '100');
		const text = (await status.textContent())!.replace(/\s/g, ' ');
		const [, imported, rows, duplicates] = /(\d[\d ]*) av (\d[\d ]*) rader importerades, (\d[\d ]*) fanns redan/.exec(text)!.map((s) => s?.replace(/ /g, ''));
		expect(Number(rows)).toBe(3000);
		expect(Number(imported) + Number(duplicates)).toBe(3000);
		await expectAccessible(page);

		await page.getByRole('link', { name: 'Visa brännpunkterna' }).click();
		await expect(page.getByRole('heading', { name: 'Händelser och brännpunkter', level: 1 })).toBeVisible();
		await page.getByLabel('Område', { exact: true }).selectOption({ label: 'Tantolunden (Södermalm)' });
		await page.getByLabel('Cellstorlek (sida)').selectOption('50');
		await page.getByRole('button', { name: 'Visa' }).click();
		await expect(page.getByRole('status').filter({ hasText: /signifikant heta? cell/ })).toBeVisible();
		// The map draws hot cells where the cluster is.
		await expect
			.poll(() =>
				page.evaluate(() => {
					const map = (window as any).__lyktaMap;
					if (!map?.loaded() || map.isMoving()) return -1;
					const hot = map.queryRenderedFeatures({ layers: ['hotspot-cells'] }).filter((f: any) => f.properties.class === 'hot99');
					const near = hot.filter((f: any) => {
						const ring = f.geometry.coordinates[0] as number[][];
						const lon = ring.reduce((s, p) => s + p[0], 0) / ring.length;
						const lat = ring.reduce((s, p) => s + p[1], 0) / ring.length;
						return Math.abs(lon - 18.0432) < 0.002 && Math.abs(lat - 59.3121) < 0.001;
					});
					return near.length;
				})
			)
			.toBeGreaterThan(0);
		await expect(page.getByRole('heading', { name: 'När händer det?' })).toBeVisible();

		// Hot cells become a problem zone.
		await page.getByRole('button', { name: 'Markera heta celler' }).click();
		await page.getByLabel('Namn på problemområdet').fill('Klipporna (e2e)');
		await page.getByRole('button', { name: 'Skapa problemområde' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Problemområdet ”Klipporna (e2e)” skapades' })).toBeVisible();
		const zoneItem = page.getByRole('listitem').filter({ hasText: 'Klipporna (e2e)' });
		await zoneItem.getByRole('button', { name: 'Tidsmönster' }).click();
		await expect(page.getByText('Tidsmönster för problemområdet ”Klipporna (e2e)”.')).toBeVisible();

		// A zone drawn by hand: four corners, then the last one again to finish.
		await page.getByRole('radio', { name: 'Rita själv i kartan' }).check();
		await expect(page.getByText('Inget område ritat än.')).toBeVisible();
		await page.evaluate(() => (window as any).__lyktaMap.jumpTo({ center: [18.047, 59.3125], zoom: 16 }));
		const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
		const cx = box.x + box.width / 2;
		const cy = box.y + box.height / 2;
		for (const [dx, dy] of [[-60, -40], [60, -40], [60, 40], [-60, 40]]) await page.mouse.click(cx + dx, cy + dy);
		await page.mouse.click(cx - 60, cy + 40);
		await expect(page.getByText('Område ritat.')).toBeVisible();
		await page.getByLabel('Namn på problemområdet').fill('Ritad zon (e2e)');
		await page.getByRole('button', { name: 'Skapa problemområde' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Problemområdet ”Ritad zon (e2e)” skapades' })).toBeVisible();
		const zones = (await (await page.request.get('/api/zones')).json()).features as { properties: { name: string; origin: string } }[];
		expect(zones.filter((z) => z.properties.name.endsWith('(e2e)')).map((z) => z.properties.origin).sort()).toEqual(['hotspot', 'manual']);
		await expectAccessible(page);
	});

	test('a viewer sees hotspot cells but no import and no individual incidents', async ({ page }) => {
		await logIn(page, VIEWER);
		await page.goto('/incidents');
		await expect(page.getByRole('heading', { name: 'Händelser och brännpunkter', level: 1 })).toBeVisible();
		await expect(page.getByRole('link', { name: 'Importera händelser' })).toHaveCount(0);
		await page.getByLabel('Område', { exact: true }).selectOption({ label: 'Tantolunden (Södermalm)' });
		await page.getByRole('button', { name: 'Visa' }).click();
		await expect(page.getByText('Celler med färre än 3 händelser visas inte för din roll.')).toBeVisible();
		await expect(page.getByLabel('Visa enskilda händelser (från zoom 13)')).toHaveCount(0);
		const response = await page.request.get('/api/incidents');
		expect(response.status()).toBe(403);
	});
});
