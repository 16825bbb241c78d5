/**
 * Bad input never causes a 500 and never changes anything: each case checks the status,
 * the error code in the API's error shape, and that no table (nor the audit log) moved.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { api, resetDatabase, seedWorld, snapshotCounts, squareAround, type World } from './harness';

type Case = {
	name: string;
	method?: string;
	path?: (w: World) => string;
	json?: (w: World, square: any) => unknown;
	body?: string;
	headers?: Record<string, string>;
	status: number;
	code: string;
	message?: RegExp;
};

const ring = (coords: [number, number][]) => ({ type: 'Polygon', coordinates: [coords] });
const bowTie = ring([[18.044, 59.312], [18.047, 59.313], [18.047, 59.312], [18.044, 59.313], [18.044, 59.312]]);

const areaCases: Case[] = [
	{ name: 'malformed JSON', body: '{"properties": {"name": "x"', status: 400, code: 'invalid_json' },
	{ name: 'not JSON at all', body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 415, code: 'unsupported_media_type' },
	{ name: 'missing geometry', json: () => ({ properties: { name: 'x' } }), status: 400, code: 'invalid_geometry' },
	{ name: 'missing name', json: (_w, sq) => ({ geometry: sq, properties: {} }), status: 400, code: 'validation_failed' },
	{ name: 'unknown geometry type', json: () => ({ geometry: { type: 'Circle', coordinates: [18, 59] }, properties: { name: 'x' } }), status: 400, code: 'invalid_geometry' },
	{ name: 'unclosed ring', json: () => ({ geometry: ring([[18.04, 59.31], [18.05, 59.31], [18.05, 59.32], [18.04, 59.32]]), properties: { name: 'x' } }), status: 400, code: 'invalid_geometry' },
	{ name: 'ring with too few positions', json: () => ({ geometry: ring([[18.04, 59.31], [18.05, 59.31], [18.04, 59.31]]), properties: { name: 'x' } }), status: 400, code: 'invalid_geometry' },
	{ name: 'non-numeric coordinates', json: () => ({ geometry: { type: 'Polygon', coordinates: [[['18', '59'], [18.05, 59.31], [18.05, 59.32], ['18', '59']]] }, properties: { name: 'x' } }), status: 400, code: 'invalid_geometry' },
	{ name: 'self-intersecting polygon', json: () => ({ geometry: bowTie, properties: { name: 'x' } }), status: 400, code: 'invalid_geometry', message: /self-intersection/i },
	{ name: 'longitude out of range', json: () => ({ geometry: ring([[200, 59.31], [200.01, 59.31], [200.01, 59.32], [200, 59.31]]), properties: { name: 'x' } }), status: 400, code: 'coordinates_out_of_range' },
	{ name: 'projected SWEREF 99 TM metres', json: () => ({ geometry: ring([[674000, 6578000], [674100, 6578000], [674100, 6578100], [674000, 6578000]]), properties: { name: 'x' } }), status: 400, code: 'coordinates_out_of_range' },
	{ name: 'swapped latitude and longitude', json: () => ({ geometry: ring([[59.31, 18.04], [59.31, 18.05], [59.32, 18.05], [59.31, 18.04]]), properties: { name: 'x' } }), status: 400, code: 'outside_service_area', message: /swapped/ },
	{ name: 'far outside the service area (Gothenburg)', json: () => ({ geometry: ring([[11.97, 57.70], [11.98, 57.70], [11.98, 57.71], [11.97, 57.70]]), properties: { name: 'x' } }), status: 400, code: 'outside_service_area' },
	{ name: 'wrong geometry type for an area (a point)', json: () => ({ geometry: { type: 'Point', coordinates: [18.04, 59.31] }, properties: { name: 'x' } }), status: 400, code: 'wrong_geometry_type' },
	{ name: 'wrong geometry type for an area (a line)', json: () => ({ geometry: { type: 'LineString', coordinates: [[18.04, 59.31], [18.05, 59.32]] }, properties: { name: 'x' } }), status: 400, code: 'wrong_geometry_type' },
	{ name: 'unknown kind', json: (_w, sq) => ({ geometry: sq, properties: { name: 'x', kind: 'city' } }), status: 400, code: 'validation_failed' },
	{ name: 'bad slug', json: (_w, sq) => ({ geometry: sq, properties: { name: 'x', slug: 'Not A Slug' } }), status: 400, code: 'validation_failed' },
	{ name: 'unknown parent area', json: (_w, sq) => ({ geometry: sq, properties: { name: 'x', parentId: '00000000-0000-4000-8000-000000000000' } }), status: 400, code: 'unknown_reference' },
	{ name: 'body over the size limit', body: JSON.stringify({ properties: { name: 'x', description: 'x'.repeat(1_100_000) } }), status: 413, code: 'payload_too_large' },
	{ name: 'duplicate slug', json: (_w, sq) => ({ geometry: sq, properties: { name: 'Tantolunden igen', slug: 'tantolunden', parentId: _w.district } }), status: 409, code: 'already_exists' }
];

const patchCases: Case[] = [
	{ name: 'patch without version', method: 'PATCH', path: (w) => `/api/areas/${w.place}`, json: () => ({ properties: { name: 'x' } }), status: 400, code: 'validation_failed' },
	{ name: 'patch with an unknown field', method: 'PATCH', path: (w) => `/api/areas/${w.place}`, json: () => ({ version: 1, properties: { colour: 'red' } }), status: 400, code: 'validation_failed' },
	{ name: 'patch with an invalid polygon', method: 'PATCH', path: (w) => `/api/areas/${w.place}`, json: () => ({ version: 1, geometry: bowTie }), status: 400, code: 'invalid_geometry' },
	{ name: 'patch with an empty name', method: 'PATCH', path: (w) => `/api/areas/${w.place}`, json: () => ({ version: 1, properties: { name: '  ' } }), status: 400, code: 'validation_failed' },
	{ name: 'patch of an area that does not exist', method: 'PATCH', path: () => '/api/areas/00000000-0000-4000-8000-000000000000', json: () => ({ version: 1, properties: { name: 'x' } }), status: 404, code: 'not_found' }
];

const partnerCases: Case[] = [
	{ name: 'partner with unknown kind', path: () => '/api/partners', json: (w) => ({ properties: { name: 'X', kind: 'company', areaIds: [w.district] } }), status: 400, code: 'validation_failed' },
	{ name: 'partner with unknown category', path: () => '/api/partners', json: (w) => ({ properties: { name: 'X', kind: 'ngo', categories: ['noise'], areaIds: [w.district] } }), status: 400, code: 'validation_failed' },
	{ name: 'partner with a bad e-mail', path: () => '/api/partners', json: (w) => ({ properties: { name: 'X', kind: 'ngo', contact: { email: 'not-an-email' }, areaIds: [w.district] } }), status: 400, code: 'validation_failed' },
	{ name: 'partner in an unknown area', path: () => '/api/partners', json: () => ({ properties: { name: 'X', kind: 'ngo', areaIds: ['00000000-0000-4000-8000-000000000000'] } }), status: 400, code: 'unknown_reference' },
	{ name: 'service location with swapped coordinates', path: () => '/api/partners', json: (w) => ({ properties: { name: 'X', kind: 'ngo', areaIds: [w.district], serviceLocations: [{ name: 'Kontor', location: { type: 'Point', coordinates: [59.31, 18.04] } }] } }), status: 400, code: 'outside_service_area' }
];

const queryCases: Case[] = [
	{ name: 'bbox with three numbers', method: 'GET', path: () => '/api/areas?bbox=18,59,19', status: 400, code: 'invalid_query' },
	{ name: 'bbox with west > east', method: 'GET', path: () => '/api/areas?bbox=19,59,18,60', status: 400, code: 'invalid_query' },
	{ name: 'bbox in metres', method: 'GET', path: () => '/api/areas?bbox=674000,6578000,675000,6579000', status: 400, code: 'invalid_query' },
	{ name: 'unknown kind filter', method: 'GET', path: () => '/api/areas?kind=city', status: 400, code: 'invalid_query' },
	{ name: 'parent filter that is not a UUID', method: 'GET', path: () => '/api/areas?parent=42', status: 400, code: 'invalid_query' }
];

describe('bad input gets a 4xx in the error shape and changes nothing', () => {
	let world: World;
	let square: any;
	beforeAll(async () => {
		await resetDatabase();
		world = await seedWorld();
		square = await squareAround(18.035, 59.3155, 100);
	});

	for (const c of [...areaCases, ...patchCases, ...partnerCases, ...queryCases]) {
		it(c.name, async () => {
			const before = await snapshotCounts();
			const method = c.method ?? 'POST';
			const path = c.path?.(world) ?? '/api/areas';
			const body = c.body ?? (c.json ? JSON.stringify(c.json(world, square)) : undefined);
			const headers = { 'content-type': 'application/json', ...c.headers };
			const res = await api(method, path, { as: world.tokens.admin, body, headers: method === 'GET' ? {} : headers });
			expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status: c.status, code: c.code });
			expect(res.body.error.message).toEqual(expect.any(String));
			if (c.message) expect(res.body.error.message + JSON.stringify(res.body.error.details ?? '')).toMatch(c.message);
			expect(await snapshotCounts()).toEqual(before);
		});
	}
});
