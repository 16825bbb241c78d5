import { safeRedirectPath } from '$lib/server/navigation';
import { fail, redirect, type Actions } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { attemptLogin } from '$lib/server/auth/login.server';
import { controlCharacterField } from '$lib/server/api/control-characters';
import { loginSchema } from '$lib/users/user';
import type { PageServerLoad } from './$types';


export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.actor) redirect(303, safeRedirectPath(url.searchParams.get('redirectTo')));
	return {};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, locals, getClientAddress, setHeaders }) => {
		const form = await request.formData();
		// Refused like the API refuses them, and not echoed back into the form.
		if (controlCharacterField(form)) return fail(400, { email: '', error: 'control_characters' as const });
		const email = String(form.get('email') ?? '');
		const parsed = loginSchema.safeParse({ email, password: form.get('password') ?? '' });
		if (!parsed.success) return fail(400, { email, error: 'invalid' as const });
		const outcome = await attemptLogin(database().db, locals.tenant, parsed.data, {
			cookies,
			url,
			userAgent: request.headers.get('user-agent'),
			requestId: locals.requestId,
			clientAddress: getClientAddress()
		});
		if ('retryAfter' in outcome) {
			setHeaders({ 'retry-after': String(outcome.retryAfter) });
			return fail(429, { email, error: 'throttled' as const, retryAfter: outcome.retryAfter });
		}
		if (!outcome.value) return fail(401, { email, error: 'failed' as const });
		redirect(303, safeRedirectPath(url.searchParams.get('redirectTo')));
	}
};
