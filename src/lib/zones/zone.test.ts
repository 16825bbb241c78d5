import { describe, expect, it } from 'vitest';
import { toSweref99tm } from '$lib/analysis/sweref99tm';
import { cellCentre, cellInGrid, SWEREF99TM_BOUNDS, zoneCreateSchema } from './zone';

describe('hexagon ids in zone bodies', () => {
	it('the grid bounds hold all of SWEREF 99 TM’s area of use (Sweden, 10.03–24.17° E, 54.96–69.07° N)', () => {
		const b = SWEREF99TM_BOUNDS;
		for (let lon = 10.03; lon <= 24.17; lon += 0.1)
			for (const lat of [54.96, 62, 69.07]) {
				const [x, y] = toSweref99tm([lon, lat]);
				expect(x >= b.minX && x <= b.maxX && y >= b.minY && y <= b.maxY, `${lon} ${lat}`).toBe(true);
			}
	});

	it('places a cell where ST_HexagonGrid does: columns 1.5 side apart, odd columns half a row up', () => {
		expect(cellCentre(100, '4:2')).toEqual([600, 2 * Math.sqrt(3) * 100]);
		expect(cellCentre(100, '-3:-1')[1]).toBeCloseTo(-Math.sqrt(3) * 100 + (Math.sqrt(3) * 100) / 2, 9);
	});

	it('accepts a cell in Stockholm and refuses ids off the grid', () => {
		const [x, y] = toSweref99tm([18.0455, 59.3125]);
		const tantolunden = `${Math.round(x / 75)}:${Math.round(y / (Math.sqrt(3) * 50))}`;
		expect(cellInGrid(50, tantolunden)).toBe(true);
		for (const id of ['9999999:9999999', '-9999999:0', '0:0', '8974:-3767']) expect(cellInGrid(50, id), id).toBe(false);
	});

	it('names each refused id by its path', () => {
		const parsed = zoneCreateSchema.safeParse({
			fromCells: { cell: 50, ids: ['8974:76154', '9999999:9999999'] },
			properties: { name: 'Zon', areaId: '00000000-0000-4000-8000-000000000000' }
		});
		expect(parsed.success).toBe(false);
		expect(parsed.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['fromCells.ids.1', 'cell_outside_grid']]);
		expect((parsed.error!.issues[0] as { params?: unknown }).params).toEqual({ cell: '9999999:9999999' });
	});
});

describe('malformed cell ids', () => {
	it('get the format message only', () => {
		const parsed = zoneCreateSchema.safeParse({ fromCells: { cell: 50, ids: ['x'] }, properties: { name: 'Zon', areaId: '00000000-0000-4000-8000-000000000000' } });
		expect(parsed.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['fromCells.ids.0', 'cell_id_format']]);
	});
});
