import { describe, expect, it } from 'vitest';
import type { AreaCollection, AreaFeature } from '$lib/areas/area';
import { homeBounds, unionBounds } from './my-areas';

function area(id: string, w: number, s: number, e: number, n: number, parentId: string | null = null): AreaFeature {
	return {
		type: 'Feature',
		id,
		geometry: { type: 'MultiPolygon', coordinates: [[[[w, s], [e, s], [e, n], [w, n], [w, s]]]] },
		properties: { slug: id, name: id, kind: parentId ? 'place' : 'district', parentId, description: '', areaM2: 1, version: 1, createdAt: '', updatedAt: '' }
	};
}

const areas: AreaCollection = {
	type: 'FeatureCollection',
	features: [
		area('sodermalm', 18.018, 59.304, 18.107, 59.3235),
		area('tantolunden', 18.04, 59.31, 18.05, 59.315, 'sodermalm'),
		area('osteraker', 18.2, 59.44, 18.4, 59.52),
		area('skarholmen', 17.87, 59.264, 17.956, 59.304)
	]
};

describe('where a map opens', () => {
	it('on the areas the user holds a role in', () => {
		expect(homeBounds(areas, [{ areaId: 'sodermalm' }])).toEqual([18.018, 59.304, 18.107, 59.3235]);
		expect(homeBounds(areas, [{ areaId: 'tantolunden' }, { areaId: 'skarholmen' }])).toEqual([17.87, 59.264, 18.05, 59.315]);
	});

	it('on all areas for a visitor, a role over every area, or grants on areas that are gone', () => {
		const all = [17.87, 59.264, 18.4, 59.52];
		expect(homeBounds(areas, null)).toEqual(all);
		expect(homeBounds(areas, [])).toEqual(all);
		expect(homeBounds(areas, [{ areaId: null }, { areaId: 'sodermalm' }])).toEqual(all);
		expect(homeBounds(areas, [{ areaId: 'deleted' }])).toEqual(all);
	});

	it('nowhere in particular when there are no areas', () => {
		expect(homeBounds({ type: 'FeatureCollection', features: [] }, [{ areaId: 'x' }])).toBeNull();
		expect(unionBounds([])).toBeNull();
	});
});
