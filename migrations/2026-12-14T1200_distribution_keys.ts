/**
 * Keys that a distributed PostgreSQL (Citus) can shard by tenant (issue 16 item 6; see
 * docs/scaling.md). Citus requires, on a table distributed by tenant_id:
 *
 * - every PRIMARY KEY and UNIQUE constraint (and unique index) includes tenant_id;
 * - every foreign key to another distributed table includes tenant_id on both sides
 *   (a row can only point at a row on its own shard);
 * - foreign keys to reference tables (tenants, replicated to every node) are fine as they are.
 *
 * Read from the catalog, not from a list of tables, so tables added by migrations that run
 * before this one are converted too: every table of schema public with a tenant_id column,
 * except the reference tables below, PostGIS's own tables and the migration log, gets
 *
 * - PRIMARY KEY (tenant_id, <the old key columns>);
 * - every UNIQUE constraint and unique index led by tenant_id (expression indexes such as
 *   follow_ups_uniq are recreated from their definition with tenant_id as first column);
 * - every foreign key between two such tables rewritten as (tenant_id, col) → (tenant_id, id),
 *   keeping its ON DELETE / ON UPDATE behaviour; ON DELETE SET NULL becomes
 *   ON DELETE SET NULL (col) (PostgreSQL ≥ 15) so that deleting a partner clears the
 *   reference and never the row's tenant_id;
 * - a table without a primary key (compass_stats: its key has an expression) REPLICA IDENTITY
 *   FULL, because Citus moves shards between nodes by logical replication, which needs a
 *   replica identity on a table that is updated.
 *
 * Each rewritten constraint and index carries a comment with its definition before, so
 * down() restores exactly what up() changed, whatever tables there were.
 *
 * A table without tenant_id that points at a tenant table cannot be sharded with it; the
 * migration stops and says so (give it a tenant_id in an earlier migration).
 *
 * Frozen in time: no imports from the app.
 */
import { sql, type Kysely } from 'kysely';

/** Replicated in full to every node under Citus: small, shared, read by every tenant's queries. */
const REFERENCE_TABLES = ['tenants'];
/** Not ours: PostGIS's catalogue and the migrator's log. */
const NOT_OURS = ['spatial_ref_sys', 'lykta_migrations', 'lykta_migrations_lock'];
const MARK = 'lykta:distribution-key; before: ';

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

interface Constraint {
	table: string;
	name: string;
	type: 'p' | 'u' | 'f';
	def: string;
	cols: string[];
	refTable: string | null;
	refCols: string[] | null;
	comment: string | null;
}

async function tenantTables(db: Kysely<any>): Promise<string[]> {
	const { rows } = await sql<{ name: string }>`
		SELECT c.relname::text AS name
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
			AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
			AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
		ORDER BY c.relname`.execute(db);
	return rows.map((r) => r.name).filter((t) => !REFERENCE_TABLES.includes(t) && !NOT_OURS.includes(t));
}

async function constraints(db: Kysely<any>): Promise<Constraint[]> {
	const { rows } = await sql<Constraint>`
		SELECT t.relname::text AS "table", con.conname::text AS name, con.contype::text AS type,
			pg_get_constraintdef(con.oid) AS def,
			ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
				JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord) AS cols,
			r.relname::text AS "refTable",
			CASE WHEN con.contype = 'f' THEN ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
				JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord) END AS "refCols",
			obj_description(con.oid, 'pg_constraint') AS comment
		FROM pg_constraint con
		JOIN pg_class t ON t.oid = con.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
		LEFT JOIN pg_class r ON r.oid = con.confrelid
		WHERE n.nspname = 'public' AND con.contype IN ('p', 'u', 'f')
		ORDER BY t.relname, con.conname`.execute(db);
	return rows;
}

/** Unique indexes that no constraint owns (expression and partial ones). */
async function uniqueIndexes(db: Kysely<any>) {
	const { rows } = await sql<{ table: string; name: string; def: string; hasTenant: boolean; comment: string | null }>`
		SELECT t.relname::text AS "table", i.relname::text AS name, pg_get_indexdef(x.indexrelid) AS def,
			EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attname = 'tenant_id'
				AND a.attnum = ANY ((x.indkey::int2[])[0:x.indnkeyatts - 1])) AS "hasTenant",
			obj_description(x.indexrelid, 'pg_class') AS comment
		FROM pg_index x
		JOIN pg_class i ON i.oid = x.indexrelid
		JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
		WHERE n.nspname = 'public' AND x.indisunique
			AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.conrelid = x.indrelid)
		ORDER BY t.relname, i.relname`.execute(db);
	return rows;
}

/** The comment that remembers a definition for down(), as a string literal. */
const marked = (def: string) => `'${(MARK + def).replace(/'/g, "''")}'`;

/** (cols) → (tenant_id, cols) on both sides; SET NULL / SET DEFAULT limited to the old columns. */
function distributedForeignKey(def: string, cols: string[]): string {
	const list = cols.map(ident).join(', ');
	const out = def
		.replace(/^FOREIGN KEY \(/, 'FOREIGN KEY (tenant_id, ')
		.replace(/ REFERENCES ([^(]+)\(/, ' REFERENCES $1(tenant_id, ')
		.replace(/ ON DELETE SET (NULL|DEFAULT)(?! \()/, ` ON DELETE SET $1 (${list})`);
	if (out === def || !/^FOREIGN KEY \(tenant_id, /.test(out) || !/ REFERENCES [^(]+\(tenant_id, /.test(out))
		throw new Error(`distribution keys: cannot rewrite foreign key "${def}"`);
	return out;
}

/** PRIMARY KEY (cols) / UNIQUE (cols) → the same led by tenant_id. */
function distributedKey(def: string): string {
	const out = def.replace(/^(PRIMARY KEY|UNIQUE(?: NULLS NOT DISTINCT)?) \(/, '$1 (tenant_id, ');
	if (out === def) throw new Error(`distribution keys: cannot rewrite key "${def}"`);
	return out;
}

/** CREATE UNIQUE INDEX name ON table USING method (…) → the same led by tenant_id. */
function distributedIndex(def: string): string {
	const out = def.replace(/^(CREATE UNIQUE INDEX \S+ ON \S+ USING \w+ \()/, '$1tenant_id, ');
	if (out === def) throw new Error(`distribution keys: cannot rewrite index "${def}"`);
	return out;
}

export async function up(db: Kysely<any>): Promise<void> {
	const run = (statement: string) => sql.raw(statement).execute(db);
	const tables = await tenantTables(db);
	const isTenant = (t: string | null) => t !== null && tables.includes(t);
	const all = await constraints(db);

	// A table left out (no tenant_id) that points at a tenant table would lose its key.
	const orphans = all.filter((c) => c.type === 'f' && !isTenant(c.table) && isTenant(c.refTable)
		&& !REFERENCE_TABLES.includes(c.table) && !NOT_OURS.includes(c.table));
	if (orphans.length)
		throw new Error(`distribution keys: ${orphans.map((c) => `${c.table} (${c.name})`).join(', ')} point at tenant tables but have no tenant_id column`);

	const foreignKeys = all.filter((c) => {
		if (c.type !== 'f' || !isTenant(c.table) || !isTenant(c.refTable)) return false;
		const at = c.cols.indexOf('tenant_id');
		if (at === -1) return true;
		if (c.refCols![at] !== 'tenant_id') throw new Error(`distribution keys: ${c.name} pairs tenant_id with ${c.refCols![at]}`);
		return false;
	});
	const keys = all.filter((c) => (c.type === 'p' || c.type === 'u') && isTenant(c.table) && !c.cols.includes('tenant_id'));
	const indexes = (await uniqueIndexes(db)).filter((i) => isTenant(i.table) && !i.hasTenant);

	for (const fk of foreignKeys) await run(`ALTER TABLE ${ident(fk.table)} DROP CONSTRAINT ${ident(fk.name)}`);
	for (const key of keys) {
		await run(`ALTER TABLE ${ident(key.table)} DROP CONSTRAINT ${ident(key.name)}`);
		await run(`ALTER TABLE ${ident(key.table)} ADD CONSTRAINT ${ident(key.name)} ${distributedKey(key.def)}`);
		await run(`COMMENT ON CONSTRAINT ${ident(key.name)} ON ${ident(key.table)} IS ${marked(key.def)}`);
	}
	for (const index of indexes) {
		await run(`DROP INDEX ${ident(index.name)}`);
		await run(distributedIndex(index.def));
		await run(`COMMENT ON INDEX ${ident(index.name)} IS ${marked(index.def)}`);
	}
	for (const fk of foreignKeys) {
		await run(`ALTER TABLE ${ident(fk.table)} ADD CONSTRAINT ${ident(fk.name)} ${distributedForeignKey(fk.def, fk.cols)}`);
		await run(`COMMENT ON CONSTRAINT ${ident(fk.name)} ON ${ident(fk.table)} IS ${marked(fk.def)}`);
	}
	for (const table of await withoutPrimaryKey(db, tables)) await run(`ALTER TABLE ${ident(table)} REPLICA IDENTITY FULL`);
}

async function withoutPrimaryKey(db: Kysely<any>, tables: string[]): Promise<string[]> {
	const { rows } = await sql<{ name: string }>`
		SELECT c.relname::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p')`.execute(db);
	return rows.map((r) => r.name).filter((t) => tables.includes(t));
}

export async function down(db: Kysely<any>): Promise<void> {
	const run = (statement: string) => sql.raw(statement).execute(db);
	const before = (comment: string | null) => (comment?.startsWith(MARK) ? comment.slice(MARK.length) : null);
	const all = (await constraints(db)).filter((c) => before(c.comment) !== null);
	const foreignKeys = all.filter((c) => c.type === 'f');
	const keys = all.filter((c) => c.type !== 'f');
	const indexes = (await uniqueIndexes(db)).filter((i) => before(i.comment) !== null);

	for (const fk of foreignKeys) await run(`ALTER TABLE ${ident(fk.table)} DROP CONSTRAINT ${ident(fk.name)}`);
	for (const key of keys) {
		await run(`ALTER TABLE ${ident(key.table)} DROP CONSTRAINT ${ident(key.name)}`);
		await run(`ALTER TABLE ${ident(key.table)} ADD CONSTRAINT ${ident(key.name)} ${before(key.comment)}`);
	}
	for (const index of indexes) {
		await run(`DROP INDEX ${ident(index.name)}`);
		await run(before(index.comment)!);
	}
	for (const fk of foreignKeys)
		await run(`ALTER TABLE ${ident(fk.table)} ADD CONSTRAINT ${ident(fk.name)} ${before(fk.comment)}`);
	for (const table of await withoutPrimaryKey(db, await tenantTables(db))) await run(`ALTER TABLE ${ident(table)} REPLICA IDENTITY DEFAULT`);
}
