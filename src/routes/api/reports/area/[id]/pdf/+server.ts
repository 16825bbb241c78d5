import { sql } from 'kysely';
import { database } from '$lib/server/db';
import { endpoint, idParam, readQuery } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { notFound, forbidden, unauthenticated } from '$lib/server/api/errors';
import { inSet, readableAreas } from '$lib/server/auth/scope.server';
import { figureScope } from '$lib/followups/figures.server';
import { pdfQuery, pdfResponse } from '$lib/reports/routes.server';

/** The area's report as PDF (A4), printed on the server; `lang=sv|en` (default: the user's language). */
export const GET = endpoint(async (event) => {
	const id = idParam(event.params.id, 'area');
	const q = readQuery(event.url, pdfQuery);
	const ctx = contextOf(event);
	if (!ctx.actor) throw unauthenticated();
	const db = database().db;
	const { rows } = await sql<{ name: string }>`SELECT name FROM areas WHERE id = ${id} AND tenant_id = ${ctx.tenant}`.execute(db);
	if (!rows[0]) throw notFound('area');
	if (!inSet(await readableAreas(db, ctx.tenant, ctx.actor), id)) throw forbidden('not_your_area', { entity: 'area' });
	figureScope(ctx.tenant, id, q.period); // a period not begun: 400 before Chromium starts
	return pdfResponse(event, 'area', id, rows[0].name, q.period, q.lang);
});
