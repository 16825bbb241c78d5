/**
 * Tiles made, by key (tenant, its incident version, layer, the reader's areas, z/x/y, filters),
 * least recently used dropped first past a byte budget; a tile being made is shared by every
 * request that asks for it meanwhile (a hundred map viewers opening the same evening map cost
 * one query per tile, not a hundred). A new incident version makes new keys: nothing stale is
 * served, and the old entries age out.
 */
export class TileCache {
	private done = new Map<string, Uint8Array>();
	private making = new Map<string, Promise<Uint8Array>>();
	private bytes = 0;
	constructor(private readonly budget: number) {}

	async get(key: string, make: () => Promise<Uint8Array>): Promise<Uint8Array> {
		const kept = this.done.get(key);
		if (kept) {
			this.done.delete(key);
			this.done.set(key, kept); // most recently used last
			return kept;
		}
		const pending = this.making.get(key);
		if (pending) return pending;
		const made = make().then(
			(tile) => {
				this.making.delete(key);
				this.keep(key, tile);
				return tile;
			},
			(error: unknown) => {
				this.making.delete(key);
				throw error;
			}
		);
		this.making.set(key, made);
		return made;
	}

	private keep(key: string, tile: Uint8Array) {
		if (tile.byteLength > this.budget / 8) return;
		this.done.set(key, tile);
		this.bytes += tile.byteLength;
		for (const [old, value] of this.done) {
			if (this.bytes <= this.budget) break;
			this.done.delete(old);
			this.bytes -= value.byteLength;
		}
	}

	get size() {
		return { tiles: this.done.size, bytes: this.bytes };
	}
}

