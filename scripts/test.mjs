// `npm test`: the whole suite — unit, database/HTTP integration and browser tests —
// against the database the environment gives (DATABASE_URL, or the embedded one).
//   --db-only   only the database/HTTP integration tests
//   --e2e-only  only the browser tests
// Prints one closing line: "tests: N passed, M failed".
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const args = process.argv.slice(2);
const dbOnly = args.includes('--db-only');
const e2eOnly = args.includes('--e2e-only');
const runUnit = !dbOnly && !e2eOnly;
const runIntegration = !e2eOnly;
const runE2e = !dbOnly;

function findChromium() {
	const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
	return candidates.find((path) => path && existsSync(path));
}

function ensureChromium() {
	let path = findChromium();
	if (path) return path;
	const isRoot = process.getuid?.() === 0;
	const hasApt = spawnSync('which', ['apt-get']).status === 0;
	if (isRoot && hasApt) {
		console.log('Chromium is missing: installing Debian\'s chromium package (apt-get)…');
		execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
		path = findChromium();
	}
	if (!path) {
		console.error(
			'The browser tests need Chromium, and none was found at /usr/bin/chromium (or CHROMIUM_PATH).\n' +
				(isRoot ? 'apt-get is not available to install it.\n' : 'Install it as root: apt-get install -y chromium\n') +
				'Then run npm test again. (Browser downloads by Playwright are not possible here.)'
		);
		process.exit(2);
	}
	return path;
}

function run(command, commandArgs, env = {}) {
	const result = spawnSync(command, commandArgs, { stdio: 'inherit', env: { ...process.env, ...env } });
	return result.status ?? 1;
}

const totals = { passed: 0, failed: 0 };
const started = performance.now();
mkdirSync('test-results', { recursive: true });

if (runE2e) process.env.CHROMIUM_PATH = ensureChromium();

console.log(`\n▶ Building the app (the integration and browser tests run the production build)…`);
if (run('npx', ['vite', 'build', '--logLevel', 'warn']) !== 0) {
	console.error('Build failed.');
	process.exit(1);
}

const projects = [...(runUnit ? ['unit'] : []), ...(runIntegration ? ['integration'] : [])];
if (projects.length) {
	const mode = process.env.DATABASE_URL ? 'PostgreSQL server (DATABASE_URL)' : 'embedded PostgreSQL/PostGIS';
	console.log(`\n▶ Vitest: ${projects.join(' + ')} — database: ${mode}`);
	rmSync('test-results/vitest.json', { force: true });
	const status = run('npx', [
		'vitest', 'run', ...projects.flatMap((p) => ['--project', p]),
		'--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json'
	]);
	if (existsSync('test-results/vitest.json')) {
		const report = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
		totals.passed += report.numPassedTests;
		totals.failed += report.numFailedTests + (status !== 0 && report.numFailedTests === 0 ? 1 : 0);
	} else {
		totals.failed += 1;
	}
}

if (runE2e) {
	console.log('\n▶ Playwright: browser tests against the built app (Chromium at ' + process.env.CHROMIUM_PATH + ')');
	rmSync('test-results/playwright.json', { force: true });
	const status = run('npx', ['playwright', 'test']);
	if (existsSync('test-results/playwright.json')) {
		const report = JSON.parse(readFileSync('test-results/playwright.json', 'utf8'));
		totals.passed += report.stats.expected;
		totals.failed += report.stats.unexpected + report.stats.flaky;
		if (status !== 0 && report.stats.unexpected === 0) totals.failed += 1;
	} else {
		totals.failed += 1;
	}
}

const seconds = Math.round((performance.now() - started) / 1000);
console.log(`\nnpm test finished in ${seconds} s`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
