/**
 * A period of whole days in Stockholm from a request (`from`, `to`, YYYY-MM-DD, both
 * included), checked against the longest one the analysis may take.
 */
import { stockholmPeriod } from '$lib/time/stockholm';
import { badRequest } from './errors';

const DAY = 86_400_000;

/**
 * The period as ISO instants, or a 400: `invalid_period` when it ends before it starts,
 * `period_too_long` (naming `to` and the limit in days) when it has more than `maxDays` days.
 */
export function checkedPeriod(from: string, to: string, maxDays: number, fields: { from: string; to: string } = { from: 'from', to: 'to' }) {
	if (to < from) throw badRequest('invalid_period', 'The period must end after it starts.', { field: fields.to });
	const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY) + 1;
	if (days > maxDays)
		throw badRequest('period_too_long', `The period may be at most ${maxDays} days; ${from} to ${to} is ${days}.`, { field: fields.to, limit: maxDays, days });
	return stockholmPeriod(from, to);
}
