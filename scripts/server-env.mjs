// Defaults for running the built server (npm start, the browser tests, the HTTP tests).
// adapter-node reads these when the server is imported, so set them before.
export function applyServerDefaults(env = process.env) {
	env.PORT ??= '3000';
	env.HOST ??= '0.0.0.0';
	// The API checks JSON bodies against its own 1 MB limit; a finding with five phone
	// photos (at most 15 MB each) must still get through.
	env.BODY_SIZE_LIMIT ??= '80M';
	// Without ORIGIN the server assumes https and refuses form posts (login) over plain
	// http. Behind a TLS proxy, set ORIGIN=https://your.host instead.
	env.ORIGIN ??= `http://localhost:${env.PORT}`;
}
