/**
 * Runs before every integration test file, in the one worker process. The database is
 * whatever the environment gives: a real PostgreSQL/PostGIS server when DATABASE_URL is
 * set, otherwise one in-memory embedded PostgreSQL shared by all files of the run.
 */
import { tmpdir } from 'node:os';

process.env.LYKTA_DEMO = 'off';
// The self-hosted basemap's archive: absent until tests/integration/basemap.test.ts builds it.
process.env.LYKTA_BASEMAP_TILES = `${tmpdir()}/lykta-test-basemap-${process.pid}.mbtiles`;
process.env.LYKTA_SESSION_DAYS ??= '14';
if (!process.env.DATABASE_URL) process.env.LYKTA_DATA_DIR = 'memory://';
else {
	// These tests empty every table: refuse to run against a database not meant for it.
	const name = new URL(process.env.DATABASE_URL).pathname.slice(1);
	if (!/test/i.test(name) && process.env.LYKTA_TEST_ALLOW_TRUNCATE !== '1')
		throw new Error(`Refusing to run destructive tests on database "${name}": use a database whose name contains "test".`);
}
