import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { ApiError, badRequest } from '$lib/server/api/errors';
import { endpoint, readQuery, uuidParam } from '$lib/server/api/endpoint';
import { assertNoControlCharacters } from '$lib/server/api/control-characters';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { config } from '$lib/server/config';
import { importDirectory } from '$lib/partners/exchange.server';

const query = z.object({ area: uuidParam });

/**
 * A directory copy (the JSON or CSV of /api/partners/export, or HSDS tables from elsewhere)
 * into an area the caller coordinates → `{ imported, updated, rejected: [{ row, name, reason }] }`.
 */
export const POST = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const { area } = readQuery(event.url, query);
	const type = event.request.headers.get('content-type') ?? '';
	const csv = /^text\/csv\b/i.test(type);
	if (!csv && !/^application\/json\b/i.test(type))
		throw new ApiError(415, 'unsupported_media_type', 'Send the directory as application/json or text/csv.', { expected: 'application/json, text/csv' });
	const declared = Number(event.request.headers.get('content-length') ?? NaN);
	if (declared > config.LYKTA_IMPORT_LIMIT) throw new ApiError(413, 'payload_too_large', 'The file is too large.', { limit: config.LYKTA_IMPORT_LIMIT });
	const text = await event.request.text();
	if (text.length > config.LYKTA_IMPORT_LIMIT) throw new ApiError(413, 'payload_too_large', 'The file is too large.', { limit: config.LYKTA_IMPORT_LIMIT });
	if (!text.trim()) throw badRequest('empty_file', 'The file is empty.');
	let content: { json?: unknown; csv?: string };
	if (csv) content = { csv: text };
	else {
		try {
			content = { json: JSON.parse(text) };
		} catch (error) {
			throw badRequest('invalid_json', `The body is not valid JSON: ${(error as Error).message}`, { parser: (error as Error).message });
		}
	}
	assertNoControlCharacters(content.json ?? content.csv);
	const report = await importDirectory(contextOf(event), area, content);
	if (report.imported + report.updated === 0 && report.rejected.length > 0)
		throw badRequest('nothing_imported', 'No organization of the file could be imported.', { rows: report.rejected.length, rejected: report.rejected });
	return json(report);
});
