import { describe, expect, it } from 'vitest';
import { translator } from '$lib/i18n/locale';
import { limitMessage } from './limits';

describe('limit refusals in the UI language', () => {
	const sv = translator('sv') as unknown as (key: string, options?: Record<string, unknown>) => string;
	const en = translator('en') as unknown as (key: string, options?: Record<string, unknown>) => string;

	it('shows the limit and the figures from the details, in Swedish and English', () => {
		const period = { code: 'period_too_long', details: { field: 'to', limit: 366, days: 400 } };
		expect(limitMessage(period, sv)).toBe('Perioden får vara högst 366 dagar (den valda är 400 dagar). Välj en kortare period.');
		expect(limitMessage(period, en)).toBe('The period may be at most 366 days (this one is 400 days). Choose a shorter period.');
		expect(limitMessage({ code: 'invalid_recurrence', details: { field: 'rrule', reason: 'too_many', limit: 500 } }, sv)).toContain('fler än 500 tillfällen');
		expect(limitMessage({ code: 'analysis_timeout', details: { budgetMs: 20000 } }, en)).toContain('took too long');
	});

	it('leaves other problems to the server message', () => {
		expect(limitMessage({ code: 'validation_failed', details: [] }, sv)).toBeNull();
		expect(limitMessage({ code: 'invalid_recurrence', details: { reason: 'invalid_rule' } }, sv)).toBeNull();
	});
});
