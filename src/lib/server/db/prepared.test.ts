import { describe, expect, it } from 'vitest';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type pg from 'pg';
import { nameMarkedStatements, prepared } from './prepared';

/** A pg client stand-in that records what it was asked to run. */
function recordingClient() {
	const calls: unknown[][] = [];
	const client = { query: (...args: unknown[]) => (calls.push(args), Promise.resolve({ rows: [], command: 'SELECT', rowCount: 0 })), release() {} };
	nameMarkedStatements(client as unknown as pg.PoolClient);
	return { client, calls };
}

describe('prepared statements', () => {
	it('sends a marked statement as a named one, the same name for the same text, and others as they are', async () => {
		const { client, calls } = recordingClient();
		const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: { connect: async () => client, end: async () => {} } as never }) });
		const hot = (id: string) => prepared(sql`SELECT * FROM findings WHERE id = ${id}`);
		await hot('a').execute(db);
		await hot('b').execute(db);
		await prepared(sql`SELECT * FROM areas WHERE id = ${'c'}`).execute(db);
		await sql`SELECT * FROM findings WHERE id = ${'d'}`.execute(db);

		const named = calls.map((c) => c[0]).filter((c): c is { name: string; text: string; values: unknown[] } => typeof c === 'object');
		expect(named.map((q) => q.values)).toEqual([['a'], ['b'], ['c']]);
		expect(named[0].name).toMatch(/^lykta_\d+$/);
		expect(named[1].name).toBe(named[0].name);
		expect(named[2].name).not.toBe(named[0].name);
		expect(named[0].text).toBe('/* prepared */ SELECT * FROM findings WHERE id = $1');
		// Unmarked statements (and Kysely's own, e.g. transactions) keep the unnamed protocol.
		expect(calls.filter((c) => typeof c[0] === 'string').map((c) => c.slice(0, 2))).toEqual([['SELECT * FROM findings WHERE id = $1', ['d']]]);
	});
});
