import { describe, expect, it } from 'vitest';
import { translator } from './locale';

const sv = translator('sv') as unknown as (key: string, options?: Record<string, unknown>) => string;
const en = translator('en') as unknown as (key: string, options?: Record<string, unknown>) => string;

describe('counts take the right plural form in both languages', () => {
	it.each([
		['coverage.zoneCount', 1, '1 problemområde', '1 problem zone'],
		['coverage.zoneCount', 2, '2 problemområden', '2 problem zones'],
		['coverage.zoneCount', 0, '0 problemområden', '0 problem zones'],
		['coverage.hourCount', 1, '1 timme', '1 hour'],
		['coverage.hourCount', 168, '168 timmar', '168 hours'],
		['coverage.activityCount', 1, '1 insats', '1 activity'],
		['coverage.activityCount', 5, '5 insatser', '5 activities'],
		['incidents.cellCount', 1, '1 cell', '1 cell'],
		['incidents.incidentCount', 1, '1 händelse', '1 incident'],
		['plan.measure.count', 1, '1 åtgärd', '1 measure'],
		['walks.list.count', 1, '1 vandring', '1 walk'],
		['walks.list.count', 3, '3 vandringar', '3 walks']
	])('%s with %i', (key, count, swedish, english) => {
		expect(sv(key, { count })).toBe(swedish);
		expect(en(key, { count })).toBe(english);
	});

	it('formats large counts with the language’s digit grouping', () => {
		expect(sv('incidents.incidentCount', { count: 12345 }).replace(/\s/g, ' ')).toBe('12 345 händelser');
		expect(en('incidents.incidentCount', { count: 12345 })).toBe('12,345 incidents');
	});

	it('in whole sentences: the coverage summary and the import progress', () => {
		const summary = (t: typeof sv) =>
			t('coverage.summary', { zones: t('coverage.zoneCount', { count: 1 }), activities: t('coverage.activityCount', { count: 1 }), hours: t('coverage.hourCount', { count: 1 }), from: '2 juni', to: '2 juni' });
		expect(summary(sv)).toBe('1 problemområde, 1 insats, 1 timme under 2 juni – 2 juni.');
		expect(summary(en)).toBe('1 problem zone, 1 activity, 1 hour from 2 juni to 2 juni.');
		expect(sv('import.progress', { count: 1, rows: '1' })).toBe('Importerar … 1 rad läst');
		expect(en('import.progress', { count: 2, rows: '2' })).toBe('Importing … 2 rows read');
		expect(sv('coverage.suggest', { count: 1 })).toBe('Föreslå 1 plats för de valda tiderna');
		expect(sv('plan.event.conflict', { count: 1, title: 'Konsert', hours: '1', area: '20' })).toBe('Konsert – 1 timme, 20 m² överlapp');
		expect(en('plan.event.conflict', { count: 1.5, title: 'Gig', hours: '1.5', area: '20' })).toBe('Gig – 1.5 hours, 20 m² overlap');
	});
});
