import { safeRedirectPath } from '$lib/server/navigation';
import { redirect, type Actions } from '@sveltejs/kit';
import { LOCALE_COOKIE, isLocale } from '$lib/i18n/locale';


export const load = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ request, cookies }) => {
		const form = await request.formData();
		const locale = form.get('locale');
		if (isLocale(locale)) {
			cookies.set(LOCALE_COOKIE, locale, { path: '/', httpOnly: false, sameSite: 'lax', maxAge: 60 * 60 * 24 * 365 });
		}
		redirect(303, safeRedirectPath(form.get('redirectTo')));
	}
};
