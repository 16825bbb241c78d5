/** Runs the closed-loop HTTP load client (load-client.mjs) in a worker thread and returns what it saw. */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';

export interface LoadResult {
	latencies: number[];
	statuses: Record<string, number>;
	elapsed: number;
	sample: string | null;
}
export interface RequestSpec {
	method: string;
	path: string;
	headers: Record<string, string>;
	body?: string;
	/** A fresh Idempotency-Key per send. */
	uniqueKey?: boolean;
}

export function load(origin: string, clients: number, seconds: number, requests: RequestSpec[]): Promise<LoadResult> {
	const worker = new Worker(fileURLToPath(new URL('./load-client.mjs', import.meta.url)), { workerData: { origin, clients, seconds, requests } });
	return new Promise((done, fail) => {
		worker.once('message', done);
		worker.once('error', fail);
	});
}
