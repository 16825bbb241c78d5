// Starts the built app with sensible local defaults; any of them can be overridden by env.
process.env.PORT ??= '3000';
process.env.HOST ??= '0.0.0.0';
// The API checks JSON bodies against its own, smaller limit; uploads (photos, imports) need more.
process.env.BODY_SIZE_LIMIT ??= '80M';
// Without ORIGIN the server assumes https and refuses form posts (login) over plain http.
// Behind a TLS proxy, set ORIGIN=https://your.host instead.
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;

const started = performance.now();
await import('../build/index.js');
const url = process.env.ORIGIN;
console.log(`Lykta is running: ${url}  (started in ${Math.round(performance.now() - started)} ms; stop with Ctrl+C)`);
