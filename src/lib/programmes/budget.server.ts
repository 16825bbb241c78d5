/**
 * Programme budgets: each line has a cap (e.g. at most 275 kSEK association grants) and
 * the programme a total cap (e.g. 2 MSEK). Committed money is what planned measures and
 * events will cost (cancelled ones excluded) plus manual commitments; spent is what has
 * been paid. Going over a cap is refused (409) unless the user confirms with a reason.
 */
import { sql, type Transaction } from 'kysely';
import type { DB, Database, Db } from '$lib/server/db';
import { ApiError, badRequest } from '$lib/server/api/errors';


export interface BudgetLineSummary {
	id: string;
	name: string;
	kind: string;
	capSek: number | null;
	committedSek: number;
	spentSek: number;
	overCap: boolean;
	version: number;
}

export interface BudgetSummary {
	programmeId: string;
	capSek: number | null;
	committedSek: number;
	spentSek: number;
	overCap: boolean;
	lines: BudgetLineSummary[];
}

export async function budgetOf(db: Db, programmeId: string): Promise<BudgetSummary> {
	const { rows } = await sql<{ id: string; name: string; kind: string; cap_sek: number | null; committed: number; spent: number; version: number }>`
		SELECT l.id, l.name, l.kind, l.cap_sek, l.version,
			coalesce((SELECT sum(coalesce(m.cost_sek, 0)) FROM measures m WHERE m.budget_line_id = l.id AND m.status <> 'cancelled'), 0)
			+ coalesce((SELECT sum(coalesce(e.grant_sek, 0) + coalesce(e.cost_sek, 0)) FROM events e WHERE e.budget_line_id = l.id AND e.status <> 'cancelled'), 0)
			+ coalesce((SELECT sum(b.amount_sek) FROM budget_entries b WHERE b.budget_line_id = l.id AND b.kind = 'committed'), 0) AS committed,
			coalesce((SELECT sum(coalesce(m.spent_sek, 0)) FROM measures m WHERE m.budget_line_id = l.id), 0)
			+ coalesce((SELECT sum(b.amount_sek) FROM budget_entries b WHERE b.budget_line_id = l.id AND b.kind = 'spent'), 0) AS spent
		FROM budget_lines l WHERE l.programme_id = ${programmeId} ORDER BY l.name`.execute(db);
	const programme = await db.selectFrom('programmes').select('budget_cap_sek').where('id', '=', programmeId).executeTakeFirstOrThrow();
	const lines = rows.map((r) => ({
		id: r.id,
		name: r.name,
		kind: r.kind,
		capSek: r.cap_sek === null ? null : Number(r.cap_sek),
		committedSek: Number(r.committed),
		spentSek: Number(r.spent),
		overCap: r.cap_sek !== null && Number(r.committed) > Number(r.cap_sek),
		version: r.version
	}));
	const committedSek = lines.reduce((s, l) => s + l.committedSek, 0);
	const capSek = programme.budget_cap_sek === null ? null : Number(programme.budget_cap_sek);
	return {
		programmeId,
		capSek,
		committedSek,
		spentSek: lines.reduce((s, l) => s + l.spentSek, 0),
		overCap: capSek !== null && committedSek > capSek,
		lines
	};
}

/** The programme a budget line belongs to; 400 when the line does not exist. */
export async function programmeOfLine(db: Db, tenant: string, budgetLineId: string): Promise<string> {
	const line = await db.selectFrom('budget_lines').select('programme_id').where('id', '=', budgetLineId).where('tenant_id', '=', tenant).executeTakeFirst();
	if (!line) throw badRequest('unknown_reference', 'The budget line does not exist.', { field: 'budgetLineId', entity: 'budget_line' });
	return line.programme_id;
}

/** Over its cap now, and worse than before: newly over, more committed, or a lower cap. */
function worse(
	after: { capSek: number | null; committedSek: number; overCap: boolean },
	before: { capSek: number | null; committedSek: number; overCap: boolean } | undefined
): boolean {
	if (!after.overCap) return false;
	if (!before || !before.overCap) return true;
	return after.committedSek > before.committedSek || (after.capSek ?? Infinity) < (before.capSek ?? Infinity);
}

/**
 * After a write inside `trx`: refuses it (the caller's transaction rolls back) when a line
 * or the programme is over its cap and worse than before the write (newly over, more
 * committed, or a lowered cap), unless a reason was given for going over. Checks
 * `budgetLineId`'s line, or every line when it is undefined.
 */
export async function assertWithinBudget(trx: Transaction<DB>, budgetLineId: string | null | undefined, before: BudgetSummary | null, overBudgetReason: string | null | undefined) {
	if (budgetLineId === null || !before) return;
	const after = await budgetOf(trx, before.programmeId);
	const lines = after.lines.filter((l) => budgetLineId === undefined || l.id === budgetLineId);
	const overLine = lines.find((l) => worse(l, before.lines.find((b) => b.id === l.id)));
	const overProgramme = worse(after, before);
	if ((overLine || overProgramme) && !overBudgetReason?.trim()) {
		const line = overLine ?? (budgetLineId ? lines[0] : undefined);
		throw new ApiError(409, 'over_budget', 'This goes over the budget cap. Confirm with a reason to go ahead.', {
			line: line ? { name: line.name, capSek: line.capSek, committedSek: line.committedSek } : null,
			programme: { capSek: after.capSek, committedSek: after.committedSek }
		});
	}
}
