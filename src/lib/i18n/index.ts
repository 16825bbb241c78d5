/**
 * `t()` translates in the current page's language (`page.data.locale`, set on the server
 * from the cookie or Accept-Language). Reading the page's state makes templates update
 * when the user switches language, and concurrent server renders in different languages
 * never share state.
 */
import { page } from '$app/state';
import { DEFAULT_LOCALE, i18n, isLocale } from './locale';

export * from './locale';

type Translate = (key: string, options?: Record<string, unknown>) => string;

export function t(key: string, options?: Record<string, unknown>): string {
	const locale = isLocale(page.data?.locale) ? page.data.locale : DEFAULT_LOCALE;
	return (i18n.getFixedT(locale) as unknown as Translate)(key, options);
}
