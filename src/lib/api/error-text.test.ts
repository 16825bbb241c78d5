/**
 * Every refusal the server can give has a text in Swedish and English: the codes are read
 * from the source (what `badRequest`, `new ApiError`, `forbidden`, `notFound`, field
 * problems and schema messages name), so a new code without texts fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { messages, textsFor, type Texts } from '$lib/i18n/locale';
import { apiMessage, ENTITIES, localizeDetails, textKey } from './error-text';
import { fieldIssuesOf, ISSUE_CODES } from './issues';
import { FORBIDDEN_REASONS } from '$lib/server/api/errors';
import { measureCreateSchema } from '$lib/measures/measure';
import { eventCreateSchema } from '$lib/events/event';
import { walkCreateSchema } from '$lib/walks/walk';
import { partnerCreateSchema } from '$lib/partners/partner';
import { programmeCreateSchema } from '$lib/programmes/programme';
import { zoneCreateSchema } from '$lib/zones/zone';
import { findingCreateSchema } from '$lib/findings/finding';

const sv = textsFor('sv');
const en = textsFor('en');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
	});
}

const source = sourceFiles('src').map((path) => ({ path, text: readFileSync(path, 'utf8') }));

/** Every capture of `pattern` (global) in the source, with where it was found. */
function found(pattern: RegExp, files = source): { value: string; path: string }[] {
	return files.flatMap(({ path, text }) => [...text.matchAll(pattern)].flatMap((m) => m.slice(1).filter(Boolean).map((value) => ({ value, path }))));
}

const missingIn = (keyOf: (value: string) => string, values: { value: string; path: string }[]) => {
	const missing: string[] = [];
	for (const { value, path } of values)
		for (const [language, texts] of [['sv', sv], ['en', en]] as [string, Texts][])
			if (!texts.has(keyOf(value))) missing.push(`${language}: ${keyOf(value)} (${path})`);
	return [...new Set(missing)];
};

describe('the source raises only codes with texts', () => {
	const codes = [
		...found(/badRequest\(\s*(?:[^,()]*?\?\s*)?'([a-z_]+)'(?:\s*:\s*'([a-z_]+)')?/g),
		...found(/new ApiError\(\s*\d{3},\s*'([a-z_]+)'/g),
		...found(/errorResponse\(\s*\d{3},\s*'([a-z_]+)'/g),
		// Geometry problems are raised from the code they carry.
		...found(/code: '([a-z_]+)'; message/g),
		...['unauthenticated', 'forbidden', 'not_found', 'version_conflict'].map((value) => ({ value, path: 'src/lib/server/api/errors.ts' }))
	];

	it('finds the codes (the patterns still match the source)', () => {
		const values = new Set(codes.map((c) => c.value));
		for (const code of ['validation_failed', 'invalid_geometry', 'control_characters', 'over_budget', 'invalid_recurrence', 'invalid_period', 'wrong_geometry_type', 'too_many_attempts', 'payload_too_large'])
			expect(values, code).toContain(code);
		expect(values.size).toBeGreaterThan(50);
	});

	it('every error code has a Swedish and an English text', () => {
		expect(missingIn((code) => `api.${code}`, codes)).toEqual([]);
	});

	it('every reason a 403 gives has its own text, and so has every entity a refusal can name', () => {
		const reasons = FORBIDDEN_REASONS.map((value) => ({ value, path: 'FORBIDDEN_REASONS' }));
		expect(missingIn((reason) => `api.forbidden_${reason}`, reasons)).toEqual([]);
		const raised = found(/forbidden\(\s*'([a-z_]+)'/g);
		expect(raised.filter((r) => !(FORBIDDEN_REASONS as readonly string[]).includes(r.value))).toEqual([]);
		const entities = [...ENTITIES.map((value) => ({ value, path: 'ENTITIES' })), ...found(/notFound\(\s*'([a-z_]+)'/g), ...found(/(?:forbidden|badRequest)\([^;]*?entity: '([a-z_]+)'/g)];
		expect(missingIn((entity) => `api.entity.${entity}`, entities)).toEqual([]);
	});

	it('every field problem has a text: zod issues in our words, hand-made ones, and the codes schemas give as messages', () => {
		const issues = [
			...ISSUE_CODES.map((value) => ({ value, path: 'ISSUE_CODES' })),
			{ value: 'control_character', path: 'control-characters.ts' },
			...found(/fieldIssue\(\s*'[^']*',\s*'([a-z_]+)'/g),
			// A schema's own message for a check is a code: `.min(4, 'ring_too_short')`, `{ message: 'ends_before_start' }`.
			...found(/\.(?:min|max|length|regex|refine|nonnegative|positive|uuid|email|url|int)\((?:[^()]|\([^()]*\))*?'([a-z]+(?:_[a-z0-9]+)*)'\s*\)/g),
			...found(/message: '([a-z]+(?:_[a-z0-9]+)*)'/g),
			...found(/_MESSAGE = '([a-z]+(?:_[a-z0-9]+)*)'/g)
		];
		expect(issues.map((i) => i.value)).toEqual(expect.arrayContaining(['ring_not_closed', 'ends_before_start', 'date_out_of_range', 'required_when_done', 'cell_outside_grid', 'version_required']));
		expect(missingIn((code) => `api.issue.${code}`, issues)).toEqual([]);
	});

	it('every geometry validity problem PostGIS reports has a text', () => {
		const geometry = source.filter((f) => f.path.endsWith('db/geometry.ts'));
		const reasons = found(/, '([a-z_]+)'\]/g, geometry);
		expect(reasons.length).toBeGreaterThan(5);
		expect(missingIn((reason) => `api.invalid_geometry_${reason}`, reasons)).toEqual([]);
	});

	it('sv and en api texts have the same keys', () => {
		const keys = (tree: unknown, prefix = ''): string[] =>
			Object.entries(tree as Record<string, unknown>).flatMap(([k, v]) => (typeof v === 'object' && v ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
		const api = (m: unknown) => keys((m as { api: unknown }).api).sort();
		expect(api(messages.sv)).toEqual(api(messages.en));
	});
});

describe('apiMessage', () => {
	it('names the entity in each language', () => {
		expect(apiMessage(sv, 'not_found', { entity: 'finding' }, 'x')).toBe('Fyndet finns inte, eller har tagits bort.');
		expect(apiMessage(en, 'not_found', { entity: 'finding' }, 'x')).toBe('The finding was not found, or has been removed.');
		expect(apiMessage(sv, 'unknown_reference', { field: 'walkId' }, 'x')).toBe('Vandringen finns inte. Välj ett annat alternativ.');
	});

	it('picks the text of a reason when it has one, else the code’s', () => {
		expect(textKey(sv, 'forbidden', { reason: 'not_your_area', entity: 'measure' })).toBe('api.forbidden_not_your_area');
		expect(apiMessage(sv, 'forbidden', { reason: 'not_your_area', entity: 'measure' }, 'x')).toBe('Åtgärden ligger i ett område där du inte har någon roll.');
		expect(textKey(sv, 'database_unavailable', { reason: 'ECONNREFUSED' })).toBe('api.database_unavailable');
		expect(textKey(sv, 'invalid_geometry', { reason: 'self_intersection' })).toBe('api.invalid_geometry_self_intersection');
	});

	it('puts statuses and geometry types into the language', () => {
		expect(apiMessage(sv, 'invalid_transition', { from: 'resolved', allowed: [] }, 'x')).toBe('Statusen kan inte ändras så från ”åtgärdad”. Möjliga nästa steg: inga.');
		expect(apiMessage(en, 'invalid_transition', { from: 'new', allowed: ['assigned', 'rejected'] }, 'x')).toBe(
			'The status cannot change like that from “new”. Possible next steps: assigned, rejected.'
		);
		expect(apiMessage(sv, 'wrong_geometry_type', { expected: ['Point'], got: 'Polygon' }, 'x')).toBe('Det här kan inte ritas som yta. Tillåtet: punkt.');
	});

	it('keeps the server’s English for a code without a text', () => {
		expect(apiMessage(sv, 'no_such_code', undefined, 'As sent.')).toBe('As sent.');
	});
});

describe('field problems in the reader’s language', () => {
	it('words zod’s issues in our own texts, with their figures and plural forms', () => {
		const schema = z.strictObject({
			title: z.string().min(1, 'required').max(3),
			code: z.string().min(2),
			count: z.number().int().nonnegative(),
			kind: z.enum(['culture', 'sport']),
			email: z.string().email(),
			areaIds: z.array(z.string()).min(1, 'area_required')
		});
		const parsed = schema.safeParse({ title: 'long', code: 'x', count: -1, kind: 'rave', email: 'no', areaIds: [], extra: 1 }, { reportInput: true });
		const issues = fieldIssuesOf(parsed.error!);
		expect(localizeDetails(sv, issues).map((i) => [i.path, i.code, i.message])).toEqual([
			['title', 'too_long', 'Högst 3 tecken.'],
			['code', 'too_short', 'Skriv minst 2 tecken.'],
			['count', 'negative', 'Får inte vara negativt.'],
			['kind', 'not_allowed', 'Välj ett av de tillåtna värdena (culture, sport).'],
			['email', 'not_email', 'Ange en e-postadress, till exempel namn@stockholm.se.'],
			['areaIds', 'area_required', 'Välj minst ett område.'],
			['extra', 'unknown_member', 'Okänt fält ”extra” – det tas inte emot här.']
		]);
		const one = fieldIssuesOf(z.object({ code: z.string().min(1).max(1) }).safeParse({ code: 'xy' }).error!);
		expect(localizeDetails(en, one)[0]!.message).toBe('At most 1 character.');
	});

	it('never leaves zod’s English in a Swedish answer for the domain’s create bodies', () => {
		const bodies: [z.ZodType, unknown][] = [
			[measureCreateSchema, { geometry: { type: 'Point', coordinates: ['x', 59] }, properties: { title: ' ', kind: 'laser', costSek: -5, extra: true } }],
			[eventCreateSchema, { geometry: { type: 'Polygon', coordinates: [[[18, 59], [18.1, 59], [18, 59.1]]] }, properties: { title: '', startsAt: 'tomorrow', expectedAttendance: 1.5 } }],
			[walkCreateSchema, { properties: { title: 3, startsAt: '2023-13-40T25:00:00Z', kind: 'stroll' } }],
			[partnerCreateSchema, { properties: { name: '', kind: 'company', contact: { email: 'x', website: 'ftp://x' }, areaIds: ['nope'] } }],
			[programmeCreateSchema, { properties: { name: '', startsOn: '2024-05-01', endsOn: '2024-01-01', areaIds: [] } }],
			[zoneCreateSchema, { properties: { name: '' }, fromCells: { cell: 10, ids: ['x'] } }],
			[findingCreateSchema, { geometry: { type: 'Point', coordinates: [18, 59] }, properties: { category: 'noise', severity: 7, timesOfDay: ['dusk'] } }],
			[z.object({ bbox: z.string().regex(/^\d$/, 'bbox_format'), day: z.iso.date() }), { bbox: 'a', day: '0000-01-01' }]
		];
		for (const [schema, body] of bodies) {
			const parsed = schema.safeParse(body, { reportInput: true });
			expect(parsed.success).toBe(false);
			const messages = localizeDetails(sv, fieldIssuesOf(parsed.error!)).map((i) => i.message);
			expect(messages.length).toBeGreaterThan(0);
			// zod's English says "Invalid", "expected", "Too small"…; ours never does in Swedish.
			expect(messages.filter((m) => /invalid|expected|too (small|big)|received|must|required/i.test(m))).toEqual([]);
		}
	});
});
