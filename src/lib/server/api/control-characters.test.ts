import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError, toApiError } from './errors';
import { assertNoControlCharacters, assertNoControlCharactersIn, controlCharacterField, controlCharacterIn, controlCharacterIssues } from './control-characters';
import { idParam, readQuery, validate } from './endpoint';

const controls = [...Array(32).keys()].map((c) => String.fromCharCode(c)).concat('\u007f');
const allowed = ['\t', '\n', '\r'];

function errorOf(fn: () => unknown): ApiError {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(ApiError);
		return error as ApiError;
	}
	throw new Error('expected an ApiError');
}

describe('controlCharacterIn', () => {
	it.each(controls.filter((c) => !allowed.includes(c)))('finds the control character %j', (c) => {
		expect(controlCharacterIn(`Trasig${c}lampa`)).toBe(`U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
	});

	it('allows tab, line feed and carriage return, and ordinary Swedish text', () => {
		expect(controlCharacterIn('Rad ett\r\nRad två\tmed tabb – åäö é ✓ 🙂')).toBeNull();
	});

	it('leaves C1 controls and other Unicode alone (PostgreSQL stores them)', () => {
		expect(controlCharacterIn('\u0085\u009f\u200b\ufeff')).toBeNull();
	});
});

describe('controlCharacterIssues', () => {
	it('names every field by its path, in arrays and nested objects, and object keys too', () => {
		const body = { properties: { title: 'ok', description: 'a\u0000b', exdates: ['x', 'y\u0001'], audit: { ['bad\u0000key']: 1 } }, geometry: null };
		expect(controlCharacterIssues(body)).toEqual([
			{ path: 'properties.description', code: 'control_character', character: 'U+0000', message: 'must not contain control characters (found U+0000)' },
			{ path: 'properties.exdates.1', code: 'control_character', character: 'U+0001', message: 'must not contain control characters (found U+0001)' },
			{ path: 'properties.audit.bad\\u0000key', code: 'control_character', character: 'U+0000', message: 'must not contain control characters (found U+0000)' }
		]);
	});

	it('finds nothing in clean bodies, numbers, booleans and null', () => {
		expect(controlCharacterIssues({ a: [1, true, null, 'Tantolunden\n'], b: { c: 2.5 } })).toEqual([]);
	});

	it('walks a very deeply nested body without overflowing the stack', () => {
		let deep: unknown = 'x\u0000';
		for (let i = 0; i < 100_000; i++) deep = [deep];
		const issues = controlCharacterIssues(deep);
		expect(issues).toHaveLength(1);
		expect(issues[0]!.path.split('.')).toHaveLength(100_000);
	});

	it('lists at most 20 issues', () => {
		expect(controlCharacterIssues(Array(100).fill('\u0000'))).toHaveLength(20);
	});
});

describe('the 400 everywhere', () => {
	it('assertNoControlCharacters throws 400 control_characters naming the fields', () => {
		const error = errorOf(() => assertNoControlCharacters({ name: '\u0000', ok: 'x' }));
		expect({ status: error.status, code: error.code }).toEqual({ status: 400, code: 'control_characters' });
		expect(error.message).toContain('name');
		expect(error.details).toEqual([{ path: 'name', code: 'control_character', character: 'U+0000', message: 'must not contain control characters (found U+0000)' }]);
	});

	it('validate() refuses control characters before the schema (even in members the schema would drop)', () => {
		const schema = z.object({ name: z.string() });
		expect(errorOf(() => validate(schema, { name: 'ok', extra: '\u0007' })).code).toBe('control_characters');
		expect(validate(schema, { name: 'Rad 1\nRad 2\t!' })).toEqual({ name: 'Rad 1\nRad 2\t!' });
	});

	it('readQuery() refuses a control character in a parameter value or name', () => {
		const schema = z.object({ filename: z.string().optional() });
		const value = errorOf(() => readQuery(new URL('http://x/api?filename=a%00b.csv'), schema));
		expect([value.code, (value.details as { path: string }[])[0]!.path]).toEqual(['control_characters', 'filename']);
		expect(errorOf(() => readQuery(new URL('http://x/api?a%01=1'), schema)).code).toBe('control_characters');
		expect(readQuery(new URL('http://x/api?filename=ok.csv'), schema)).toEqual({ filename: 'ok.csv' });
	});

	it('idParam() refuses a control character with 400 naming the parameter, other non-UUIDs stay 404', () => {
		const error = errorOf(() => idParam('\u0000', 'The finding', 'photoId'));
		expect([error.status, error.code, (error.details as { path: string }[])[0]!.path]).toEqual([400, 'control_characters', 'photoId']);
		expect(errorOf(() => idParam('42', 'The finding')).status).toBe(404);
	});

	it('assertNoControlCharactersIn() checks named values such as headers', () => {
		expect(errorOf(() => assertNoControlCharactersIn([['Idempotency-Key', 'k\u0000']])).details).toEqual([
			{ path: 'Idempotency-Key', code: 'control_character', character: 'U+0000', message: 'must not contain control characters (found U+0000)' }
		]);
		expect(() => assertNoControlCharactersIn([['Idempotency-Key', null]])).not.toThrow();
	});

	it('controlCharacterField() names the first bad text field of a form and skips files', () => {
		const form = new FormData();
		form.append('email', 'a@b.se');
		form.append('photo', new Blob([new Uint8Array([0, 1, 2])]), 'x.jpg');
		expect(controlCharacterField(form)).toBeNull();
		form.append('password', 'hemligt\u0000');
		expect(controlCharacterField(form)).toBe('password');
	});
});

describe('the database as a safety net', () => {
	const dbError = (code: string) => Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code });

	it.each(['22021', '22P05'])('maps SQLSTATE %s to 400 control_characters', (code) => {
		const error = toApiError(dbError(code));
		expect({ status: error?.status, code: error?.code }).toEqual({ status: 400, code: 'control_characters' });
	});
});
