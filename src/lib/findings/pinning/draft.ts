/**
 * The finding being filled in on the phone, and its conversions: to the API's create
 * input (checked with the same schema the server uses) and back from a stored outbox
 * entry when a refused finding is being fixed. Pure, apart from File construction.
 */
import { fieldIssuesOf, type FieldIssue } from '$lib/api/issues';
import {
	AUDIT_KEYS,
	findingCreateSchema,
	MAX_PHOTO_BYTES,
	MAX_PHOTOS,
	type AuditScores,
	type FindingCategory,
	type FindingCreateInput,
	type FindingGeometry,
	type TimeOfDay
} from '$lib/findings/finding';
import type { OutboxEntry, OutboxPhoto } from './store';

export interface FindingDraft {
	category: FindingCategory | '';
	severity: 1 | 2 | 3;
	timesOfDay: TimeOfDay[];
	description: string;
	proposedMeasure: string;
	/** '' = not scored. Strings because they come from <select>s. */
	audit: Record<(typeof AUDIT_KEYS)[number], string>;
	photos: File[];
}

export function emptyDraft(): FindingDraft {
	return {
		category: '',
		severity: 2,
		timesOfDay: [],
		description: '',
		proposedMeasure: '',
		audit: Object.fromEntries(AUDIT_KEYS.map((k) => [k, ''])) as FindingDraft['audit'],
		photos: []
	};
}

function auditScores(audit: FindingDraft['audit']): AuditScores | null {
	const scores: AuditScores = {};
	for (const key of AUDIT_KEYS) if (audit[key]) scores[key] = Number(audit[key]);
	return Object.keys(scores).length ? scores : null;
}

export type DraftProblem = 'needLocation' | 'needCategory' | 'invalid';

/** The create input, or what is missing. Only the fields the form has are sent. */
export function toCreateInput(
	draft: FindingDraft,
	geometry: FindingGeometry | null,
	walkId: string | null
): { ok: true; input: FindingCreateInput } | { ok: false; problem: DraftProblem; issues?: FieldIssue[] } {
	if (!geometry) return { ok: false, problem: 'needLocation' };
	if (!draft.category) return { ok: false, problem: 'needCategory' };
	const candidate = {
		type: 'Feature',
		geometry,
		properties: {
			...(walkId ? { walkId } : {}),
			category: draft.category,
			severity: draft.severity,
			timesOfDay: draft.timesOfDay,
			description: draft.description.trim(),
			proposedMeasure: draft.proposedMeasure.trim(),
			audit: auditScores(draft.audit)
		}
	};
	const parsed = findingCreateSchema.safeParse(candidate);
	// The page words the problems in its language (`issueText`), like the server's refusals.
	if (!parsed.success) return { ok: false, problem: 'invalid', issues: fieldIssuesOf(parsed.error) };
	return { ok: true, input: parsed.data };
}

export function toOutboxPhotos(files: File[]): OutboxPhoto[] {
	return files.map((file) => ({ name: file.name || 'photo.jpg', type: file.type, blob: file }));
}

/** A stored entry back in the form, to fix what the server refused. */
export function draftFromEntry(entry: OutboxEntry): { draft: FindingDraft; geometry: FindingGeometry; walkId: string | null } {
	const p = entry.finding.properties;
	const draft = emptyDraft();
	draft.category = p.category;
	draft.severity = p.severity;
	draft.timesOfDay = [...(p.timesOfDay ?? [])];
	draft.description = p.description ?? '';
	draft.proposedMeasure = p.proposedMeasure ?? '';
	for (const key of AUDIT_KEYS) {
		const score = p.audit?.[key];
		if (score) draft.audit[key] = String(score);
	}
	draft.photos = entry.photos.map((photo) => new File([photo.blob], photo.name, { type: photo.type }));
	return { draft, geometry: entry.finding.geometry as FindingGeometry, walkId: p.walkId ?? null };
}

export type PhotoRefusal = { reason: 'tooMany'; count: number } | { reason: 'tooLarge' | 'notImage'; name: string };

/** Adds picked files to the draft's photos, refusing what would break the limits. */
export function addPhotos(current: File[], picked: File[]): { photos: File[]; refused: PhotoRefusal[] } {
	const photos = [...current];
	const refused: PhotoRefusal[] = [];
	let overflow = 0;
	for (const file of picked) {
		if (!file.type.startsWith('image/')) refused.push({ reason: 'notImage', name: file.name });
		else if (file.size > MAX_PHOTO_BYTES) refused.push({ reason: 'tooLarge', name: file.name });
		else if (photos.length >= MAX_PHOTOS) overflow++;
		else photos.push(file);
	}
	if (overflow) refused.push({ reason: 'tooMany', count: overflow });
	return { photos, refused };
}
