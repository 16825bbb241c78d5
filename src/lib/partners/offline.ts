/**
 * The last known directory on the phone, in IndexedDB, so the compass still answers in a
 * stairwell without reception: saved after each visit with network, read when a search cannot
 * reach the server. Browser-only.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { OfflineDirectory } from './compass';

interface CompassDB extends DBSchema {
	directory: { key: string; value: OfflineDirectory };
}

let opened: Promise<IDBPDatabase<CompassDB>> | null = null;
const database = () => (opened ??= openDB<CompassDB>('lykta-compass', 1, { upgrade: (db) => void db.createObjectStore('directory') }));

/** Fetches the directory and keeps it; false when offline (the old copy stays). */
export async function refreshDirectory(): Promise<boolean> {
	try {
		const response = await fetch('/api/compass/directory', { headers: { accept: 'application/json' } });
		if (!response.ok) return false;
		const directory = (await response.json()) as OfflineDirectory;
		await (await database()).put('directory', directory, 'current');
		return true;
	} catch {
		return false;
	}
}

export async function savedDirectory(): Promise<OfflineDirectory | null> {
	try {
		return (await (await database()).get('directory', 'current')) ?? null;
	} catch {
		return null;
	}
}
