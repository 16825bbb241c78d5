import { expect, test } from '@playwright/test';
import { expectAccessible, logInByApi as logIn, SAME_ORIGIN } from './support';

const COORDINATOR = 'samordnare@lykta.example';
const PROGRAMME = 'Sommar i Tanto 2023';

/** Intl separates thousands in sv-SE with a no-break space; compare on plain spaces. */
const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();

test.describe('programmes', () => {
	test('a coordinator finds the demo programme, its budget per line and its events per week', async ({ page }) => {
		await logIn(page, COORDINATOR);
		await page.goto('/');
		await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Program', exact: true }).click();
		await expect(page.getByRole('heading', { name: 'Program', level: 1, exact: true })).toBeVisible();
		const link = page.getByRole('link', { name: PROGRAMME });
		await expect(link).toBeVisible();
		await expectAccessible(page);

		await link.click();
		await expect(page.getByRole('heading', { name: PROGRAMME, level: 1 })).toBeVisible();

		const budget = page.getByRole('table', { name: /Budget per budgetpost/ });
		await expect(budget).toBeVisible();
		const grants = budget.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Föreningsbidrag' }) });
		await expect(grants).toHaveCount(1);
		const capCell = grants.getByRole('cell').nth(1);
		expect(plain(await capCell.textContent())).toBe('275 000 kr');

		const total = budget.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /Totalt/ }) });
		await expect(total).toHaveCount(1);
		expect(plain(await total.getByRole('cell').first().textContent())).toBe('2 000 000 kr');

		// A week in June 2023 (ISO weeks 22–26) with at least one occurrence.
		const juneWeek = page.getByRole('heading', { level: 3, name: /^Vecka 2[2-6]\b.*jun/ }).first();
		await expect(juneWeek).toBeVisible();
		const weekSection = page.locator('section.week').filter({ has: juneWeek });
		const occurrences = weekSection.getByRole('table').getByRole('rowgroup').nth(1).getByRole('row');
		await expect(occurrences.first()).toBeVisible();
		expect(await occurrences.count()).toBeGreaterThan(0);

		await expectAccessible(page);
	});

	test('a coordinator books an amount by hand and confirms going over the line cap with a reason', async ({ page }) => {
		await logIn(page, COORDINATOR);
		const programme = await (
			await page.request.post('/api/programmes', {
				headers: SAME_ORIGIN,
				data: {
					properties: {
						name: 'Vinterljus 2023',
						areaIds: [(await (await page.request.get('/api/areas')).json()).features.find((a: any) => a.properties.name === 'Södermalm').id],
						startsOn: '2023-10-01',
						endsOn: '2024-03-31',
						budgetCapSek: 100_000,
						budgetLines: [{ name: 'Ljusslingor', kind: 'measures', capSek: 40_000 }]
					}
				}
			})
		).json();
		await page.goto(`/programmes/${programme.id}`);
		await expect(page.getByRole('heading', { name: 'Vinterljus 2023', level: 1 })).toBeVisible();
		const book = page.getByRole('form', { name: 'Bokför belopp' });
		await book.getByLabel('Budgetpost').selectOption({ label: 'Ljusslingor' });
		await book.getByLabel('Belopp (kr)').fill('30000');
		await book.getByLabel('Anteckning').fill('Beställning Ljus AB');
		await book.getByRole('button', { name: 'Bokför' }).click();
		await expect(book.getByRole('status')).toHaveText('Beloppet bokfördes.');
		const line = page.getByRole('table', { name: /Budget per budgetpost/ }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Ljusslingor' }) });
		await expect(line.getByRole('cell').nth(2)).toHaveText(/30\s000\skr/);

		await book.getByLabel('Belopp (kr)').fill('15000');
		await book.getByRole('button', { name: 'Bokför' }).click();
		const over = book.getByRole('alert').filter({ hasText: 'Det här går över budgettaket.' });
		await expect(over).toBeVisible();
		await expect(line.getByRole('cell').nth(2)).toHaveText(/30\s000\skr/);
		await over.getByLabel('Skäl att gå över taket').fill('Extra slingor till Ljusfesten');
		await over.getByRole('button', { name: 'Spara ändå' }).click();
		await expect(line.getByRole('cell').nth(2)).toHaveText(/45\s000\skr/);
		await expect(line).toContainText('Över taket');
		await expect(page.getByRole('table', { name: 'Belopp bokförda för hand' })).toContainText('Över taket: Extra slingor till Ljusfesten');
		await expectAccessible(page);
	});
});
