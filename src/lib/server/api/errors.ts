/**
 * The API's error shape, `{ error: { code, message, details? } }`, and the one place
 * where domain, validation and database errors are mapped to it. Bad input is always a
 * 4xx; only a fault of ours is a 500.
 */
import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { ENTITIES, isEntity, type Entity } from '$lib/api/error-text';
import { fieldIssuesOf } from '$lib/api/issues';

export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly details?: unknown,
		/** Extra response headers, e.g. `Retry-After` on a 429 or 503. */
		readonly headers?: Record<string, string>
	) {
		super(message);
	}
}

export const badRequest = (code: string, message: string, details?: unknown) =>
	new ApiError(400, code, message, details);
export const unauthenticated = () => new ApiError(401, 'unauthenticated', 'Log in or send a valid API token.');

/**
 * Why a role may not do something. Each has a text `api.forbidden_<reason>` in both
 * languages; `entity` in the details names what was refused ("the measure is not in an
 * area you work in").
 */
export const FORBIDDEN_REASONS = [
	'role_in_area',
	'every_area',
	'not_your_area',
	'may_not_change',
	'partner_status_only',
	'own_new_findings_only',
	'report_in_area',
	'incident_access',
	'incident_access_area',
	'incident_import',
	'join_code_other_walk',
	'join_code_own_walk',
	'join_code_own_area',
	'coordinator_anywhere',
	'review_in_area'
] as const;
export type ForbiddenReason = (typeof FORBIDDEN_REASONS)[number];

const isForbiddenReason = (value: string): value is ForbiddenReason => (FORBIDDEN_REASONS as readonly string[]).includes(value);

/** 403 for a reason the UI can say in its language: `forbidden('not_your_area', { entity: 'measure' })`. */
export function forbidden(reason?: ForbiddenReason, details?: { entity?: Entity } & Record<string, unknown>): ApiError;
/** @deprecated Free English text cannot be shown in Swedish: name a reason instead. */
export function forbidden(message: string): ApiError;
export function forbidden(reason: string = 'role_in_area', details?: Record<string, unknown>): ApiError {
	if (!isForbiddenReason(reason)) return new ApiError(403, 'forbidden', reason);
	return new ApiError(403, 'forbidden', `Your role does not allow this (${reason.replaceAll('_', ' ')}).`, { reason, ...details });
}

/** `The finding` (the older way to name what was not found) → `finding`. */
function entityNamed(what: string): Entity | undefined {
	const noun = what.replace(/^(the|that|this)\s+/i, '').trim().toLowerCase().replaceAll(' ', '_');
	if (isEntity(noun)) return noun;
	if (noun === 'problem_zone') return 'zone';
	return undefined;
}

/** 404 naming what was not found, so the text can name it in either language: `notFound('finding')`. */
export function notFound(entity: Entity): ApiError;
/** @deprecated Name the entity (`'finding'`), not an English phrase. */
export function notFound(what: string): ApiError;
export function notFound(what: string): ApiError {
	const entity = isEntity(what) ? what : (entityNamed(what) ?? 'record');
	return new ApiError(404, 'not_found', `The ${entity.replaceAll('_', ' ')} was not found.`, { entity });
}
export { ENTITIES, type Entity };
export const versionConflict = (current: number) =>
	new ApiError(409, 'version_conflict', 'Someone else changed this since you loaded it; reload and try again.', {
		currentVersion: current
	});

export function errorBody(code: string, message: string, details?: unknown) {
	return { error: details === undefined ? { code, message } : { code, message, details } };
}

export function errorResponse(status: number, code: string, message: string, details?: unknown, headers?: Record<string, string>): Response {
	return json(errorBody(code, message, details), { status, headers });
}

/** Seconds a client should wait before trying again while the database is away. */
export const DATABASE_RETRY_AFTER_S = 2;

export const databaseUnavailable = (reason: string) =>
	new ApiError(503, 'database_unavailable', 'The database is temporarily unavailable; try again in a moment.', { reason }, {
		'retry-after': String(DATABASE_RETRY_AFTER_S)
	});

/**
 * Every connection of the pool in use by other requests (the server is overloaded, the database
 * is there): a wait for a connection that runs out is then `server_busy`, not the database
 * being away. The database module sets how to tell.
 */
let poolSaturated: () => boolean = () => false;
export function setPoolSaturation(saturated: () => boolean) {
	poolSaturated = saturated;
}

export const serverBusy = () =>
	new ApiError(503, 'server_busy', 'The server is busy; try again in a moment.', undefined, { 'retry-after': String(DATABASE_RETRY_AFTER_S) });

/** Network-level failures of the connection to the database server (node-postgres, Node's net). */
const CONNECTION_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const CONNECTION_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly|the database system is (starting up|shutting down|in recovery mode)|terminating connection due to administrator command|Client was closed and is not queryable|Cannot use a pool after calling end/i;

/**
 * Why the database cannot be reached, or null when the error is something else: the
 * server is down, restarting or refusing connections (SQLSTATE class 08, 57P01–57P03,
 * 53300), or the connection broke mid-request.
 */
export function databaseUnreachable(error: unknown): string | null {
	if (typeof error !== 'object' || error === null) return null;
	const { code, message } = error as { code?: unknown; message?: unknown };
	if (typeof code === 'string') {
		if (CONNECTION_ERRNOS.has(code)) return code;
		if (/^08[0-9A-Z]{3}$/.test(code) || ['57P01', '57P02', '57P03', '53300'].includes(code)) return code;
	}
	if (typeof message === 'string' && CONNECTION_MESSAGES.test(message)) return message;
	const cause = (error as { cause?: unknown }).cause;
	if (cause && cause !== error) return databaseUnreachable(cause);
	if (error instanceof AggregateError)
		for (const inner of error.errors) {
			const reason = databaseUnreachable(inner);
			if (reason) return reason;
		}
	return null;
}

/** Issues of a failed parse, as `{ path, code, message }` a client can show next to fields. */
export function describeIssues(error: z.ZodError) {
	return fieldIssuesOf(error);
}

interface DatabaseError {
	code: string;
	constraint?: string;
	detail?: string;
	message: string;
}

function isDatabaseError(error: unknown): error is DatabaseError {
	return (
		typeof error === 'object' &&
		error !== null &&
		'code' in error &&
		typeof (error as { code: unknown }).code === 'string' &&
		/^[0-9A-Z]{5}$/.test((error as { code: string }).code)
	);
}

/** Maps a database error caused by the request's content to a 4xx, or null when it is ours. */
function fromDatabaseError(error: DatabaseError): ApiError | null {
	switch (error.code) {
		case '23514': // check_violation
			if (error.constraint?.endsWith('_valid'))
				return badRequest('invalid_geometry', 'The geometry is not valid (e.g. self-intersecting).');
			return badRequest('constraint_violation', 'A value is outside what is allowed.', { constraint: error.constraint });
		case '23505': // unique_violation
			return new ApiError(409, 'already_exists', 'Something with the same unique value already exists.', {
				constraint: error.constraint
			});
		case '23001': // restrict_violation: still referenced by rows that must not vanish with it
			return new ApiError(409, 'in_use', 'Other records still refer to this; remove or move them first.', {
				constraint: error.constraint
			});
		case '23503': // foreign_key_violation
			return error.message.includes('update or delete')
				? new ApiError(409, 'in_use', 'Other records still refer to this; remove or move them first.', {
						constraint: error.constraint
					})
				: badRequest('unknown_reference', 'A referenced record does not exist.', { constraint: error.constraint });
		case '57014': // query_canceled: the statement ran past statement_timeout
			return new ApiError(503, 'query_timeout', 'The database took too long to answer; narrow the request or try again later.');
		case '22023': // invalid_parameter_value (e.g. PostGIS: geometry has Z dimension but column does not)
		case '22P02': // invalid_text_representation
		case '22007': // invalid_datetime_format
		case '22008': // datetime_field_overflow
		case '22003': // numeric_value_out_of_range
			return badRequest('invalid_value', 'A value has the wrong format or is out of range.');
		// Text the database cannot store (NUL in text, \u0000 in JSON). Input is checked for
		// control characters before it gets here; this catches a way in that was missed.
		case '22021': // character_not_in_repertoire
		case '22P05': // untranslatable_character
			return badRequest('control_characters', 'Text may not contain control characters (NUL and the like).');
		case 'XX000':
			// PostGIS reports unparseable or impossible geometry input as an internal error.
			if (/geometry|geojson|ring|polygon|coordinate/i.test(error.message))
				return badRequest('invalid_geometry', `The geometry could not be read: ${error.message}`, { reason: 'unreadable', postgis: error.message });
			return null;
		default:
			return null;
	}
}

export function toApiError(error: unknown): ApiError | null {
	if (error instanceof ApiError) return error;
	const unreachable = databaseUnreachable(error);
	if (unreachable) return /timeout exceeded when trying to connect/i.test(unreachable) && poolSaturated() ? serverBusy() : databaseUnavailable(unreachable);
	if (error instanceof z.ZodError)
		return badRequest('validation_failed', 'Some fields are missing or invalid.', describeIssues(error));
	if (isDatabaseError(error)) return fromDatabaseError(error);
	return null;
}
