/**
 * The findings list's filters live in the page URL (so a filtered list can be bookmarked and
 * shared) and are passed on unchanged to the API and to the export links. Several statuses are
 * `status=new,assigned` for the API; a form without JavaScript sends `status=new&status=assigned`,
 * which is read the same way.
 */
import { inDateRange } from '$lib/time/dates';
import { FINDING_CATEGORIES, FINDING_STATUSES, type FindingCategory, type FindingStatus } from '$lib/findings/finding';

export interface FindingFilters {
	area: string;
	walk: string;
	category: FindingCategory | '';
	status: FindingStatus[];
	severity: '' | '1' | '2' | '3';
	from: string;
	to: string;
	partner: string;
	overdue: boolean;
	reinspect: boolean;
}

export const NO_FILTERS: FindingFilters = {
	area: '',
	walk: '',
	category: '',
	status: [],
	severity: '',
	from: '',
	to: '',
	partner: '',
	overdue: false,
	reinspect: false
};

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const usableDate = (v: string) => isoDate.test(v) && inDateRange(v);

const pick = (value: string | null, ok: (v: string) => boolean) => (value && ok(value) ? value : '');

/** Filters from a query string; anything malformed is dropped rather than sent on. */
export function readFilters(params: URLSearchParams): FindingFilters {
	const statuses = params
		.getAll('status')
		.flatMap((s) => s.split(','))
		.map((s) => s.trim())
		.filter((s): s is FindingStatus => (FINDING_STATUSES as readonly string[]).includes(s));
	const flag = (name: string) => ['true', '1', 'on'].includes(params.get(name) ?? '');
	return {
		area: pick(params.get('area'), (v) => uuid.test(v)),
		walk: pick(params.get('walk'), (v) => uuid.test(v)),
		category: pick(params.get('category'), (v) => (FINDING_CATEGORIES as readonly string[]).includes(v)) as FindingCategory | '',
		status: FINDING_STATUSES.filter((s) => statuses.includes(s)),
		severity: pick(params.get('severity'), (v) => ['1', '2', '3'].includes(v)) as FindingFilters['severity'],
		from: pick(params.get('from'), usableDate),
		to: pick(params.get('to'), usableDate),
		partner: pick(params.get('partner'), (v) => uuid.test(v)),
		overdue: flag('overdue'),
		reinspect: flag('reinspect')
	};
}

/** The query string for the page, the API and the exports alike (empty filters left out). */
export function filterQuery(filters: FindingFilters): string {
	const q = new URLSearchParams();
	if (filters.area) q.set('area', filters.area);
	if (filters.walk) q.set('walk', filters.walk);
	if (filters.category) q.set('category', filters.category);
	if (filters.status.length) q.set('status', filters.status.join(','));
	if (filters.severity) q.set('severity', filters.severity);
	if (filters.from) q.set('from', filters.from);
	if (filters.to) q.set('to', filters.to);
	if (filters.partner) q.set('partner', filters.partner);
	if (filters.overdue) q.set('overdue', 'true');
	if (filters.reinspect) q.set('reinspect', 'true');
	return q.toString();
}

export function activeFilterCount(filters: FindingFilters): number {
	return filterQuery(filters) === '' ? 0 : new URLSearchParams(filterQuery(filters)).size;
}
