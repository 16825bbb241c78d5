import { beforeEach, describe, expect, it } from 'vitest';
import { api, resetDatabase } from './harness';

describe('API basics', () => {
	beforeEach(resetDatabase);

	it('reports health with the database mode and the PostGIS version', async () => {
		const res = await api('GET', '/api/health');
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ status: 'ok', database: process.env.DATABASE_URL ? 'postgres' : 'embedded' });
		expect(res.body.postgis).toMatch(/^3\.\d+/);
	});

	it('answers unknown API paths with 404 in the error shape', async () => {
		const res = await api('GET', '/api/nothing-here');
		expect(res.status).toBe(404);
		expect(res.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
	});

	it('answers a malformed id with 404, not 500', async () => {
		const res = await api('GET', '/api/areas/not-a-uuid');
		expect(res.status).toBe(404);
		expect(res.body.error.code).toBe('not_found');
	});

	it('sends security headers and a request id', async () => {
		const res = await api('GET', '/api/health');
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('x-frame-options')).toBe('DENY');
		expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
	});
});
