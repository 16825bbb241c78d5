/**
 * Locales and the i18next instance holding the UI text in Swedish (default) and English.
 * Pure: usable on the server, in the browser and in tests. Components use `t` from
 * `$lib/i18n`, which follows the page's locale.
 */
import i18next from 'i18next';
import sv from './sv.json';
import en from './en.json';

export const LOCALES = ['sv', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'sv';
export const LOCALE_COOKIE = 'lykta_locale';

export const i18n = i18next.createInstance();

void i18n.init({
	resources: { sv: { translation: sv }, en: { translation: en } },
	lng: DEFAULT_LOCALE,
	fallbackLng: DEFAULT_LOCALE,
	supportedLngs: [...LOCALES],
	initAsync: false,
	showSupportNotice: false,
	interpolation: { escapeValue: false } // Svelte escapes on output
});

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** A translator fixed to one locale (server code, tests). */
export function translator(locale: Locale) {
	return i18n.getFixedT(locale);
}

export const messages = { sv, en };
