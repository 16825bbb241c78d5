/**
 * The save flow of every form that books money on a budget (a new measure, a measure's
 * cost, an event, an entry booked by hand): the save is sent; a 409 over_budget keeps it
 * and shows what goes over which cap (`OverBudget.svelte`), asking for a reason;
 * confirming sends the same save again with `overBudgetReason` (kept in the audit log).
 * Other refusals become the form's error in the page's language.
 */
import type { ApiProblem, ApiResult } from '$lib/api/client';

/** One save: sent first without a reason, then again with the one given for going over. */
export type BudgetedRequest<T> = (overBudgetReason?: string) => Promise<ApiResult<T>>;

export class BudgetedSave<T> {
	busy = $state(false);
	error = $state('');
	/** The refusal of a save that goes over a cap, waiting for a reason. */
	overBudget = $state<ApiProblem | null>(null);
	#pending: { request: BudgetedRequest<T>; onsaved: (data: T) => void } | null = null;

	/** `describe` words any other refusal (the page's `saveFailed`; tests pass their own). */
	constructor(private readonly describe: (problem: ApiProblem) => string) {}

	/** Sends the save; `onsaved` runs once it is stored (now, or after a confirmed reason). True when stored now. */
	async save(request: BudgetedRequest<T>, onsaved: (data: T) => void, overBudgetReason?: string): Promise<boolean> {
		this.busy = true;
		this.error = '';
		const result = await request(overBudgetReason);
		this.busy = false;
		if (result.ok) {
			this.overBudget = null;
			this.#pending = null;
			onsaved(result.data);
			return true;
		}
		if (result.problem.code === 'over_budget') {
			this.overBudget = result.problem;
			this.#pending = { request, onsaved };
		} else {
			this.error = this.describe(result.problem);
		}
		return false;
	}

	/** Sends the refused save again, going over the cap for the reason given. */
	confirm(reason: string): Promise<boolean> {
		const pending = this.#pending;
		return pending ? this.save(pending.request, pending.onsaved, reason) : Promise.resolve(false);
	}

	/** Drops the refused save (nothing is stored). */
	cancel(): void {
		this.overBudget = null;
		this.#pending = null;
	}

	/** Clears what the last save left (another record chosen, a new form). */
	reset(): void {
		this.cancel();
		this.error = '';
	}
}
