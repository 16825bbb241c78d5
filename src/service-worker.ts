/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
/**
 * Lets the pinning page open in a park with no reception once it has been visited:
 * the built app (scripts, styles, the map's worker) and the static files are cached at
 * install, and the pages a walk participant needs (/pin, /join) are kept from their last
 * visit — and the compass (/compass), which an outreach worker opens in a stairwell without
 * reception. Everything else goes to the network as usual. API responses are never cached:
 * findings go through the page's own outbox, the compass searches its own last known copy of
 * the directory (kept in IndexedDB), and stale data must not pass for fresh.
 */
import { build, files, version } from '$service-worker';

const sw = globalThis.self as unknown as ServiceWorkerGlobalScope;

const ASSETS = `lykta-assets-${version}`;
const PAGES = `lykta-pages-${version}`;
const PRECACHE = [...build, ...files];
const PRECACHED = new Set(PRECACHE);

/** Pages (and their SvelteKit data requests) that must work offline. */
const OFFLINE_PAGES = /^\/(pin|join|compass)(\/|$)/;
const OFFLINE_ENTRY_PAGES = ['/pin', '/join', '/compass'];

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			await (await caches.open(ASSETS)).addAll(PRECACHE);
			// The pages too, rendered by this version: after an update the copies kept by the
			// previous version point at assets that are gone. Best effort — offline now is fine.
			const pages = await caches.open(PAGES);
			await Promise.all(OFFLINE_ENTRY_PAGES.map((path) => pages.add(path).catch(() => undefined)));
			await sw.skipWaiting();
		})()
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			// Old versions' caches: the assets they list no longer exist on the server.
			for (const key of await caches.keys()) if (key !== ASSETS && key !== PAGES) await caches.delete(key);
			await sw.clients.claim();
		})()
	);
});

/** Network first; on failure the last good copy. Only complete, successful answers are kept. */
async function networkFirst(request: Request): Promise<Response> {
	const cache = await caches.open(PAGES);
	try {
		const response = await fetch(request);
		if (response.status === 200 && response.type === 'basic') await cache.put(request, response.clone());
		return response;
	} catch (error) {
		const exact = await cache.match(request);
		if (exact) return exact;
		// /pin?walk=… renders alike whatever the walk (the page loads the walk itself), but
		// unlike a bare /pin, which may say "join a walk first": prefer a copy with a query.
		const url = new URL(request.url);
		const copies = await cache.matchAll(request, { ignoreSearch: true });
		const alike = copies.find((copy) => (new URL(copy.url).search !== '') === (url.search !== '')) ?? copies[0];
		if (alike) return alike;
		throw error;
	}
}

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (url.pathname.startsWith('/api/')) return;

	if (PRECACHED.has(url.pathname)) {
		// Built assets have content hashes in their names: the cached copy is the right one.
		event.respondWith(caches.open(ASSETS).then((cache) => cache.match(url.pathname)).then((cached) => cached ?? fetch(request)));
		return;
	}
	if (OFFLINE_PAGES.test(url.pathname)) event.respondWith(networkFirst(request));
});

/**
 * A page reached by a link inside the app (no page load the worker saw) asks to be kept: the
 * compass of an area, opened from the list, must open again without reception, also as a
 * fresh start. Only pages that must work offline, of this origin, whole and successful.
 */
sw.addEventListener('message', (event) => {
	const data = event.data as { type?: unknown; url?: unknown } | null;
	if (data?.type !== 'keep-page' || typeof data.url !== 'string') return;
	const url = new URL(data.url, sw.location.origin);
	if (url.origin !== sw.location.origin || !OFFLINE_PAGES.test(url.pathname)) return;
	event.waitUntil(
		(async () => {
			const response = await fetch(url.href, { credentials: 'same-origin', headers: { accept: 'text/html' } });
			if (response.status === 200 && response.type === 'basic') await (await caches.open(PAGES)).put(url.href, response);
		})().catch(() => undefined)
	);
});
