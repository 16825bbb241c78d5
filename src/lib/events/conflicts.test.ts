import { describe, expect, it } from 'vitest';
import { draftConflicts } from './conflicts';
import type { Point } from '$lib/geometry/geojson';
import type { EventFeature } from './event';

const friday = { startsAt: '2023-06-02T16:00:00.000Z', endsAt: '2023-06-02T19:00:00.000Z' };
const saturday = { startsAt: '2023-06-03T16:00:00.000Z', endsAt: '2023-06-03T19:00:00.000Z' };

function event(id: string, lon: number, occurrences = [friday], status = 'planned'): EventFeature {
	return {
		type: 'Feature',
		id,
		geometry: { type: 'Point', coordinates: [lon, 59.3125] },
		properties: { title: id, kind: 'culture', status, influenceRadiusM: 100, occurrences } as unknown as EventFeature['properties']
	};
}

describe('clashes of an event being placed', () => {
	const here: Point = { type: 'Point', coordinates: [18.0455, 59.3125] };

	it('names the events whose footprint and time overlap the draft’s, with hours and area', () => {
		const events = [event('near-same-time', 18.046), event('near-other-day', 18.046, [saturday]), event('far', 18.07), event('cancelled', 18.046, [friday], 'cancelled')];
		const conflicts = draftConflicts({ id: null, kind: 'sport', geometry: here, radiusM: 100, occurrences: [friday] }, events);
		expect(conflicts.map((c) => c.event.id)).toEqual(['near-same-time']);
		expect(conflicts[0]!.hours).toBeCloseTo(3, 5);
		expect(conflicts[0]!.area).toBeGreaterThan(20_000);
	});

	it('leaves out the event being edited, and warns of nothing without times or with a bad radius', () => {
		const events = [event('edited', 18.0455)];
		expect(draftConflicts({ id: 'edited', kind: 'culture', geometry: here, radiusM: 100, occurrences: [friday] }, events)).toEqual([]);
		expect(draftConflicts({ id: null, kind: 'culture', geometry: here, radiusM: 100, occurrences: [] }, events)).toEqual([]);
		expect(draftConflicts({ id: null, kind: 'culture', geometry: here, radiusM: -1, occurrences: [friday] }, events)).toEqual([]);
	});
});
