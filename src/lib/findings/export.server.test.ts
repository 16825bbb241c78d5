import { describe, expect, it } from 'vitest';
import { findingsCsv } from './export.server';
import type { FindingCollection, FindingFeature } from './finding';

function feature(geometry: FindingFeature['geometry'], description = 'Trasig lampa; mörkt'): FindingFeature {
	return {
		type: 'Feature',
		id: 'f1',
		geometry,
		properties: {
			areaId: 'a1', areaName: 'Tantolunden', walkId: null, category: 'lighting', severity: 2, timesOfDay: ['evening', 'night'],
			description, proposedMeasure: 'Byt armatur', proposedTerm: 'short', responsiblePartnerId: null, responsiblePartnerName: 'Trafikkontoret',
			followUpOn: '2026-12-01', overdue: false, status: 'assigned', statusReason: null, reinspect: true, confirmations: 2, reporter: null,
			audit: null, photos: [], version: 1, createdAt: '2026-11-22T10:00:00.000Z', updatedAt: '2026-11-22T10:00:00.000Z'
		}
	};
}
const collection = (...features: FindingFeature[]): FindingCollection => ({ type: 'FeatureCollection', features });

describe('findingsCsv', () => {
	it('writes the Swedish Excel dialect: BOM, semicolons, decimal commas, quoted separators', () => {
		const csv = findingsCsv(collection(feature({ type: 'Point', coordinates: [18.0455, 59.3125] })), 'sv');
		expect(csv.startsWith('\uFEFF')).toBe(true);
		const [header, row] = csv.slice(1).trim().split('\r\n');
		const columns = header.split(';');
		expect(columns).toContain('lon');
		const values = row.match(/("([^"]|"")*"|[^;]*)(;|$)/g)!.map((v) => v.replace(/;$/, ''));
		const at = (name: string) => values[columns.indexOf(name)];
		expect(at('description')).toBe('"Trasig lampa; mörkt"');
		expect(at('times_of_day')).toBe('evening,night');
		expect(at('lon')).toBe('18,0455');
		expect(at('lat')).toBe('59,3125');
		expect(at('reinspect')).toBe('yes');
	});

	it('writes RFC 4180 with decimal points and no BOM on request', () => {
		const csv = findingsCsv(collection(feature({ type: 'Point', coordinates: [18.0455, 59.3125] }, 'Enkel')), 'rfc4180');
		expect(csv.charCodeAt(0)).not.toBe(0xfeff);
		expect(csv).toContain(',18.0455,59.3125,');
	});

	it('places a line or area at the mean of its vertices (closing vertex not counted twice)', () => {
		const square = { type: 'Polygon' as const, coordinates: [[[18, 59], [18.002, 59], [18.002, 59.002], [18, 59.002], [18, 59]]] as [number, number][][] };
		const csv = findingsCsv(collection(feature(square)), 'rfc4180');
		expect(csv).toContain(',18.001,59.001,');
	});

	it('writes the same full header for an empty export', () => {
		const header = findingsCsv(collection(), 'rfc4180').trim();
		expect(header).toBe(findingsCsv(collection(feature({ type: 'Point', coordinates: [18.0455, 59.3125] })), 'rfc4180').split('\r\n')[0]);
		expect(header.split(',')).toEqual(expect.arrayContaining(['id', 'area', 'category', 'status', 'lon', 'lat', 'description']));
	});

	it.each(['sv', 'rfc4180'] as const)('neutralises formulas in users\' text but keeps numbers (%s)', (dialect) => {
		const hostile = feature({ type: 'Point', coordinates: [18.0455, 59.3125] }, '=HYPERLINK("http://evil.example","klicka")');
		hostile.properties.proposedMeasure = '+1+1';
		hostile.properties.statusReason = '-2+3';
		hostile.properties.responsiblePartnerName = '@SUM(A1)';
		hostile.properties.areaName = '\t=1';
		const csv = findingsCsv(collection(hostile), dialect);
		const separator = dialect === 'sv' ? ';' : ',';
		const [header, row] = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
		const columns = header.split(separator);
		const values = row.match(new RegExp(`("([^"]|"")*"|[^${separator}]*)(${separator}|$)`, 'g'))!.map((v) => v.replace(new RegExp(`${separator}$`), '').replace(/^"(.*)"$/s, '$1').replace(/""/g, '"'));
		const at = (name: string) => values[columns.indexOf(name)];
		expect(at('description')).toBe('\'=HYPERLINK("http://evil.example","klicka")');
		expect(at('proposed_measure')).toBe("'+1+1");
		expect(at('status_reason')).toBe("'-2+3");
		expect(at('responsible_partner')).toBe("'@SUM(A1)");
		expect(at('area')).toBe("'\t=1");
		expect(at('severity')).toBe('2');
		expect(at('lon')).toBe(dialect === 'sv' ? '18,0455' : '18.0455');
	});
});
