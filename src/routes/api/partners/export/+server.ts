import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { database } from '$lib/server/db';
import { endpoint, readQuery, uuidParam } from '$lib/server/api/endpoint';
import { directoryCsv, exportDirectory } from '$lib/partners/exchange.server';

const query = z.object({
	format: z.enum(['json', 'csv']).default('json'),
	dialect: z.enum(['sv', 'rfc4180']).default('sv'),
	area: uuidParam.optional()
});

/**
 * The directory (or the partners working in an area) as HSDS 3.0 tables in JSON, or as CSV
 * with one row per service; contact persons only for signed-in users.
 */
export const GET = endpoint(async ({ url, locals }) => {
	const q = readQuery(url, query);
	const exported = await exportDirectory(database().db, locals.tenant, { area: q.area, signedIn: !!locals.actor });
	const disposition = `attachment; filename="lykta-directory-${exported.exported_at.slice(0, 10)}.${q.format}"`;
	if (q.format === 'json') return json(exported, { headers: { 'content-disposition': disposition } });
	return new Response(directoryCsv(exported, q.dialect), { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': disposition } });
});
