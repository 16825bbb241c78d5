import { redirect, type Actions } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { logOut } from '$lib/server/auth/login.server';

export const load = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ cookies, locals }) => {
		await logOut(database().db, locals.tenant, locals.actor, { cookies, requestId: locals.requestId });
		redirect(303, '/');
	}
};
