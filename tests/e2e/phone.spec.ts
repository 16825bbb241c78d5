import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { renderedNames } from './support';

test('on a phone the map fills the screen and the panel opens on demand', async ({ page }) => {
	await page.goto('/');
	expect((await renderedNames(page, 'areas-place-fill')).length).toBe(8);
	const toggle = page.getByRole('button', { name: 'Visa lager och områden' });
	await expect(toggle).toHaveAttribute('aria-expanded', 'false');
	await expect(page.getByRole('checkbox', { name: 'Platser' })).toBeHidden();
	await toggle.tap();
	await expect(page.getByRole('checkbox', { name: 'Platser' })).toBeVisible();
	await page.getByRole('button', { name: 'Skärholmen centrum' }).tap();
	await expect(page.getByRole('heading', { name: 'Skärholmen centrum', level: 2 })).toBeVisible();
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});
