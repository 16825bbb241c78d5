import { expect, test } from '@playwright/test';
import { expectAccessible, logInByApi as logIn } from './support';

/** 40 rows scattered over eastern Södermalm and 30 on one point there: a geocoder's stack. */
function stackedCsv(): Buffer {
	const lines = ['id;tid;lon;lat'];
	for (let i = 0; i < 40; i++) lines.push(`STACK-E2E-${i};2023-03-${String(1 + (i % 28)).padStart(2, '0')} 21:${String(i).padStart(2, '0')};${(18.0855 + (i % 8) * 0.001).toFixed(6)};${(59.308 + Math.floor(i / 8) * 0.001).toFixed(6)}`);
	for (let i = 40; i < 70; i++) lines.push(`STACK-E2E-${i};2023-04-${String(1 + (i % 28)).padStart(2, '0')} 22:00;18.090000;59.310000`);
	return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

test('the import check warns of many rows on one point, says where, and leaves them out', async ({ page }) => {
	await logIn(page, 'samordnare@lykta.example');
	await page.goto('/incidents/import');
	await page.getByLabel('Fil (CSV eller GeoJSON)').setInputFiles({ name: 'geokodat.csv', mimeType: 'text/csv', buffer: stackedCsv() });
	await expect(page.getByLabel('X / öst / longitud')).toHaveValue('lon');
	await page.getByRole('button', { name: 'Kontrollera filen' }).click();

	const warning = page.getByRole('region', { name: 'Många rader på samma punkt' });
	await expect(warning).toBeVisible({ timeout: 30_000 });
	await expect(warning).toContainText('30 rader');
	await expect(warning).toContainText('i Södermalm');
	await expect(warning).toContainText('m från Tantolunden');
	await expect(warning).toContainText('En brännpunkt där är inte verklig');
	const exclude = page.getByLabel('Lämna bort raderna på de här punkterna (30 rader)');
	await expect(exclude).toBeChecked();
	await expectAccessible(page);

	await page.getByRole('button', { name: 'Importera', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: 'rader importerades' })).toContainText('40 av 70 rader importerades');
	await expect(warning).toContainText('30 rader på punkterna lämnades bort.');
	const stored = await page.request.get('/api/incidents?bbox=18.0899,59.3099,18.0901,59.3101');
	expect(((await stored.json()) as { features: unknown[] }).features).toHaveLength(0);
});
