/**
 * The self-hosted basemap: vector tiles from the MBTiles archive that `npm run basemap:build`
 * writes (tilemaker, OpenMapTiles schema), read with better-sqlite3. The archive is opened on the
 * first request and again whenever the file is replaced, so a rebuild needs no restart; while there
 * is none, the answers are 404 and the maps fall back to the offline basemap.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import { config } from './config';

export const OSM_ATTRIBUTION = '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap contributors</a>';

interface Archive {
	/** Which file this is: replaced files get a new inode or modification time. */
	identity: string;
	db: SqliteDatabase;
	tile: Statement<[number, number, number], { tile_data: Buffer }>;
	metadata: Record<string, string>;
}

let current: Archive | null = null;
const loadSqlite = () => import('better-sqlite3');
let sqlite: ReturnType<typeof loadSqlite> | null = null;

function close() {
	current?.db.close();
	current = null;
}

async function archive(): Promise<Archive | null> {
	const path = resolve(config.LYKTA_BASEMAP_TILES);
	let identity: string;
	try {
		const stat = statSync(path);
		identity = `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
	} catch {
		close();
		return null;
	}
	if (current?.identity === identity) return current;
	// Loaded only when a basemap is there: a server without one never needs the native module.
	const { default: Database } = await (sqlite ??= loadSqlite());
	if (current?.identity === identity) return current; // opened by a request that got here first
	close();
	const db = new Database(path, { readonly: true, fileMustExist: true });
	const rows = db.prepare('SELECT name, value FROM metadata').all() as { name: string; value: string }[];
	current = {
		identity,
		db,
		tile: db.prepare('SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?'),
		metadata: Object.fromEntries(rows.map((r) => [r.name, r.value]))
	};
	return current;
}

/** A tile's bytes as stored (gzip-compressed protobuf from tilemaker), or null where the archive has none. */
export async function basemapTile(z: number, x: number, y: number): Promise<Buffer | null | 'no-archive'> {
	const open = await archive();
	if (!open) return 'no-archive';
	// MBTiles counts rows from the south (TMS); the URL from the north (XYZ).
	const row = open.tile.get(z, x, 2 ** z - 1 - y);
	return row?.tile_data ?? null;
}

/** The archive as TileJSON 3.0 (what MapLibre reads for a vector source `url`), or null when there is none. */
export async function basemapTileJson(origin: string): Promise<Record<string, unknown> | null> {
	const open = await archive();
	if (!open) return null;
	const m = open.metadata;
	const number = (value: string | undefined, fallback: number) => (value !== undefined && Number.isFinite(Number(value)) ? Number(value) : fallback);
	let vectorLayers: unknown[] = [];
	try {
		vectorLayers = (JSON.parse(m.json ?? '{}') as { vector_layers?: unknown[] }).vector_layers ?? [];
	} catch {
		// a hand-made archive without the layer list still serves tiles
	}
	const bounds = m.bounds?.split(',').map(Number);
	return {
		tilejson: '3.0.0',
		name: m.name ?? 'basemap',
		scheme: 'xyz',
		tiles: [`${origin}/tiles/basemap/{z}/{x}/{y}.pbf`],
		minzoom: number(m.minzoom, 0),
		maxzoom: number(m.maxzoom, 14),
		...(bounds?.length === 4 && bounds.every(Number.isFinite) ? { bounds } : {}),
		attribution: m.attribution || OSM_ATTRIBUTION,
		vector_layers: vectorLayers
	};
}
