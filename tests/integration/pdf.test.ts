/**
 * The server's PDF printer, bounded: a page that says it is ready is printed (with its picture
 * as an image), one PDF at a time (a second meanwhile gets 503 `pdf_busy` with Retry-After), a
 * page that never gets ready is stopped at the time limit (503 `pdf_timeout`), a page that
 * says it cannot show the report is refused (503 `pdf_failed`); credentials go to the page's
 * own origin only. Drives the installed Chromium against small local pages.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPdf } from '../../src/lib/reports/pdf.server';
import { ApiError } from '../../src/lib/server/api/errors';

// A 2×2 red PNG: the page's "map picture".
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEklEQVR4nGP4z8DAwMDAxMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==';
/** Another origin the page loads from (a basemap's tiles): it must never see the user's credentials. */
let elsewhere: Server;
let elsewhereOrigin = '';
const seenElsewhere: IncomingHttpHeaders[] = [];
const pages: Record<string, string> = {};
const page = (path: string, html: () => string) => Object.defineProperty(pages, path, { get: html, enumerable: true });
page('/ready', () => `<html><body><h1>Rapport Tantolunden</h1><img src="data:image/png;base64,${PNG}" style="width:300px"><img src="${elsewhereOrigin}/tile.png">
		<script>setTimeout(() => document.documentElement.dataset.reportReady = 'true', 200)</script></body></html>`);
page('/slow', () => `<html><body><h1>Rapport</h1><script>setTimeout(() => document.documentElement.dataset.reportReady = 'true', 2500)</script></body></html>`);
page('/never', () => '<html><body><h1>Never ready</h1></body></html>');
page('/refused', () => `<html><body><script>document.documentElement.dataset.reportReady = 'error'; document.documentElement.dataset.reportStatus = '403'</script></body></html>`);

let server: Server;
let origin: string;
const seen: { path: string; headers: IncomingHttpHeaders }[] = [];

beforeAll(async () => {
	server = createServer((req, res) => {
		seen.push({ path: req.url ?? '', headers: req.headers });
		const body = pages[(req.url ?? '').split('?')[0]!];
		res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
		res.end(body ?? 'not found');
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	elsewhere = createServer((req, res) => {
		seenElsewhere.push(req.headers);
		res.writeHead(200, { 'content-type': 'image/png' });
		res.end(Buffer.from(PNG, 'base64'));
	});
	await new Promise<void>((done) => elsewhere.listen(0, '127.0.0.1', done));
	elsewhereOrigin = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
});
afterAll(async () => {
	await new Promise((done) => server.close(done));
	await new Promise((done) => elsewhere.close(done));
});

const refusal = async (promise: Promise<unknown>) => {
	try {
		await promise;
	} catch (error) {
		return error as ApiError;
	}
	throw new Error('expected a refusal');
};

describe('renderPdf', () => {
	it('prints a page once it says it is ready, its picture as an image, sending the token to its own origin only', async () => {
		const pdf = await renderPdf({ url: `${origin}/ready`, origin, bearer: 'secret-token' }, 30_000);
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		expect(pdf.toString('latin1')).toMatch(/\/Subtype\s*\/Image/);
		const request = seen.find((r) => r.path === '/ready')!;
		expect(request.headers.authorization).toBe('Bearer secret-token');
		// The other origin got its request, without the token.
		expect(seenElsewhere.length).toBeGreaterThan(0);
		for (const headers of seenElsewhere) expect(headers.authorization).toBeUndefined();
	}, 60_000);

	it('makes one PDF at a time: a second one meanwhile is refused with 503 and Retry-After', async () => {
		const first = renderPdf({ url: `${origin}/slow`, origin }, 30_000);
		await new Promise((done) => setTimeout(done, 50));
		const busy = await refusal(renderPdf({ url: `${origin}/ready`, origin }, 30_000));
		expect(busy).toBeInstanceOf(ApiError);
		expect(busy).toMatchObject({ status: 503, code: 'pdf_busy', headers: { 'retry-after': '5' } });
		expect((await first).subarray(0, 5).toString()).toBe('%PDF-');
		// Free again afterwards.
		expect((await renderPdf({ url: `${origin}/ready`, origin }, 30_000)).length).toBeGreaterThan(1000);
	}, 90_000);

	it('stops a page that never gets ready at the time limit, and refuses one that cannot show the report', async () => {
		const started = Date.now();
		const timeout = await refusal(renderPdf({ url: `${origin}/never`, origin }, 6_000));
		expect(timeout).toMatchObject({ status: 503, code: 'pdf_timeout', details: { seconds: 6 } });
		expect(Date.now() - started).toBeLessThan(15_000);
		const refused = await refusal(renderPdf({ url: `${origin}/refused`, origin }, 30_000));
		expect(refused).toMatchObject({ status: 503, code: 'pdf_failed' });
		expect((refused.details as { reason: string }).reason).toContain('403');
		// And the printer is free for the next one.
		expect((await renderPdf({ url: `${origin}/ready`, origin }, 30_000)).subarray(0, 5).toString()).toBe('%PDF-');
	}, 90_000);
});
