/**
 * Steering-group reports as PDF, printed on the server by the installed Chromium
 * (LYKTA_CHROMIUM_PATH) through playwright-core: it opens the report page as the asking user
 * (their session cookie, or their API token on requests to this app only), waits until the page
 * says it is ready — the map drawn and turned into a picture, the charts into pictures, so the
 * PDF holds images and not blank WebGL boxes — and prints it on A4 with the page's print
 * stylesheet (no menus, no forms).
 *
 * Why playwright-core at run time, not `chromium --headless --print-to-pdf`: the command line
 * can neither wait for the map (a WebGL map draws in workers, after the load event) nor send
 * the user's credentials; playwright-core is the same package the browser tests drive, needs
 * no browser download and starts the system Chromium.
 *
 * Bounded: one PDF at a time per server (a second gets 503 `pdf_busy` with Retry-After), the
 * whole of it within LYKTA_PDF_TIMEOUT_MS (then the browser is closed and 503 `pdf_timeout`),
 * a fresh browser per PDF that is always closed.
 */
import { existsSync } from 'node:fs';
import { config } from '$lib/server/config';
import { ApiError } from '$lib/server/api/errors';

export interface PdfJob {
	/** The report page, absolute. */
	url: string;
	/** The app's origin: credentials go to it and nowhere else. */
	origin: string;
	/** The user's session (cookie name and value), or their API token. */
	session?: { name: string; value: string };
	bearer?: string;
}

/** Seconds a client waits before asking again while another PDF is made. */
const BUSY_RETRY_S = 5;

let busy = false;

/** Flags for a headless Chromium on a server: the same the browser tests use (WebGL through SwiftShader). */
function chromiumArgs(): string[] {
	const args = ['--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
	// Chromium refuses to run as root with its sandbox (containers, CI).
	if (process.getuid?.() === 0) args.push('--no-sandbox');
	return args;
}

class Timeout extends Error {}

/** The PDF's bytes; throws ApiError 503 when busy, out of time or Chromium fails. */
export async function renderPdf(job: PdfJob, timeoutMs = config.LYKTA_PDF_TIMEOUT_MS): Promise<Buffer> {
	if (busy) throw new ApiError(503, 'pdf_busy', 'The server is already making a PDF; try again in a moment.', { retryAfterS: BUSY_RETRY_S }, { 'retry-after': String(BUSY_RETRY_S) });
	if (!existsSync(config.LYKTA_CHROMIUM_PATH))
		throw new ApiError(503, 'pdf_unavailable', 'The server has no Chromium to make PDFs with; print the page from the browser.', { path: config.LYKTA_CHROMIUM_PATH });
	busy = true;
	const started = Date.now();
	const left = () => Math.max(1, timeoutMs - (Date.now() - started));
	let browser: import('playwright-core').Browser | null = null;
	let timer: NodeJS.Timeout | undefined;
	const expired = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Timeout()), timeoutMs);
	});
	let over = false;
	const work = async () => {
		const { chromium } = await import('playwright-core');
		const launched = await chromium.launch({ executablePath: config.LYKTA_CHROMIUM_PATH, args: chromiumArgs(), timeout: left() });
		// Out of time while it started: nobody waits for it any more.
		if (over) {
			await launched.close();
			throw new Timeout();
		}
		browser = launched;
		// Twice the pixels: the map and the charts are pictures, sharp on paper.
		const context = await browser.newContext({ viewport: { width: 1100, height: 1500 }, deviceScaleFactor: 2 });
		if (job.session) await context.addCookies([{ name: job.session.name, value: job.session.value, url: job.origin }]);
		if (job.bearer) {
			const authorization = `Bearer ${job.bearer}`;
			await context.route((url) => url.origin === job.origin, (route) => route.continue({ headers: { ...route.request().headers(), authorization } }));
		}
		const page = await context.newPage();
		const response = await page.goto(job.url, { waitUntil: 'load', timeout: left() });
		if (!response?.ok()) throw new Error(`the report page answered ${response?.status() ?? 'nothing'}`);
		await page.waitForFunction(() => document.documentElement.dataset.reportReady, undefined, { timeout: left(), polling: 100 });
		const state = await page.evaluate(() => ({ ready: document.documentElement.dataset.reportReady, status: document.documentElement.dataset.reportStatus }));
		if (state.ready !== 'true') throw new Error(`the report page could not show the report (${state.status ?? 'error'})`);
		return page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, margin: { top: '12mm', bottom: '14mm', left: '12mm', right: '12mm' } });
	};
	try {
		return await Promise.race([work(), expired]);
	} catch (error) {
		if (error instanceof Timeout || (error as Error)?.name === 'TimeoutError')
			throw new ApiError(503, 'pdf_timeout', `Making the PDF took longer than ${Math.round(timeoutMs / 1000)} s and was stopped.`, { seconds: Math.round(timeoutMs / 1000) });
		console.error('PDF failed:', error);
		throw new ApiError(503, 'pdf_failed', 'The PDF could not be made on the server; print the page from the browser.', { reason: String((error as Error)?.message ?? error).slice(0, 200) });
	} finally {
		over = true;
		clearTimeout(timer);
		// Closing also ends a launch or a page still running after the time ran out.
		await (browser as import('playwright-core').Browser | null)?.close().catch(() => {});
		busy = false;
	}
}
