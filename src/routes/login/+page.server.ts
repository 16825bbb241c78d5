import { safeRedirectPath } from '$lib/server/navigation';
import { fail, redirect, type Actions } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { logIn } from '$lib/server/auth/login.server';
import { loginSchema } from '$lib/users/user';
import type { PageServerLoad } from './$types';


export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.actor) redirect(303, safeRedirectPath(url.searchParams.get('redirectTo')));
	return {};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, locals }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '');
		const parsed = loginSchema.safeParse({ email, password: form.get('password') ?? '' });
		if (!parsed.success) return fail(400, { email, error: 'invalid' as const });
		const user = await logIn(database().db, locals.tenant, parsed.data, {
			cookies,
			url,
			userAgent: request.headers.get('user-agent'),
			requestId: locals.requestId
		});
		if (!user) return fail(401, { email, error: 'failed' as const });
		redirect(303, safeRedirectPath(url.searchParams.get('redirectTo')));
	}
};
