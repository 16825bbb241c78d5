/**
 * Benchmark of the coverage what-if in the browser: 50 problem zones and 200 weekly events
 * in Södermalm (created over the API on a fresh embedded demo database), the coverage page
 * open in Chromium, a planned event dragged across the area in 40 steps; each recomputation
 * sets a `lykta-whatif-step` performance mark with its duration, read back here.
 *
 *   npm run bench -- whatif [--zones 50 --events 200 --steps 40]     (needs a build: npx vite build)
 *
 * whatIf() is also run by `npm run bench` (scripts/bench/all.ts) with fewer zones in --quick.
 */
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';
import { rng } from './random';
import { isMain } from './cli';
import { freePort } from './server';
import { fromSweref99tm } from '../../src/lib/analysis/sweref99tm';

export interface WhatIfResult {
	zones: number;
	events: number;
	/** Each recomputation's duration in the browser, ms, sorted. */
	steps: number[];
}

export async function whatIf(options: { zones?: number; events?: number; steps?: number; port?: number; log?: (line: string) => void } = {}): Promise<WhatIfResult> {
	const ZONES = options.zones ?? 50;
	const EVENTS = options.events ?? 200;
	const STEPS = options.steps ?? 40;
	const log = options.log ?? console.log;
	// A free port (not 4190, as this used to be: fetch refuses that one, ManageSieve's).
	const PORT = options.port ?? (await freePort());
	const origin = `http://localhost:${PORT}`;
	// The demo on PostgreSQL (a database of its own next to DATABASE_URL's, recreated) when
	// DATABASE_URL is set, on the embedded database otherwise.
	const url = process.env.DATABASE_URL;
	const e2eDatabase = url ? `${new URL(url).pathname.slice(1)}_whatif` : '';
	const server = spawn('node', ['scripts/e2e-server.mjs'], { env: { ...process.env, E2E_PORT: String(PORT), DATABASE_URL: url ?? '', E2E_DATABASE: e2eDatabase }, stdio: ['ignore', 'pipe', 'inherit'] });
	try {
		return await dragged(server);
	} finally {
		server.kill('SIGTERM');
	}

	async function dragged(server: ReturnType<typeof spawn>): Promise<WhatIfResult> {
		await new Promise<void>((resolve, reject) => {
			let output = '';
			server.stdout!.on('data', (chunk: Buffer) => {
				output += chunk.toString();
				if (/Listening on/.test(output)) resolve();
			});
			server.on('exit', (code, signal) => reject(new Error(`the demo server exited (${code ?? signal}): ${output.slice(-1000)}`)));
		});
		// It listens before the database has started and the demo is loaded: wait for its health.
		const until = Date.now() + 300_000;
		while ((await fetch(`http://127.0.0.1:${PORT}/api/health`).then((r) => r.status, () => 0)) !== 200) {
			if (Date.now() > until) throw new Error('the demo server did not become healthy in 5 minutes');
			await new Promise((done) => setTimeout(done, 250));
		}

		const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
		try {
			const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'sv-SE' });
			await page.request.post(`${origin}/api/session`, { headers: { origin }, data: { email: 'admin@lykta.example', password: 'lykta-demo-2023' } });
			const random = rng(4);
			// A 1.2 km × 0.8 km box in western Södermalm (SWEREF 99 TM).
			const [E0, N0] = [673000, 6578700];
			const at = (e: number, n: number) => fromSweref99tm([E0 + e, N0 + n]);
			for (let i = 0; i < ZONES; i++) {
				const [e, n, s] = [random() * 1200, random() * 800, 20 + random() * 20];
				const ring = [at(e - s, n - s), at(e + s, n - s), at(e + s, n + s), at(e - s, n + s), at(e - s, n - s)];
				const r = await page.request.post(`${origin}/api/zones`, { headers: { origin }, data: { geometry: { type: 'Polygon', coordinates: [ring] }, properties: { name: `Bench-zon ${i + 1}` } } });
				if (r.status() !== 201) throw new Error(`zone: ${r.status()} ${await r.text()}`);
			}
			const days = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
			for (let i = 0; i < EVENTS; i++) {
				const [e, n] = [random() * 1200, random() * 800];
				const day = Math.floor(random() * 7);
				const date = new Date(Date.UTC(2023, 5, 5 + day)).toISOString().slice(0, 10); // the first week of June, Monday 5th
				const hour = 16 + Math.floor(random() * 5);
				const r = await page.request.post(`${origin}/api/events`, {
					headers: { origin },
					data: {
						geometry: { type: 'Point', coordinates: at(e, n) },
						properties: { title: `Bench ${i + 1}`, kind: 'culture', startsAt: `${date}T${hour}:00:00+02:00`, endsAt: `${date}T${hour + 3}:00:00+02:00`, rrule: `FREQ=WEEKLY;BYDAY=${days[day]};UNTIL=20230831T215900Z`, influenceRadiusM: 80 + Math.round(random() * 70) }
					}
				});
				if (r.status() !== 201) throw new Error(`event: ${r.status()} ${await r.text()}`);
			}
			const areas = (await (await page.request.get(`${origin}/api/areas`)).json()).features as { id: string; properties: { name: string } }[];
			const sodermalm = areas.find((a) => a.properties.name === 'Södermalm')!;
			const zoneCount = ((await (await page.request.get(`${origin}/api/zones?area=${sodermalm.id}`)).json()).features as unknown[]).length;
			log(`whatif: ${zoneCount} problem zones in Södermalm over the API`);
			await page.goto(`${origin}/coverage`);
			await page.getByLabel('Område', { exact: true }).selectOption({ label: 'Södermalm' });
			// The summer months the events run in (the page opens on the whole season, April–September).
			await page.getByLabel('Från', { exact: true }).fill('2023-06-01');
			await page.getByLabel('Till', { exact: true }).fill('2023-08-31');
			await page.getByRole('button', { name: 'Visa', exact: true }).click();
			const summary = page.getByRole('status').filter({ hasText: `${zoneCount} problemområden` }).filter({ hasText: '1 juni 2023 – 31 aug. 2023' });
			await summary.waitFor({ timeout: 60_000 });
			log(`whatif: ${(await summary.textContent())?.trim()}`);
			await page.getByRole('checkbox', { name: 'Prova ett nytt evenemang på de valda tiderna' }).check();
			const centre = at(600, 400);
			await page.evaluate((c) => (window as any).__lyktaMap.jumpTo({ center: c, zoom: 15 }), centre);
			await page.waitForTimeout(1000);
			// A click on the map moves the tried event there: the middle of the screen.
			const canvas = (await page.locator('.maplibregl-canvas').boundingBox())!;
			await page.mouse.click(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
			await page.waitForTimeout(500);
			const marker = page.getByRole('button', { name: /^Det provade evenemangets plats/ });
			const box = (await marker.boundingBox())!;
			const [x0, y0] = [box.x + box.width / 2, box.y + box.height - 4];
			await page.evaluate(() => performance.clearMarks('lykta-whatif-step'));
			await page.mouse.move(x0, y0);
			await page.mouse.down();
			for (let i = 1; i <= STEPS; i++) {
				await page.mouse.move(x0 - 300 + (600 * i) / STEPS, y0 - 150 + (300 * i) / STEPS);
				await page.waitForTimeout(30);
			}
			await page.mouse.up();
			await page.waitForTimeout(500);
			const steps = (await page.evaluate(() => performance.getEntriesByName('lykta-whatif-step').map((m) => (m as PerformanceMark).detail as number))).sort((a, b) => a - b);
			if (steps.length === 0) throw new Error('no recomputation was recorded: the marker did not move');
			const q = (p: number) => steps[Math.min(steps.length - 1, Math.ceil(p * steps.length) - 1)]!;
			log(`  ${steps.length} recomputations while dragging: median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${steps.at(-1)!.toFixed(1)} ms (target ≤ 50 ms)`);
			return { zones: zoneCount, events: EVENTS, steps };
		} finally {
			await browser.close();
		}
	}
}

if (isMain(import.meta.url)) {
	const args = process.argv.slice(2);
	const option = (name: string) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : undefined);
	await whatIf({ zones: option('zones'), events: option('events'), steps: option('steps') });
}
