/**
 * `f=json` / `f=html` on the OGC API's paths. Each path has a JSON endpoint (+server.ts) and
 * an HTML page (+page.svelte); SvelteKit picks between them by the Accept header alone, so a
 * browser following a `?f=json` link would get the page and GDAL following `?f=html` the
 * JSON. The request is handed on with the Accept header the `f` parameter asks for.
 */
import type { RequestEvent } from '@sveltejs/kit';

export function isOgcPath(pathname: string): boolean {
	return pathname === '/ogc' || pathname.startsWith('/ogc/');
}

/** The Accept header `f` stands for, or null (not an OGC path, or no `f`). */
export function ogcAccept(url: URL): string | null {
	if (!isOgcPath(url.pathname)) return null;
	const f = url.searchParams.get('f');
	if (f === 'json' || f === 'geojson') return 'application/json';
	if (f === 'html') return 'text/html';
	return null;
}

/** The event with the Accept header its `f` asks for (the same event when there is none). */
export function withOgcFormat<E extends RequestEvent>(event: E): E {
	const accept = ogcAccept(event.url);
	if (!accept) return event;
	const headers = new Headers(event.request.headers);
	headers.set('accept', accept);
	return { ...event, request: new Request(event.request, { headers }) };
}
