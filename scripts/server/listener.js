// What every response of the built server goes through before SvelteKit's handler (pages,
// API and the static files adapter-node serves itself): security headers, and the outer
// body limit answered in the API's error shape. Copied into build/ by svelte.config.js;
// build/index.js and the HTTP tests use it, so both see the same server.
import { parseBytes } from './lykta-env.js';

/** Headers for every response, HSTS only when the public origin is https. */
export function securityHeaders(origin) {
	const headers = {
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'strict-origin-when-cross-origin',
		'x-frame-options': 'DENY',
		'permissions-policy': 'camera=(self), geolocation=(self), microphone=()',
		'cross-origin-opener-policy': 'same-origin'
	};
	if (origin?.startsWith('https:')) headers['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
	return headers;
}

const TOO_LARGE = {
	sv: (limit) => `Det som skickades är för stort (högst ${limit} byte).`,
	en: (limit) => `What was sent is too large (at most ${limit} bytes).`
};

/**
 * A Node request listener around adapter-node's `handler`.
 * @param {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, next: () => void) => void} handler
 */
export function lyktaListener(handler, env = process.env) {
	const headers = Object.entries(securityHeaders(env.ORIGIN));
	const bodyLimit = parseBytes(env.BODY_SIZE_LIMIT ?? '80M');
	const notFound = (res) => {
		res.statusCode = 404;
		res.end('Not found');
	};
	return (req, res) => {
		for (const [name, value] of headers) res.setHeader(name, value);
		const declared = Number(req.headers['content-length']);
		if (declared > bodyLimit) {
			// Answered before a byte of the body is read; the connection closes afterwards.
			const locale = /(?:^|;\s*)lykta_locale=en\b/.test(req.headers.cookie ?? '') ? 'en' : 'sv';
			const body = { error: { code: 'payload_too_large', message: TOO_LARGE[locale](bodyLimit), details: { limit: bodyLimit } } };
			res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
			res.end(JSON.stringify(body));
			return;
		}
		handler(req, res, () => notFound(res));
	};
}
