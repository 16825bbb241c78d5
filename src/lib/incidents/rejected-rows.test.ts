import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { textsFor } from '$lib/i18n/locale';
import { rejectedRowText, rejection } from './rejected-rows';

const sv = textsFor('sv');
const en = textsFor('en');

describe('rejected import rows', () => {
	it('say why in the language asked for, from the code and its figures', () => {
		const row = rejection(sv, 4, 'unparseable_time', { time: 'igår' });
		expect(row).toEqual({ row: 4, code: 'unparseable_time', details: { time: 'igår' }, reason: 'Tiden ”igår” går inte att läsa (ISO 8601 eller ÅÅÅÅ-MM-DD TT:MM väntas).' });
		expect(rejectedRowText(en, row)).toBe('The time “igår” cannot be read (expected ISO 8601 or YYYY-MM-DD HH:MM).');
	});

	it('take the variant a reason names, and the plain text for one it does not know', () => {
		const swapped = rejection(sv, 3, 'outside_service_area', { reason: 'swapped', x: 59.31, y: 18.05, epsg: 4326 });
		expect(swapped.reason).toBe('Punkten (59.31, 18.05) i EPSG:4326 ligger utanför tjänsteområdet – är x (longitud) och y (latitud) omkastade, eller är det ett annat koordinatsystem?');
		expect(rejection(en, 3, 'outside_service_area', { reason: 'crs', x: 1, y: 2, epsg: 3006 }).reason).toBe('The point (1, 2) in EPSG:3006 lies outside the service area — is the coordinate system right?');
		expect(rejection(en, 3, 'outside_service_area', { reason: 'unheard_of', x: 1, y: 2, epsg: 3006 }).reason).toBe('The point (1, 2) in EPSG:3006 lies outside the service area.');
	});

	it('fall back to the reason as sent for a code without a text (an older server)', () => {
		expect(rejectedRowText(sv, { code: 'something_new', reason: 'As the server said.' })).toBe('As the server said.');
	});

	it('have texts in both languages for every code and reason the import raises', () => {
		const source = readFileSync('src/lib/incidents/import.server.ts', 'utf8');
		const raised = [...source.matchAll(/rejection\(texts, [^,]+, '([a-z_]+)'(?:, \{ reason: ([^,}]+))?/g)];
		expect(raised.length).toBeGreaterThanOrEqual(8);
		const keys = new Set<string>();
		for (const [, code, reason] of raised) {
			keys.add(`api.import_row.${code}`);
			// A literal reason, or a choice between literals ("epsg === 4326 ? 'swapped' : 'crs'").
			for (const [, literal] of (reason ?? '').matchAll(/'([a-z_]+)'/g)) keys.add(`api.import_row.${code}_${literal}`);
		}
		for (const code of ['bad_geometry_no_geometry', 'bad_geometry_not_a_point']) keys.add(`api.import_row.${code}`);
		const missing = [...keys].flatMap((key) => [['sv', sv], ['en', en]].filter(([, texts]) => !(texts as typeof sv).has(key)).map(([l]) => `${l}: ${key}`));
		expect(missing).toEqual([]);
		expect(keys.size).toBeGreaterThanOrEqual(12);
	});
});
