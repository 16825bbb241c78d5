import { describe, expect, it } from 'vitest';
import type { ApiProblem, ApiResult } from '$lib/api/client';
import { BudgetedSave } from './budgeted-save.svelte';

const overBudget: ApiProblem = { status: 409, code: 'over_budget', message: 'Det här går över budgettaket.', fields: {}, details: { programme: { capSek: 100, committedSek: 150 } } };
const refused: ApiProblem = { status: 403, code: 'forbidden', message: 'Din roll tillåter inte det här.', fields: {} };

/** A server that answers each save in turn, recording the reasons it was sent with. */
function server<T>(...answers: ApiResult<T>[]) {
	const reasons: (string | undefined)[] = [];
	return { reasons, request: async (reason?: string) => (reasons.push(reason), answers.shift()!) };
}

describe('the over-budget save flow', () => {
	it('stores at once when within the caps', async () => {
		const saving = new BudgetedSave<string>((p) => p.message);
		const { reasons, request } = server<string>({ ok: true, status: 201, data: 'saved' });
		const saved: string[] = [];
		expect(await saving.save(request, (d) => saved.push(d))).toBe(true);
		expect({ saved, reasons, overBudget: saving.overBudget, error: saving.error, busy: saving.busy }).toEqual({ saved: ['saved'], reasons: [undefined], overBudget: null, error: '', busy: false });
	});

	it('keeps a save over a cap until a reason is confirmed, then sends the same save with it', async () => {
		const saving = new BudgetedSave<string>((p) => p.message);
		const { reasons, request } = server<string>({ ok: false, problem: overBudget }, { ok: true, status: 201, data: 'saved' });
		const saved: string[] = [];
		expect(await saving.save(request, (d) => saved.push(d))).toBe(false);
		expect(saving.overBudget).toEqual(overBudget);
		expect(saved).toEqual([]);
		expect(await saving.confirm('Beslut i styrgruppen')).toBe(true);
		expect({ saved, reasons, overBudget: saving.overBudget }).toEqual({ saved: ['saved'], reasons: [undefined, 'Beslut i styrgruppen'], overBudget: null });
	});

	it('drops the save when cancelled: nothing is sent again', async () => {
		const saving = new BudgetedSave<string>((p) => p.message);
		const { reasons, request } = server<string>({ ok: false, problem: overBudget });
		await saving.save(request, () => {});
		saving.cancel();
		expect(saving.overBudget).toBeNull();
		expect(await saving.confirm('för sent')).toBe(false);
		expect(reasons).toEqual([undefined]);
	});

	it('words any other refusal as the form’s error', async () => {
		const saving = new BudgetedSave<string>((p) => `Kunde inte spara: ${p.message}`);
		const { request } = server<string>({ ok: false, problem: refused });
		expect(await saving.save(request, () => {})).toBe(false);
		expect({ error: saving.error, overBudget: saving.overBudget }).toEqual({ error: 'Kunde inte spara: Din roll tillåter inte det här.', overBudget: null });
	});
});
