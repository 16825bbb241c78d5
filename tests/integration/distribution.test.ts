/**
 * Ready to shard by tenant (issue 16 item 6, docs/scaling.md): what a distributed PostgreSQL
 * such as Citus demands of a table distributed by tenant_id, checked on the migrated schema,
 * and the hot paths' statements planned one by one to show that each reads one tenant only.
 *
 * - Catalog: every table of ours but the reference tables has tenant_id; every PRIMARY KEY,
 *   UNIQUE constraint, unique index and exclusion constraint on it includes tenant_id; every
 *   foreign key between two tenant tables pairs tenant_id with tenant_id; no ON DELETE SET NULL
 *   clears a tenant_id; foreign keys leave a tenant table only towards reference tables.
 * - Hot statements: the app's own statements, captured while the built server answers the
 *   hot requests (finding create and list, the map's other layers, incident tiles, coverage,
 *   incident import, OGC items, compass search; signed in by token and by session), are planned with EXPLAIN; every scan of a tenant table must be
 *   restricted to one tenant_id value. That is the condition under which Citus routes a query
 *   to one shard group (a join on tenant_id propagates the value: PostgreSQL's planner shows it
 *   on each scan, as Citus's router does), so a join that forgets tenant_id shows up here.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CompiledQuery, sql, type Kysely, type KyselyPlugin } from 'kysely';
import { api, db, PASSWORD, resetDatabase, tenant } from './harness';
import { seedOgcWorld, TANTO, type OgcWorld } from './ogc-seed';
import { database } from '../../src/lib/server/db';
import { migrations } from '../../migrations';

/** Replicated to every node; everything else of ours is distributed by tenant_id. */
const REFERENCE_TABLES = ['tenants'];
const NOT_OURS = ['spatial_ref_sys', 'lykta_migrations', 'lykta_migrations_lock'];

type Conn = Kysely<any>;

async function tableNames(conn: Conn) {
	const { rows } = await sql<{ name: string; tenant: boolean; replicaFull: boolean }>`
		SELECT c.relname::text AS name, c.relreplident = 'f' AS "replicaFull",
			EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped) AS tenant
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
			AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
		ORDER BY 1`.execute(conn);
	return rows.filter((r) => !NOT_OURS.includes(r.name));
}

/** Everything on the schema that keeps a table from being distributed by tenant_id (empty when ready). */
async function keyProblems(conn: Conn): Promise<string[]> {
	const tables = await tableNames(conn);
	const tenantTables = tables.filter((t) => t.tenant && !REFERENCE_TABLES.includes(t.name)).map((t) => t.name);
	const problems = tables.filter((t) => !t.tenant && !REFERENCE_TABLES.includes(t.name)).map((t) => `${t.name}: no tenant_id and not a reference table`);
	const { rows: cons } = await sql<{ table: string; name: string; type: string; def: string; cols: string[]; ref: string | null; refCols: string[] | null; nulls: string[] | null; delete: string }>`
		SELECT t.relname::text AS "table", con.conname::text AS name, con.contype::text AS type, pg_get_constraintdef(con.oid) AS def,
			ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
				JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord) AS cols,
			r.relname::text AS ref,
			ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
				JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord) AS "refCols",
			ARRAY(SELECT a.attname::text FROM unnest(con.confdelsetcols) k(num)
				JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num) AS nulls,
			con.confdeltype::text AS delete
		FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
		LEFT JOIN pg_class r ON r.oid = con.confrelid
		WHERE n.nspname = 'public' AND con.contype IN ('p', 'u', 'x', 'f')
		ORDER BY 1, 2`.execute(conn);
	// Citus moves shards by logical replication: an updated table needs a primary key or REPLICA IDENTITY FULL.
	for (const table of tenantTables)
		if (!cons.some((c) => c.table === table && c.type === 'p') && !tables.find((t) => t.name === table)!.replicaFull)
			problems.push(`${table}: no primary key and no replica identity`);
	for (const c of cons) {
		if (!tenantTables.includes(c.table)) continue;
		if (c.type !== 'f') {
			if (!c.cols.includes('tenant_id')) problems.push(`${c.table}.${c.name}: ${c.def}`);
			continue;
		}
		if (!tenantTables.includes(c.ref!)) {
			if (!REFERENCE_TABLES.includes(c.ref!)) problems.push(`${c.table}.${c.name}: points at ${c.ref}, neither distributed nor a reference table`);
			continue;
		}
		const at = c.cols.indexOf('tenant_id');
		if (at === -1 || c.refCols![at] !== 'tenant_id') problems.push(`${c.table}.${c.name}: ${c.def}`);
		else if ((c.delete === 'n' || c.delete === 'd') && !(c.nulls?.length && !c.nulls.includes('tenant_id')))
			problems.push(`${c.table}.${c.name}: ON DELETE SET NULL/DEFAULT would clear tenant_id (${c.def})`);
	}
	const { rows: indexes } = await sql<{ table: string; def: string; tenant: boolean }>`
		SELECT t.relname::text AS "table", pg_get_indexdef(x.indexrelid) AS def,
			EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attname = 'tenant_id'
				AND a.attnum = ANY ((x.indkey::int2[])[0:x.indnkeyatts - 1])) AS tenant
		FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
		WHERE n.nspname = 'public' AND x.indisunique ORDER BY 1, 2`.execute(conn);
	for (const i of indexes) if (tenantTables.includes(i.table) && !i.tenant) problems.push(`${i.table}: ${i.def}`);
	return [...new Set(problems)];
}

/** Keys, uniques and foreign keys as text, to compare a schema before and after. */
async function keysAsText(conn: Conn) {
	const { rows } = await sql<{ line: string }>`
		SELECT t.relname || ' ' || con.conname || ' ' || pg_get_constraintdef(con.oid) AS line
		FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
		WHERE n.nspname = 'public' AND con.contype IN ('p', 'u', 'f')
		UNION ALL SELECT pg_get_indexdef(x.indexrelid) FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid
			JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'public' AND x.indisunique
		ORDER BY 1`.execute(conn);
	return rows.map((r) => r.line);
}

/** Runs `work` in a transaction that is always rolled back (the schema is shared by the run). */
async function rolledBack(work: (trx: Conn) => Promise<void>) {
	const ROLLBACK = new Error('rollback');
	await expect(db().transaction().execute(async (trx) => {
		await work(trx as unknown as Conn);
		throw ROLLBACK;
	})).rejects.toBe(ROLLBACK);
}

// ------------------------------------------------------------------- the hot statements

interface Statement {
	path: string;
	sql: string;
	parameters: readonly unknown[];
}

/** Records every statement the process's database runs while `work` runs (the built server included). */
async function capture(path: string, into: Statement[], work: () => Promise<unknown>) {
	const handle = database();
	const original = handle.db;
	const executor = original.getExecutor();
	const recorder: KyselyPlugin = {
		transformQuery({ node, queryId }) {
			const compiled = executor.compileQuery(node, queryId);
			into.push({ path, sql: compiled.sql, parameters: compiled.parameters });
			return node;
		},
		transformResult: async ({ result }) => result
	};
	handle.db = original.withPlugin(recorder);
	try {
		await work();
	} finally {
		handle.db = original;
	}
}

interface PlanNode {
	'Node Type': string;
	'Relation Name'?: string;
	Alias?: string;
	Operation?: string;
	Filter?: string;
	'Index Cond'?: string;
	'Recheck Cond'?: string;
	Plans?: PlanNode[];
}

/** The scans of tenant tables in a statement's plan that are not held to one tenant_id value. */
async function crossTenantScans(statement: { sql: string; parameters: readonly unknown[] }, tenantTables: string[]) {
	const { rows } = await db().executeQuery<{ 'QUERY PLAN': unknown }>(
		CompiledQuery.raw(`EXPLAIN (VERBOSE, FORMAT JSON) ${statement.sql}`, [...statement.parameters])
	);
	const raw = rows[0]['QUERY PLAN'];
	const plan = ((typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[])[0].Plan;
	const loose: string[] = [];
	const walk = (node: PlanNode) => {
		const table = node['Relation Name'];
		if (table && tenantTables.includes(table) && node['Node Type'] !== 'ModifyTable') {
			const alias = (node.Alias ?? table).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			const held = new RegExp(`\\b${alias}\\.tenant_id = ('(?:[^']|'')*'::text|\\$\\d+)`);
			const conditions = [node.Filter, node['Index Cond'], node['Recheck Cond']].filter(Boolean).join(' AND ');
			if (!held.test(conditions)) loose.push(`${table} ${node.Alias ?? ''}`.trim());
		}
		for (const child of node.Plans ?? []) walk(child);
	};
	walk(plan);
	return loose;
}

const isQuery = (text: string) => /^(\/\*.*?\*\/\s*)*(select|with|insert|update|delete)\b/is.test(text.trim());

describe('distribution by tenant (Citus readiness)', () => {
	let tenantTables: string[];

	beforeAll(async () => {
		await resetDatabase();
		tenantTables = (await tableNames(db())).filter((t) => t.tenant && !REFERENCE_TABLES.includes(t.name)).map((t) => t.name);
	});

	describe('the schema', () => {
		it('keys every tenant table by tenant_id: primary keys, unique keys and indexes, foreign keys between tenant tables', async () => {
			expect(tenantTables.length).toBeGreaterThan(40);
			expect(await keyProblems(db())).toEqual([]);
			// Spot checks of what the migration wrote, as Citus wants it.
			const { rows } = await sql<{ name: string; def: string }>`
				SELECT conname::text AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
				WHERE conname IN ('findings_pkey', 'findings_walk_id_fkey', 'incidents_import_id_fkey', 'finding_audits_pkey', 'partner_areas_pkey')
				ORDER BY 1`.execute(db());
			expect(rows).toEqual([
				{ name: 'finding_audits_pkey', def: 'PRIMARY KEY (tenant_id, finding_id)' },
				{ name: 'findings_pkey', def: 'PRIMARY KEY (tenant_id, id)' },
				{ name: 'findings_walk_id_fkey', def: 'FOREIGN KEY (tenant_id, walk_id) REFERENCES walks(tenant_id, id) ON DELETE SET NULL (walk_id)' },
				{ name: 'incidents_import_id_fkey', def: 'FOREIGN KEY (tenant_id, import_id) REFERENCES incident_imports(tenant_id, id) ON DELETE SET NULL (import_id)' },
				{ name: 'partner_areas_pkey', def: 'PRIMARY KEY (tenant_id, partner_id, area_id)' }
			]);
			const { rows: [followUps] } = await sql<{ def: string }>`SELECT pg_get_indexdef('follow_ups_uniq'::regclass) AS def`.execute(db());
			expect(followUps.def).toMatch(/USING btree \(tenant_id, area_id, COALESCE\(programme_id,/);
		});

		it('finds a primary key put back without tenant_id, and a foreign key between tenant tables without it', async () => {
			await rolledBack(async (trx) => {
				await sql`ALTER TABLE findings DROP CONSTRAINT findings_pkey CASCADE`.execute(trx);
				await sql`ALTER TABLE findings ADD PRIMARY KEY (id)`.execute(trx);
				await sql`ALTER TABLE finding_comments ADD CONSTRAINT finding_comments_test_fkey FOREIGN KEY (finding_id) REFERENCES findings (id)`.execute(trx);
				const problems = await keyProblems(trx);
				expect(problems).toContain('findings.findings_pkey: PRIMARY KEY (id)');
				expect(problems).toContain('finding_comments.finding_comments_test_fkey: FOREIGN KEY (finding_id) REFERENCES findings(id)');
			});
		});

		it('sets a SET NULL foreign key to clear only its own column, so the row keeps its tenant', async () => {
			const world = await seedOgcWorld();
			const walk = await db().insertInto('walks').values({ tenant_id: tenant, area_id: world.place, kind: 'safety_walk', title: 'W', starts_at: '2023-05-01T17:00:00Z' }).returning('id').executeTakeFirstOrThrow();
			const finding = world.findings.tanto[0];
			await db().updateTable('findings').set({ walk_id: walk.id }).where('tenant_id', '=', tenant).where('id', '=', finding).execute();
			await db().deleteFrom('walks').where('tenant_id', '=', tenant).where('id', '=', walk.id).execute();
			const row = await db().selectFrom('findings').select(['tenant_id', 'walk_id']).where('id', '=', finding).executeTakeFirstOrThrow();
			expect(row).toEqual({ tenant_id: tenant, walk_id: null });
			// And a reference across tenants is refused by the key itself.
			await sql`INSERT INTO tenants (id, name) VALUES ('other', 'Other') ON CONFLICT DO NOTHING`.execute(db());
			await expect(
				db().updateTable('findings').set({ tenant_id: 'other' }).where('id', '=', finding).execute()
			).rejects.toMatchObject({ code: '23503' });
		});

		it('undoes exactly what it did: down() restores every key, up() makes them again', async () => {
			const migration = migrations['2026-12-14T1200_distribution_keys'];
			const before = await keysAsText(db());
			await rolledBack(async (trx) => {
				await migration.down!(trx);
				const reverted = await keyProblems(trx);
				expect(reverted).toContain('findings.findings_pkey: PRIMARY KEY (id)');
				expect(reverted).toContain('findings.findings_walk_id_fkey: FOREIGN KEY (walk_id) REFERENCES walks(id) ON DELETE SET NULL');
				// An expression index converted from its definition (follow_ups_uniq is led by tenant_id since the plans migration).
				expect(reverted.some((p) => p.startsWith('partner_responsibilities: CREATE UNIQUE INDEX partner_responsibilities_uniq'))).toBe(true);
				expect(await keysAsText(trx)).not.toEqual(before);
				await migration.up(trx);
				expect(await keysAsText(trx)).toEqual(before);
				expect(await keyProblems(trx)).toEqual([]);
			});
		});
	});

	describe('the hot statements', () => {
		let world: OgcWorld;
		const statements: Statement[] = [];

		beforeAll(async () => {
			await resetDatabase();
			world = await seedOgcWorld();
			const ok = async (path: string, request: () => Promise<{ status: number; body: unknown }>, status = 200) => {
				let response: { status: number; body: unknown } | undefined;
				await capture(path, statements, async () => (response = await request()));
				expect({ path, status: response!.status }).toEqual({ path, status });
			};
			const admin = world.tokens.admin;
			const coordinator = world.tokens.coordinator;
			// The server's start (a one-off sweep over every tenant's zones) is no hot path: out of the capture.
			expect((await api('GET', '/api/health')).status).toBe(200);

			const finding = { type: 'Feature', geometry: { type: 'Point', coordinates: [TANTO[0] + 0.0004, TANTO[1]] }, properties: { category: 'lighting', severity: 2, timesOfDay: ['evening'], description: 'Mörkt', proposedTerm: 'short' } };
			await ok('finding create', () => api('POST', '/api/findings', { as: world.tokens.walker, json: finding, headers: { 'idempotency-key': 'dist-1' } }), 201);
			await ok('finding list', () => api('GET', `/api/findings?area=${world.district}`, { as: coordinator }));
			await ok('finding read', () => api('GET', `/api/findings/${world.findings.tanto[0]}`, { as: coordinator }));
			const login = await api('POST', '/api/session', { json: { email: 'coordinator@test.example', password: PASSWORD } });
			const cookie = login.headers.get('set-cookie')!.split(';')[0];
			await ok('finding list (session cookie)', () => api('GET', `/api/findings?area=${world.place}`, { cookie }));
			for (const layer of ['measures', 'events', 'walks', 'zones'])
				await ok(`${layer} list`, () => api('GET', `/api/${layer}?area=${world.district}`, { as: coordinator }));

			const tile = (z: number) => {
				const n = 2 ** z;
				const r = (TANTO[1] * Math.PI) / 180;
				return `${z}/${Math.floor(((TANTO[0] + 180) / 360) * n)}/${Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)}`;
			};
			await ok('incident tiles (points)', () => api('GET', `/tiles/incidents/${tile(16)}.mvt`, { as: admin }));
			await ok('incident tiles (cells)', () => api('GET', `/tiles/incidents/${tile(14)}.mvt`, { as: coordinator }));

			await ok('coverage', () => api('GET', `/api/analysis/coverage?area=${world.district}&from=2023-06-01&to=2023-06-30`, { as: coordinator }));

			const file = ['nr;tid;lon;lat', `d1;2023-05-01 22:00;${TANTO[0]};${TANTO[1]}`, `d2;2023-05-02 23:00;${TANTO[0] + 0.0002};${TANTO[1]}`].join('\n');
			const mapping = { x: 'lon', y: 'lat', time: 'tid', externalId: 'nr', source: 'police' };
			await ok('incident import', () => api('POST', `/api/import/incidents?filename=d.csv&mapping=${encodeURIComponent(JSON.stringify(mapping))}`, { as: admin, body: file, headers: { 'content-type': 'text/csv; charset=utf-8' } }), 201);

			for (const collection of ['areas', 'services', 'walks', 'findings', 'measures', 'events', 'zones', 'incidents', 'incident-cells', 'follow-ups'])
				await ok(`OGC items: ${collection}`, () => api('GET', `/ogc/collections/${collection}/items?limit=5`, { as: admin, headers: { accept: 'application/geo+json' } }));
			await ok('OGC item', () => api('GET', `/ogc/collections/findings/items/${world.findings.tanto[0]}`, { as: admin, headers: { accept: 'application/geo+json' } }));

			// The seeded partner helps with shelter (ogc-seed): the need search finds it.
			await ok('compass search', () => api('GET', `/api/compass?need=shelter&lon=${TANTO[0]}&lat=${TANTO[1]}&at=2025-11-15T23:30:00%2B01:00`));
			await ok('compass free text', () => api('GET', `/api/compass?q=motesplats&lon=${TANTO[0]}&lat=${TANTO[1]}`));
		});

		it('captures the hot paths\' own statements (each path runs queries on tenant tables)', () => {
			const paths = [...new Set(statements.map((s) => s.path))];
			expect(paths).toHaveLength(25);
			for (const path of paths) {
				const touched = statements.filter((s) => s.path === path && tenantTables.some((t) => new RegExp(`\\b${t}\\b`).test(s.sql)));
				expect({ path, some: touched.length > 0 }).toEqual({ path, some: true });
			}
		});

		it('plans every one of them to read a single tenant: each scan of a tenant table is held to one tenant_id', async () => {
			const seen = new Map<string, Statement>();
			for (const s of statements) if (isQuery(s.sql) && !seen.has(s.sql)) seen.set(s.sql, s);
			expect(seen.size).toBeGreaterThan(30);
			const offenders: { path: string; scans: string[]; sql: string }[] = [];
			for (const s of seen.values()) {
				const scans = await crossTenantScans(s, tenantTables);
				if (scans.length) offenders.push({ path: s.path, scans, sql: s.sql.replace(/\s+/g, ' ').slice(0, 300) });
			}
			expect(offenders).toEqual([]);
		});

		it('would see a join that forgets tenant_id (the check is not blind)', async () => {
			const forgetful = { sql: 'SELECT f.id FROM findings f JOIN areas a ON a.id = f.area_id WHERE f.tenant_id = $1', parameters: [tenant] };
			expect(await crossTenantScans(forgetful, tenantTables)).toEqual(['areas a']);
			const kept = { sql: 'SELECT f.id FROM findings f JOIN areas a ON a.tenant_id = f.tenant_id AND a.id = f.area_id WHERE f.tenant_id = $1', parameters: [tenant] };
			expect(await crossTenantScans(kept, tenantTables)).toEqual([]);
		});
	});
});
