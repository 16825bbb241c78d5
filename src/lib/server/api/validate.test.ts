import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from './errors';
import { validate } from './endpoint';

function issuesOf(fn: () => unknown) {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(ApiError);
		return { code: (error as ApiError).code, details: (error as ApiError).details };
	}
	throw new Error('expected an ApiError');
}

describe('validate(): unknown members of strict objects', () => {
	const schema = z.strictObject({ type: z.literal('Feature').optional(), properties: z.strictObject({ title: z.string() }) });

	it('names each unknown member by its own path', () => {
		const { code, details } = issuesOf(() => validate(schema, { version: '1', colour: 'red', properties: { title: 'x', titel: 'y' } }));
		expect(code).toBe('validation_failed');
		expect(details).toHaveLength(3);
		expect(details).toEqual(
			expect.arrayContaining([
				{ path: 'version', code: 'unknown_member', key: 'version', message: 'unknown member "version"' },
				{ path: 'colour', code: 'unknown_member', key: 'colour', message: 'unknown member "colour"' },
				{ path: 'properties.titel', code: 'unknown_member', key: 'titel', message: 'unknown member "titel"' }
			])
		);
	});

	it('reports wrongly typed members with their path as before', () => {
		expect(issuesOf(() => validate(schema, { type: 'FeatureCollection', properties: { title: 5 } })).details).toEqual([
			{ path: 'type', code: 'not_allowed', values: ['Feature'], message: expect.any(String) },
			{ path: 'properties.title', code: 'not_text', message: expect.any(String) }
		]);
	});

	it('tells a missing member from one of the wrong type', () => {
		expect(issuesOf(() => validate(schema, { properties: {} })).details).toEqual([{ path: 'properties.title', code: 'required', message: expect.any(String) }]);
		expect(issuesOf(() => validate(schema, { properties: { title: null } })).details).toEqual([{ path: 'properties.title', code: 'not_text', message: expect.any(String) }]);
	});
});
