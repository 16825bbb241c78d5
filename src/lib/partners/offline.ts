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

/**
 * Asks the service worker to keep this page for offline use (a page reached by a link inside
 * the app never passed through it as a page load). Does nothing without a service worker.
 */
export async function keepPageForOffline(): Promise<void> {
	try {
		const registration = await Promise.race([navigator.serviceWorker?.ready, new Promise<undefined>((resolve) => setTimeout(resolve, 5000))]);
		registration?.active?.postMessage({ type: 'keep-page', url: location.pathname + location.search });
	} catch {
		// No service worker here (development, a private window): nothing to keep.
	}
}
