/**
 * What the pinning page keeps on the phone, in IndexedDB: the outbox of findings not yet
 * accepted by the server (with their photos as Blobs), the findings the server refused for
 * good (kept until the person fixes or deletes them — out of the outbox, never sent again as
 * they are), and the walks the user joined, so the page still knows its walk when it opens
 * without network. Browser-only.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { FindingCreateInput, FindingFeature } from '$lib/findings/finding';
import type { WalkFeature } from '$lib/walks/walk';
import { retryable } from './api';

export interface OutboxPhoto {
	name: string;
	type: string;
	blob: Blob;
}

export interface SendError {
	/** HTTP status, or null when the server could not be reached. */
	status: number | null;
	code: string;
	/** The server's message, in the language of the request that got it (the UI shows its own text from code and details). */
	message: string;
	/** The error's details as sent (field problems, the entity or reason named), for the text. */
	details?: unknown;
}

/** A saved finding on its way to the server. */
export interface OutboxEntry {
	/** The Idempotency-Key: made once when the user pressed Save, reused on every retry. */
	key: string;
	finding: FindingCreateInput;
	photos: OutboxPhoto[];
	createdAt: string;
	attempts: number;
	lastError: SendError | null;
}

/** A joined (or visited) walk, remembered for offline use. */
export interface KnownWalk {
	id: string;
	walk: WalkFeature;
	/** The area's outline, to draw under the pins when there is no basemap. */
	areaGeometry: GeoJSON.Geometry | null;
	/** Set when the user joined as a guest (no account). */
	guest: { name: string; expiresAt: string } | null;
	/** The walk's findings as last fetched, shown when the page opens offline. */
	findings?: FindingFeature[];
	savedAt: string;
}

/** A finding the server refused for good: out of the outbox, with the refusal. */
export interface RefusedEntry extends OutboxEntry {
	lastError: SendError;
	refusedAt: string;
}

interface PinningDB extends DBSchema {
	outbox: { key: string; value: OutboxEntry; indexes: { createdAt: string } };
	refused: { key: string; value: RefusedEntry; indexes: { createdAt: string } };
	walks: { key: string; value: KnownWalk };
}

let connection: Promise<IDBPDatabase<PinningDB>> | null = null;

function db(): Promise<IDBPDatabase<PinningDB>> {
	connection ??= openDB<PinningDB>('lykta-pinning', 2, {
		async upgrade(database, oldVersion, _newVersion, transaction) {
			if (oldVersion < 1) {
				const outbox = database.createObjectStore('outbox', { keyPath: 'key' });
				outbox.createIndex('createdAt', 'createdAt');
				database.createObjectStore('walks', { keyPath: 'id' });
			}
			if (oldVersion < 2) {
				const refused = database.createObjectStore('refused', { keyPath: 'key' });
				refused.createIndex('createdAt', 'createdAt');
				// Refusals kept in the outbox by the first version move out of it.
				for (const entry of await transaction.objectStore('outbox').getAll()) {
					if (!entry.lastError || retryable(entry.lastError.status)) continue;
					await refused.put({ ...entry, lastError: entry.lastError, refusedAt: entry.createdAt });
					await transaction.objectStore('outbox').delete(entry.key);
				}
			}
		}
	});
	// A failed open (private mode, storage disabled) may succeed later: do not cache the failure.
	connection.catch(() => (connection = null));
	return connection;
}

export async function outboxEntries(): Promise<OutboxEntry[]> {
	return (await db()).getAllFromIndex('outbox', 'createdAt');
}

export async function putOutboxEntry(entry: OutboxEntry): Promise<void> {
	await (await db()).put('outbox', entry);
}

export async function getOutboxEntry(key: string): Promise<OutboxEntry | undefined> {
	return (await db()).get('outbox', key);
}

/** Removes a finding from the phone: waiting in the outbox or refused. */
export async function deleteOutboxEntry(key: string): Promise<void> {
	const tx = (await db()).transaction(['outbox', 'refused'], 'readwrite');
	await Promise.all([tx.objectStore('outbox').delete(key), tx.objectStore('refused').delete(key), tx.done]);
}

export async function refusedEntries(): Promise<RefusedEntry[]> {
	return (await db()).getAllFromIndex('refused', 'createdAt');
}

/** Takes a refused finding out of the outbox, in one transaction: it is either waiting or refused, never both. */
export async function moveToRefused(entry: OutboxEntry, error: SendError, now = new Date()): Promise<void> {
	const tx = (await db()).transaction(['outbox', 'refused'], 'readwrite');
	await Promise.all([
		tx.objectStore('refused').put({ ...entry, attempts: entry.attempts + 1, lastError: error, refusedAt: now.toISOString() }),
		tx.objectStore('outbox').delete(entry.key),
		tx.done
	]);
}

export async function rememberWalk(walk: KnownWalk): Promise<void> {
	await (await db()).put('walks', walk);
}

/** Keeps the latest findings with a walk already remembered (no-op for a walk never seen). */
export async function rememberWalkFindings(id: string, findings: FindingFeature[]): Promise<void> {
	const database = await db();
	const tx = database.transaction('walks', 'readwrite');
	const walk = await tx.store.get(id);
	if (walk) await tx.store.put({ ...walk, findings });
	await tx.done;
}

export async function knownWalk(id: string): Promise<KnownWalk | undefined> {
	return (await db()).get('walks', id);
}

/** The most recently joined walk whose guest access has not expired. */
export async function latestJoinedWalk(now = new Date()): Promise<KnownWalk | undefined> {
	const walks = await (await db()).getAll('walks');
	return walks
		.filter((w) => w.guest && new Date(w.guest.expiresAt) > now)
		.sort((a, b) => b.savedAt.localeCompare(a.savedAt))[0];
}
