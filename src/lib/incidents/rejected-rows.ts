/**
 * Why an import row was rejected, in one language: each rejection carries a `code` and the
 * figures its text needs (`details`: the column, the coordinates, the time as written …), and
 * its text is `api.import_row.<code>` — or `api.import_row.<code>_<reason>` when the details
 * name a reason with a text of its own. The server writes `reason` with it in the request's
 * language; the import page writes it again in the page's, so a result read after switching
 * language still reads in one. Client-safe.
 */
import type { Texts } from '$lib/i18n/locale';
import type { RejectedRow } from './incident';

export type RejectionCode = RejectedRow['code'];
export type RejectionDetails = Record<string, string | number>;

const SNAKE = /^[a-z]+(_[a-z0-9]+)*$/;

/** The text of a rejection; `fallback` (the reason as sent) when the language has none. */
export function rejectedRowText(texts: Texts, row: { code: string; details?: RejectionDetails; reason?: string }): string {
	const reason = row.details?.reason;
	const specific = typeof reason === 'string' && SNAKE.test(reason) ? `api.import_row.${row.code}_${reason}` : null;
	const key = specific && texts.has(specific) ? specific : `api.import_row.${row.code}`;
	return texts.has(key) ? texts.t(key, { ...row.details }) : (row.reason ?? row.code);
}

/** A rejection of row `row`, its reason written in the language of `texts`. */
export function rejection(texts: Texts, row: number, code: RejectionCode, details: RejectionDetails = {}): RejectedRow {
	return { row, code, details, reason: rejectedRowText(texts, { code, details }) };
}
