/**
 * POST /api/import/incidents — the file itself is the body (text/csv or
 * application/geo+json), never multipart, so it can be read as a stream. Query:
 * `mapping` (JSON, see importMappingSchema), `filename`, `format` (csv|geojson, else from
 * the content type), `preview=true` (columns and sample rows of the first 256 KB, nothing
 * stored), `dryRun=true` (the whole import rolled back: the answer, stacked points included,
 * with nothing stored). With `Accept: application/x-ndjson` the answer streams one progress line per
 * 1,000 rows and ends with `{"result": …}` or `{"error": …}`; otherwise it is the result
 * as JSON (or the error with its 4xx status).
 */
import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { database } from '$lib/server/db';
import { config } from '$lib/server/config';
import { endpoint, readQuery } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { ApiError, badRequest, describeIssues, errorBody, toApiError } from '$lib/server/api/errors';
import { fieldIssue } from '$lib/api/issues';
import { detailsFor, messageFor } from '$lib/server/api/messages';
import { requireUser } from '$lib/server/auth/guard';
import { checkImport, importIncidents, IMPORT_FORMATS, type ImportFormat } from '$lib/incidents/import.server';
import { previewImport } from '$lib/incidents/preview.server';
import { importMappingSchema } from '$lib/incidents/incident';

const query = z.object({
	format: z.enum(IMPORT_FORMATS).optional(),
	filename: z.string().max(300).default(''),
	mapping: z.string().max(20_000).optional(),
	preview: z.enum(['true', 'false']).optional(),
	dryRun: z.enum(['true', 'false']).optional()
});

function formatOf(contentType: string, filename: string, asked: ImportFormat | undefined): ImportFormat {
	const type = contentType.split(';')[0]!.trim().toLowerCase();
	if (type.startsWith('multipart/')) throw new ApiError(415, 'unsupported_media_type', 'Send the file itself as the request body (text/csv or application/geo+json), not as a form.', { expected: 'text/csv, application/geo+json', contentType: type });
	if (asked) return asked;
	if (['text/csv', 'application/csv', 'application/vnd.ms-excel'].includes(type)) return 'csv';
	if (['application/geo+json', 'application/json'].includes(type)) return 'geojson';
	if ((type === 'text/plain' || type === 'application/octet-stream' || type === '') && /\.(csv|txt)$/i.test(filename)) return 'csv';
	if ((type === 'application/octet-stream' || type === '') && /\.(geo)?json$/i.test(filename)) return 'geojson';
	throw new ApiError(415, 'unsupported_media_type', `Only CSV and GeoJSON can be imported (got ${type || 'no content type'}).`, { expected: 'text/csv, application/geo+json', contentType: type });
}

export const POST = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const q = readQuery(event.url, query);
	const format = formatOf(event.request.headers.get('content-type') ?? '', q.filename, q.format);
	const declared = Number(event.request.headers.get('content-length') ?? NaN);
	const maxBytes = config.LYKTA_IMPORT_LIMIT;
	if (declared > maxBytes)
		throw new ApiError(413, 'payload_too_large', `The file is larger than the import limit of ${Math.round(maxBytes / 1_000_000)} MB.`, { limit: maxBytes });
	if (!event.request.body) throw badRequest('empty_file', 'The file is empty.');
	if (q.preview === 'true') return json(await previewImport(format, event.request.body, maxBytes));

	let mappingInput: unknown;
	try {
		mappingInput = JSON.parse(q.mapping ?? '');
	} catch {
		throw badRequest('validation_failed', 'Send the column mapping as JSON in the `mapping` parameter.', [fieldIssue('mapping', 'not_json')]);
	}
	const parsed = importMappingSchema.safeParse(mappingInput);
	if (!parsed.success) throw badRequest('validation_failed', 'The column mapping is not valid.', describeIssues(parsed.error).map((i) => ({ ...i, path: `mapping.${i.path}` })));

	const ctx = contextOf(event);
	const input = { format, filename: q.filename, body: event.request.body, mapping: parsed.data, totalBytes: Number.isFinite(declared) ? declared : null, maxBytes, locale: event.locals.locale };
	const transaction = <T>(work: (trx: Parameters<typeof importIncidents>[0]) => Promise<T>) => database().db.transaction().execute(work);
	const run = (onProgress?: Parameters<typeof importIncidents>[2]['onProgress']) =>
		q.dryRun === 'true' ? checkImport(transaction, ctx, { ...input, onProgress }) : transaction((trx) => importIncidents(trx, ctx, { ...input, onProgress }));

	if (!/application\/x-ndjson/.test(event.request.headers.get('accept') ?? '')) return json(await run(), { status: q.dryRun === 'true' ? 200 : 201 });

	const encoder = new TextEncoder();
	const stream = new ReadableStream<Uint8Array>({
		async start(controller) {
			const line = (value: unknown) => controller.enqueue(encoder.encode(JSON.stringify(value) + '\n'));
			try {
				line({ result: await run((progress) => line({ progress })) });
			} catch (error) {
				const apiError = toApiError(error);
				if (!apiError) console.error(`[${event.locals.requestId}] import failed`, error);
				const refusal = apiError ?? new ApiError(500, 'internal_error', 'Something went wrong on our side.', { requestId: event.locals.requestId });
				const { locale } = event.locals;
				line({ ...errorBody(refusal.code, messageFor(locale, refusal.code, refusal.message, refusal.details), detailsFor(locale, refusal.details)), status: refusal.status });
			}
			controller.close();
		}
	});
	return new Response(stream, { status: 200, headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' } });
});
