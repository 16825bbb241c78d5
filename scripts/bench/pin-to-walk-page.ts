/**
 * How long from "Spara fynd" on a participant's phone until the finding is on the walk
 * page another participant (the coordinator) has open. Drives two real browsers against
 * a running Lykta with the demo data (e.g. `node scripts/e2e-server.mjs`):
 *   BASE_URL=http://localhost:4173 RUNS=5 npx tsx scripts/bench/pin-to-walk-page.ts
 */
import { chromium, request } from 'playwright-core';

const base = process.env.BASE_URL ?? 'http://localhost:4173';
const runs = Number(process.env.RUNS ?? 5);
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const api = await request.newContext({ baseURL: base });
await api.post('/api/session', { data: { email: 'samordnare@lykta.example', password: 'lykta-demo-2023' } });
const areas = await (await api.get('/api/areas')).json();
const tanto = areas.features.find((a: { properties: { name: string } }) => a.properties.name === 'Tantolunden');
const walk = await (await api.post('/api/walks', { data: { properties: { areaId: tanto.id, title: 'Mätning: pin till vandringssida', startsAt: new Date().toISOString() } } })).json();
const { code } = await (await api.post(`/api/walks/${walk.id}/join-code`)).json();

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args });
const coordinator = await browser.newContext({ baseURL: base, locale: 'sv-SE' });
await coordinator.request.post('/api/session', { data: { email: 'samordnare@lykta.example', password: 'lykta-demo-2023' } });
const walkPage = await coordinator.newPage();
await walkPage.goto(`/walks/${walk.id}`);

const phone = await browser.newContext({ baseURL: base, locale: 'sv-SE', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, geolocation: { latitude: 59.3125, longitude: 18.0455, accuracy: 10 }, permissions: ['geolocation'] });
const pinPage = await phone.newPage();
await pinPage.goto(`/join/${code}`);
await pinPage.getByRole('button', { name: 'Gå med' }).click();
await pinPage.waitForURL(`**/pin?walk=${walk.id}`);

const rows = () => walkPage.evaluate(async (id) => {
	// What the page shows: the findings it has listed (one row per finding in its table).
	return document.querySelectorAll('table tbody tr').length;
}, walk.id);

const timings: number[] = [];
for (let i = 0; i < runs; i++) {
	const before = await rows();
	await pinPage.getByRole('button', { name: 'Pinna där jag står' }).click();
	await pinPage.getByRole('radio', { name: 'Belysning' }).check();
	await pinPage.getByLabel('Beskrivning').fill(`Mätning ${i + 1}`);
	const started = Date.now();
	await pinPage.getByRole('button', { name: 'Spara fynd' }).click();
	await walkPage.waitForFunction((n) => document.querySelectorAll('table tbody tr').length > n, before, { timeout: 30_000, polling: 50 });
	timings.push(Date.now() - started);
	await pinPage.waitForTimeout(500);
}
timings.sort((a, b) => a - b);
console.log(`Save → on the walk page, ${runs} runs: min ${timings[0]} ms, median ${timings[Math.floor(runs / 2)]} ms, max ${timings[runs - 1]} ms`);
await browser.close();
await api.dispose();
