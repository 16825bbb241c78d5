/**
 * Endpoint plumbing: the wrapper that turns thrown errors into the error shape, and
 * readers for JSON bodies and query strings that fail with a clear 4xx.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { config } from '../config';
import { ApiError, badRequest, describeIssues, errorResponse, notFound, toApiError } from './errors';
import type { Entity } from '$lib/api/error-text';
import { detailsFor, messageFor } from './messages';
import { fieldIssue, fieldIssuesOf } from '$lib/api/issues';
import { assertNoControlCharacters, assertNoControlCharactersIn } from './control-characters';

/** The error as the API answers it, its message in the request's language. */
export function apiErrorResponse(event: RequestEvent, apiError: ApiError): Response {
	const { locale } = event.locals;
	const message = messageFor(locale, apiError.code, apiError.message, apiError.details);
	const response = errorResponse(apiError.status, apiError.code, message, detailsFor(locale, apiError.details), apiError.headers);
	// The rest of an oversized body was never read: the connection cannot be reused.
	if (apiError.status === 413) response.headers.set('connection', 'close');
	return response;
}

export function endpoint<E extends RequestEvent>(handler: (event: E) => Promise<Response>) {
	return async (event: E): Promise<Response> => {
		try {
			return await handler(event);
		} catch (error) {
			const apiError = toApiError(error);
			if (apiError) return apiErrorResponse(event, apiError);
			console.error(`[${event.locals.requestId}] ${event.request.method} ${event.url.pathname}`, error);
			return apiErrorResponse(event, new ApiError(500, 'internal_error', 'Something went wrong on our side.', { requestId: event.locals.requestId }));
		}
	};
}

/** The body's bytes, refusing more than `limit` whatever Content-Length claims. */
async function readBytes(request: Request, limit: number): Promise<Buffer> {
	const tooLarge = () => new ApiError(413, 'payload_too_large', `The request body is larger than ${limit} bytes.`, { limit });
	const declared = Number(request.headers.get('content-length') ?? NaN);
	if (declared > limit) throw tooLarge();
	if (!request.body) return Buffer.alloc(0);
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		let result: ReadableStreamReadResult<Uint8Array>;
		try {
			result = await reader.read();
		} catch {
			// The server's own body limit aborts the stream; report it as the same 413.
			throw tooLarge();
		}
		if (result.done) break;
		size += result.value.byteLength;
		if (size > limit) {
			await reader.cancel();
			throw tooLarge();
		}
		chunks.push(result.value);
	}
	return Buffer.concat(chunks);
}

/** Reads the body as text, refusing more than `limit` bytes whatever Content-Length claims. */
async function readText(request: Request, limit: number): Promise<string> {
	return new TextDecoder('utf-8', { fatal: false }).decode(await readBytes(request, limit));
}

/** A JSON body validated by `schema`; geometry problems are reported as `invalid_geometry`. */
export async function readJson<S extends z.ZodType>(
	request: Request,
	schema: S,
	limit = config.LYKTA_JSON_LIMIT
): Promise<z.infer<S>> {
	const type = request.headers.get('content-type') ?? '';
	if (!/^application\/(.+\+)?json\b/i.test(type))
		throw new ApiError(415, 'unsupported_media_type', 'Send the body as application/json.', { expected: 'application/json' });
	const text = await readText(request, limit);
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch (error) {
		throw badRequest('invalid_json', `The body is not valid JSON: ${(error as Error).message}`, { parser: (error as Error).message });
	}
	return validate(schema, body);
}

/**
 * A parsed body checked against `schema`: first for control characters anywhere in it
 * (400 `control_characters`), then the schema; geometry problems are reported as
 * `invalid_geometry`, everything else as `validation_failed`, each naming its field.
 */
export function validate<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
	assertNoControlCharacters(body);
	// reportInput tells a missing member from one of the wrong type; the input is never sent back.
	const parsed = schema.safeParse(body, { reportInput: true });
	if (!parsed.success) {
		const issues = fieldIssuesOf(parsed.error);
		const geometry = issues.some((i) => i.path === 'geometry' || i.path.startsWith('geometry.'));
		throw geometry
			? badRequest('invalid_geometry', 'The geometry is not valid GeoJSON.', issues)
			: badRequest('validation_failed', 'Some fields are missing or invalid.', issues);
	}
	return parsed.data;
}

/** A multipart/form-data body of at most `limit` bytes (413 beyond, whatever the server's own limit). */
export async function readForm(request: Request, limit: number): Promise<FormData> {
	const type = request.headers.get('content-type') ?? '';
	if (!/^multipart\/form-data\b/i.test(type))
		throw new ApiError(415, 'unsupported_media_type', 'Send the body as multipart/form-data.', { expected: 'multipart/form-data' });
	const bytes = await readBytes(request, limit);
	try {
		return await new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': type } }).formData();
	} catch {
		throw badRequest('invalid_multipart', 'The multipart body could not be read.');
	}
}

/** A JSON field of a multipart body, parsed and validated. */
export function jsonField<S extends z.ZodType>(form: FormData, field: string, schema: S): z.infer<S> {
	const value = form.get(field);
	if (typeof value !== 'string') throw badRequest('validation_failed', `The "${field}" field with JSON is missing.`, [fieldIssue(field, 'required')]);
	let body: unknown;
	try {
		body = JSON.parse(value);
	} catch (error) {
		throw badRequest('invalid_json', `The "${field}" field is not valid JSON: ${(error as Error).message}`, { field, parser: (error as Error).message });
	}
	return validate(schema, body);
}

/** Query-string parameters validated by `schema` (an object schema over strings); control characters are refused first. */
export function readQuery<S extends z.ZodType>(url: URL, schema: S): z.infer<S> {
	assertNoControlCharactersIn(url.searchParams);
	const parsed = schema.safeParse(Object.fromEntries(url.searchParams), { reportInput: true });
	if (!parsed.success)
		throw badRequest('invalid_query', 'Some query parameters are invalid.', describeIssues(parsed.error));
	return parsed.data;
}

/** `bbox=west,south,east,north` in WGS 84. */
export const bboxParam = z
	.string()
	.regex(/^\s*-?\d+(\.\d+)?(\s*,\s*-?\d+(\.\d+)?){3}\s*$/, 'bbox_format')
	.transform((s) => s.split(',').map(Number))
	.pipe(
		z
			.tuple([z.number(), z.number(), z.number(), z.number()])
			.refine(([w, s, e, n]) => [w, s, e, n].every(Number.isFinite), 'bbox_format')
			.refine(([w, s, e, n]) => w <= e && s <= n, 'bbox_order')
			.refine(([w, s, e, n]) => w >= -180 && e <= 180 && s >= -90 && n <= 90, 'bbox_degrees')
	);

export const uuidParam = z.string().uuid('not_id');

/** `?version=N` on a DELETE: the version the client saw (409 when the record moved on since). */
export const versionQuery = z.object({ version: z.coerce.number().int().positive().optional() });

/**
 * A path id that must be a UUID; anything else cannot exist, so it is a 404 — except text
 * with control characters, refused as such (400 naming the parameter) like everywhere else.
 */
export function idParam(value: string | undefined, what: Entity | string, name = 'id'): string {
	assertNoControlCharactersIn([[name, value]]);
	if (!value || !uuidParam.safeParse(value).success)
		throw notFound(what);
	return value;
}
