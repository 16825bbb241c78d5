/**
 * Hot statements, prepared once per connection. For a statement like the finding's create
 * (a dozen CTEs), PostgreSQL spends more time parsing and planning it than running it:
 * about 2 ms against 0.8 ms on the benchmark machine. Sent as a named (prepared) statement
 * it is parsed once per connection, and after five runs PostgreSQL keeps a generic plan.
 *
 * Only statements the code marks with `prepared()` are named, so each connection holds a
 * small, fixed set (one per variant of a marked statement's text; keep the variants few
 * by passing choices as parameters). The mark is a comment: PGlite runs the same text.
 * Behind a connection pooler in transaction mode, use one that supports prepared
 * statements (PgBouncer 1.21 or later).
 */
import { sql, type RawBuilder } from 'kysely';
import type pg from 'pg';

const MARK = '/* prepared */ ';
/** More distinct marked texts than this is a bug (a variable in the text); the rest run unnamed. */
const MAX_NAMED = 200;
const names = new Map<string, string>();

export function prepared<T>(statement: RawBuilder<T>): RawBuilder<T> {
	return sql<T>`${sql.raw(MARK)}${statement}`;
}

function nameOf(text: string): string | null {
	let name = names.get(text);
	if (!name && names.size < MAX_NAMED) names.set(text, (name = `lykta_${names.size + 1}`));
	return name ?? null;
}

/** For the pool's `connect` event: the client sends marked statements as named ones. */
export function nameMarkedStatements(client: pg.PoolClient): void {
	const query = client.query as (...args: unknown[]) => unknown;
	client.query = function (this: pg.PoolClient, ...args: unknown[]) {
		const [text, values] = args;
		if (args.length === 2 && typeof text === 'string' && text.startsWith(MARK) && Array.isArray(values)) {
			const name = nameOf(text);
			if (name) return query.call(this, { name, text, values });
		}
		return query.apply(this, args);
	} as typeof client.query;
}
