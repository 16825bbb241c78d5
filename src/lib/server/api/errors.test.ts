import { describe, it, expect } from 'vitest';
import { z } from 'zod';
import {
	ApiError,
	badRequest,
	describeIssues,
	errorBody,
	errorResponse,
	forbidden,
	notFound,
	setPoolSaturation,
	toApiError,
	unauthenticated,
	versionConflict
} from './errors';

/** The parts of an ApiError a client sees. */
const shape = (e: ApiError | null) => e && { status: e.status, code: e.code, message: e.message, details: e.details };

/** What node-postgres / PGlite throw: an Error with SQLSTATE `code` and more fields. */
function dbError(fields: { code: string; constraint?: string; message?: string; detail?: string }) {
	return Object.assign(new Error(fields.message ?? 'database error'), fields);
}

describe('toApiError', () => {
	it('returns an ApiError as is', () => {
		const error = new ApiError(418, 'teapot', 'I am a teapot', { brew: 'tea' });
		expect(toApiError(error)).toBe(error);
		const conflict = versionConflict(7);
		expect(toApiError(conflict)).toBe(conflict);
	});

	it('maps a ZodError to 400 validation_failed with path/message details', () => {
		const schema = z.object({
			name: z.string().min(1, 'a name is required'),
			tags: z.array(z.number().max(10, 'too big'))
		});
		const result = schema.safeParse({ name: '', tags: [1, 50] });
		expect(result.success).toBe(false);
		expect(shape(toApiError(result.error))).toEqual({
			status: 400,
			code: 'validation_failed',
			message: 'Some fields are missing or invalid.',
			details: [
				{ path: 'name', code: 'empty', message: 'a name is required' },
				{ path: 'tags.1', code: 'too_big', maximum: 10, message: 'too big' }
			]
		});
	});

	it('maps a thrown ZodError (from .parse) the same way', () => {
		let thrown: unknown;
		try {
			z.object({ version: z.number().int('whole number') }).parse({ version: 1.5 });
		} catch (error) {
			thrown = error;
		}
		expect(shape(toApiError(thrown))).toEqual({
			status: 400,
			code: 'validation_failed',
			message: 'Some fields are missing or invalid.',
			details: [{ path: 'version', code: 'not_integer', message: 'whole number' }]
		});
	});

	it('maps a check violation on a *_valid constraint to 400 invalid_geometry', () => {
		const error = dbError({
			code: '23514',
			constraint: 'areas_geom_valid',
			message: 'new row for relation "areas" violates check constraint "areas_geom_valid"'
		});
		expect(shape(toApiError(error))).toEqual({
			status: 400,
			code: 'invalid_geometry',
			message: 'The geometry is not valid (e.g. self-intersecting).',
			details: undefined
		});
	});

	it('maps another check violation to 400 constraint_violation naming the constraint', () => {
		expect(shape(toApiError(dbError({ code: '23514', constraint: 'x' })))).toEqual({
			status: 400,
			code: 'constraint_violation',
			message: 'A value is outside what is allowed.',
			details: { constraint: 'x' }
		});
		// A constraint that merely contains "valid" is not a geometry-validity constraint.
		expect(toApiError(dbError({ code: '23514', constraint: 'areas_valid_from_check' }))?.code).toBe(
			'constraint_violation'
		);
		expect(toApiError(dbError({ code: '23514' }))?.code).toBe('constraint_violation');
	});

	it('maps a unique violation (23505) to 409 already_exists', () => {
		expect(shape(toApiError(dbError({ code: '23505', constraint: 'areas_tenant_id_slug_key' })))).toEqual({
			status: 409,
			code: 'already_exists',
			message: 'Something with the same unique value already exists.',
			details: { constraint: 'areas_tenant_id_slug_key' }
		});
	});

	it('maps a restrict violation (23001) to 409 in_use', () => {
		expect(shape(toApiError(dbError({ code: '23001', constraint: 'areas_parent_id_fkey' })))).toEqual({
			status: 409,
			code: 'in_use',
			message: 'Other records still refer to this; remove or move them first.',
			details: { constraint: 'areas_parent_id_fkey' }
		});
	});

	it('maps a foreign-key violation on update or delete (23503) to 409 in_use', () => {
		const error = dbError({
			code: '23503',
			constraint: 'partner_areas_area_id_fkey',
			message: 'update or delete on table "areas" violates foreign key constraint "partner_areas_area_id_fkey" on table "partner_areas"'
		});
		expect(shape(toApiError(error))).toEqual({
			status: 409,
			code: 'in_use',
			message: 'Other records still refer to this; remove or move them first.',
			details: { constraint: 'partner_areas_area_id_fkey' }
		});
	});

	it('maps a foreign-key violation on insert (23503) to 400 unknown_reference', () => {
		const error = dbError({
			code: '23503',
			constraint: 'areas_parent_id_fkey',
			message: 'insert or update on table "areas" violates foreign key constraint "areas_parent_id_fkey"'
		});
		expect(shape(toApiError(error))).toEqual({
			status: 400,
			code: 'unknown_reference',
			message: 'A referenced record does not exist.',
			details: { constraint: 'areas_parent_id_fkey' }
		});
	});

	it.each(['22P02', '22007', '22008', '22003'])('maps %s to 400 invalid_value', (code) => {
		expect(shape(toApiError(dbError({ code, message: 'invalid input syntax for type uuid: "abc"' })))).toEqual({
			status: 400,
			code: 'invalid_value',
			message: 'A value has the wrong format or is out of range.',
			details: undefined
		});
	});

	it.each([
		'lwgeom_from_geojson: unknown geojson type',
		'Invalid polygon: ring not closed',
		'geometry requires more points',
		'Too few COORDINATES'
	])('maps XX000 "%s" to 400 invalid_geometry with the message', (message) => {
		expect(shape(toApiError(dbError({ code: 'XX000', message })))).toEqual({
			status: 400,
			code: 'invalid_geometry',
			message: `The geometry could not be read: ${message}`,
			details: { reason: 'unreadable', postgis: message }
		});
	});

	it('maps the PostGIS dimension error 22023 to a 400', () => {
		const error = dbError({ code: '22023', message: 'Geometry has Z dimension but column does not' });
		expect(toApiError(error)?.status).toBe(400);
	});

	it('leaves any other XX000 internal error to the 500 handler', () => {
		expect(toApiError(dbError({ code: 'XX000', message: 'could not open relation with OID 1234' }))).toBeNull();
	});

	it('leaves unmapped SQLSTATEs (e.g. 40001 serialization failure) to the 500 handler', () => {
		expect(toApiError(dbError({ code: '40001' }))).toBeNull();
		// Cancelled statements and a full server are the database's state, not a bug: 503s (below).
		expect(toApiError(dbError({ code: '57014' }))?.status).toBe(503);
		expect(toApiError(dbError({ code: '53300' }))?.status).toBe(503);
	});

	it('returns null for a plain Error and for non-errors', () => {
		expect(toApiError(new Error('boom'))).toBeNull();
		expect(toApiError(new TypeError('x is undefined'))).toBeNull();
		expect(toApiError(undefined)).toBeNull();
		expect(toApiError(null)).toBeNull();
		expect(toApiError('23505')).toBeNull();
	});

	it('does not take a code that is not a 5-character SQLSTATE for a database error', () => {
		// (ECONNREFUSED is a connection failure: 503, tested below.)
		expect(toApiError({ code: 23505, message: 'numeric code' })).toBeNull();
		expect(toApiError({ code: '2350', message: 'too short' })).toBeNull();
		expect(toApiError({ code: '23505x', message: 'too long' })).toBeNull();
	});

	it('accepts a plain object carrying a SQLSTATE code', () => {
		expect(toApiError({ code: '23505', constraint: 'k', message: 'dup' })?.status).toBe(409);
	});
});

describe('errorBody and errorResponse', () => {
	it('omits details when they are undefined', () => {
		const body = errorBody('not_found', 'Area was not found.');
		expect(body).toEqual({ error: { code: 'not_found', message: 'Area was not found.' } });
		expect('details' in body.error).toBe(false);
		expect(JSON.stringify(errorBody('a', 'b', undefined))).toBe('{"error":{"code":"a","message":"b"}}');
	});

	it('includes details when given, even falsy ones', () => {
		expect(errorBody('c', 'm', { limit: 100 })).toEqual({ error: { code: 'c', message: 'm', details: { limit: 100 } } });
		expect(errorBody('c', 'm', null)).toEqual({ error: { code: 'c', message: 'm', details: null } });
		expect(errorBody('c', 'm', 0)).toEqual({ error: { code: 'c', message: 'm', details: 0 } });
	});

	it('builds a JSON Response with the status', async () => {
		const response = errorResponse(409, 'version_conflict', 'changed', { currentVersion: 4 });
		expect(response.status).toBe(409);
		expect(response.headers.get('content-type')).toBe('application/json');
		expect(await response.json()).toEqual({
			error: { code: 'version_conflict', message: 'changed', details: { currentVersion: 4 } }
		});
	});
});

describe('error constructors', () => {
	it('build the documented status and code', () => {
		expect(shape(badRequest('invalid_query', 'bad', [1]))).toEqual({
			status: 400,
			code: 'invalid_query',
			message: 'bad',
			details: [1]
		});
		expect(shape(unauthenticated())).toMatchObject({ status: 401, code: 'unauthenticated' });
		expect(shape(forbidden())).toEqual({
			status: 403,
			code: 'forbidden',
			message: 'Your role does not allow this (role in area).',
			details: { reason: 'role_in_area' }
		});
		expect(shape(forbidden('not_your_area', { entity: 'measure' }))).toMatchObject({ status: 403, code: 'forbidden', details: { reason: 'not_your_area', entity: 'measure' } });
		expect(shape(notFound('partner'))).toEqual({
			status: 404,
			code: 'not_found',
			message: 'The partner was not found.',
			details: { entity: 'partner' }
		});
		expect(shape(versionConflict(5))).toMatchObject({ status: 409, code: 'version_conflict', details: { currentVersion: 5 } });
	});

	it('still take the older free-text forms, naming the entity where the phrase gives it', () => {
		// Free text keeps its English and gets the general 403 text in other languages.
		expect(shape(forbidden('Only admins.'))).toEqual({ status: 403, code: 'forbidden', message: 'Only admins.', details: undefined });
		expect(notFound('The finding').details).toEqual({ entity: 'finding' });
		expect(notFound('The problem zone').details).toEqual({ entity: 'zone' });
		expect(notFound('The budget line').details).toEqual({ entity: 'budget_line' });
		expect(notFound('Something else').details).toEqual({ entity: 'record' });
	});

	it('are real Errors', () => {
		expect(notFound('Area')).toBeInstanceOf(Error);
	});
});

describe('describeIssues', () => {
	it('joins nested paths with dots and keeps the root as an empty path', () => {
		const result = z
			.object({ properties: z.object({ contact: z.object({ email: z.string().email('bad e-mail') }) }) })
			.refine(() => false, 'whole body')
			.safeParse({ properties: { contact: { email: 'x' } } });
		expect(result.success).toBe(false);
		expect(describeIssues(result.error!)).toEqual([
			{ path: 'properties.contact.email', code: 'not_email', message: 'bad e-mail' },
			{ path: '', code: 'invalid', message: 'whole body' }
		]);

		const root = z.string().refine(() => false, 'whole body').safeParse('x');
		expect(describeIssues(root.error!)).toEqual([{ path: '', code: 'invalid', message: 'whole body' }]);
	});
});

describe('a database that cannot be reached', () => {
	const unavailable = (reason: string) => ({ status: 503, code: 'database_unavailable', message: expect.any(String), details: { reason } });

	it('is a 503 with Retry-After when the server refuses or drops connections', () => {
		const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
		expect(shape(toApiError(refused))).toEqual(unavailable('ECONNREFUSED'));
		expect(toApiError(refused)!.headers).toEqual({ 'retry-after': '2' });
		// A restart ends every session: "terminating connection due to administrator command".
		expect(shape(toApiError(dbError({ code: '57P01', message: 'terminating connection due to administrator command' })))).toEqual(unavailable('57P01'));
		expect(shape(toApiError(dbError({ code: '57P03', message: 'the database system is starting up' })))).toEqual(unavailable('57P03'));
		expect(shape(toApiError(dbError({ code: '08006' })))).toEqual(unavailable('08006'));
		expect(shape(toApiError(new Error('Connection terminated unexpectedly')))).toEqual(unavailable('Connection terminated unexpectedly'));
		expect(shape(toApiError(new Error('timeout exceeded when trying to connect')))).toEqual(unavailable('timeout exceeded when trying to connect'));
	});

	it('looks into causes and aggregated errors (Node reports IPv4 and IPv6 attempts together)', () => {
		const both = new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })], 'connect failed');
		expect(shape(toApiError(both))).toEqual(unavailable('ECONNREFUSED'));
		expect(shape(toApiError(new Error('query failed', { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) })))).toEqual(unavailable('ECONNRESET'));
	});

	it('tells a full connection pool (server busy) from a database that is away', () => {
		setPoolSaturation(() => true);
		try {
			const busy = toApiError(new Error('timeout exceeded when trying to connect'))!;
			expect([busy.status, busy.code, busy.headers?.['retry-after']]).toEqual([503, 'server_busy', '2']);
			// A refused connection is the database away, however busy the pool.
			expect(shape(toApiError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })))).toEqual(unavailable('ECONNREFUSED'));
		} finally {
			setPoolSaturation(() => false);
		}
		expect(toApiError(new Error('timeout exceeded when trying to connect'))!.code).toBe('database_unavailable');
	});

	it('is a 503 query_timeout when a statement runs past statement_timeout', () => {
		expect(shape(toApiError(dbError({ code: '57014', message: 'canceling statement due to statement timeout' })))).toMatchObject({ status: 503, code: 'query_timeout' });
	});

	it('leaves other errors alone (a bug of ours stays a 500)', () => {
		expect(toApiError(new Error('Cannot read properties of undefined'))).toBeNull();
		expect(toApiError(dbError({ code: '42P01', message: 'relation "nope" does not exist' }))).toBeNull();
	});
});
