/**
 * Heavy analysis off the request thread: a pool of worker threads (piscina) running the
 * tasks of ./analysis-worker, each with a time budget. A task over budget is aborted —
 * piscina terminates the worker running it and starts a fresh one — and the request
 * answers 503 `analysis_timeout`: the request was within the limits (those are checked
 * first and refused with a 400), so the server could not do it now rather than the client
 * asking for something wrong; a retry may succeed on a quieter server, a smaller request
 * will. The threads run at a lower priority (nice +10, Linux and macOS), so the event loop
 * and PostgreSQL get a core first while an analysis runs.
 *
 * The worker file is wherever the build put ./analysis-worker: the main thread imports that
 * module (pure, no side effects) and asks it for its own URL. Under `vite dev` that is a
 * TypeScript file a worker cannot load, so tasks run in-process there, without a budget.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { config } from '../config';
import { ApiError, badRequest } from '../api/errors';
import type { AnalysisResult, AnalysisTask, Refusal } from './analysis-worker';

interface Runner {
	pool: Piscina | null;
	inline: ((task: AnalysisTask) => unknown) | null;
}

const KEY = Symbol.for('lykta.analysis.pool');
/**
 * A lower budget for the pool of this process: the integration tests run the built server
 * in their own process and use it to show a task over budget without a 20-second wait.
 */
const BUDGET_OVERRIDE = Symbol.for('lykta.analysis.budgetMs');
type Registry = { [KEY]?: Promise<Runner>; [BUDGET_OVERRIDE]?: number };

const threads = config.LYKTA_ANALYSIS_THREADS ?? Math.max(1, availableParallelism() - 1);

function runner(): Promise<Runner> {
	const registry = globalThis as Registry;
	registry[KEY] ??= (async () => {
		const worker = await import('./analysis-worker');
		if (!worker.workerFile.endsWith('.js')) return { pool: null, inline: worker.default };
		const pool = new Piscina({
			filename: worker.workerFile,
			minThreads: 1,
			maxThreads: threads,
			// A burst waits; beyond a few tasks per thread the client is told to come back.
			maxQueue: threads * 8,
			idleTimeout: 60_000,
			niceIncrement: 10,
			resourceLimits: { maxOldGenerationSizeMb: config.LYKTA_ANALYSIS_MEMORY_MB }
		});
		return { pool, inline: null };
	})();
	return registry[KEY];
}

export function analysisBudgetMs(): number {
	return (globalThis as Registry)[BUDGET_OVERRIDE] ?? config.LYKTA_ANALYSIS_BUDGET_MS;
}

const isRefusal = (value: unknown): value is Refusal => typeof value === 'object' && value !== null && 'refused' in value;

/** Runs one analysis task in a worker within the time budget; refusals and failures come back in the error shape. */
export async function runAnalysis<T extends AnalysisTask>(task: T): Promise<Exclude<AnalysisResult<T>, Refusal>> {
	const { pool, inline } = await runner();
	const budget = analysisBudgetMs();
	let result: unknown;
	if (inline) result = inline(task);
	else {
		try {
			result = await pool!.run(task, { signal: AbortSignal.timeout(budget) });
		} catch (error) {
			throw analysisFailure(error, budget);
		}
	}
	if (isRefusal(result)) throw badRequest(result.refused.code, result.refused.message, result.refused.details);
	return result as Exclude<AnalysisResult<T>, Refusal>;
}

function analysisFailure(error: unknown, budget: number): unknown {
	const e = error as { name?: string; code?: string; message?: string };
	if (e?.name === 'AbortError')
		return new ApiError(503, 'analysis_timeout', `The analysis took longer than ${Math.round(budget / 1000)} s and was stopped; try a shorter period or a smaller area.`, { budgetMs: budget });
	if (e?.code === 'ERR_WORKER_OUT_OF_MEMORY')
		return new ApiError(503, 'analysis_too_heavy', 'The analysis needed more memory than one analysis may use and was stopped; try a shorter period or a smaller area.', {
			memoryMb: config.LYKTA_ANALYSIS_MEMORY_MB
		});
	if (e?.message === 'Task queue is at limit') return new ApiError(503, 'analysis_busy', 'The server is busy with other analyses; try again in a moment.');
	return error;
}

/** Stops the worker threads (shutdown). */
export async function closeAnalysisPool(): Promise<void> {
	const registry = globalThis as Registry;
	const running = registry[KEY];
	delete registry[KEY];
	await (await running)?.pool?.destroy();
}
