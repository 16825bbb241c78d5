import { describe, expect, it } from 'vitest';
import { TileCache } from './tile-cache';

const tile = (bytes: number, fill = 1) => new Uint8Array(bytes).fill(fill);

describe('TileCache', () => {
	it('makes a tile once for everyone asking at the same time, and keeps it', async () => {
		const cache = new TileCache(1000);
		let made = 0;
		let release!: () => void;
		const gate = new Promise<void>((resolve) => (release = resolve));
		const make = async () => {
			made++;
			await gate;
			return tile(10);
		};
		const asks = [cache.get('a', make), cache.get('a', make), cache.get('a', make)];
		release();
		const tiles = await Promise.all(asks);
		expect(made).toBe(1);
		expect(tiles[0]).toBe(tiles[1]);
		expect(await cache.get('a', make)).toBe(tiles[0]);
		expect(made).toBe(1);
		expect(cache.size).toEqual({ tiles: 1, bytes: 10 });
	});

	it('drops the least recently used past its byte budget, and keeps nothing larger than an eighth of it', async () => {
		const cache = new TileCache(800);
		for (const key of ['a', 'b', 'c', 'd']) await cache.get(key, async () => tile(100));
		await cache.get('a', async () => tile(1)); // a is used again: b is now the oldest
		for (const key of ['e', 'f', 'g', 'h', 'i']) await cache.get(key, async () => tile(100));
		expect(cache.size).toEqual({ tiles: 8, bytes: 800 });
		let remade = 0;
		await cache.get('b', async () => (remade++, tile(100)));
		expect(remade).toBe(1); // b was dropped
		await cache.get('a', async () => (remade++, tile(100)));
		expect(remade).toBe(1); // a was kept
		await cache.get('big', async () => tile(101));
		await cache.get('big', async () => (remade++, tile(101)));
		expect(remade).toBe(2); // too big to keep
	});

	it('keeps nothing when making fails, and tries again next time', async () => {
		const cache = new TileCache(1000);
		await expect(cache.get('x', async () => Promise.reject(new Error('database away')))).rejects.toThrow('database away');
		expect(await cache.get('x', async () => tile(5))).toHaveLength(5);
	});
});
