/**
 * Clashes of an event being placed or edited with the other events: footprints that
 * intersect while both run (the overlap analysis's "conflict"), with the hours and square
 * metres they share. Pure: the planning form warns with it before anything is saved.
 */
import { findOverlaps, type Activity } from '$lib/analysis/overlaps';
import type { Geometry } from '$lib/geometry/geojson';
import type { EventConflict, EventFeature } from './event';
import type { Occurrence } from './recurrence';

export interface EventDraft {
	/** The event being edited, or null for a new one (it is left out of the others). */
	id: string | null;
	kind: string;
	geometry: Geometry;
	radiusM: number;
	occurrences: readonly Occurrence[];
}

const DRAFT_ID = '~draft';

/**
 * @example draftConflicts({ id: null, kind: 'culture', geometry: stage, radiusM: 100, occurrences: fridays }, events)
 *   // → [{ event: concert, hours: 12, area: 5400 }]
 */
export function draftConflicts(draft: EventDraft, events: readonly EventFeature[]): EventConflict[] {
	if (draft.occurrences.length === 0 || !Number.isFinite(draft.radiusM) || draft.radiusM < 0) return [];
	const others = events.filter((e) => e.id !== draft.id && e.properties.status !== 'cancelled' && e.properties.occurrences.length > 0);
	const activities: Activity[] = [
		{ id: DRAFT_ID, kind: 'event', subkind: draft.kind, geometry: draft.geometry, radiusM: draft.radiusM, intervals: [...draft.occurrences] },
		...others.map((e) => ({ id: e.id, kind: 'event' as const, subkind: e.properties.kind, geometry: e.geometry, radiusM: e.properties.influenceRadiusM, intervals: e.properties.occurrences }))
	];
	const byId = new Map(others.map((e) => [e.id, e]));
	try {
		return findOverlaps(activities)
			.filter((o) => o.type === 'conflict' && (o.a === DRAFT_ID || o.b === DRAFT_ID))
			.map((o) => ({ event: byId.get(o.a === DRAFT_ID ? o.b : o.a)!, hours: o.overlapHours, area: o.overlapAreaM2 }))
			.filter((c) => c.event);
	} catch {
		// A geometry the footprint cannot be built from (being drawn): no warning yet.
		return [];
	}
}
