/**
 * The event form's schedule — a date, start and end times, optionally "every <weekday>
 * until <date>" with exception dates — to and from the API's startsAt/endsAt/RRULE/EXDATE,
 * all in Stockholm wall-clock time. Recurrences the form cannot show (monthly, several
 * weekdays…) are kept as they are: `customRrule`.
 */
import { stockholmIso, stockholmParts } from '$lib/time/stockholm';

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface ScheduleForm {
	date: string;
	start: string;
	end: string;
	weekly: boolean;
	weekday: Weekday;
	until: string;
	/** Dates (YYYY-MM-DD) on which a weekly event does not take place. */
	exceptions: string[];
	/** An RRULE the form cannot edit, kept unchanged; null when the form's own fields apply. */
	customRrule: string | null;
	/**
	 * The person said that an end time before the start time is the next day (a night walk
	 * 22–02). Never assumed: 18:00–17:00 is far more often a typo than a 23-hour event.
	 */
	overnight?: boolean;
}

export interface Schedule {
	startsAt: string;
	endsAt: string;
	rrule: string | null;
	exdates: string[];
}

/** "2023-08-25" → the end of that Stockholm day in UTC, as an RRULE UNTIL (20230825T215900Z). */
export function untilUtc(date: string): string | null {
	const iso = stockholmIso(date, '23:59');
	if (!iso) return null;
	return new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

const CLOCK = /^\d{2}:\d{2}$/;

/** The end time is before the start time: the form asks whether the event runs past midnight. */
export function endsBeforeStart(form: Pick<ScheduleForm, 'start' | 'end'>): boolean {
	return CLOCK.test(form.start) && CLOCK.test(form.end) && form.end < form.start;
}

/**
 * The form as the API's schedule; null while it is incomplete, ends before it starts without
 * the person saying it runs past midnight (`overnight`), or ends when it starts.
 */
export function toSchedule(form: ScheduleForm): Schedule | null {
	const startsAt = stockholmIso(form.date, form.start);
	let endsAt = stockholmIso(form.date, form.end);
	if (!startsAt || !endsAt) return null;
	if (Date.parse(endsAt) <= Date.parse(startsAt)) {
		if (!endsBeforeStart(form) || !form.overnight) return null;
		const next = new Date(Date.parse(`${form.date}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
		endsAt = stockholmIso(next, form.end);
		if (!endsAt) return null;
	}
	let rrule: string | null = form.customRrule;
	let exdates: string[] = [];
	if (!form.customRrule && form.weekly) {
		const until = untilUtc(form.until);
		if (!until || form.until < form.date) return null;
		rrule = `FREQ=WEEKLY;BYDAY=${form.weekday};UNTIL=${until}`;
	}
	if (rrule) {
		exdates = [...new Set(form.exceptions)]
			.sort()
			.map((d) => stockholmIso(d, form.start))
			.filter((d): d is string => d !== null);
	}
	return { startsAt, endsAt, rrule, exdates };
}

const SIMPLE_WEEKLY = /^FREQ=WEEKLY;BYDAY=(MO|TU|WE|TH|FR|SA|SU);UNTIL=(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** A saved event's schedule as the form shows it. */
export function fromSchedule(schedule: Schedule): ScheduleForm {
	const start = stockholmParts(schedule.startsAt);
	const end = stockholmParts(schedule.endsAt);
	const exceptions = schedule.exdates.map((d) => stockholmParts(d).date);
	const overnight = end.date > start.date;
	const form: ScheduleForm = { date: start.date, start: start.time, end: end.time, weekly: false, weekday: 'FR', until: start.date, exceptions, customRrule: null, overnight };
	if (!schedule.rrule) return form;
	const m = SIMPLE_WEEKLY.exec(schedule.rrule);
	if (!m) return { ...form, customRrule: schedule.rrule };
	const until = stockholmParts(`${m[2]}-${m[3]}-${m[4]}T${m[5]}:${m[6]}:${m[7]}Z`).date;
	return { ...form, weekly: true, weekday: m[1] as Weekday, until };
}
