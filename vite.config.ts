import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// PGlite ships WASM and data files it loads relative to its own module: bundling it
// breaks those paths, so it stays an external dependency on the server and is never
// pre-bundled for the browser.
const embeddedDb = ['@electric-sql/pglite', '@electric-sql/pglite-postgis'];

export default defineConfig({
	plugins: [sveltekit()],
	// rrule ships CommonJS with an ESM build Node cannot import by name: bundle it instead.
	ssr: { external: [...embeddedDb, 'pg', '@node-rs/argon2'], noExternal: ['rrule'] },
	optimizeDeps: { exclude: embeddedDb },
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts', 'migrations/**/*.test.ts', 'scripts/**/*.test.ts'],
					environment: 'node'
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					// One embedded PostgreSQL costs ~1 GB and ~10 s to start: one worker, one instance.
					pool: 'forks',
					maxWorkers: 1,
					isolate: false,
					fileParallelism: false,
					testTimeout: 60_000,
					hookTimeout: 120_000,
					setupFiles: ['tests/integration/setup.ts'],
					server: { deps: { external: [/\/build\//] } }
				}
			}
		]
	}
});
