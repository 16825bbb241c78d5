/**
 * CSV files for download, in two dialects: `sv` (what Swedish Excel opens directly: `;`
 * separator, decimal comma, UTF-8 with a BOM) and `rfc4180` (comma, decimal point, no
 * BOM) for scripts and GIS tools. Every CSV export writes through here.
 *
 * Text from users is made formula-safe (OWASP "CSV injection"): a spreadsheet runs a
 * cell that starts with `=`, `+`, `-` or `@` (and, after a leading tab or carriage
 * return, what follows) as a formula — `=HYPERLINK(…)` in a finding's description would
 * become a live link in the coordinator's Excel. Such a cell gets a leading `'`, which
 * Excel and LibreOffice show as plain text. Numbers are passed as numbers and left as
 * they are, so a negative coordinate stays a number.
 */
import { stringify } from 'csv-stringify/sync';

export type CsvDialect = 'sv' | 'rfc4180';

/** A cell: text (made formula-safe), a number (written in the dialect) or nothing. */
export type CsvValue = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** `=1+2` → `'=1+2`; text that cannot start a formula is unchanged. */
export function formulaSafe(text: string): string {
	return FORMULA_START.test(text) ? `'${text}` : text;
}

function cell(value: CsvValue, dialect: CsvDialect): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return dialect === 'sv' ? String(value).replace('.', ',') : String(value);
	return formulaSafe(value);
}

/** Rows as a CSV file in `dialect`, with a header of `columns` (also when there are no rows). */
export function csvFile<C extends string>(columns: readonly C[], rows: readonly Record<C, CsvValue>[], dialect: CsvDialect): string {
	const records = rows.map((row) => columns.map((c) => cell(row[c], dialect)));
	const csv = stringify([[...columns], ...records], { delimiter: dialect === 'sv' ? ';' : ',', record_delimiter: 'windows' });
	return dialect === 'sv' ? `\uFEFF${csv}` : csv;
}

/**
 * The inverse, for reading a CSV back in: `'=1+2` → `=1+2`. Only the guard this module
 * adds is removed (an apostrophe before a formula character), so an exported file
 * imports as the same values.
 */
export function withoutFormulaGuard(text: string): string {
	return text.length > 1 && text[0] === "'" && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
