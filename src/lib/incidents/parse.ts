/**
 * Reading the values of incident files the way Swedish offices write them: decimal comma,
 * spaces as thousands separators, `;` or `,` between fields, times without a leading zero
 * and without an offset (then Europe/Stockholm).
 */
import { isValid, parse as parseWithFormat } from 'date-fns';
import { stockholmIso } from '$lib/time/stockholm';

/**
 * The field separator of a CSV: `;` or `,`, whichever splits the header line (outside
 * quotes) into more fields; `;` on a tie, as Swedish Excel writes it.
 */
export function detectDelimiter(sample: string): ';' | ',' {
	const text = sample.replace(/^\uFEFF/, '');
	let semicolons = 0;
	let commas = 0;
	let quoted = false;
	for (const ch of text) {
		if (ch === '"') quoted = !quoted;
		else if (!quoted && (ch === '\n' || ch === '\r')) break;
		else if (!quoted && ch === ';') semicolons++;
		else if (!quoted && ch === ',') commas++;
	}
	return commas > semicolons ? ',' : ';';
}

/** "6 580 123,45" or "18.0712" → a number; null when it is not one. */
export function parseNumber(text: unknown): number | null {
	if (typeof text === 'number') return Number.isFinite(text) ? text : null;
	if (typeof text !== 'string') return null;
	const s = text.trim().replace(/[\s\u00a0\u202f]/g, '').replace(/^\u2212/, '-');
	if (!/^[-+]?(\d+([.,]\d*)?|[.,]\d+)(e[-+]?\d+)?$/i.test(s)) return null;
	const n = Number(s.replace(',', '.'));
	return Number.isFinite(n) ? n : null;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function wallClockToUtc(date: string, hours: number, minutes: number, seconds: number): string | null {
	if (hours > 23 || minutes > 59 || seconds > 59) return null;
	const hhmm = `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
	const iso = stockholmIso(date, hhmm);
	if (!iso) return null;
	const instant = Date.parse(iso) + seconds * 1000;
	if (Number.isNaN(instant)) return null;
	// Reject impossible dates that Date.UTC would roll over (2023-02-30).
	const [y, m, d] = date.split('-').map(Number);
	const check = new Date(Date.UTC(y!, m! - 1, d!));
	if (check.getUTCMonth() !== m! - 1 || check.getUTCDate() !== d) return null;
	return new Date(instant).toISOString();
}

/**
 * A timestamp as an ISO instant (UTC), or null. Without `format`: ISO 8601 or
 * `YYYY-MM-DD H:MM[:SS]`, in Europe/Stockholm unless it carries an offset. With `format`:
 * date-fns tokens (`dd.MM.yyyy HH:mm`, `d/M/yyyy H:mm`, `yyyyMMdd HHmm`…), in Stockholm.
 */
export function parseTimestamp(text: unknown, format?: string): string | null {
	if (typeof text !== 'string') return null;
	const value = text.trim();
	if (!value) return null;
	if (format) {
		const parsed = parseWithFormat(value, format, new Date(2000, 0, 1, 0, 0, 0, 0));
		if (!isValid(parsed)) return null;
		const date = `${parsed.getFullYear()}-${String(parsed.getMonth() + 1).padStart(2, '0')}-${String(parsed.getDate()).padStart(2, '0')}`;
		return wallClockToUtc(date, parsed.getHours(), parsed.getMinutes(), parsed.getSeconds());
	}
	const m = ISO.exec(value);
	if (!m) return null;
	const date = `${m[1]}-${m[2]}-${m[3]}`;
	const [hours, minutes, seconds] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
	if (!m[8]) return wallClockToUtc(date, hours, minutes, seconds);
	if (hours > 23 || minutes > 59 || seconds > 59) return null;
	const offset = m[8].toUpperCase() === 'Z' ? 'Z' : m[8].length === 3 ? `${m[8]}:00` : m[8].includes(':') ? m[8] : `${m[8].slice(0, 3)}:${m[8].slice(3)}`;
	const instant = Date.parse(`${date}T${String(hours).padStart(2, '0')}:${m[5]}:${String(seconds).padStart(2, '0')}${m[7] ?? ''}${offset}`);
	return Number.isNaN(instant) ? null : new Date(instant).toISOString();
}

/** An EPSG code from a GeoJSON 2008 `crs` member ("urn:ogc:def:crs:EPSG::3006", "EPSG:3011"); CRS84 is 4326. */
export function epsgOfCrsName(name: unknown): number | null {
	if (typeof name !== 'string') return null;
	if (/CRS84$/i.test(name)) return 4326;
	const m = /EPSG:{1,2}(?:[\d.]*:)?(\d{4,6})$/i.exec(name.trim());
	return m ? Number(m[1]) : null;
}
