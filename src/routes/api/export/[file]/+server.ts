import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { database } from '$lib/server/db';
import { endpoint, readQuery } from '$lib/server/api/endpoint';
import { assertNoControlCharactersIn } from '$lib/server/api/control-characters';
import { notFound } from '$lib/server/api/errors';
import { contextOf } from '$lib/server/api/context';
import { listFindings } from '$lib/findings/reads.server';
import { findingListQuery } from '$lib/findings/query.server';
import { findingsCsv } from '$lib/findings/export.server';
import { listIncidents } from '$lib/incidents/incidents.server';
import { incidentListQuery } from '$lib/incidents/query.server';
import { incidentsCsv } from '$lib/incidents/export.server';
import { stockholmPeriod } from '$lib/time/stockholm';

const exportQuery = findingListQuery.extend({ dialect: z.enum(['sv', 'rfc4180']).default('sv') });

const incidentExportQuery = incidentListQuery.extend({ dialect: z.enum(['sv', 'rfc4180']).default('sv'), limit: incidentListQuery.shape.limit.default(50_000) });

/**
 * `/api/export/{findings,incidents}.{csv,geojson}`, with the lists' filters; the caller's
 * rights apply (incidents only for roles with incident access).
 */
export const GET = endpoint(async (event) => {
	assertNoControlCharactersIn(Object.entries(event.params));
	const match = /^(findings|incidents)\.(csv|geojson)$/.exec(event.params.file ?? '');
	if (!match) throw notFound('export');
	if (match[1] === 'incidents') {
		const { dialect, ...q } = readQuery(event.url, incidentExportQuery);
		const period = q.from || q.to ? stockholmPeriod(q.from ?? '1900-01-01', q.to ?? '2999-12-31') : {};
		const incidents = await listIncidents(database().db, contextOf(event), { ...q, ...period });
		const disposition = `attachment; filename="lykta-incidents-${new Date().toISOString().slice(0, 10)}.${match[2]}"`;
		if (match[2] === 'geojson') return json(incidents, { headers: { 'content-type': 'application/geo+json; charset=utf-8', 'content-disposition': disposition } });
		return new Response(incidentsCsv(incidents.features, dialect), { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': disposition } });
	}
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
