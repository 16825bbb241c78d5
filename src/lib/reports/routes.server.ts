/**
 * The report endpoints' shared part: the query (`period`, and `lang` for the PDF), and the PDF
 * answer — the report is checked for this reader first (404, 403, 400 answered without starting
 * Chromium), then printed as the page the reader would open.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { config } from '$lib/server/config';
import { readQuery } from '$lib/server/api/endpoint';
import { SESSION_COOKIE } from '$lib/server/auth/cookie';
import { periodParam, type ReportPeriod } from '$lib/followups/period';
import { DEFAULT_LOCALE, LOCALES } from '$lib/i18n/locale';
import { renderPdf } from './pdf.server';

export const reportQuery = z.strictObject({ period: periodParam });
export const pdfQuery = z.strictObject({ period: periodParam, lang: z.enum(LOCALES).optional() });

/** `lykta-tantolunden-2023-T2.pdf`: the title in ASCII letters, for every file system. */
function filename(title: string, period: ReportPeriod): string {
	const slug = title
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')
		.slice(0, 60);
	return `lykta-${slug || 'rapport'}-${period.key}.pdf`;
}

/** Prints the report page of `kind`/`id` for the asking user; `check` has already read the report (and refused what it must). */
export async function pdfResponse(event: RequestEvent, kind: 'area' | 'programme', id: string, title: string, period: ReportPeriod, lang: string | undefined): Promise<Response> {
	const origin = config.LYKTA_PDF_ORIGIN ? new URL(config.LYKTA_PDF_ORIGIN).origin : event.url.origin;
	const language = lang ?? event.locals.locale ?? DEFAULT_LOCALE;
	const url = `${origin}/reports/${kind}/${encodeURIComponent(id)}/${period.key}?lang=${language}`;
	const authorization = event.request.headers.get('authorization');
	const bearer = authorization?.toLowerCase().startsWith('bearer ') ? authorization.slice(7).trim() : undefined;
	const cookie = event.cookies.get(SESSION_COOKIE);
	const pdf = await renderPdf({ url, origin, bearer, session: !bearer && cookie ? { name: SESSION_COOKIE, value: cookie } : undefined });
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${filename(title, period)}"`,
			'cache-control': 'private, no-store'
		}
	});
}

