// `npm run bench`: every benchmark and one table (scripts/bench/all.ts); `npm run bench -- --quick`:
// the one-minute version; `npm run bench -- <name> [options]`: one benchmark, scripts/bench/<name>.ts
// (`mixed` is scripts/bench/mixed-load.ts).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The modules here that are not benchmarks of their own. */
const HELPERS = ['all', 'cli', 'coverage-data', 'figures', 'incident-data', 'load', 'random', 'server', 'writes-world', 'probe'];
const BENCHMARKS = ['compass', 'coverage', 'hotspots', 'isolation', 'mixed', 'overlaps', 'photo-size', 'pin-to-walk-page', 'whatif', 'writes'];

const [first, ...rest] = process.argv.slice(2);
let script;
let options;
if (first === undefined || first.startsWith('--')) {
	script = 'all';
	options = process.argv.slice(2);
} else {
	script = first === 'mixed' ? 'mixed-load' : first;
	options = rest;
	if (HELPERS.includes(script) || !existsSync(`scripts/bench/${script}.ts`)) {
		console.error(`Usage: npm run bench [-- --quick]   (all benchmarks, one table)\n       npm run bench -- <${BENCHMARKS.join('|')}> [options]`);
		process.exit(2);
	}
}
const result = spawnSync('npx', ['tsx', `scripts/bench/${script}.ts`, ...options], { stdio: 'inherit' });
process.exit(result.status ?? 1);
