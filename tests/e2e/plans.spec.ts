import { expect, test } from '@playwright/test';
import { expectAccessible, logInByApi as logIn, SAME_ORIGIN } from './support';

const COORDINATOR = 'samordnare@lykta.example';
const VIEWER = 'lasare@lykta.example';

test.describe('the plan on the programme page', () => {
	test('a coordinator adds a theme, an activity with a party and a risk whose review is overdue; a viewer sees no edit buttons', async ({ page }) => {
		await logIn(page, COORDINATOR);
		const areas = (await (await page.request.get('/api/areas')).json()).features as { id: string; properties: { name: string } }[];
		const created = await page.request.post('/api/programmes', {
			headers: SAME_ORIGIN,
			data: { properties: { name: `Handlingsplan Tantolunden ${Date.now()}`, areaIds: [areas.find((a) => a.properties.name === 'Tantolunden')!.id], startsOn: '2024-01-01', endsOn: '2024-12-31', planKind: 'action_plan' } }
		});
		expect(created.status()).toBe(201);
		const programme = await created.json();
		await page.goto(`/programmes/${programme.id}`);
		await expect(page.getByRole('heading', { level: 2, name: 'Plan: Handlingsplan' })).toBeVisible();

		// A theme.
		await page.getByRole('button', { name: 'Lägg till ett tema' }).click();
		const themeForm = page.getByRole('form', { name: 'Lägg till ett tema' });
		await themeForm.getByLabel('Tema', { exact: true }).fill('Riktat arbete på avgränsade platser');
		await themeForm.getByLabel('Övergripande mål').fill('Tryggare torg');
		await themeForm.getByRole('button', { name: 'Spara' }).click();
		await expect(page.getByRole('heading', { level: 4, name: /Riktat arbete på avgränsade platser/ })).toBeVisible();

		// An activity under it, with a party.
		await page.getByRole('button', { name: 'Lägg till en aktivitet i Riktat arbete på avgränsade platser' }).click();
		const activityForm = page.getByRole('form', { name: 'Lägg till en aktivitet i Riktat arbete på avgränsade platser' });
		await activityForm.getByLabel('Aktivitet', { exact: true }).fill('Platssamverkan Tanto');
		await activityForm.getByLabel('Syfte').fill('Samordna aktörerna i parken');
		await activityForm.getByLabel('Mötesfrekvens').fill('Varannan vecka');
		await activityForm.getByRole('button', { name: 'Spara' }).click();
		await expect(page.getByRole('heading', { level: 4, name: 'Platssamverkan Tanto' })).toBeVisible();
		await page.getByRole('button', { name: 'Lägg till en part i Platssamverkan Tanto' }).click();
		const partyForm = page.getByRole('form', { name: 'Lägg till en part i Platssamverkan Tanto' });
		await partyForm.getByLabel('Namn').fill('Fastighetsägarna');
		await partyForm.getByLabel('Kontaktperson').fill('Förvaltaren');
		await partyForm.getByLabel('Åtagande').fill('Lagar belysning inom en vecka');
		await partyForm.getByRole('button', { name: 'Spara' }).click();
		const parties = page.getByRole('table', { name: 'Parter – Platssamverkan Tanto' });
		await expect(parties.getByRole('row', { name: /Fastighetsägarna/ })).toContainText('Lagar belysning inom en vecka');

		// A risk whose next review has passed.
		await page.getByRole('button', { name: 'Lägg till en risk' }).click();
		const riskForm = page.getByRole('form', { name: 'Lägg till en risk' });
		await riskForm.getByLabel('Risk', { exact: true }).fill('Fastighetsägare prioriterar inte åtgärder');
		await riskForm.getByLabel('Sannolikhet (1–5)').fill('4');
		await riskForm.getByLabel('Konsekvens (1–5)').fill('4');
		await riskForm.getByLabel('Nästa översyn').fill('2024-02-01');
		await riskForm.getByRole('button', { name: 'Spara' }).click();
		// The risk's own row (its title is the row header), not the review form's row under it.
		const risk = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Fastighetsägare prioriterar inte åtgärder' }) });
		await expect(risk).toContainText('Översyn försenad');
		await expect(risk).toContainText('4 × 4 = 16 Kritisk');
		await expect(page.getByText('1 risk har passerat sin månatliga översyn.')).toBeVisible();
		await expectAccessible(page);

		// Recording a review clears it.
		await risk.getByRole('button', { name: 'Registrera en översyn av Fastighetsägare prioriterar inte åtgärder' }).click();
		await page.getByRole('form', { name: 'Registrera en översyn av Fastighetsägare prioriterar inte åtgärder' }).getByRole('button', { name: 'Registrera översyn' }).click();
		await expect(risk).not.toContainText('Översyn försenad');
		await expect(risk).not.toContainText('Aldrig');
		await expect(page.getByText('1 risk har passerat sin månatliga översyn.')).toHaveCount(0);

		// A viewer reads the same plan without any button to change it.
		await page.context().clearCookies();
		await logIn(page, VIEWER);
		await page.goto(`/programmes/${programme.id}`);
		await expect(page.getByRole('heading', { level: 4, name: 'Platssamverkan Tanto' })).toBeVisible();
		await expect(page.getByText('Du kan läsa planen.')).toBeVisible();
		const plan = page.getByRole('region', { name: 'Plan: Handlingsplan' });
		await expect(plan.getByRole('button')).toHaveCount(0);
		await expect(page.getByRole('row', { name: /Fastighetsägarna/ })).toContainText('Lagar belysning inom en vecka');
	});
});
