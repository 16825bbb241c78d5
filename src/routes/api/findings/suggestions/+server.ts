import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { database } from '$lib/server/db';
import { endpoint, readJson } from '$lib/server/api/endpoint';
import { contextOf } from '$lib/server/api/context';
import { unauthenticated } from '$lib/server/api/errors';
import { assertWritableGeometry } from '$lib/server/db/geometry';
import { areaAt, suggestPartner } from '$lib/findings/routing.server';
import { nearbyOpenFindings } from '$lib/findings/duplicates.server';
import { DUPLICATE_RADIUS_M, FINDING_CATEGORIES, FINDING_GEOMETRY_TYPES, type FindingGeometry } from '$lib/findings/finding';
import { geometrySchema } from '$lib/geometry/geojson';

const input = z.object({
	geometry: geometrySchema,
	category: z.enum(FINDING_CATEGORIES).optional(),
	radius: z.number().positive().max(500).default(DUPLICATE_RADIUS_M)
});

/**
 * While a finding is being pinned: which area it falls in, which partner it would be
 * routed to, and open findings of the same category nearby that may be the same problem.
 */
export const POST = endpoint(async (event) => {
	const ctx = contextOf(event);
	if (!ctx.actor && !ctx.guest) throw unauthenticated();
	const body = await readJson(event.request, input);
	const { db } = database();
	await assertWritableGeometry(db, body.geometry, FINDING_GEOMETRY_TYPES);
	const geometry = body.geometry as FindingGeometry;
	const area = ctx.guest
		? await db.selectFrom('areas').select(['id', 'name']).where('id', '=', ctx.guest.areaId).executeTakeFirst() ?? null
		: await areaAt(db, ctx.tenant, geometry);
	const suggestedPartner = area && body.category ? await suggestPartner(db, ctx.tenant, area.id, body.category) : null;
	const duplicates = await nearbyOpenFindings(db, ctx, geometry, body.category, body.radius);
	return json({ area, suggestedPartner, duplicates });
});
