import { describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES } from '$lib/findings/finding';
import { addPhotos, draftFromEntry, emptyDraft, toCreateInput, toOutboxPhotos } from './draft';
import type { OutboxEntry } from './store';

const WALK = '7d3f5e0a-1b2c-4d5e-8f90-a1b2c3d4e5f6';
const point = { type: 'Point' as const, coordinates: [18.0455, 59.3125] as [number, number] };
const jpeg = (name: string, bytes = 10) => new File([new Uint8Array(bytes)], name, { type: 'image/jpeg' });

describe('toCreateInput', () => {
	it('asks for a location, then a category', () => {
		expect(toCreateInput(emptyDraft(), null, WALK)).toMatchObject({ ok: false, problem: 'needLocation' });
		expect(toCreateInput(emptyDraft(), point, WALK)).toMatchObject({ ok: false, problem: 'needCategory' });
	});

	it('builds the API input with the walk, trimmed texts and only the audit scores given', () => {
		const draft = emptyDraft();
		draft.category = 'lighting';
		draft.severity = 3;
		draft.timesOfDay = ['evening', 'night'];
		draft.description = '  Trasig lampa ';
		draft.audit.lighting = '1';
		draft.audit.feeling = '2';
		const built = toCreateInput(draft, point, WALK);
		expect(built).toEqual({
			ok: true,
			input: {
				type: 'Feature',
				geometry: point,
				properties: {
					walkId: WALK,
					category: 'lighting',
					severity: 3,
					timesOfDay: ['evening', 'night'],
					description: 'Trasig lampa',
					proposedMeasure: '',
					audit: { lighting: 1, feeling: 2 }
				}
			}
		});
	});

	it('leaves the walk out for a finding between walks, and sends no audit when none is scored', () => {
		const draft = emptyDraft();
		draft.category = 'other';
		const built = toCreateInput(draft, point, null);
		expect(built.ok && built.input.properties).toEqual(expect.not.objectContaining({ walkId: expect.anything() }));
		expect(built.ok && built.input.properties.audit).toBeNull();
	});
});

describe('addPhotos', () => {
	it('takes at most five and says how many were left out', () => {
		const { photos, refused } = addPhotos([jpeg('a.jpg')], ['b', 'c', 'd', 'e', 'f', 'g'].map((n) => jpeg(`${n}.jpg`)));
		expect(photos.map((p) => p.name)).toEqual(['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg', 'e.jpg']);
		expect(refused).toEqual([{ reason: 'tooMany', count: 2 }]);
	});

	it('refuses what is not an image or is too large', () => {
		const text = new File(['x'], 'notes.txt', { type: 'text/plain' });
		const huge = { name: 'huge.jpg', type: 'image/jpeg', size: MAX_PHOTO_BYTES + 1 } as File;
		const { photos, refused } = addPhotos([], [text, huge]);
		expect(photos).toEqual([]);
		expect(refused).toEqual([
			{ reason: 'notImage', name: 'notes.txt' },
			{ reason: 'tooLarge', name: 'huge.jpg' }
		]);
	});
});

describe('draftFromEntry', () => {
	it('restores a stored entry into the form, photos included', async () => {
		const draft = emptyDraft();
		draft.category = 'hiding_place';
		draft.description = 'Buskage';
		draft.audit.openness = '2';
		draft.photos = [jpeg('a.jpg', 3)];
		const built = toCreateInput(draft, point, WALK);
		if (!built.ok) throw new Error('draft should be valid');
		const entry: OutboxEntry = {
			key: 'k',
			finding: built.input,
			photos: toOutboxPhotos(draft.photos),
			createdAt: '2026-01-01T00:00:00Z',
			attempts: 1,
			lastError: { status: 400, code: 'validation_failed', message: 'x' }
		};
		const restored = draftFromEntry(entry);
		expect(restored.geometry).toEqual(point);
		expect(restored.walkId).toBe(WALK);
		expect(restored.draft.category).toBe('hiding_place');
		expect(restored.draft.audit.openness).toBe('2');
		expect(restored.draft.audit.lighting).toBe('');
		expect(restored.draft.photos).toHaveLength(1);
		expect(restored.draft.photos[0].name).toBe('a.jpg');
		expect((await restored.draft.photos[0].arrayBuffer()).byteLength).toBe(3);
	});
});
