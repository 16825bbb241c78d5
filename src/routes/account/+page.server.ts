import { fail, redirect, type Actions } from '@sveltejs/kit';
import { sql } from 'kysely';
import { z } from 'zod';
import { database } from '$lib/server/db';
import { createApiToken } from '$lib/server/auth/actors.server';
import { recordAudit } from '$lib/server/audit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (!locals.actor) redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname)}`);
	const { db } = database();
	const areaIds = locals.actor.roles.map((r) => r.areaId).filter((id): id is string => id !== null);
	const areas = areaIds.length
		? await db.selectFrom('areas').select(['id', 'name']).where('id', 'in', areaIds).execute()
		: [];
	const tokens = await db
		.selectFrom('api_tokens')
		.select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
		.where('user_id', '=', locals.actor.id)
		.orderBy('created_at', 'desc')
		.execute();
	return {
		roles: locals.actor.roles.map((r) => ({
			role: r.role,
			incidents: r.incidents,
			areaName: r.areaId ? (areas.find((a) => a.id === r.areaId)?.name ?? null) : null
		})),
		tokens: tokens.map((tk) => ({
			id: tk.id,
			name: tk.name,
			createdAt: new Date(tk.created_at).toISOString(),
			lastUsedAt: tk.last_used_at ? new Date(tk.last_used_at).toISOString() : null,
			revoked: tk.revoked_at !== null
		}))
	};
};

export const actions: Actions = {
	createToken: async ({ request, locals }) => {
		const actor = locals.actor;
		if (!actor) return fail(401, { tokenError: true });
		const parsed = z.string().trim().min(1).max(100).safeParse((await request.formData()).get('name'));
		if (!parsed.success) return fail(400, { tokenError: true });
		const { db } = database();
		const created = await db.transaction().execute(async (trx) => {
			const token = await createApiToken(trx, locals.tenant, actor.id, parsed.data);
			await recordAudit(trx, { tenant: locals.tenant, actor, action: 'token_create', entity: 'api_token', entityId: token.id, after: { name: token.name }, requestId: locals.requestId });
			return token;
		});
		return { newToken: created.token };
	},
	revokeToken: async ({ request, locals }) => {
		const actor = locals.actor;
		if (!actor) return fail(401, {});
		const id = z.string().uuid().safeParse((await request.formData()).get('id'));
		if (!id.success) return fail(400, {});
		await database().db.transaction().execute(async (trx) => {
			const revoked = await trx
				.updateTable('api_tokens')
				.set({ revoked_at: sql`now()` })
				.where('id', '=', id.data)
				.where('user_id', '=', actor.id)
				.where('revoked_at', 'is', null)
				.returning('id')
				.executeTakeFirst();
			if (revoked)
				await recordAudit(trx, { tenant: locals.tenant, actor, action: 'token_revoke', entity: 'api_token', entityId: id.data, requestId: locals.requestId });
		});
		return {};
	}
};
