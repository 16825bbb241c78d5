/**
 * Locales and the i18next instance holding the UI text in Swedish (default) and English.
 * Pure: usable on the server, in the browser and in tests. Components use `t` from
 * `$lib/i18n`, which follows the page's locale.
 */
import i18next from 'i18next';

type Messages = Record<string, unknown>;

/**
 * Messages live in one file per part of the app and language (sv/core.json,
 * sv/findings.json …), so the parts can grow independently; each file holds its own
 * top-level keys and they are merged here.
 */
const files = import.meta.glob<Messages>('./{sv,en}/*.json', { eager: true, import: 'default' });

function merged(locale: string): Messages {
	return Object.assign({}, ...Object.entries(files).filter(([path]) => path.startsWith(`./${locale}/`)).map(([, m]) => m));
}

const sv = merged('sv');
const en = merged('en');

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

/** Translation in one locale, and whether that locale itself has a text for a key. */
export interface Texts {
	t(key: string, options?: Record<string, unknown>): string;
	/** True when `key` (or its plural forms) has a text in this locale — never through the fallback language. */
	has(key: string): boolean;
}

export function textsFor(locale: Locale): Texts {
	const translate = i18n.getFixedT(locale) as unknown as (key: string, options?: Record<string, unknown>) => string;
	const exists = (key: string) => typeof i18n.getResource(locale, 'translation', key) === 'string';
	return { t: translate, has: (key) => exists(key) || exists(`${key}_other`) };
}
