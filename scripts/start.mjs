// Starts the built app (build/index.js applies the local defaults; any can be overridden by env).
const started = performance.now();
await import('../build/index.js');
console.log(`Lykta is running: ${process.env.ORIGIN}  (started in ${Math.round(performance.now() - started)} ms; stop with Ctrl+C)`);
