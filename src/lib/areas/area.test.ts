import { describe, it, expect } from 'vitest';
import { areaCreateSchema, areaPatchSchema, slugify } from './area';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const PARENT = '6f1c2b9e-3d4a-4c5b-8e7f-0a1b2c3d4e5f';

const polygon = {
	type: 'Polygon' as const,
	coordinates: [[[18.04, 59.31], [18.05, 59.31], [18.05, 59.32], [18.04, 59.32], [18.04, 59.31]]]
};

describe('slugify', () => {
	it.each([
		['Åkersberga centrum', 'akersberga-centrum'],
		['Sätra centrum', 'satra-centrum'],
		['Sergels torg', 'sergels-torg'],
		['Skärholmens centrum', 'skarholmens-centrum'],
		['Drakenbergsparken', 'drakenbergsparken'],
		['Bredäng / T-bana', 'bredang-t-bana'],
		['Gärdet 2023', 'gardet-2023'],
		['  --Ö--  ', 'o'],
		['ÅÄÖ åäö', 'aao-aao']
	])('%j → %j', (input, expected) => {
		expect(slugify(input)).toBe(expected);
	});

	it('falls back to "area" when nothing usable is left', () => {
		expect(slugify('')).toBe('area');
		expect(slugify('   ')).toBe('area');
		expect(slugify('!?—')).toBe('area');
	});

	it('keeps at most 80 characters', () => {
		expect(slugify('a'.repeat(120))).toBe('a'.repeat(80));
	});

	it('produces slugs the slug pattern accepts', () => {
		for (const name of ['Åkersberga centrum', 'Sätra centrum', '  --Ö--  ', 'Tantolunden (norra delen)', '']) {
			expect(slugify(name)).toMatch(SLUG);
		}
	});

	it('never ends in a hyphen after truncating a long name', () => {
		const slug = slugify(`${'a'.repeat(79)} b`);
		expect(slug).toMatch(SLUG);
		expect(slug).toBe('a'.repeat(79));
	});
});

describe('areaCreateSchema', () => {
	it('applies defaults for kind, parentId and description', () => {
		const result = areaCreateSchema.safeParse({ geometry: polygon, properties: { name: 'Sätra centrum' } });
		expect(result.success).toBe(true);
		expect(result.data).toEqual({
			geometry: polygon,
			properties: { name: 'Sätra centrum', kind: 'place', parentId: null, description: '' }
		});
		expect(result.data?.properties.slug).toBeUndefined();
	});

	it('keeps the values that are given and trims the name', () => {
		const data = areaCreateSchema.parse({
			type: 'Feature',
			geometry: polygon,
			properties: {
				slug: 'sodermalm',
				name: '  Södermalm  ',
				kind: 'district',
				parentId: PARENT,
				description: 'Stadsdelsområde'
			}
		});
		expect(data).toEqual({
			type: 'Feature',
			geometry: polygon,
			properties: { slug: 'sodermalm', name: 'Södermalm', kind: 'district', parentId: PARENT, description: 'Stadsdelsområde' }
		});
	});

	it.each([
		['a blank name', { name: '   ' }],
		['a missing name', {}],
		['an unknown kind', { name: 'X', kind: 'city' }],
		['a parentId that is not a UUID', { name: 'X', parentId: 'sodermalm' }],
		['a slug with capitals', { name: 'X', slug: 'Satra' }],
		['a slug with a double hyphen', { name: 'X', slug: 'satra--centrum' }],
		['a slug with a trailing hyphen', { name: 'X', slug: 'satra-' }],
		['a slug longer than 80', { name: 'X', slug: 'a'.repeat(81) }],
		['a name longer than 200', { name: 'n'.repeat(201) }],
		['a description longer than 5000', { name: 'X', description: 'd'.repeat(5001) }]
	])('rejects %s', (_label, properties) => {
		expect(areaCreateSchema.safeParse({ geometry: polygon, properties }).success).toBe(false);
	});

	it('requires a structurally valid geometry', () => {
		expect(areaCreateSchema.safeParse({ properties: { name: 'X' } }).success).toBe(false);
		expect(
			areaCreateSchema.safeParse({ geometry: { type: 'Polygon', coordinates: [[[18, 59], [18.1, 59]]] }, properties: { name: 'X' } })
				.success
		).toBe(false);
	});

	it('rejects a Feature type other than "Feature"', () => {
		expect(areaCreateSchema.safeParse({ type: 'FeatureCollection', geometry: polygon, properties: { name: 'X' } }).success).toBe(
			false
		);
	});
});

describe('areaPatchSchema', () => {
	it('accepts a top-level version', () => {
		expect(areaPatchSchema.parse({ version: 3, properties: { name: 'Nytt namn' } })).toEqual({
			version: 3,
			properties: { name: 'Nytt namn' }
		});
	});

	it('accepts the version inside properties', () => {
		expect(areaPatchSchema.parse({ properties: { version: 2, description: 'x' } })).toEqual({
			properties: { version: 2, description: 'x' }
		});
	});

	it('refuses a patch without any version, on the version path', () => {
		for (const body of [{}, { properties: { name: 'X' } }, { geometry: polygon }]) {
			const result = areaPatchSchema.safeParse(body);
			expect(result.success).toBe(false);
			expect(result.error?.issues.map((i) => ({ path: i.path, message: i.message }))).toEqual([
				{ path: ['version'], message: 'version_required' }
			]);
		}
	});

	it.each([0, -1, 1.5, '3'])('refuses version %j', (version) => {
		expect(areaPatchSchema.safeParse({ version }).success).toBe(false);
		expect(areaPatchSchema.safeParse({ properties: { version } }).success).toBe(false);
	});

	it('does not add defaults for absent fields', () => {
		const data = areaPatchSchema.parse({ version: 1, properties: { name: 'X' } });
		expect(data.properties?.kind).toBeUndefined();
		expect(data.properties?.parentId).toBeUndefined();
		expect(data.properties?.description).toBeUndefined();
		expect(data.properties?.slug).toBeUndefined();
		expect(Object.keys(data.properties ?? {})).toEqual(['name']);
		expect(data.geometry).toBeUndefined();
	});

	it('keeps an explicit parentId null (detach) apart from an absent one', () => {
		const data = areaPatchSchema.parse({ version: 1, properties: { parentId: null } });
		expect(data.properties).toEqual({ parentId: null });
		expect('parentId' in (data.properties ?? {})).toBe(true);
	});

	it('rejects unknown property keys', () => {
		const result = areaPatchSchema.safeParse({ version: 1, properties: { name: 'X', colour: 'red' } });
		expect(result.success).toBe(false);
		expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
		expect(result.error?.issues[0]?.path).toEqual(['properties']);
	});

	it('validates the fields that are present', () => {
		expect(areaPatchSchema.safeParse({ version: 1, properties: { name: '' } }).success).toBe(false);
		expect(areaPatchSchema.safeParse({ version: 1, properties: { kind: 'city' } }).success).toBe(false);
		expect(areaPatchSchema.safeParse({ version: 1, geometry: { type: 'Polygon', coordinates: [] } }).success).toBe(false);
	});

	it('accepts a geometry-only patch', () => {
		expect(areaPatchSchema.parse({ version: 4, geometry: polygon })).toEqual({ version: 4, geometry: polygon });
	});
});
