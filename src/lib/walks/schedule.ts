/**
 * Walk schedule compliance (issue 14 item 3): per area and year, the safety walks and centre
 * inspections done and planned against the plan's requirement (2 + 1 per area and year unless
 * the area stores its own), and what is overdue. Client-safe: shapes and input validation.
 *
 * A walk counts as
 * - done: its start has passed and something is recorded of it — a participant count or
 *   findings pinned on it (the walk table has no status; the count is what the organiser fills
 *   in afterwards, and a walk with findings evidently took place);
 * - not recorded: its start has passed and nothing is recorded (overdue: held or not?);
 * - planned: its start is still ahead.
 * Overdue in a year that has begun: every walk not recorded; each kind whose requirement is
 * not met — when the year is over, by what is done; while it runs, by what is done and
 * planned together (the year's remaining time holds too few planned walks).
 */
import { z } from 'zod';
import { WALK_KINDS, type WalkKind } from './walk';

/** The plan's requirement when the area stores none: 2 safety walks and 1 centre inspection a year. */
export const DEFAULT_REQUIREMENT = { safetyWalks: 2, centreInspections: 1 } as const;

export type WalkState = 'done' | 'not_recorded' | 'planned';

export interface ScheduleKind {
	kind: WalkKind;
	required: number;
	done: number;
	notRecorded: number;
	planned: number;
	/** required − done − planned, at least 0: what no walk yet answers. */
	missing: number;
}

export type OverdueItem =
	| { reason: 'not_recorded'; kind: WalkKind; walkId: string; title: string; startsAt: string }
	| { reason: 'requirement_missed'; kind: WalkKind; missing: number }
	| { reason: 'not_planned'; kind: WalkKind; missing: number; daysLeft: number };

export interface WalkSchedule {
	areaId: string;
	areaName: string;
	year: number;
	/** The day the schedule is read at (YYYY-MM-DD): what starts after it is planned. */
	asOf: string;
	requirement: {
		safetyWalks: number;
		centreInspections: number;
		note: string;
		/** false: the plan's default (nothing stored for the area and year). */
		stored: boolean;
		/** The stored row's version, for a change; null when nothing is stored. */
		version: number | null;
	};
	kinds: ScheduleKind[];
	walks: { id: string; title: string; kind: WalkKind; startsAt: string; state: WalkState; participants: number | null; findings: number }[];
	overdue: OverdueItem[];
	/** Whether the reader may change the requirement (coordinators and admins of the area). */
	writable: boolean;
}

export const requirementSchema = z.strictObject({
	safetyWalks: z.number().int().min(0).max(52),
	centreInspections: z.number().int().min(0).max(52),
	note: z.string().trim().max(2000).default(''),
	/** The stored requirement's version when changing one; absent when none is stored yet. */
	version: z.number().int().positive().optional()
});
export type RequirementInput = z.infer<typeof requirementSchema>;

export const requiredOf = (r: { safetyWalks: number; centreInspections: number }, kind: WalkKind) => (kind === 'safety_walk' ? r.safetyWalks : r.centreInspections);

/**
 * The kinds' counts and the overdue list from the year's walks (their state already decided).
 * @example a year over with one safety walk done of 2 → requirement_missed, missing 1.
 */
export function compliance(
	walks: WalkSchedule['walks'],
	requirement: { safetyWalks: number; centreInspections: number },
	year: number,
	asOf: string
): { kinds: ScheduleKind[]; overdue: OverdueItem[] } {
	const begun = asOf >= `${year}-01-01`;
	const over = asOf >= `${year}-12-31`;
	const daysLeft = Math.max(0, Math.round((Date.parse(`${year}-12-31T00:00:00Z`) - Date.parse(`${asOf}T00:00:00Z`)) / 86_400_000));
	const kinds = WALK_KINDS.map((kind): ScheduleKind => {
		const of = walks.filter((w) => w.kind === kind);
		const count = (state: WalkState) => of.filter((w) => w.state === state).length;
		const required = requiredOf(requirement, kind);
		const done = count('done');
		const planned = count('planned');
		return { kind, required, done, notRecorded: count('not_recorded'), planned, missing: Math.max(0, required - done - planned) };
	});
	const overdue: OverdueItem[] = [];
	if (begun) {
		for (const w of walks) if (w.state === 'not_recorded') overdue.push({ reason: 'not_recorded', kind: w.kind, walkId: w.id, title: w.title, startsAt: w.startsAt });
		for (const k of kinds) {
			if (over && k.done < k.required) overdue.push({ reason: 'requirement_missed', kind: k.kind, missing: k.required - k.done });
			else if (!over && k.missing > 0) overdue.push({ reason: 'not_planned', kind: k.kind, missing: k.missing, daysLeft });
		}
	}
	return { kinds, overdue };
}
