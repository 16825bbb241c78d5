// Preloaded into the app by the mixed load (`node --import ./scripts/bench/probe.mjs build`):
// every second it appends one JSON line to $LYKTA_BENCH_PROBE with what the server saw in that
// second — its event-loop delay (perf_hooks.monitorEventLoopDelay: p50, p99, max in ms) and its
// PostgreSQL pool (connections checked out, how many had to queue for a free connection and how
// long they waited, the pool's size and queue at that moment). Only for benchmarks: it wraps
// pg.Pool#connect, which the app's Kysely dialect calls for every query or transaction.
import { appendFileSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import pg from 'pg';

const file = process.env.LYKTA_BENCH_PROBE;
if (file) {
	writeFileSync(file, '');
	const delay = monitorEventLoopDelay({ resolution: 10 });
	delay.enable();
	const pools = new Set();
	let connects = 0;
	let queued = 0;
	let waits = [];
	const original = pg.Pool.prototype.connect;
	pg.Pool.prototype.connect = function connect(callback) {
		pools.add(this);
		if (callback) return original.call(this, callback);
		// A connect queues when every connection is busy and the pool is at its maximum.
		const mustQueue = this.idleCount === 0 && this.totalCount >= this.options.max;
		const started = performance.now();
		return original.call(this).then((client) => {
			connects++;
			if (mustQueue) {
				queued++;
				waits.push(performance.now() - started);
			}
			return client;
		});
	};
	const ms = (ns) => Math.round(ns / 1e4) / 100;
	setInterval(() => {
		const pool = [...pools].reduce((a, p) => ({ total: a.total + p.totalCount, idle: a.idle + p.idleCount, waiting: a.waiting + p.waitingCount, max: a.max + (p.options.max ?? 10) }), { total: 0, idle: 0, waiting: 0, max: 0 });
		waits.sort((a, b) => a - b);
		const line = {
			t: Date.now(),
			eld: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
			pool: { ...pool, connects, queued, waitP99: waits.length ? waits[Math.ceil(0.99 * waits.length) - 1] : 0, waitSum: waits.reduce((a, b) => a + b, 0) }
		};
		appendFileSync(file, JSON.stringify(line) + '\n');
		delay.reset();
		connects = 0;
		queued = 0;
		waits = [];
	}, 1000).unref();
}
