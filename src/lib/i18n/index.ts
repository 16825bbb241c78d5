/**
 * `t()` translates in the current page's language (`page.data.locale`, set on the server
 * from the cookie or Accept-Language). Reading the page's state makes templates update
 * when the user switches language, and concurrent server renders in different languages
 * never share state.
 */
import { page } from '$app/state';
import { DEFAULT_LOCALE, i18n, isLocale, textsFor, type Locale, type Texts } from './locale';

export * from './locale';

type Translate = (key: string, options?: Record<string, unknown>) => string;

function pageLocale(): Locale {
	return isLocale(page.data?.locale) ? page.data.locale : DEFAULT_LOCALE;
}

export function t(key: string, options?: Record<string, unknown>): string {
	return (i18n.getFixedT(pageLocale()) as unknown as Translate)(key, options);
}

/** `t` and `has` in the page's language, for the shared API texts (`$lib/api/error-text`). */
export function pageTexts(): Texts {
	return textsFor(pageLocale());
}
