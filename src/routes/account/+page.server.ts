import { fail, redirect, type Actions } from '@sveltejs/kit';
import { z } from 'zod';
import { database } from '$lib/server/db';
import { issueApiToken, revokeApiToken } from '$lib/server/auth/api-tokens.server';
import { contextOf } from '$lib/server/api/context';
import { controlCharacterField } from '$lib/server/api/control-characters';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (!locals.actor) redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname)}`);
	const { db } = database();
	const areaIds = locals.actor.roles.map((r) => r.areaId).filter((id): id is string => id !== null);
	const areas = areaIds.length
		? await db.selectFrom('areas').select(['id', 'name']).where('tenant_id', '=', locals.tenant).where('id', 'in', areaIds).execute()
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
	createToken: async (event) => {
		if (!event.locals.actor) return fail(401, { tokenError: true });
		const form = await event.request.formData();
		const name = z.string().trim().min(1).max(100).safeParse(form.get('name'));
		if (!name.success || controlCharacterField(form)) return fail(400, { tokenError: true });
		const token = await database()
			.db.transaction()
			.execute((trx) => issueApiToken(trx, contextOf(event), name.data));
		return { newToken: token.token };
	},
	revokeToken: async (event) => {
		if (!event.locals.actor) return fail(401, {});
		const form = await event.request.formData();
		const id = z.string().uuid().safeParse(form.get('id'));
		if (!id.success || controlCharacterField(form)) return fail(400, {});
		try {
			await database().db.transaction().execute((trx) => revokeApiToken(trx, contextOf(event), id.data));
		} catch {
			return fail(404, {});
		}
		return {};
	}
};
