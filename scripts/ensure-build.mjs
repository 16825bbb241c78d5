// Builds the app before `npm start` when there is no build yet or the sources are newer.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

const built = existsSync('build/index.js') ? statSync('build/index.js').mtimeMs : 0;
const sources = Math.max(...['src', 'migrations', 'static', 'scripts/server', 'package.json', 'svelte.config.js', 'vite.config.ts'].map(newest));
if (built < sources) {
	console.log(built ? 'Sources changed since the last build: building Lykta…' : 'Building Lykta (first start)…');
	execSync('npx vite build', { stdio: 'inherit' });
}
