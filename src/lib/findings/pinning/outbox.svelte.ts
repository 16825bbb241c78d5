/**
 * The outbox: every saved finding is stored on the phone first and leaves it once the
 * server has answered 2xx — or refused it for good (a 4xx other than 408 and 429): then it
 * moves to the refused findings, with the reason, and waits for the user to fix or delete it
 * (it is never sent again as it is, and no longer counts as waiting). Entries that could not
 * be delivered (no network, 5xx, 408, 429) are sent again — with the same Idempotency-Key, so
 * a retry never creates a duplicate — when the browser comes online, when the page loads,
 * and every 30 s while any wait.
 */
import type { FindingFeature } from '$lib/findings/finding';
import { retryable, sendFinding, type ApiResult } from './api';
import {
	deleteOutboxEntry,
	getOutboxEntry,
	moveToRefused,
	outboxEntries,
	putOutboxEntry,
	refusedEntries,
	type OutboxEntry,
	type RefusedEntry
} from './store';

const RETRY_INTERVAL_MS = 30_000;
const LOCK = 'lykta-outbox';

/** Refused by the server for good: waits for the user, is not retried. */
export const isRefused = (entry: OutboxEntry) => !!entry.lastError && !retryable(entry.lastError.status);

export type SendOutcome = ApiResult<FindingFeature | null>;

/**
 * Sending is serialised — across tabs too, where the Web Locks API exists — so the timer,
 * the `online` event and a Save never upload the same entry at the same time.
 */
function exclusive<T>(run: () => Promise<T>): Promise<T> {
	if (typeof navigator !== 'undefined' && navigator.locks) return navigator.locks.request(LOCK, run) as Promise<T>;
	const next = chain.then(run, run);
	chain = next.catch(() => undefined);
	return next;
}
let chain: Promise<unknown> = Promise.resolve();

export class Outbox {
	/** Waiting to be sent. */
	entries = $state<OutboxEntry[]>([]);
	/** Refused by the server, out of the outbox, until fixed or deleted. */
	refused = $state<RefusedEntry[]>([]);
	sending = $state(false);
	online = $state(true);
	/** False when IndexedDB cannot be used (storage disabled): saves then go straight to the server. */
	available = $state(true);

	readonly waiting = $derived(this.entries.length);

	/** Called after every send that the server accepted (created or replayed). */
	onsent: (finding: FindingFeature | null) => void = () => {};

	async refresh(): Promise<void> {
		try {
			[this.entries, this.refused] = await Promise.all([outboxEntries(), refusedEntries()]);
			this.available = true;
		} catch {
			this.available = false;
		}
	}

	async add(entry: OutboxEntry): Promise<void> {
		await putOutboxEntry(entry);
		await this.refresh();
	}

	/** Deletes a finding from the phone, waiting or refused. */
	async remove(key: string): Promise<void> {
		await deleteOutboxEntry(key);
		await this.refresh();
	}

	/**
	 * Sends one entry now (after Save, or "send now") and records what happened; 'gone' when
	 * it was no longer waiting — a flush that held the lock first delivered it.
	 */
	sendNow(key: string): Promise<SendOutcome | 'gone'> {
		return exclusive(async () => {
			this.sending = true;
			try {
				return (await this.deliver(key)) ?? 'gone';
			} finally {
				this.sending = false;
				await this.refresh();
			}
		});
	}

	/** Sends everything that may be retried; stops at the first entry that could not be delivered. */
	flush(): Promise<void> {
		if (!navigator.onLine) return Promise.resolve();
		return exclusive(async () => {
			this.sending = true;
			try {
				for (const entry of await outboxEntries()) {
					if (isRefused(entry)) continue;
					const outcome = await this.deliver(entry.key);
					if (outcome && !outcome.ok && outcome.retry) break;
				}
			} catch {
				// IndexedDB unavailable: nothing stored, nothing to send.
			} finally {
				this.sending = false;
				await this.refresh();
			}
		});
	}

	private async deliver(key: string): Promise<SendOutcome | null> {
		// Re-read inside the lock: another tab may have sent or removed it meanwhile.
		const entry = await getOutboxEntry(key);
		if (!entry) return null;
		const outcome = await sendFinding(entry);
		if (outcome.ok) {
			await deleteOutboxEntry(key);
			this.onsent(outcome.body);
		} else if (outcome.retry) {
			await putOutboxEntry({ ...entry, attempts: entry.attempts + 1, lastError: outcome.error });
		} else {
			await moveToRefused(entry, outcome.error);
		}
		return outcome;
	}

	/** Starts the triggers: now, on `online`, on return to the page, and every 30 s while entries wait. */
	start(): () => void {
		this.online = navigator.onLine;
		const kick = () => void this.flush();
		const online = () => {
			this.online = true;
			kick();
		};
		const offline = () => (this.online = false);
		const visible = () => document.visibilityState === 'visible' && kick();
		window.addEventListener('online', online);
		window.addEventListener('offline', offline);
		document.addEventListener('visibilitychange', visible);
		const timer = setInterval(() => {
			if (this.entries.some((e) => !isRefused(e))) kick();
		}, RETRY_INTERVAL_MS);
		void this.refresh().then(kick);
		return () => {
			window.removeEventListener('online', online);
			window.removeEventListener('offline', offline);
			document.removeEventListener('visibilitychange', visible);
			clearInterval(timer);
		};
	}
}
