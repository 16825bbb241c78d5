import nodeAdapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { copyFileSync, rmSync } from 'node:fs';

/**
 * adapter-node, with Lykta's own server entry (scripts/server/) in place of adapter-node's
 * build/index.js: security headers on every response including static files, the outer body
 * limit answered in the API's error shape, and the same defaults for `node build` as for
 * `npm start`. build/handler.js is adapter-node's, unchanged.
 */
/** @param {{ out: string }} options @returns {import('@sveltejs/kit').Adapter} */
function adapter(options) {
	const base = nodeAdapter(options);
	return {
		...base,
		name: 'lykta-adapter-node',
		/** @param {import('@sveltejs/kit').Builder} builder */
		async adapt(builder) {
			await base.adapt(builder);
			const out = options.out;
			copyFileSync('scripts/server/env.js', `${out}/lykta-env.js`);
			copyFileSync('scripts/server/listener.js', `${out}/lykta-listener.js`);
			copyFileSync('scripts/server/index.js', `${out}/index.js`);
			rmSync(`${out}/index.js.map`, { force: true }); // adapter-node's entry, replaced above
		}
	};
}

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out: 'build' }),
		// Scripts only from this origin (SvelteKit adds hashes for its own inline bootstrap).
		// A configured online basemap (PUBLIC_MAP_STYLE) needs https: for its tiles, glyphs and sprites.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:', 'https:'],
				'font-src': ['self', 'data:', 'https:'],
				'connect-src': ['self', 'https:'],
				'worker-src': ['self', 'blob:'],
				'child-src': ['self', 'blob:'],
				'frame-ancestors': ['none'],
				'form-action': ['self'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		}
	}
};

export default config;
