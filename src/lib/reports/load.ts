/**
 * Loading a report page: the report from the API in the language asked for (`?lang=`, else the
 * app's), or the API's refusal to show in the page — the server's PDF printer is told either way
 * (`data-report-ready`), so it never waits for a page that cannot come. Client-safe.
 */
import { isLocale, type Locale } from '$lib/i18n/locale';
import type { Report } from './report';

export type ReportLoad =
	| { report: Report; problem: null; lang: Locale }
	| { report: null; problem: { status: number; code: string; message: string; details?: unknown }; lang: Locale };

const PERIOD = /^\d{4}(-T[123])?$/;

export async function loadReport(fetch: typeof globalThis.fetch, kind: 'area' | 'programme', id: string, period: string, url: URL, pageLocale: unknown): Promise<ReportLoad> {
	const asked = url.searchParams.get('lang');
	const lang: Locale = isLocale(asked) ? asked : isLocale(pageLocale) ? pageLocale : 'sv';
	if (!PERIOD.test(period)) return { report: null, problem: { status: 404, code: 'not_found', message: '' }, lang };
	const response = await fetch(`/api/reports/${kind}/${encodeURIComponent(id)}?period=${period}`, { headers: { accept: 'application/json' } });
	if (response.ok) return { report: (await response.json()) as Report, problem: null, lang };
	let body: { error?: { code?: string; message?: string; details?: unknown } } = {};
	try {
		body = await response.json();
	} catch {
		// not JSON: the status says enough
	}
	return { report: null, problem: { status: response.status, code: body.error?.code ?? `http_${response.status}`, message: body.error?.message ?? response.statusText, details: body.error?.details }, lang };
}
