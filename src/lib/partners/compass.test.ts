import { describe, expect, it } from 'vitest';
import { fitOf, navigationHref, nothingFitting, offlineCandidates, rankCandidates, type CompassService, type OfflineDirectory } from './compass';
import { folded } from './needs';
import { isPhoneNumber, telHref } from './phone';

const service = (id: string, coordinates: [number, number], openingHours: string, extra: Partial<CompassService> = {}): CompassService => ({
	id,
	name: id,
	address: '',
	description: '',
	phone: '08-465 004 01',
	openingHours,
	targetGroups: [],
	minAge: null,
	maxAge: null,
	languages: [],
	coordinates,
	...extra
});

const partner = (id: string, needs: string[], words: string, areaIds: string[], services: CompassService[]): OfflineDirectory['partners'][number] => ({
	partner: { id, name: id, parentName: null, kind: 'ngo', description: '', phone: null, website: null, openingHours: '', needs, categories: [] },
	areaIds,
	services,
	words: folded(words)
});

const directory: OfflineDirectory = {
	savedAt: '2025-11-15T20:00:00Z',
	areas: [
		{ id: 'norrmalm', parentId: null },
		{ id: 'sergels', parentId: 'norrmalm' },
		{ id: 'soder', parentId: null }
	],
	partners: [
		partner('night', ['shelter'], 'Natthärbärget härbärgen sovplats', ['sergels'], [service('night-1', [18.0635, 59.3335], 'Mo-Su 21:00-08:00')]),
		partner('day', ['shelter', 'food'], 'Dagcenter frukost', ['norrmalm'], [service('day-1', [18.0652, 59.3321], 'Mo-Fr 08:00-15:00; PH off')]),
		partner('youth', ['shelter'], 'Ungdomsjour', ['sergels'], [service('youth-1', [18.066, 59.334], 'Fr,Sa 20:00-03:00', { minAge: 13, maxAge: 20 })]),
		partner('south', ['shelter'], 'Söderhärbärget', ['soder'], [service('south-1', [18.05, 59.31], '24/7')])
	]
};

const SERGELS: [number, number] = [18.0649, 59.3326];
const SATURDAY_2330 = Date.parse('2025-11-15T23:30:00+01:00');

describe('the compass offline', () => {
	it('ranks the last known directory as the server does: covering and open first, then fit, then distance', () => {
		const candidates = offlineCandidates(directory, { areaId: 'sergels', need: 'shelter', position: SERGELS });
		const ranked = rankCandidates(candidates, SATURDAY_2330, {});
		expect(ranked.map((r) => r.service!.id)).toEqual(['night-1', 'youth-1', 'day-1', 'south-1']);
		expect(ranked[0]!.open.words).toEqual({ key: 'open_until_tomorrow', time: '08:00' });
		expect(ranked[0]!.call).toBe('tel:+46846500401');
		const adult = rankCandidates(candidates, SATURDAY_2330, { age: 40 });
		expect(adult.map((r) => [r.service!.id, r.fit])).toEqual([
			['night-1', true],
			['youth-1', false],
			['day-1', true],
			['south-1', true]
		]);
		expect(nothingFitting(adult)).toBe(false);
		expect(nothingFitting(rankCandidates(offlineCandidates(directory, { areaId: 'soder', need: 'food' }), SATURDAY_2330))).toBe(true);
	});

	it('finds by word prefixes without diacritics (no Swedish stemmer offline)', () => {
		const ids = (q: string) => offlineCandidates(directory, { areaId: 'sergels', q }).map((c) => c.partner.id).sort();
		expect(ids('härbärge')).toEqual(['night', 'south']);
		expect(ids('harbarge')).toEqual(['night', 'south']);
		expect(ids('frukost')).toEqual(['day']);
		expect(ids('bibliotek')).toEqual([]);
	});
});

describe('fit, links and numbers', () => {
	it('a service fits a person within its ages and in its target groups (none: everyone)', () => {
		const women = service('w', [18, 59], '', { targetGroups: ['women'], minAge: 18 });
		expect(fitOf(women, {})).toEqual({ fit: true, misfit: null });
		expect(fitOf(women, { group: 'women', age: 30 })).toEqual({ fit: true, misfit: null });
		expect(fitOf(women, { group: 'men' })).toEqual({ fit: false, misfit: 'group' });
		expect(fitOf(women, { age: 16 })).toEqual({ fit: false, misfit: 'age' });
		expect(fitOf(null, { age: 16 })).toEqual({ fit: true, misfit: null });
	});

	it('navigation opens the phone’s maps: Apple Maps on iOS, a geo: URI on Android, OpenStreetMap on a desktop', () => {
		expect(navigationHref([18.0649, 59.3326], 'Natthärbärget', 'ios')).toBe('https://maps.apple.com/?daddr=59.3326,18.0649&dirflg=w&q=Natth%C3%A4rb%C3%A4rget');
		expect(navigationHref([18.0649, 59.3326], 'A B', 'android')).toBe('geo:59.3326,18.0649?q=59.3326,18.0649(A%20B)');
		expect(navigationHref([18.0649, 59.3326], 'A', 'desktop')).toBe('https://www.openstreetmap.org/?mlat=59.3326&mlon=18.0649#map=18/59.3326/18.0649');
	});

	it('phone numbers: Swedish without a country code, international ones, and the short numbers that matter on the street', () => {
		expect(telHref('08-465 004 01')).toBe('tel:+46846500401');
		expect(telHref('+47 22 00 00 00')).toBe('tel:+4722000000');
		expect(telHref('116 111')).toBe('tel:116111');
		expect(telHref('112')).toBe('tel:112');
		expect(isPhoneNumber('1177')).toBe(true);
		expect(isPhoneNumber('08-12')).toBe(false);
		expect(isPhoneNumber('call me')).toBe(false);
		expect(telHref('08-12')).toBeNull();
	});
});
