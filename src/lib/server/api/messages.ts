/**
 * Server messages in the user's language: an error's `code` names a text in
 * `$lib/i18n/{sv,en}/api.json` (`api.<code>`, or `api.<code>_<reason>`), filled from the
 * error's `details`, and each field problem in the details gets its message from
 * `api.issue`. The locale is the one the UI uses (cookie, Swedish by default), so a page
 * never mixes languages. The texts and how they are chosen are shared with the browser
 * (`$lib/api/error-text`).
 */
import { DEFAULT_LOCALE, isLocale, textsFor, type Locale } from '$lib/i18n/locale';
import { apiMessage, localizeDetails } from '$lib/api/error-text';

/** A request that never passed the hooks (no locale) is answered like any other: in Swedish. */
const textsOf = (locale: Locale | undefined) => textsFor(isLocale(locale) ? locale : DEFAULT_LOCALE);

export function messageFor(locale: Locale | undefined, code: string, fallback: string, details?: unknown): string {
	return apiMessage(textsOf(locale), code, details, fallback);
}

export function detailsFor<D>(locale: Locale | undefined, details: D): D {
	return localizeDetails(textsOf(locale), details);
}
