/**
 * The HTTP calls the pinning and join pages make, each returning a small result union
 * instead of throwing, so the page can tell "the server said no" (4xx: show it, never
 * retry) from "the server could not be reached" (network, 5xx, and the two 4xx that mean
 * "not now": 408 timeout and 429 too many requests — keep it and retry).
 */
import type { FindingCategory, FindingCollection, FindingFeature, FindingGeometry } from '$lib/findings/finding';
import type { WalkFeature } from '$lib/walks/walk';
import type { AreaCollection } from '$lib/areas/area';
import type { OutboxEntry, SendError } from './store';

export type ApiResult<T> =
	| { ok: true; status: number; body: T }
	/** The server answered with a 4xx: the request itself is wrong, repeating it will not help. */
	| { ok: false; retry: false; error: SendError }
	/** No answer, a 5xx, a 408 or a 429: worth trying again later. */
	| { ok: false; retry: true; error: SendError };

/** Whether a failed send may succeed later as it is: no answer (null), a 5xx, 408 or 429. */
export function retryable(status: number | null): boolean {
	return status === null || status >= 500 || status === 408 || status === 429;
}

/** How long an upload with photos may take on a poor connection before we retry later. */
const SEND_TIMEOUT_MS = 120_000;
const READ_TIMEOUT_MS = 20_000;

async function errorOf(response: Response): Promise<SendError> {
	try {
		const body = (await response.json()) as { error?: { code?: unknown; message?: unknown; details?: unknown } };
		if (body?.error && typeof body.error.code === 'string')
			return {
				status: response.status,
				code: body.error.code,
				message: String(body.error.message ?? ''),
				...(body.error.details !== undefined && { details: body.error.details })
			};
	} catch {
		// Not our error shape (a proxy's HTML page, say): fall through.
	}
	return { status: response.status, code: response.status >= 500 ? 'server' : 'http_error', message: response.statusText };
}

async function call<T>(input: string, init: RequestInit & { timeout?: number } = {}): Promise<ApiResult<T>> {
	let response: Response;
	try {
		response = await fetch(input, {
			credentials: 'same-origin',
			...init,
			headers: { accept: 'application/json', ...init.headers },
			signal: AbortSignal.timeout(init.timeout ?? READ_TIMEOUT_MS)
		});
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		return { ok: false, retry: true, error: { status: null, code: 'network', message } };
	}
	if (response.ok) {
		const text = await response.text();
		return { ok: true, status: response.status, body: (text ? JSON.parse(text) : null) as T };
	}
	const error = await errorOf(response);
	return retryable(response.status) ? { ok: false, retry: true, error } : { ok: false, retry: false, error };
}

const jsonInit = (method: string, body: unknown): RequestInit => ({
	method,
	headers: { 'content-type': 'application/json' },
	body: JSON.stringify(body)
});

/** The multipart body of POST /api/findings: the finding as JSON and one `photos` part per file. */
export function findingFormData(entry: Pick<OutboxEntry, 'finding' | 'photos'>): FormData {
	const form = new FormData();
	form.append('finding', JSON.stringify(entry.finding));
	for (const photo of entry.photos) form.append('photos', photo.blob, photo.name);
	return form;
}

/**
 * Sends one outbox entry. 201 = created, 200 = the key was already stored (a replay of an
 * earlier attempt whose answer got lost): both mean the server has it.
 */
export function sendFinding(entry: OutboxEntry): Promise<ApiResult<FindingFeature | null>> {
	return call<FindingFeature | null>('/api/findings', {
		method: 'POST',
		headers: { 'Idempotency-Key': entry.key },
		body: findingFormData(entry),
		timeout: SEND_TIMEOUT_MS
	});
}

export interface FindingSuggestions {
	area: { id: string; name: string } | null;
	suggestedPartner: { id: string; name: string } | null;
	duplicates: { finding: FindingFeature; distanceM: number }[];
}

export function fetchSuggestions(input: { geometry: FindingGeometry; category?: FindingCategory; walkId?: string }) {
	return call<FindingSuggestions>('/api/findings/suggestions', jsonInit('POST', input));
}

export function confirmFinding(id: string, comment?: string) {
	return call<unknown>(`/api/findings/${encodeURIComponent(id)}/confirmations`, jsonInit('POST', comment ? { comment } : {}));
}

export function fetchWalkFindings(walkId: string) {
	return call<FindingCollection>(`/api/findings?walk=${encodeURIComponent(walkId)}`);
}

export function fetchWalk(walkId: string) {
	return call<WalkFeature>(`/api/walks/${encodeURIComponent(walkId)}`);
}

export function fetchAreaGeometry(areaId: string) {
	return call<{ geometry: GeoJSON.Geometry }>(`/api/areas/${encodeURIComponent(areaId)}`);
}

/** All areas (public reference data): their outlines orient the map between walks. */
export function fetchPlaces() {
	return call<AreaCollection>('/api/areas');
}

export interface JoinResponse {
	walk: WalkFeature;
	guest: { name: string; expiresAt: string };
}

export function joinWalk(code: string, name: string) {
	return call<JoinResponse>('/api/join', jsonInit('POST', { code, name }));
}

/**
 * A v4 UUID. crypto.randomUUID exists only in secure contexts (https, localhost); a
 * phone on a plain-http intranet address still needs keys that never collide.
 */
export function newIdempotencyKey(): string {
	if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	bytes[6] = (bytes[6] & 0x0f) | 0x40;
	bytes[8] = (bytes[8] & 0x3f) | 0x80;
	const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
