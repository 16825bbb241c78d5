import { describe, expect, it } from 'vitest';
import { guessCategory, guessColumns, guessEpsg } from './guess';

describe('mapping guesses', () => {
	it('recognises Swedish and English column names', () => {
		expect(guessColumns(['Ärendenr', 'Brottstid', 'Kategori', 'Nord', 'Öst', 'Beskrivning'])).toEqual({ x: 'Öst', y: 'Nord', time: 'Brottstid', category: 'Kategori', externalId: 'Ärendenr', description: 'Beskrivning' });
		expect(guessColumns(['id', 'when', 'type', 'lon', 'lat'])).toMatchObject({ x: 'lon', y: 'lat', category: 'type', externalId: 'id' });
		expect(guessColumns(['a', 'b']).x).toBe('');
	});

	it('tells SWEREF 99 TM, 18 00 and WGS 84 apart by the size of x', () => {
		expect(guessEpsg(['674032,5', '673900'])).toBe(3006);
		expect(guessEpsg(['152591,39', '150000'])).toBe(3011);
		expect(guessEpsg(['18,0455', '18.05'])).toBe(4326);
		expect(guessEpsg([])).toBe(4326);
	});

	it('maps category words to the domain categories', () => {
		expect(['Narkotikabrott', 'Misshandel', 'Stöld', 'Ordningsstörning', 'Skadegörelse', 'Theft', 'vandalism', 'Bedrägeri'].map(guessCategory)).toEqual([
			'narcotics', 'violence', 'theft', 'disorder', 'vandalism', 'theft', 'vandalism', 'other'
		]);
	});
});
