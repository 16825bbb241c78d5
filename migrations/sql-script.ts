/**
 * Runs a multi-statement SQL script one statement at a time. The embedded database only
 * accepts one statement per query, so scripts are split here, respecting dollar-quoted
 * function bodies and quoted strings. Frozen with the migrations that use it.
 */
import { sql, type Kysely } from 'kysely';

export function splitStatements(script: string): string[] {
	const statements: string[] = [];
	let current = '';
	let dollarTag: string | null = null;
	let inString = false;
	for (let i = 0; i < script.length; i++) {
		const ch = script[i];
		if (dollarTag) {
			if (script.startsWith(dollarTag, i)) {
				current += dollarTag;
				i += dollarTag.length - 1;
				dollarTag = null;
				continue;
			}
		} else if (inString) {
			if (ch === "'") inString = false;
		} else if (ch === "'") {
			inString = true;
		} else if (ch === '/' && script[i + 1] === '*') {
			const end = script.indexOf('*/', i + 2);
			i = end === -1 ? script.length : end + 1;
			current += ' ';
			continue;
		} else if (ch === '-' && script[i + 1] === '-') {
			const end = script.indexOf('\n', i);
			i = end === -1 ? script.length : end;
			current += '\n';
			continue;
		} else if (ch === '$') {
			const tag = /^\$(?:[A-Za-z_][A-Za-z_0-9]*)?\$/.exec(script.slice(i));
			if (tag) {
				dollarTag = tag[0];
				current += dollarTag;
				i += dollarTag.length - 1;
				continue;
			}
		} else if (ch === ';') {
			if (current.trim()) statements.push(current.trim());
			current = '';
			continue;
		}
		current += ch;
	}
	if (current.trim()) statements.push(current.trim());
	return statements;
}

export async function runScript(db: Kysely<any>, script: string): Promise<void> {
	for (const statement of splitStatements(script)) {
		await sql.raw(statement).execute(db);
	}
}

// Snippets shared by migrations. Frozen: never edit one that a migration has used; add a new one.

/** Columns every mutable domain table carries. `tenant_id` is the future Citus distribution key. */
export const common = `
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	tenant_id text NOT NULL REFERENCES tenants (id),
	version integer NOT NULL DEFAULT 1 CHECK (version > 0),
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now(),
	created_by uuid REFERENCES users (id) ON DELETE SET NULL,
	updated_by uuid REFERENCES users (id) ON DELETE SET NULL`;

/** A versioned table gets `version + 1` and a fresh `updated_at` on every UPDATE, whoever writes. */
export function versioned(table: string) {
	return `CREATE TRIGGER ${table}_bump_version BEFORE UPDATE ON ${table}
		FOR EACH ROW EXECUTE FUNCTION lykta_bump_version();`;
}

/** A geometry column: SRID 4326 by type modifier, valid by check, indexed by GiST. */
export function geometryChecks(table: string, column: string, types: string[]) {
	const list = types.map((t) => `'${t}'`).join(', ');
	return `
		ALTER TABLE ${table} ADD CONSTRAINT ${table}_${column}_valid CHECK (ST_IsValid(${column}));
		ALTER TABLE ${table} ADD CONSTRAINT ${table}_${column}_type CHECK (GeometryType(${column}) IN (${list}));
		CREATE INDEX ${table}_${column}_gist ON ${table} USING gist (${column});`;
}

