import { describe, expect, it } from 'vitest';
import type { AreaCollection, AreaFeature } from '$lib/areas/area';
import { ownAreaBounds } from './home';

const square = (id: string, kind: 'district' | 'place', [x, y]: [number, number], size: number): AreaFeature =>
	({
		type: 'Feature',
		id,
		geometry: { type: 'MultiPolygon', coordinates: [[[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]]] },
		properties: { name: id, kind, parentId: null }
	}) as unknown as AreaFeature;

const near = (box: number[] | null, expected: number[]) => expect(box!.map((v) => Math.round(v * 1e6) / 1e6)).toEqual(expected);

const areas: AreaCollection = {
	type: 'FeatureCollection',
	features: [square('sodermalm', 'district', [18.0, 59.3], 0.1), square('tanto', 'place', [18.03, 59.31], 0.01), square('skarholmen', 'place', [17.9, 59.27], 0.01)]
};

describe('where the pinning map opens between walks', () => {
	it('on the areas the user is granted in', () => {
		near(ownAreaBounds(areas, [{ areaId: 'sodermalm' }]), [18.0, 59.3, 18.1, 59.4]);
		near(ownAreaBounds(areas, [{ areaId: 'tanto' }, { areaId: 'skarholmen' }]), [17.9, 59.27, 18.04, 59.32]);
	});

	it('on all places for a grant on every area, no grants, or grants on areas no longer there', () => {
		const places = [17.9, 59.27, 18.04, 59.32];
		near(ownAreaBounds(areas, [{ areaId: null }]), places);
		near(ownAreaBounds(areas, []), places);
		near(ownAreaBounds(areas, [{ areaId: 'gone' }]), places);
	});
});
