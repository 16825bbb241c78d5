import { afterEach, describe, expect, it, vi } from 'vitest';
import { newIdempotencyKey, sendFinding } from './api';
import type { OutboxEntry } from './store';

const entry: OutboxEntry = {
	key: '0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
	finding: {
		type: 'Feature',
		geometry: { type: 'Point', coordinates: [18.0455, 59.3125] },
		properties: { category: 'lighting', severity: 2, timesOfDay: [], description: '', proposedMeasure: '' }
	},
	photos: [
		{ name: 'a.jpg', type: 'image/jpeg', blob: new Blob([new Uint8Array(4)], { type: 'image/jpeg' }) },
		{ name: 'b.jpg', type: 'image/jpeg', blob: new Blob([new Uint8Array(5)], { type: 'image/jpeg' }) }
	],
	createdAt: '2026-01-01T00:00:00Z',
	attempts: 0,
	lastError: null
};

const answer = (status: number, body: unknown) =>
	vi.fn(async () => new Response(body === null ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));

afterEach(() => vi.unstubAllGlobals());

describe('sendFinding', () => {
	it('posts multipart with the finding as JSON, one photos part per file, and the idempotency key', async () => {
		const fetch = answer(201, { id: 'f1' });
		vi.stubGlobal('fetch', fetch);
		const outcome = await sendFinding(entry);
		expect(outcome).toEqual({ ok: true, status: 201, body: { id: 'f1' } });
		const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
		expect(url).toBe('/api/findings');
		expect(init.method).toBe('POST');
		expect((init.headers as Record<string, string>)['Idempotency-Key']).toBe(entry.key);
		const form = init.body as FormData;
		expect(JSON.parse(form.get('finding') as string)).toEqual(entry.finding);
		expect(form.getAll('photos').map((p) => (p as File).name)).toEqual(['a.jpg', 'b.jpg']);
	});

	it('takes a replay (200) as success', async () => {
		vi.stubGlobal('fetch', answer(200, { id: 'f1' }));
		expect(await sendFinding(entry)).toMatchObject({ ok: true, status: 200 });
	});

	it('never retries a 4xx, and keeps its code and message', async () => {
		vi.stubGlobal('fetch', answer(400, { error: { code: 'validation_failed', message: 'bad' } }));
		expect(await sendFinding(entry)).toEqual({
			ok: false,
			retry: false,
			error: { status: 400, code: 'validation_failed', message: 'bad' }
		});
	});

	it('retries a 5xx and a network failure', async () => {
		vi.stubGlobal('fetch', answer(503, { error: { code: 'unavailable', message: 'later' } }));
		expect(await sendFinding(entry)).toMatchObject({ ok: false, retry: true, error: { status: 503 } });
		vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
		expect(await sendFinding(entry)).toMatchObject({ ok: false, retry: true, error: { status: null, code: 'network' } });
	});
});

describe('newIdempotencyKey', () => {
	it('makes v4 UUIDs, also where crypto.randomUUID is missing', () => {
		const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
		expect(newIdempotencyKey()).toMatch(v4);
		const original = crypto.randomUUID;
		try {
			Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
			const keys = new Set(Array.from({ length: 100 }, newIdempotencyKey));
			expect(keys.size).toBe(100);
			for (const key of keys) expect(key).toMatch(v4);
		} finally {
			Object.defineProperty(crypto, 'randomUUID', { value: original, configurable: true });
		}
	});
});
