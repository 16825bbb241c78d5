import { describe, it, expect, vi } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { geometrySchema } from '$lib/geometry/geojson';
import { config } from '../config';
import { bboxParam, endpoint, idParam, readJson, readQuery, uuidParam } from './endpoint';
import { ApiError, notFound } from './errors';

const URL_ = 'http://localhost/api/areas';
const encoder = new TextEncoder();

function post(body: BodyInit | null, headers: Record<string, string> = { 'content-type': 'application/json' }) {
	return new Request(URL_, { method: 'POST', body, headers });
}

/** A request whose body is a stream, so no Content-Length is known up front. */
function streamed(source: UnderlyingDefaultSource<Uint8Array>, headers: Record<string, string> = { 'content-type': 'application/json' }) {
	return new Request(URL_, {
		method: 'POST',
		body: new ReadableStream<Uint8Array>(source),
		headers,
		duplex: 'half'
	} as RequestInit);
}

function chunks(...parts: (string | Uint8Array)[]): UnderlyingDefaultSource<Uint8Array> {
	return {
		start(controller) {
			for (const part of parts) controller.enqueue(typeof part === 'string' ? encoder.encode(part) : part);
			controller.close();
		}
	};
}

/** The ApiError a promise rejects with (fails the test if it resolves or rejects otherwise). */
async function apiErrorOf(promise: Promise<unknown>): Promise<ApiError> {
	const outcome = await promise.then(
		(value) => ({ value }),
		(error: unknown) => ({ error })
	);
	if (!('error' in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
	expect(outcome.error).toBeInstanceOf(ApiError);
	return outcome.error as ApiError;
}

function apiErrorOfSync(fn: () => unknown): ApiError {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(ApiError);
		return error as ApiError;
	}
	throw new Error('expected an ApiError to be thrown');
}

const anything = z.unknown();
const named = z.object({ name: z.string() });

describe('readJson: media type', () => {
	it.each([undefined, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp', 'text/json'])(
		'refuses content-type %j with 415 unsupported_media_type',
		async (type) => {
			const headers: Record<string, string> = type ? { 'content-type': type } : {};
			const error = await apiErrorOf(readJson(post('{"name":"x"}', headers), named));
			expect({ status: error.status, code: error.code, message: error.message }).toEqual({
				status: 415,
				code: 'unsupported_media_type',
				message: 'Send the body as application/json.'
			});
		}
	);

	it.each(['application/json', 'application/json; charset=utf-8', 'application/geo+json', 'APPLICATION/JSON', 'application/merge-patch+json'])(
		'accepts content-type %j',
		async (type) => {
			expect(await readJson(post('{"name":"Tantolunden"}', { 'content-type': type }), named)).toEqual({
				name: 'Tantolunden'
			});
		}
	);

	it('checks the media type before reading the body', async () => {
		const request = streamed(chunks('{}'), { 'content-type': 'text/plain' });
		expect((await apiErrorOf(readJson(request, anything))).status).toBe(415);
		expect(request.bodyUsed).toBe(false);
	});
});

describe('readJson: JSON syntax', () => {
	it.each(['{"name": ', "{'name': 'x'}", 'undefined', '{"a":1}}'])('refuses %j with 400 invalid_json', async (body) => {
		const error = await apiErrorOf(readJson(post(body), anything));
		expect(error.status).toBe(400);
		expect(error.code).toBe('invalid_json');
		expect(error.message.startsWith('The body is not valid JSON: ')).toBe(true);
	});

	it('refuses an empty body as invalid_json', async () => {
		expect((await apiErrorOf(readJson(post(null), anything))).code).toBe('invalid_json');
		expect((await apiErrorOf(readJson(post(''), anything))).code).toBe('invalid_json');
	});

	it('decodes UTF-8 split across chunks', async () => {
		const bytes = encoder.encode('{"name":"Skärholmen"}');
		const cut = bytes.indexOf(0xc3) + 1; // between the two bytes of "ä"
		const request = streamed(chunks(bytes.slice(0, cut), bytes.slice(cut)));
		expect(await readJson(request, named)).toEqual({ name: 'Skärholmen' });
	});
});

describe('readJson: size limit', () => {
	const tooLarge = (error: ApiError) => ({ status: error.status, code: error.code, message: error.message, details: error.details });
	const expected413 = {
		status: 413,
		code: 'payload_too_large',
		message: 'The request body is larger than 100 bytes.',
		details: { limit: 100 }
	};
	/** `{"a":"xxxx…"}` of exactly `bytes` bytes. */
	const bodyOf = (bytes: number) => `{"a":"${'x'.repeat(bytes - 8)}"}`;

	it('refuses a declared Content-Length above the limit without reading', async () => {
		const request = new Request(URL_, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'content-length': '101' },
			body: new ReadableStream(chunks('{}')),
			duplex: 'half'
		} as RequestInit);
		expect(tooLarge(await apiErrorOf(readJson(request, anything, 100)))).toEqual(expected413);
		expect(request.bodyUsed).toBe(false);
	});

	it('refuses a body above the limit when Content-Length is absent (string body)', async () => {
		const request = post(bodyOf(101));
		expect(request.headers.get('content-length')).toBeNull();
		expect(tooLarge(await apiErrorOf(readJson(request, anything, 100)))).toEqual(expected413);
	});

	it('refuses a streamed body above the limit', async () => {
		const request = streamed(chunks('{"a":"' + 'x'.repeat(54), 'x'.repeat(60) + '"}'));
		expect(request.headers.get('content-length')).toBeNull();
		expect(tooLarge(await apiErrorOf(readJson(request, anything, 100)))).toEqual(expected413);
	});

	it('stops reading and cancels an endless stream once past the limit', async () => {
		let pulls = 0;
		let cancelled = false;
		const request = streamed({
			pull(controller) {
				pulls++;
				controller.enqueue(new Uint8Array(60).fill(0x20));
			},
			cancel() {
				cancelled = true;
			}
		});
		expect(tooLarge(await apiErrorOf(readJson(request, anything, 100)))).toEqual(expected413);
		expect(cancelled).toBe(true);
		expect(pulls).toBeLessThan(10);
	});

	it('lies about Content-Length are not believed: a small declared length with a large body is still refused', async () => {
		const request = new Request(URL_, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'content-length': '10' },
			body: new ReadableStream(chunks(bodyOf(150))),
			duplex: 'half'
		} as RequestInit);
		expect((await apiErrorOf(readJson(request, anything, 100))).status).toBe(413);
	});

	it('reports a stream aborted by the server (read error) as the same 413', async () => {
		const request = streamed({
			start(controller) {
				controller.enqueue(encoder.encode('{"a":'));
			},
			pull(controller) {
				controller.error(new Error('body limit exceeded'));
			}
		});
		expect(tooLarge(await apiErrorOf(readJson(request, anything, 100)))).toEqual(expected413);
	});

	it('accepts a body of exactly the limit', async () => {
		const body = bodyOf(100);
		expect(encoder.encode(body).byteLength).toBe(100);
		expect(await readJson(post(body), anything, 100)).toEqual({ a: 'x'.repeat(92) });
		expect(await readJson(streamed(chunks(body.slice(0, 50), body.slice(50))), anything, 100)).toEqual({
			a: 'x'.repeat(92)
		});
	});

	it('counts bytes, not characters', async () => {
		// 46 × "ö" (2 bytes each) + 8 bytes of JSON = 100 bytes; 47 × "ö" = 102 bytes in 55 characters.
		expect(await readJson(post(`{"a":"${'ö'.repeat(46)}"}`), anything, 100)).toEqual({ a: 'ö'.repeat(46) });
		const error = await apiErrorOf(readJson(post(`{"a":"${'ö'.repeat(47)}"}`), anything, 100));
		expect(error.status).toBe(413);
	});

	it('uses LYKTA_JSON_LIMIT by default', async () => {
		const request = new Request(URL_, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'content-length': String(config.LYKTA_JSON_LIMIT + 1) },
			body: '{}'
		});
		const error = await apiErrorOf(readJson(request, anything));
		expect(error.status).toBe(413);
		expect(error.details).toEqual({ limit: config.LYKTA_JSON_LIMIT });
	});
});

describe('readJson: schema validation', () => {
	const feature = z.object({
		geometry: geometrySchema,
		geometryKind: z.enum(['drawn', 'imported']).optional(),
		properties: z.object({ name: z.string().min(1, 'a name is required') })
	});
	const square = [[18.04, 59.31], [18.05, 59.31], [18.05, 59.32], [18.04, 59.32], [18.04, 59.31]];

	it('returns the parsed data', async () => {
		const body = { geometry: { type: 'Polygon', coordinates: [square] }, properties: { name: 'Tanto' }, extra: 1 };
		expect(await readJson(post(JSON.stringify(body)), feature)).toEqual({
			geometry: { type: 'Polygon', coordinates: [square] },
			properties: { name: 'Tanto' }
		});
	});

	it('reports a failure under geometry as 400 invalid_geometry with the issues', async () => {
		const body = { geometry: { type: 'Polygon', coordinates: [square.slice(0, 4)] }, properties: { name: 'Tanto' } };
		const error = await apiErrorOf(readJson(post(JSON.stringify(body)), feature));
		expect({ status: error.status, code: error.code, message: error.message, details: error.details }).toEqual({
			status: 400,
			code: 'invalid_geometry',
			message: 'The geometry is not valid GeoJSON.',
			details: [{ path: 'geometry.coordinates.0', code: 'ring_not_closed', message: 'ring_not_closed' }]
		});
	});

	it('reports a missing or unknown-type geometry as invalid_geometry', async () => {
		const missing = await apiErrorOf(readJson(post(JSON.stringify({ properties: { name: 'x' } })), feature));
		expect(missing.code).toBe('invalid_geometry');
		const circle = await apiErrorOf(
			readJson(post(JSON.stringify({ geometry: { type: 'Circle', radius: 5 }, properties: { name: 'x' } })), feature)
		);
		expect(circle.code).toBe('invalid_geometry');
	});

	it('prefers invalid_geometry when geometry and other fields both fail, listing all issues', async () => {
		const body = { geometry: { type: 'Point', coordinates: ['18', 59] }, properties: { name: '' } };
		const error = await apiErrorOf(readJson(post(JSON.stringify(body)), feature));
		expect(error.code).toBe('invalid_geometry');
		expect((error.details as { path: string }[]).map((d) => d.path)).toContain('properties.name');
	});

	it('reports other failures as 400 validation_failed', async () => {
		const body = { geometry: { type: 'Polygon', coordinates: [square] }, properties: { name: '' } };
		const error = await apiErrorOf(readJson(post(JSON.stringify(body)), feature));
		expect({ status: error.status, code: error.code, message: error.message, details: error.details }).toEqual({
			status: 400,
			code: 'validation_failed',
			message: 'Some fields are missing or invalid.',
			details: [{ path: 'properties.name', code: 'empty', message: 'a name is required' }]
		});
	});

	it('does not mistake a field that merely starts with "geometry" for the geometry', async () => {
		const body = { geometry: { type: 'Polygon', coordinates: [square] }, geometryKind: 'sketched', properties: { name: 'x' } };
		const error = await apiErrorOf(readJson(post(JSON.stringify(body)), feature));
		expect(error.code).toBe('validation_failed');
		expect((error.details as { path: string }[])[0]?.path).toBe('geometryKind');
	});

	it('reports a JSON body of the wrong shape (array, null) as validation_failed', async () => {
		expect((await apiErrorOf(readJson(post('[]'), named))).code).toBe('validation_failed');
		expect((await apiErrorOf(readJson(post('null'), named))).code).toBe('validation_failed');
	});
});

describe('readQuery and bboxParam', () => {
	const schema = z.object({ bbox: bboxParam.optional(), q: z.string().optional() });
	const query = (search: string) => readQuery(new URL(`${URL_}?${search}`), schema);
	const invalid = (search: string) => apiErrorOfSync(() => query(search));

	it('parses "18,59,19,60" into numbers', () => {
		expect(query('bbox=18,59,19,60')).toEqual({ bbox: [18, 59, 19, 60] });
		expect(query('bbox=17.9%2C59.25%2C18.1%2C59.35&q=park')).toEqual({ bbox: [17.9, 59.25, 18.1, 59.35], q: 'park' });
		expect(query('bbox=-180,-90,180,90')).toEqual({ bbox: [-180, -90, 180, 90] });
	});

	it('allows a degenerate (point) bbox', () => {
		expect(query('bbox=18,59,18,59')).toEqual({ bbox: [18, 59, 18, 59] });
	});

	it('passes absent optional parameters', () => {
		expect(query('')).toEqual({});
	});

	it.each([
		['3 values', 'bbox=18,59,19'],
		['5 values', 'bbox=18,59,19,60,61'],
		['west > east', 'bbox=19,59,18,60'],
		['south > north', 'bbox=18,60,19,59'],
		['longitude beyond 180', 'bbox=18,59,181,60'],
		['longitude below -180', 'bbox=-181,59,19,60'],
		['latitude beyond 90', 'bbox=18,59,19,91'],
		['latitude below -90', 'bbox=18,-91,19,60'],
		['projected metres', 'bbox=674000,6580000,675000,6581000'],
		['non-numbers', 'bbox=a,b,c,d'],
		['one non-number', 'bbox=18,59,19,north'],
		['Infinity', 'bbox=18,59,Infinity,60'],
		['an empty value', 'bbox=']
	])('refuses %s with 400 invalid_query', (_label, search) => {
		const error = invalid(search);
		expect(error.status).toBe(400);
		expect(error.code).toBe('invalid_query');
		expect(error.message).toBe('Some query parameters are invalid.');
		expect((error.details as { path: string }[])[0]?.path.startsWith('bbox')).toBe(true);
	});

	it('names the reason for west > east', () => {
		expect(invalid('bbox=19,59,18,60').details).toEqual([{ path: 'bbox', code: 'bbox_order', message: 'bbox_order' }]);
	});

	it('names the reason for degrees out of range', () => {
		expect(invalid('bbox=18,59,19,91').details).toEqual([{ path: 'bbox', code: 'bbox_degrees', message: 'bbox_degrees' }]);
	});

	it('refuses an empty component such as "18,,19,60"', () => {
		expect(invalid('bbox=18,,19,60').code).toBe('invalid_query');
	});

	it('reads the last value of a repeated parameter', () => {
		expect(query('bbox=0,0,1,1&bbox=18,59,19,60')).toEqual({ bbox: [18, 59, 19, 60] });
	});
});

describe('idParam and uuidParam', () => {
	const id = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

	it('returns a UUID unchanged', () => {
		expect(idParam(id, 'area')).toBe(id);
		expect(idParam(id.toUpperCase(), 'area')).toBe(id.toUpperCase());
	});

	it.each([undefined, '', 'tantolunden', '42', `${id}x`, id.replace(/-/g, ''), `'; DROP TABLE areas; --`])(
		'turns %j into 404 not_found',
		(value) => {
			const error = apiErrorOfSync(() => idParam(value, 'area'));
			expect({ status: error.status, code: error.code, message: error.message, details: error.details }).toEqual({
				status: 404,
				code: 'not_found',
				message: 'The area was not found.',
				details: { entity: 'area' }
			});
		}
	);

	it('uuidParam explains what it wants', () => {
		const result = uuidParam.safeParse('abc');
		expect(result.success).toBe(false);
		expect(result.error?.issues[0]?.message).toBe('not_id');
	});
});

describe('endpoint wrapper', () => {
	const event = (method = 'POST') =>
		({
			request: new Request(URL_, { method }),
			url: new URL(URL_),
			locals: { requestId: 'req-123' }
		}) as unknown as RequestEvent;

	it('passes a successful response through', async () => {
		const ok = new Response('fine', { status: 201 });
		const handler = endpoint(async () => ok);
		expect(await handler(event())).toBe(ok);
	});

	it('turns an ApiError into its status and error body', async () => {
		const response = await endpoint(async () => {
			throw notFound('area');
		})(event('GET'));
		expect(response.status).toBe(404);
		// No locale on the request (it never passed the hooks): Swedish, the default.
		expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'Området finns inte, eller har tagits bort.', details: { entity: 'area' } } });
	});

	it('maps a database error through toApiError', async () => {
		const response = await endpoint(async () => {
			throw Object.assign(new Error('duplicate key'), { code: '23505', constraint: 'areas_tenant_id_slug_key' });
		})(event());
		expect(response.status).toBe(409);
		expect(await response.json()).toEqual({
			error: {
				code: 'already_exists',
				message: 'Det finns redan något med samma namn eller kortnamn. Välj ett annat.',
				details: { constraint: 'areas_tenant_id_slug_key' }
			}
		});
	});

	it('turns anything else into a logged 500 carrying the request id', async () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		try {
			const boom = new Error('boom');
			const response = await endpoint(async () => {
				throw boom;
			})(event('PATCH'));
			expect(response.status).toBe(500);
			expect(await response.json()).toEqual({
				error: {
					code: 'internal_error',
					message: 'Något gick fel hos oss. Försök igen; händer det igen, ange felkoden req-123.',
					details: { requestId: 'req-123' }
				}
			});
			expect(log).toHaveBeenCalledWith('[req-123] PATCH /api/areas', boom);
		} finally {
			log.mockRestore();
		}
	});
});
