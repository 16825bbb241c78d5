// The production server: `node build` (and `npm start`) run this file. It replaces
// adapter-node's own entry so that every response — static files too — passes through
// lykta-listener.js, and so that `node build` with no environment behaves like `npm start`.
// Copied into build/ by svelte.config.js.
import http from 'node:http';
import { applyServerDefaults } from './lykta-env.js';
import { lyktaListener } from './lykta-listener.js';

applyServerDefaults();
// Imported only now: the handler reads BODY_SIZE_LIMIT and ORIGIN when it loads.
const { handler } = await import('./handler.js');

const server = http.createServer(lyktaListener(handler));
const host = process.env.HOST;
const port = Number(process.env.PORT);
const shutdownTimeout = Number(process.env.SHUTDOWN_TIMEOUT ?? 30);

server.listen({ host, port }, () => console.log(`Listening on http://${host}:${port}`));

let closing = false;
// Keep-alive connections finishing a request while closing are let go at once.
server.on('request', (req) => req.on('close', () => closing && server.closeIdleConnections()));
/** Stop taking requests, let the running ones finish, then let the app close the database. */
function shutdown() {
	if (closing) return;
	closing = true;
	server.closeIdleConnections();
	server.close(() => process.emit('sveltekit:shutdown', 'SIGTERM'));
	setTimeout(() => server.closeAllConnections(), shutdownTimeout * 1000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

export { server, host, port };
