import { requireLogin } from '$lib/api/client';
import type { Overview } from '$lib/overview/overview';
import type { PageLoad } from './$types';

// The map and the charts draw in the browser.
export const ssr = false;

/** The area's overview at `?at=` (default today), changes since `?since=`; a refusal is shown in the page. */
export const load: PageLoad = async ({ fetch, url, params, parent, depends }) => {
	depends('lykta:overview');
	const { user } = await parent();
	requireLogin(user, url);
	const q = new URLSearchParams();
	for (const key of ['at', 'since']) {
		const v = url.searchParams.get(key);
		if (v) q.set(key, v);
	}
	const response = await fetch(`/api/areas/${encodeURIComponent(params.id)}/overview${q.size ? `?${q}` : ''}`, { headers: { accept: 'application/json' } });
	if (response.ok) return { overview: (await response.json()) as Overview, problem: null };
	let message = response.statusText;
	try {
		message = ((await response.json()) as { error?: { message?: string } }).error?.message ?? message;
	} catch {
		// not JSON: the status says enough
	}
	return { overview: null, problem: { status: response.status, message } };
};
