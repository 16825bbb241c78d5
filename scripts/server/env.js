// Defaults for running the built server (`node build`, npm start, the browser and HTTP
// tests). adapter-node's handler reads these when it is imported, so they are set before.
// Copied into build/ next to the handler by the adapter in svelte.config.js.

/** The largest request body at all, whatever the endpoint (photos: five phone photos). */
export const DEFAULT_BODY_LIMIT = '80M';

export function applyServerDefaults(env = process.env) {
	env.PORT ??= '3000';
	env.HOST ??= '0.0.0.0';
	// The API checks each body against its own, smaller limit (JSON 1 MB, imports 60 MB);
	// this outer one only stops what no endpoint takes. adapter-node's own default
	// (512 KB) would cut imports and photo uploads short with an unreadable error.
	env.BODY_SIZE_LIMIT ??= DEFAULT_BODY_LIMIT;
	// Without ORIGIN adapter-node assumes https and refuses form posts (login) over plain
	// http. Behind a TLS proxy, set ORIGIN=https://your.host instead.
	env.ORIGIN ??= `http://localhost:${env.PORT}`;
}

/** Bytes in a size such as `512K`, `80M`, `1G` or `Infinity` (adapter-node's notation). */
export function parseBytes(value) {
	if (/^\s*infinity\s*$/i.test(value)) return Infinity;
	const match = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)b?\s*$/i.exec(value);
	if (!match) throw new Error(`Not a size: ${value} (e.g. 512K, 80M, 1G)`);
	const factor = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2].toLowerCase()];
	return Math.floor(Number(match[1]) * factor);
}
