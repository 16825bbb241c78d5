// The app as the browser tests see it: the production build, a fresh database with the
// demo data. Embedded in a temporary directory by default; with DATABASE_URL set, a
// separate database (`lykta_e2e`, or E2E_DATABASE) on the same server is recreated for the run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const port = process.env.E2E_PORT ?? '4173';
process.env.PORT = port;
process.env.HOST = '127.0.0.1';
process.env.ORIGIN = `http://localhost:${port}`;
process.env.LYKTA_DEMO = 'on';
// The tests need no network: the built-in basemap (tests that try the others change it in the page).
process.env.PUBLIC_MAP_STYLE ??= 'offline';
// Where tests/e2e/basemap.spec.ts builds a self-hosted basemap from the OSM fixture.
process.env.LYKTA_BASEMAP_TILES ??= 'test-results/e2e-basemap.mbtiles';

if (process.env.DATABASE_URL) {
	const { default: pg } = await import('pg');
	const admin = new URL(process.env.DATABASE_URL);
	const target = new URL(process.env.DATABASE_URL);
	const name = process.env.E2E_DATABASE ?? 'lykta_e2e';
	target.pathname = `/${name}`;
	admin.pathname = '/postgres';
	const client = new pg.Client({ connectionString: admin.href });
	await client.connect();
	await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
	await client.query(`CREATE DATABASE "${name}"`);
	await client.end();
	process.env.DATABASE_URL = target.href;
} else {
	const dir = mkdtempSync(join(tmpdir(), 'lykta-e2e-'));
	process.env.LYKTA_DATA_DIR = join(dir, 'pg');
	process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));

await import('../build/index.js');
