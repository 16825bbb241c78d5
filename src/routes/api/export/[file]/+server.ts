import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { database } from '$lib/server/db';
import { endpoint, readQuery } from '$lib/server/api/endpoint';
import { notFound } from '$lib/server/api/errors';
import { contextOf } from '$lib/server/api/context';
import { listFindings } from '$lib/findings/findings.server';
import { findingListQuery } from '$lib/findings/query.server';
import { findingsCsv } from '$lib/findings/export.server';

const exportQuery = findingListQuery.extend({ dialect: z.enum(['sv', 'rfc4180']).default('sv') });

/** `/api/export/findings.csv` and `.geojson`, with the list's filters; the caller's rights apply. */
export const GET = endpoint(async (event) => {
	const match = /^(findings)\.(csv|geojson)$/.exec(event.params.file ?? '');
	if (!match) throw notFound('That export');
	const { dialect, ...filter } = readQuery(event.url, exportQuery);
	const findings = await listFindings(database().db, contextOf(event), filter);
	const stamp = new Date().toISOString().slice(0, 10);
	const disposition = `attachment; filename="lykta-findings-${stamp}.${match[2]}"`;
	if (match[2] === 'geojson')
		return json(findings, { headers: { 'content-type': 'application/geo+json; charset=utf-8', 'content-disposition': disposition } });
	return new Response(findingsCsv(findings, dialect), {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': disposition }
	});
});
