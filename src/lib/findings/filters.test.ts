import { describe, expect, it } from 'vitest';
import { NO_FILTERS, filterQuery, readFilters } from './filters';

const area = '3f2c1a9e-5b7d-4c1e-9a8b-1234567890ab';

describe('finding filters in the URL', () => {
	it('reads statuses given either way and writes them comma-separated, in workflow order', () => {
		const a = readFilters(new URLSearchParams('status=resolved&status=new'));
		const b = readFilters(new URLSearchParams('status=resolved,new'));
		expect(a.status).toEqual(['new', 'resolved']);
		expect(b).toEqual(a);
		expect(filterQuery(a)).toBe('status=new%2Cresolved');
	});

	it('round-trips every filter', () => {
		const filters = { ...NO_FILTERS, area, category: 'lighting' as const, severity: '3' as const, from: '2023-01-01', to: '2023-12-31', overdue: true, reinspect: true };
		expect(readFilters(new URLSearchParams(filterQuery(filters)))).toEqual(filters);
	});

	it('drops malformed values instead of passing them on', () => {
		const filters = readFilters(new URLSearchParams('area=nope&category=ghosts&status=lost&severity=9&from=2023-13&overdue=maybe'));
		expect(filters).toEqual(NO_FILTERS);
		expect(filterQuery(filters)).toBe('');
	});
});
