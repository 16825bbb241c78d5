import { database } from '$lib/server/db';
import { endpoint, idParam, readQuery } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { badRequest, forbidden, notFound, unauthenticated } from '$lib/server/api/errors';
import { inSet, readableAreas } from '$lib/server/auth/scope.server';
import { figureScope } from '$lib/followups/figures.server';
import { pdfQuery, pdfResponse } from '$lib/reports/routes.server';

/** The programme's report as PDF (A4), printed on the server; `lang=sv|en`. */
export const GET = endpoint(async (event) => {
	const id = idParam(event.params.id, 'programme');
	const q = readQuery(event.url, pdfQuery);
	const ctx = contextOf(event);
	if (!ctx.actor) throw unauthenticated();
	const db = database().db;
	const programme = await db.selectFrom('programmes').select(['id', 'name', 'starts_on', 'ends_on']).where('id', '=', id).where('tenant_id', '=', ctx.tenant).executeTakeFirst();
	if (!programme) throw notFound('programme');
	const areas = (await db.selectFrom('programme_areas').select('area_id').where('programme_id', '=', id).execute()).map((r) => r.area_id);
	const read = await readableAreas(db, ctx.tenant, ctx.actor);
	if (!areas.some((a) => inSet(read, a))) throw forbidden('not_your_area', { entity: 'programme' });
	if (String(programme.starts_on) > q.period.to || String(programme.ends_on) < q.period.from)
		throw badRequest('programme_not_in_area', `The programme does not run in ${q.period.key}.`, { field: 'period', period: q.period.key });
	figureScope(ctx.tenant, areas[0]!, q.period); // a period not begun: 400 before Chromium starts
	return pdfResponse(event, 'programme', id, programme.name, q.period, q.lang);
});
