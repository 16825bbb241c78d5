import { describe, it, expect } from 'vitest';
import { DEFAULT_LOCALE, LOCALES, isLocale, messages, translator } from './locale';
const { sv, en } = messages as unknown as { sv: any; en: any };

type Tree = { [key: string]: string | Tree };

/** Every leaf as a dotted key → its string (non-string leaves are kept as-is to be caught). */
function leaves(tree: Tree, prefix = ''): Map<string, unknown> {
	const out = new Map<string, unknown>();
	for (const [key, value] of Object.entries(tree)) {
		const path = prefix ? `${prefix}.${key}` : key;
		if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
			for (const [k, v] of leaves(value as Tree, path)) out.set(k, v);
		} else out.set(path, value);
	}
	return out;
}

const variables = (text: string) => [...text.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1]).sort();

const svLeaves = leaves(sv as Tree);
const enLeaves = leaves(en as Tree);

describe('message catalogues', () => {
	it('are both non-trivial', () => {
		expect(svLeaves.size).toBeGreaterThan(50);
		expect(enLeaves.size).toBe(svLeaves.size);
	});

	it('have exactly the same keys in sv and en', () => {
		const missingInEn = [...svLeaves.keys()].filter((k) => !enLeaves.has(k));
		const missingInSv = [...enLeaves.keys()].filter((k) => !svLeaves.has(k));
		expect({ missingInEn, missingInSv }).toEqual({ missingInEn: [], missingInSv: [] });
	});

	it('have no key that is a leaf in one locale and a group in the other', () => {
		const shapeOf = (tree: Tree, prefix = ''): string[] =>
			Object.entries(tree).flatMap(([k, v]) => {
				const path = prefix ? `${prefix}.${k}` : k;
				return typeof v === 'object' && v !== null ? [`${path}/`, ...shapeOf(v as Tree, path)] : [path];
			});
		expect(shapeOf(en as Tree).sort()).toEqual(shapeOf(sv as Tree).sort());
	});

	it('contain only non-empty strings', () => {
		const bad = [...svLeaves, ...enLeaves]
			.filter(([, v]) => typeof v !== 'string' || v.trim() === '')
			.map(([k, v]) => `${k}=${JSON.stringify(v)}`);
		expect(bad).toEqual([]);
	});

	it('use the same {{interpolation}} variables per key', () => {
		const mismatches: string[] = [];
		for (const [key, text] of svLeaves) {
			const other = enLeaves.get(key);
			if (typeof text !== 'string' || typeof other !== 'string') continue;
			const a = variables(text);
			const b = variables(other);
			if (JSON.stringify(a) !== JSON.stringify(b)) mismatches.push(`${key}: sv ${JSON.stringify(a)} ≠ en ${JSON.stringify(b)}`);
		}
		expect(mismatches).toEqual([]);
	});

	it('have balanced {{ }} braces', () => {
		const unbalanced = [...svLeaves, ...enLeaves]
			.filter(([, v]) => typeof v === 'string' && (v.match(/\{\{/g)?.length ?? 0) !== (v.match(/\}\}/g)?.length ?? 0))
			.map(([k]) => k);
		expect(unbalanced).toEqual([]);
	});

	it('are merged from every part file (core plus the others)', () => {
		expect(Object.keys(sv)).toEqual(expect.arrayContaining(['app', 'nav', 'login']));
		expect(Object.keys(sv).sort()).toEqual(Object.keys(en).sort());
	});
});

describe('translator', () => {
	it('translates into Swedish and English', () => {
		expect(translator('sv')('nav.login')).toBe('Logga in');
		expect(translator('en')('nav.login')).toBe('Log in');
		expect(translator('sv')('error.title')).toBe(sv.error.title);
	});

	it('interpolates without HTML-escaping (Svelte escapes on output)', () => {
		expect(translator('en')('areas.select', { name: 'Tantolunden' })).toBe('Show Tantolunden');
		expect(translator('sv')('areas.select', { name: 'Tantolunden' })).toBe('Visa Tantolunden');
		expect(translator('en')('areas.select', { name: 'A & <B>' })).toBe('Show A & <B>');
	});

	it('reads nested keys', () => {
		expect(translator('sv')('areas.kind.district')).toBe('Stadsdelsområde');
		expect(translator('en')('partners.kind.health_social')).toBe('Health and social services');
	});

	it('keeps each fixed translator on its own locale', () => {
		const tSv = translator('sv');
		const tEn = translator('en');
		expect([tSv('nav.logout'), tEn('nav.logout'), tSv('nav.logout')]).toEqual(['Logga ut', 'Log out', 'Logga ut']);
	});

	it('returns the key itself for an unknown key', () => {
		expect(translator('en')('nav.doesNotExist')).toBe('nav.doesNotExist');
	});
});

describe('isLocale', () => {
	it('accepts the supported locales', () => {
		expect(LOCALES).toEqual(['sv', 'en']);
		expect(DEFAULT_LOCALE).toBe('sv');
		expect(isLocale('sv')).toBe(true);
		expect(isLocale('en')).toBe(true);
	});

	it.each(['de', 'SV', 'en-GB', 'sv-SE', '', ' sv', undefined, null, 0, ['sv'], { sv: true }])('rejects %j', (value) => {
		expect(isLocale(value)).toBe(false);
	});
});
