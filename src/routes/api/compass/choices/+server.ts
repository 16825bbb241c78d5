import { z } from 'zod';
import { database } from '$lib/server/db';
import { endpoint, readJson } from '$lib/server/api/endpoint';
import { countChoice } from '$lib/partners/compass.server';

const choice = z.strictObject({ partnerId: z.string().uuid(), areaId: z.string().uuid().nullable().default(null) });

/** A partner chosen from the compass (called, navigated to): one more in the month's count. Nothing else is kept. */
export const POST = endpoint(async ({ request, locals }) => {
	const body = await readJson(request, choice);
	await countChoice(database().db, locals.tenant, body.areaId, body.partnerId);
	return new Response(null, { status: 204 });
});
