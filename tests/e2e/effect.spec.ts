import { expect, test } from '@playwright/test';
import { expectAccessible, logInByApi as logIn } from './support';

test('the effect page for Tantolunden from June 2023 shows the chart with the intervention shaded, the estimate and the displacement', async ({ page }) => {
	await logIn(page, 'admin@lykta.example');
	await page.goto('/');
	await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Effekt' }).click();
	await expect(page.getByRole('heading', { name: 'Effektutvärdering', level: 1 })).toBeVisible();
	await page.getByLabel('Område', { exact: true }).selectOption({ label: 'Tantolunden (Södermalm)' });
	await page.getByLabel('Insatsen började (månad)').fill('2023-06');
	await page.getByRole('button', { name: 'Visa effekten' }).click();

	await expect(page.getByRole('heading', { name: 'Effekt i Tantolunden från juni 2023' })).toBeVisible({ timeout: 30_000 });
	// The estimate: fewer incidents than the controls predict, with its interval.
	await expect(page.getByTestId('effect-estimate')).toHaveText(/^\d+\s%\sfärre$/);
	await expect(page.getByText(/95 % konfidensintervall: \d+\s%\sfärre till \d+\s%\sfärre/)).toBeVisible();
	// The displacement: the buffer holds part of Drakenbergsparken, which rose.
	await expect(page.getByText(/WDQ, Bowers & Johnson 2003\): −0,\d+\. Bufferten ökade/)).toBeVisible();
	const drakenberg = page.getByRole('table', { name: 'Bufferten per plats' }).getByRole('row', { name: /Drakenbergsparken/ });
	await expect(drakenberg).toContainText('+');
	// The caveats stand next to the numbers.
	const caveats = page.getByRole('complementary', { name: 'Läs siffrorna med försiktighet' });
	await expect(caveats).toContainText('inget bevis');
	await expect(caveats).toContainText('inte samma årstider');

	// The chart is drawn, with the intervention's months shaded.
	const canvas = page.getByRole('img', { name: /Linjediagram: händelser per månad/ }).locator('canvas');
	await expect(canvas).toBeVisible();
	const drawn = await canvas.evaluate((element) => {
		const c = element as HTMLCanvasElement;
		const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
		let shaded = 0;
		let red = 0;
		for (let i = 0; i < data.length; i += 4) {
			const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
			// The shade: amber (240, 173, 0) at 22 % opacity on the canvas's transparent ground.
			if (a > 40 && a < 70 && Math.abs(r - 240) < 12 && Math.abs(g - 173) < 12 && b < 20) shaded++;
			// The treated line: #b2182b.
			if (a > 200 && Math.abs(r - 178) < 25 && g < 60 && b < 70) red++;
		}
		return { shaded, red, width: c.width, height: c.height };
	});
	expect(drawn.shaded).toBeGreaterThan(drawn.width * drawn.height * 0.1);
	expect(drawn.red).toBeGreaterThan(100);
	// The same choice is in the address, so a link opens it again.
	expect(page.url()).toMatch(/\/effect\?area=[0-9a-f-]{36}&from=2023-06/);
	await expectAccessible(page);
});
