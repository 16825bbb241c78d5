// Starts the built app with sensible local defaults; any of them can be overridden by env.
import { applyServerDefaults } from './server-env.mjs';

applyServerDefaults();
const started = performance.now();
await import('../build/index.js');
console.log(`Lykta is running: ${process.env.ORIGIN}  (started in ${Math.round(performance.now() - started)} ms; stop with Ctrl+C)`);
