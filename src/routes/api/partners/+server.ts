import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { database } from '$lib/server/db';
import { bboxParam, endpoint, readJson, readQuery, uuidParam } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { requireUser } from '$lib/server/auth/guard';
import { createPartner, listPartners, PARTNER_LIST_LIMIT } from '$lib/partners/partners.server';
import { NEED_KEY } from '$lib/partners/needs';
import { PARTNER_KINDS, partnerCreateSchema } from '$lib/partners/partner';
import { FINDING_CATEGORIES } from '$lib/findings/finding';

const listQuery = z.object({
	bbox: bboxParam.optional(),
	area: uuidParam.optional(),
	kind: z.enum(PARTNER_KINDS).optional(),
	category: z.enum(FINDING_CATEGORIES).optional(),
	need: z.string().max(40).regex(NEED_KEY, 'need_format').optional(),
	limit: z.coerce.number().int().min(1).max(PARTNER_LIST_LIMIT).optional()
});

/**
 * Partners and their public contact points are reference data: anyone may list them. Named
 * contact persons are for signed-in users only.
 */
export const GET = endpoint(async ({ url, locals }) => {
	const filter = readQuery(url, listQuery);
	return json(await listPartners(database().db, locals.tenant, filter, { signedIn: !!locals.actor }));
});

export const POST = endpoint(async (event) => {
	requireUser(event.locals.actor);
	const input = await readJson(event.request, partnerCreateSchema);
	const partner = await database().db.transaction().execute((trx) => createPartner(trx, contextOf(event), input));
	return json(partner, { status: 201, headers: { location: `/api/partners/${partner.id}` } });
});
