/**
 * Server messages in the user's language: an error's `code` names a text in
 * `$lib/i18n/{sv,en}/api.json` (`api.<code>`), filled from the error's `details`; a code
 * without a text keeps the English message it was raised with. The locale is the one the
 * UI uses (cookie, Swedish by default), so a page never mixes languages.
 */
import { DEFAULT_LOCALE, i18n, isLocale, type Locale } from '$lib/i18n/locale';

type Translate = (key: string, options?: Record<string, unknown>) => string;

export function messageFor(requested: Locale | undefined, code: string, fallback: string, details?: unknown): string {
	const locale = isLocale(requested) ? requested : DEFAULT_LOCALE;
	const key = `api.${code}`;
	// Looked up in the locale itself: i18next's fallback would answer an English UI in Swedish.
	if (i18n.getResource(locale, 'translation', key) === undefined) return fallback;
	const values = details && typeof details === 'object' && !Array.isArray(details) ? (details as Record<string, unknown>) : {};
	return (i18n.getFixedT(locale) as unknown as Translate)(key, values);
}
