import { expect, test } from '@playwright/test';
import { expectAccessible, logInByApi as logIn } from './support';

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
});
