// A closed-loop HTTP load client for the benchmarks, run as a worker thread so that its own
// work (building requests, parsing answers) does not sit on the server's event loop when the
// server runs in the benchmark's main thread. `clients` loops each send one request, wait for
// the whole answer, and send the next, for `seconds`; every request of one phase uses the same
// keep-alive agent (one connection per client), as phones and browsers would.
//
// workerData: { origin, clients, seconds, requests: { method, path, headers, body?, uniqueKey? }[] }
// A request with `uniqueKey` gets a fresh Idempotency-Key per send (a new submission each time).
import { Agent, request } from 'node:http';
import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';

const { origin, clients, seconds, requests } = workerData;
const url = new URL(origin);
const agent = new Agent({ keepAlive: true, maxSockets: clients });
const latencies = [];
const statuses = {};
let sample = null;
let next = 0;

function send(spec) {
	return new Promise((done, fail) => {
		const headers = { ...spec.headers };
		if (spec.uniqueKey) headers['idempotency-key'] = randomUUID();
		if (spec.body !== undefined) headers['content-length'] = Buffer.byteLength(spec.body);
		const started = process.hrtime.bigint();
		const req = request({ host: url.hostname, port: url.port, method: spec.method, path: spec.path, headers, agent }, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => {
				const ms = Number(process.hrtime.bigint() - started) / 1e6;
				done({ status: res.statusCode ?? 0, ms, body: Buffer.concat(chunks).toString('utf8') });
			});
			res.on('error', fail);
		});
		req.on('error', fail);
		if (spec.body !== undefined) req.write(spec.body);
		req.end();
	});
}

const until = Date.now() + seconds * 1000;
async function loop() {
	while (Date.now() < until) {
		const spec = requests[next++ % requests.length];
		let result;
		try {
			result = await send(spec);
		} catch (error) {
			statuses[`error:${error.code ?? error.message}`] = (statuses[`error:${error.code ?? error.message}`] ?? 0) + 1;
			continue;
		}
		latencies.push(result.ms);
		statuses[result.status] = (statuses[result.status] ?? 0) + 1;
		// One unexpected answer is kept, so a failing run says why.
		if (result.status >= 400 && !sample) sample = `${result.status} ${result.body.slice(0, 300)}`;
	}
}

const started = Date.now();
await Promise.all(Array.from({ length: clients }, loop));
const elapsed = (Date.now() - started) / 1000;
agent.destroy();
parentPort.postMessage({ latencies, statuses, elapsed, sample });
