import { describe, expect, it } from 'vitest';
import {
	FINDING_STATUSES,
	OPEN_STATUSES,
	STATUS_TRANSITIONS,
	findingCreateSchema,
	findingPatchSchema,
	isOverdue
} from './finding';

const point = { type: 'Point', coordinates: [18.0455, 59.3125] };

describe('the finding workflow', () => {
	it('only allows transitions to real statuses, never to itself', () => {
		for (const [from, targets] of Object.entries(STATUS_TRANSITIONS)) {
			for (const to of targets) expect(FINDING_STATUSES).toContain(to);
			expect(targets).not.toContain(from);
		}
	});

	it('lets closed findings be reopened but not jump between closed states', () => {
		expect(STATUS_TRANSITIONS.resolved).toEqual(['in_progress']);
		expect(STATUS_TRANSITIONS.rejected).toEqual(['new']);
	});

	it('treats new, assigned and in progress as open', () => {
		expect([...OPEN_STATUSES].sort()).toEqual(['assigned', 'in_progress', 'new']);
	});
});

describe('isOverdue', () => {
	it('is overdue only when the follow-up date has passed and the finding is open', () => {
		expect(isOverdue('2026-11-21', 'assigned', '2026-11-22')).toBe(true);
		expect(isOverdue('2026-11-22', 'assigned', '2026-11-22')).toBe(false);
		expect(isOverdue('2026-11-21', 'resolved', '2026-11-22')).toBe(false);
		expect(isOverdue('2026-11-21', 'rejected', '2026-11-22')).toBe(false);
		expect(isOverdue(null, 'new', '2026-11-22')).toBe(false);
	});
});

describe('findingCreateSchema', () => {
	it('needs a category and a severity, defaults the rest', () => {
		const parsed = findingCreateSchema.parse({ geometry: point, properties: { category: 'lighting', severity: 2 } });
		expect(parsed.properties).toEqual({ category: 'lighting', severity: 2, timesOfDay: [], description: '', proposedMeasure: '' });
		expect(findingCreateSchema.safeParse({ geometry: point, properties: { category: 'lighting' } }).success).toBe(false);
		expect(findingCreateSchema.safeParse({ geometry: point, properties: { category: 'lighting', severity: 0 } }).success).toBe(false);
		expect(findingCreateSchema.safeParse({ geometry: point, properties: { category: 'lighting', severity: 2.5 } }).success).toBe(false);
	});

	it('checks the audit: the nine parameters only, each 1–5', () => {
		const ok = findingCreateSchema.safeParse({ geometry: point, properties: { category: 'other', severity: 1, audit: { lighting: 1, securityPresence: 5 } } });
		expect(ok.success).toBe(true);
		for (const audit of [{ lighting: 0 }, { lighting: 6 }, { lighting: 2.5 }, { noise: 3 }])
			expect(findingCreateSchema.safeParse({ geometry: point, properties: { category: 'other', severity: 1, audit } }).success).toBe(false);
	});

	it('accepts only times of day it knows', () => {
		expect(findingCreateSchema.safeParse({ geometry: point, properties: { category: 'other', severity: 1, timesOfDay: ['night'] } }).success).toBe(true);
		expect(findingCreateSchema.safeParse({ geometry: point, properties: { category: 'other', severity: 1, timesOfDay: ['dusk'] } }).success).toBe(false);
	});
});

describe('findingPatchSchema', () => {
	it('needs a version and keeps absent fields absent', () => {
		expect(findingPatchSchema.safeParse({ properties: { status: 'assigned' } }).success).toBe(false);
		const parsed = findingPatchSchema.parse({ version: 3, properties: { status: 'assigned' } });
		expect(parsed.properties).toEqual({ status: 'assigned' });
	});

	it('refuses fields that cannot be changed after creation', () => {
		expect(findingPatchSchema.safeParse({ version: 1, properties: { areaId: '00000000-0000-4000-8000-000000000000' } }).success).toBe(false);
		expect(findingPatchSchema.safeParse({ version: 1, properties: { walkId: null } }).success).toBe(false);
	});
});
