// Starts the built app with sensible local defaults; any of them can be overridden by env.
process.env.PORT ??= '3000';
process.env.HOST ??= '0.0.0.0';
// The API checks JSON bodies against its own, smaller limit; uploads (photos, imports) need more.
process.env.BODY_SIZE_LIMIT ??= '50M';

const started = performance.now();
await import('../build/index.js');
const url = process.env.ORIGIN ?? `http://localhost:${process.env.PORT}`;
console.log(`Lykta is running: ${url}  (started in ${Math.round(performance.now() - started)} ms; stop with Ctrl+C)`);
