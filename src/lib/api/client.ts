/**
 * How the walk and finding pages talk to the HTTP API: load functions read with SvelteKit's
 * `fetch` (it forwards the session cookie during SSR); forms send with the browser's and get
 * the API's error shape `{ error: { code, message, details } }` back as a value to show.
 */
import { error, redirect } from '@sveltejs/kit';

type Fetch = typeof fetch;

/** A refused request as the API describes it; `fields` maps form fields to messages. */
export interface ApiProblem {
	status: number;
	code: string;
	message: string;
	fields: Record<string, string>;
	/** The error's `details` as sent, for refusals a form answers specially (e.g. over_budget). */
	details?: unknown;
}

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; problem: ApiProblem };

/** Logged-in pages send anonymous visitors to the login page and back. */
export function requireLogin(user: unknown, url: URL): void {
	if (!user) redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

/** GET for a load function: the JSON body, or the page's error page with the API's status. */
export async function getJson<T>(fetch: Fetch, path: string, url?: URL): Promise<T> {
	const response = await fetch(path, { headers: { accept: 'application/json' } });
	if (response.ok) return (await response.json()) as T;
	if (response.status === 401 && url) requireLogin(null, url);
	const problem = await problemOf(response);
	error(response.status, { message: problem.message, code: problem.code });
}

/** A mutating request from the browser; 4xx answers come back as a problem, never thrown. */
export async function send<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<ApiResult<T>> {
	let response: Response;
	try {
		response = await fetch(path, {
			method,
			headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	} catch {
		return { ok: false, problem: { status: 0, code: 'network', message: '', fields: {} } };
	}
	if (!response.ok) return { ok: false, problem: await problemOf(response) };
	const data = response.status === 204 ? (null as T) : ((await response.json()) as T);
	return { ok: true, status: response.status, data };
}

async function problemOf(response: Response): Promise<ApiProblem> {
	const problem: ApiProblem = { status: response.status, code: 'http_' + response.status, message: response.statusText, fields: {} };
	try {
		const body = (await response.json()) as { error?: { code?: string; message?: string; details?: unknown } };
		if (body.error?.code) problem.code = body.error.code;
		if (body.error?.message) problem.message = body.error.message;
		problem.fields = fieldMessages(body.error?.details);
		problem.details = body.error?.details;
		// A single-field refusal names its field: `{ field: 'statusReason' }`.
		const field = (body.error?.details as { field?: unknown } | undefined)?.field;
		if (typeof field === 'string' && !problem.fields[field]) problem.fields[field] = problem.message;
	} catch {
		// Not JSON (a proxy's error page): the status says enough.
	}
	return problem;
}

/**
 * Validation details are `[{ path, message }]` with paths like `properties.title` or
 * `geometry.coordinates`; forms key their fields by the last property name.
 */
export function fieldMessages(details: unknown): Record<string, string> {
	const fields: Record<string, string> = {};
	if (!Array.isArray(details)) return fields;
	for (const issue of details) {
		if (!issue || typeof issue !== 'object') continue;
		const { path, message } = issue as { path?: unknown; message?: unknown };
		if (typeof path !== 'string' || typeof message !== 'string') continue;
		const parts = path.split('.');
		const key = parts[0] === 'properties' && parts[1] ? parts[1] : parts[0] || 'form';
		fields[key] ??= message;
	}
	return fields;
}

/** Just enough of an area to walk up the nesting (district > place). */
export interface AreaRef {
	id: string;
	name: string;
	kind: string;
	parentId: string | null;
}

/** The areas as the pages need them: names and nesting, without the polygons. */
export function areaRefs(areas: { features: { id: string; properties: { name: string; kind: string; parentId: string | null } }[] }): AreaRef[] {
	return areas.features.map((f) => ({ id: f.id, name: f.properties.name, kind: f.properties.kind, parentId: f.properties.parentId }));
}

/**
 * Areas for a select: districts first, each followed by its places, the order of the map's
 * area list. A nested area's label names what it is part of ("Tantolunden (Södermalm)"),
 * which reads the same to everyone, unlike indentation.
 */
export function areaOptions(areas: readonly AreaRef[], all: readonly AreaRef[] = areas): { area: AreaRef; label: string }[] {
	const out: { area: AreaRef; label: string }[] = [];
	const byId = new Map(all.map((a) => [a.id, a]));
	const byName = (a: AreaRef, b: AreaRef) => a.name.localeCompare(b.name, 'sv');
	const labelOf = (area: AreaRef) => {
		const parent = area.parentId ? byId.get(area.parentId) : undefined;
		return parent ? `${area.name} (${parent.name})` : area.name;
	};
	const visit = (parentId: string | null, depth: number) => {
		for (const area of areas.filter((a) => a.parentId === parentId).sort(byName)) {
			out.push({ area, label: labelOf(area) });
			if (depth < 10) visit(area.id, depth + 1);
		}
	};
	visit(null, 0);
	// Areas whose parent is not in the list (e.g. a place without its district) still get listed.
	for (const area of [...areas].sort(byName)) if (!out.some((o) => o.area.id === area.id)) out.push({ area, label: labelOf(area) });
	return out;
}
