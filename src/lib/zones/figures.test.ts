import { describe, expect, it } from 'vitest';
import { findingWeights } from '$lib/analysis/hour-profile';
import { zoneFigures, type StoredZoneFigures } from './figures';

const FRIDAY_22 = 4 * 24 + 22;
const hours = (entries: [number, number][]) => {
	const s = new Array<number>(168).fill(0);
	for (const [h, n] of entries) s[h] = n;
	return s;
};

/** One incident on a Friday at 22, no cell of the grid holding enough to show. */
const oneIncident: StoredZoneFigures = { givenWeight: null, incidentHours: hours([[FRIDAY_22, 1]]), gridIncidentHours: null, findingHours: hours([]), findingCount: 0 };

describe('a zone as each reader gets it', () => {
	it('gives a reader with incident access the exact figures', () => {
		const f = zoneFigures(oneIncident, true);
		expect(f).toMatchObject({ weight: 1, weightGiven: false, incidentFigures: 'exact' });
		expect(f.hourProfile[FRIDAY_22]).toBe(1);
	});

	it('gives everyone else a withheld incident part: uniform without findings, no hour stands out', () => {
		const f = zoneFigures(oneIncident, false);
		expect(f).toMatchObject({ weight: 1, weightGiven: false, incidentFigures: 'withheld' });
		expect(new Set(f.hourProfile)).toEqual(new Set([1 / 168]));
	});

	it('builds a withheld zone from its findings alone', () => {
		const stored = { ...oneIncident, findingHours: findingWeights([['evening'], ['evening']]), findingCount: 2 };
		const f = zoneFigures(stored, false);
		expect(f.weight).toBe(2);
		expect(f.hourProfile[FRIDAY_22]).toBe(0);
		expect(f.hourProfile[4 * 24 + 19]).toBeCloseTo(1 / 28, 12);
		expect(zoneFigures(stored, true).weight).toBe(3);
	});

	it('takes the grid figures when they pass, with the weight as an estimate', () => {
		// 12 incidents, 5.5 of them through the grid (cells partly covered), spread over a block.
		const grid = hours([[FRIDAY_22, 1.375], [FRIDAY_22 + 1, 1.375], [FRIDAY_22 + 2, 1.375], [FRIDAY_22 + 3, 1.375]]);
		const stored = { ...oneIncident, incidentHours: hours([[FRIDAY_22, 12]]), gridIncidentHours: grid, findingHours: findingWeights([[]]), findingCount: 1 };
		const f = zoneFigures(stored, false);
		expect(f).toMatchObject({ weight: 6.5, incidentFigures: 'aggregated' });
		expect(f.hourProfile[FRIDAY_22]).toBeCloseTo((1.375 + 1 / 168) / 6.5, 12);
		expect(f.hourProfile[FRIDAY_22 + 1]).toBeCloseTo(f.hourProfile[FRIDAY_22]!, 12);
		expect(zoneFigures(stored, true).weight).toBe(13);
	});

	it('shows a weight a person gave as given, to everyone', () => {
		const stored = { ...oneIncident, givenWeight: 4 };
		expect(zoneFigures(stored, false)).toMatchObject({ weight: 4, weightGiven: true, incidentFigures: 'withheld' });
		expect(zoneFigures(stored, true)).toMatchObject({ weight: 4, weightGiven: true, incidentFigures: 'exact' });
	});
});
