// `npm run bench -- <name> [options]`: runs scripts/bench/<name>.ts with tsx.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const [name, ...rest] = process.argv.slice(2);
const available = readdirSync('scripts/bench').filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3));
if (!name || !existsSync(`scripts/bench/${name}.ts`)) {
	console.error(`Usage: npm run bench -- <${available.join('|')}> [options]`);
	process.exit(2);
}
const result = spawnSync('npx', ['tsx', `scripts/bench/${name}.ts`, ...rest], { stdio: 'inherit' });
process.exit(result.status ?? 1);
