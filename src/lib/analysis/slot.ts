/**
 * A weekly time slot ("Friday and Saturday 18–22") as hours of the week and as the
 * intervals a planned event would run in a period. Client-safe.
 */
import { stockholmIso } from '$lib/time/stockholm';
import type { Interval } from './hours';

export const SLOT_DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type SlotDay = (typeof SLOT_DAYS)[number];

export interface Slot {
	days: SlotDay[];
	/** 0–23. */
	startHour: number;
	/** 1–24; at or before startHour runs past midnight. */
	endHour: number;
}

export function slotHours(slot: Slot): Set<number> {
	const set = new Set<number>();
	const span = (slot.endHour - slot.startHour + 24) % 24 || 24;
	for (const day of slot.days) for (let k = 0; k < span; k++) set.add((SLOT_DAYS.indexOf(day) * 24 + slot.startHour + k) % 168);
	return set;
}

/** The slot's windows on every matching day from `from` to `to` (YYYY-MM-DD, Stockholm), as ISO UTC. */
export function slotIntervals(slot: Slot, from: string, to: string): Interval[] {
	const out: Interval[] = [];
	const span = (slot.endHour - slot.startHour + 24) % 24 || 24;
	for (let t = Date.parse(`${from}T12:00:00Z`); t <= Date.parse(`${to}T12:00:00Z`); t += 86_400_000) {
		const day = new Date(t);
		const code = SLOT_DAYS[(day.getUTCDay() + 6) % 7]!;
		if (!slot.days.includes(code)) continue;
		const date = day.toISOString().slice(0, 10);
		const start = stockholmIso(date, `${String(slot.startHour).padStart(2, '0')}:00`);
		if (!start) continue;
		const startMs = Date.parse(start);
		// Whole hours of wall-clock time: the end is span hours later on the clock.
		const endDate = new Date(Date.parse(`${date}T12:00:00Z`) + Math.floor((slot.startHour + span) / 24) * 86_400_000).toISOString().slice(0, 10);
		const end = stockholmIso(endDate, `${String((slot.startHour + span) % 24).padStart(2, '0')}:00`);
		out.push({ startsAt: new Date(startMs).toISOString(), endsAt: new Date(Date.parse(end!)).toISOString() });
	}
	return out;
}
