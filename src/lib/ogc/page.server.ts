/**
 * The OGC API's HTML pages load the same documents as its JSON endpoints; a refusal there
 * (a bad parameter, an unknown collection) becomes SvelteKit's error page with the same
 * status and the message in the reader's language.
 */
import { error } from '@sveltejs/kit';
import type { Locale } from '$lib/i18n/locale';
import { toApiError } from '$lib/server/api/errors';
import { detailsFor, messageFor } from '$lib/server/api/messages';

export async function forPage<T>(locale: Locale, load: () => Promise<T>): Promise<T> {
	try {
		return await load();
	} catch (caught) {
		const refusal = toApiError(caught);
		if (!refusal) throw caught;
		const details = detailsFor(locale, refusal.details);
		const issues = Array.isArray(details) ? details.map((i: { path: string; message: string }) => ` ${i.path}: ${i.message}`).join(';') : '';
		error(refusal.status, messageFor(locale, refusal.code, refusal.message, refusal.details) + issues);
	}
}
