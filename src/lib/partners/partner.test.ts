import { describe, it, expect } from 'vitest';
import { partnerCreateSchema, partnerPatchSchema, partnersWorkingIn, type PartnerFeature } from './partner';

function partner(id: string, areaIds: string[]): PartnerFeature {
	return {
		type: 'Feature',
		id,
		geometry: null,
		properties: {
			slug: id,
			name: id,
			kind: 'municipal',
			parentId: null,
			description: '',
			contact: { name: null, email: null, phone: null, website: null },
			categories: [],
			needs: [],
			openingHours: '',
			areaIds,
			serviceLocations: [],
			version: 1,
			createdAt: '2026-01-01T00:00:00Z',
			updatedAt: '2026-01-01T00:00:00Z'
		}
	};
}

const ids = (features: PartnerFeature[]) => features.map((f) => f.id);

describe('partnersWorkingIn', () => {
	// sodermalm (district) > tantolunden, drakenbergsparken (places); norrmalm > sergels-torg.
	const parents: Record<string, string | null> = {
		sodermalm: null,
		tantolunden: 'sodermalm',
		drakenbergsparken: 'sodermalm',
		norrmalm: null,
		'sergels-torg': 'norrmalm'
	};
	const parentOf = (id: string) => parents[id] ?? null;

	const police = partner('polisen-sodermalm', ['sodermalm']);
	const parkOwner = partner('park-tanto', ['tantolunden']);
	const sibling = partner('park-draken', ['drakenbergsparken']);
	const elsewhere = partner('city-norrmalm', ['norrmalm', 'sergels-torg']);
	const both = partner('sl', ['sergels-torg', 'tantolunden']);
	const nowhere = partner('unlinked', []);
	const all = [police, parkOwner, sibling, elsewhere, both, nowhere];

	it('includes partners on the place and on the district containing it, in input order', () => {
		expect(ids(partnersWorkingIn(all, 'tantolunden', parentOf))).toEqual(['polisen-sodermalm', 'park-tanto', 'sl']);
	});

	it('does not include partners of a sibling place', () => {
		expect(ids(partnersWorkingIn(all, 'drakenbergsparken', parentOf))).toEqual(['polisen-sodermalm', 'park-draken']);
	});

	it('does not push place partners up to the district', () => {
		expect(ids(partnersWorkingIn(all, 'sodermalm', parentOf))).toEqual(['polisen-sodermalm']);
	});

	it('returns nothing for an area no partner is linked to', () => {
		expect(partnersWorkingIn(all, 'unknown-area', parentOf)).toEqual([]);
		expect(partnersWorkingIn([], 'tantolunden', parentOf)).toEqual([]);
	});

	it('follows more than one level of nesting', () => {
		const deep: Record<string, string | null> = { lekplats: 'tantolunden', tantolunden: 'sodermalm' };
		expect(ids(partnersWorkingIn(all, 'lekplats', (id) => deep[id] ?? null))).toEqual([
			'polisen-sodermalm',
			'park-tanto',
			'sl'
		]);
	});

	it('terminates when parentOf loops (a ↔ b) and still covers both', () => {
		const loop: Record<string, string> = { tantolunden: 'sodermalm', sodermalm: 'tantolunden' };
		let calls = 0;
		const result = partnersWorkingIn(all, 'tantolunden', (id) => {
			calls++;
			if (calls > 100) throw new Error('parentOf called too often: lineage walk does not terminate');
			return loop[id] ?? null;
		});
		expect(ids(result)).toEqual(['polisen-sodermalm', 'park-tanto', 'sl']);
		expect(calls).toBe(2);
	});

	it('terminates when an area is its own parent', () => {
		expect(ids(partnersWorkingIn(all, 'drakenbergsparken', () => 'drakenbergsparken'))).toEqual(['park-draken']);
	});
});

describe('partnerCreateSchema', () => {
	it('applies defaults for everything but name and kind', () => {
		const data = partnerCreateSchema.parse({ properties: { name: 'Polisen LPO Södermalm', kind: 'police' } });
		expect(data).toEqual({
			properties: {
				name: 'Polisen LPO Södermalm',
				kind: 'police',
				parentId: null,
				description: '',
				contact: { name: null, email: null, phone: null, website: null },
				contacts: [],
				categories: [],
				needs: [],
				openingHours: '',
				areaIds: [],
				serviceLocations: []
			}
		});
		expect(data.properties.slug).toBeUndefined();
	});

	it('normalises contact fields: trims, and turns blank name/phone into null', () => {
		const data = partnerCreateSchema.parse({
			properties: {
				name: 'Trafikkontoret',
				kind: 'municipal',
				contact: { name: '   ', email: ' info@example.se ', phone: '', website: 'https://start.stockholm/' }
			}
		});
		expect(data.properties.contact).toEqual({
			name: null,
			email: 'info@example.se',
			phone: null,
			website: 'https://start.stockholm/'
		});
	});

	it('fills service-location defaults and keeps coordinates', () => {
		const data = partnerCreateSchema.parse({
			properties: {
				name: 'Fältassistenterna',
				kind: 'health_social',
				serviceLocations: [{ name: ' Mottagning ', location: { type: 'Point', coordinates: [18.07, 59.31] } }]
			}
		});
		expect(data.properties.serviceLocations).toEqual([
			{
				name: 'Mottagning',
				address: '',
				description: '',
				phone: null,
				openingHours: '',
				targetGroups: [],
				minAge: null,
				maxAge: null,
				languages: [],
				location: { type: 'Point', coordinates: [18.07, 59.31] }
			}
		]);
	});

	it('refuses opening hours that do not parse or end before they start, naming the field', () => {
		const issues = (properties: Record<string, unknown>) => {
			const parsed = partnerCreateSchema.safeParse({ properties: { name: 'X', kind: 'ngo', ...properties } });
			return parsed.success ? [] : parsed.error.issues.map((i) => [i.path.join('.'), i.message]);
		};
		const at = (openingHours: string) => ({ serviceLocations: [{ name: 'M', openingHours, location: { type: 'Point', coordinates: [18.07, 59.31] } }] });
		expect(issues(at('Mo-Fr 25:00-16:00'))).toEqual([['properties.serviceLocations.0.openingHours', 'opening_hours_syntax']]);
		expect(issues(at('Mo-Fr 17:00-16:00'))).toEqual([['properties.serviceLocations.0.openingHours', 'ends_before_start']]);
		expect(issues(at('Fr,Sa 22:00-04:00; PH off'))).toEqual([]);
		expect(issues({ openingHours: 'whenever' })).toEqual([['properties.openingHours', 'opening_hours_syntax']]);
	});

	it('refuses phone numbers that do not parse, a malformed need, a language that is no code and ages in the wrong order', () => {
		const issues = (properties: Record<string, unknown>) => {
			const parsed = partnerCreateSchema.safeParse({ properties: { name: 'X', kind: 'ngo', ...properties } });
			return parsed.success ? [] : parsed.error.issues.map((i) => [i.path.join('.'), i.message]);
		};
		expect(issues({ contact: { phone: '08-12' } })).toEqual([['properties.contact.phone', 'not_phone']]);
		expect(issues({ contact: { phone: 'ring mig' } })).toEqual([['properties.contact.phone', 'not_phone']]);
		expect(issues({ contact: { phone: '08-465 004 00' } })).toEqual([]);
		expect(issues({ contact: { phone: '116 111' } })).toEqual([]); // BRIS: a short number
		expect(issues({ contacts: [{ name: 'Anna', email: 'anna@' }] })).toEqual([['properties.contacts.0.email', expect.any(String)]]);
		expect(issues({ needs: ['Shelter!'] })).toEqual([['properties.needs.0', 'need_format']]);
		const service = { name: 'M', location: { type: 'Point', coordinates: [18.07, 59.31] } };
		expect(issues({ serviceLocations: [{ ...service, languages: ['svenska'] }] })).toEqual([['properties.serviceLocations.0.languages.0', 'language_code']]);
		expect(issues({ serviceLocations: [{ ...service, minAge: 18, maxAge: 13 }] })).toEqual([['properties.serviceLocations.0.maxAge', 'ages_reversed']]);
	});

	it('accepts known categories and UUID area ids', () => {
		const data = partnerCreateSchema.parse({
			properties: {
				name: 'X',
				kind: 'property_owner',
				categories: ['lighting', 'litter'],
				areaIds: ['6f1c2b9e-3d4a-4c5b-8e7f-0a1b2c3d4e5f']
			}
		});
		expect(data.properties.categories).toEqual(['lighting', 'litter']);
		expect(data.properties.areaIds).toEqual(['6f1c2b9e-3d4a-4c5b-8e7f-0a1b2c3d4e5f']);
	});

	it.each([
		['an unknown category', { categories: ['graffiti'] }],
		['an unknown kind', { kind: 'church' }],
		['a bad e-mail', { contact: { email: 'not-an-email' } }],
		['an e-mail without a domain dot', { contact: { email: 'a@b' } }],
		['a bad website', { contact: { website: 'not a url' } }],
		['a website without a scheme', { contact: { website: 'www.example.se' } }],
		['an area id that is not a UUID', { areaIds: ['tantolunden'] }],
		['a blank name', { name: '  ' }],
		['a service location without a name', { serviceLocations: [{ name: '', location: { type: 'Point', coordinates: [18, 59] } }] }],
		['a service location that is not a Point', { serviceLocations: [{ name: 'X', location: { type: 'LineString', coordinates: [[18, 59], [18.1, 59]] } }] }]
	])('rejects %s', (_label, override) => {
		const properties = { name: 'Partner', kind: 'ngo', ...override };
		expect(partnerCreateSchema.safeParse({ properties }).success).toBe(false);
	});

	it('rejects a missing kind', () => {
		expect(partnerCreateSchema.safeParse({ properties: { name: 'X' } }).success).toBe(false);
	});

	it('rejects a geometry other than null', () => {
		expect(
			partnerCreateSchema.safeParse({ geometry: { type: 'Point', coordinates: [18, 59] }, properties: { name: 'X', kind: 'ngo' } })
				.success
		).toBe(false);
		expect(partnerCreateSchema.safeParse({ geometry: null, properties: { name: 'X', kind: 'ngo' } }).success).toBe(true);
	});

	it('rejects a javascript: website', () => {
		expect(
			partnerCreateSchema.safeParse({
				properties: { name: 'X', kind: 'ngo', contact: { website: 'javascript:alert(1)' } }
			}).success
		).toBe(false);
	});
});

describe('partnerPatchSchema', () => {
	it('leaves absent fields undefined', () => {
		const data = partnerPatchSchema.parse({ version: 2, properties: { name: 'Nytt namn' } });
		expect(data).toEqual({ version: 2, properties: { name: 'Nytt namn' } });
		expect(Object.keys(data.properties ?? {})).toEqual(['name']);
		expect(data.properties?.description).toBeUndefined();
		expect(data.properties?.contact).toBeUndefined();
		expect(data.properties?.categories).toBeUndefined();
		expect(data.properties?.areaIds).toBeUndefined();
		expect(data.properties?.serviceLocations).toBeUndefined();
		expect(data.properties?.kind).toBeUndefined();
	});

	it('accepts the version inside properties and refuses a patch without one', () => {
		expect(partnerPatchSchema.safeParse({ properties: { version: 1, kind: 'police' } }).success).toBe(true);
		const result = partnerPatchSchema.safeParse({ properties: { kind: 'police' } });
		expect(result.success).toBe(false);
		expect(result.error?.issues.map((i) => [i.path, i.message])).toEqual([
			[['version'], 'version_required']
		]);
	});

	it('rejects unknown property keys', () => {
		const result = partnerPatchSchema.safeParse({ version: 1, properties: { colour: 'blue' } });
		expect(result.success).toBe(false);
		expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
	});

	it('can clear the categories with an empty list', () => {
		expect(partnerPatchSchema.parse({ version: 1, properties: { categories: [] } }).properties).toEqual({
			categories: []
		});
	});

	it('still validates present fields', () => {
		expect(partnerPatchSchema.safeParse({ version: 1, properties: { categories: ['graffiti'] } }).success).toBe(false);
		expect(partnerPatchSchema.safeParse({ version: 1, properties: { contact: { email: 'nope' } } }).success).toBe(false);
	});
});
