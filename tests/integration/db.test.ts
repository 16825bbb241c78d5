import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { db, resetDatabase, squareAround, tenant } from './harness';
import { areaM2, asGeoJSON, fromGeoJSON, fromGeoJSONMulti, intersectsBBox } from '../../src/lib/server/db/postgis';
import { database } from '../../src/lib/server/db';

const GEOMETRY_COLUMNS: [string, string][] = [
	['areas', 'geom'],
	['partner_service_locations', 'geom'],
	['walks', 'route'],
	['findings', 'geom'],
	['measures', 'geom'],
	['events', 'geom'],
	['incidents', 'geom'],
	['problem_zones', 'geom']
];

describe('database layer', () => {
	beforeEach(resetDatabase);

	it('runs on the database mode the environment asks for', () => {
		expect(database().mode).toBe(process.env.DATABASE_URL ? 'postgres' : 'embedded');
	});

	it('stores every geometry column as SRID 4326 with a GiST index', async () => {
		for (const [table, column] of GEOMETRY_COLUMNS) {
			const { rows } = await sql<{ srid: number; indexed: boolean }>`
				SELECT Find_SRID('public', ${table}, ${column}) AS srid,
					EXISTS (SELECT 1 FROM pg_indexes WHERE tablename = ${table}
						AND indexdef ILIKE ${'%USING gist (' + column + ')%'}) AS indexed`.execute(db());
			expect({ table, ...rows[0] }).toEqual({ table, srid: 4326, indexed: true });
		}
	});

	it('puts a tenant key on every table of the domain', async () => {
		const { rows } = await sql<{ table_name: string }>`
			SELECT t.table_name FROM information_schema.tables t
			WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'
				AND t.table_name NOT IN ('spatial_ref_sys', 'lykta_migrations', 'lykta_migrations_lock', 'tenants')
				AND NOT EXISTS (SELECT 1 FROM information_schema.columns c
					WHERE c.table_name = t.table_name AND c.column_name = 'tenant_id')`.execute(db());
		expect(rows.map((r) => r.table_name)).toEqual([]);
	});

	it('round-trips GeoJSON through fromGeoJSON and asGeoJSON', async () => {
		const point = { type: 'Point' as const, coordinates: [18.0455123, 59.3125456] as [number, number] };
		const { rows } = await sql<{ g: unknown }>`SELECT ${asGeoJSON(fromGeoJSON(point))} AS g`.execute(db());
		expect(rows[0].g).toEqual(point);
	});

	it('computes a 100 m × 100 m square as 10,000 m² (EPSG:3006)', async () => {
		const square = await squareAround(18.0455, 59.3125, 100);
		await db().insertInto('areas').values({ tenant_id: tenant, slug: 'square', name: 'Square', geom: fromGeoJSONMulti(square) }).execute();
		const row = await db().selectFrom('areas').select(areaM2('geom').as('a')).executeTakeFirstOrThrow();
		expect(row.a).toBeCloseTo(10_000, 1);
	});

	it('agrees with the geodesic area within 0.1 % at Stockholm latitude', async () => {
		const square = await squareAround(17.907, 59.277, 400);
		const { rows } = await sql<{ metric: number; geodesic: number }>`
			SELECT ST_Area(ST_Transform(g, 3006)) AS metric, ST_Area(g::geography) AS geodesic
			FROM (SELECT ${fromGeoJSON(square)} AS g) s`.execute(db());
		expect(Math.abs(rows[0].metric - rows[0].geodesic) / rows[0].geodesic).toBeLessThan(0.001);
	});

	it('filters by bounding box with the && operator', async () => {
		const inside = await squareAround(18.0455, 59.3125, 100);
		const outside = await squareAround(17.907, 59.277, 100);
		for (const [slug, g] of [['inside', inside], ['outside', outside]] as const)
			await db().insertInto('areas').values({ tenant_id: tenant, slug, name: slug, geom: fromGeoJSONMulti(g) }).execute();
		const found = await db().selectFrom('areas').select('slug').where(intersectsBBox('geom', [18.0, 59.3, 18.1, 59.33])).execute();
		expect(found.map((r) => r.slug)).toEqual(['inside']);
	});

	it('refuses an invalid (self-intersecting) polygon at the table, whoever writes', async () => {
		const bowTie = { type: 'Polygon' as const, coordinates: [[[18.0, 59.3], [18.01, 59.31], [18.01, 59.3], [18.0, 59.31], [18.0, 59.3]]] as [number, number][][] };
		await expect(
			db().insertInto('areas').values({ tenant_id: tenant, slug: 'bow-tie', name: 'Bow tie', geom: fromGeoJSONMulti(bowTie) }).execute()
		).rejects.toMatchObject({ code: '23514' });
	});

	it('refuses a geometry of the wrong type at the table', async () => {
		await expect(
			sql`INSERT INTO incidents (tenant_id, category, source, occurred_at, content_hash, geom)
				VALUES (${tenant}, 'theft', 'police', now(), 'x', ST_SetSRID(ST_GeomFromText('LINESTRING(18 59.3, 18.1 59.3)'), 4326))`.execute(db())
		).rejects.toHaveProperty('code');
		const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM incidents`.execute(db());
		expect(rows[0].n).toBe(0);
	});

	it('bumps version and updated_at on every update', async () => {
		const square = await squareAround(18.0455, 59.3125, 100);
		const created = await db()
			.insertInto('areas')
			.values({ tenant_id: tenant, slug: 'v', name: 'V', geom: fromGeoJSONMulti(square) })
			.returning(['id', 'version', 'updated_at'])
			.executeTakeFirstOrThrow();
		const updated = await db()
			.updateTable('areas')
			.set({ name: 'V2' })
			.where('id', '=', created.id)
			.returning(['version', 'updated_at'])
			.executeTakeFirstOrThrow();
		expect(created.version).toBe(1);
		expect(updated.version).toBe(2);
		expect(new Date(updated.updated_at).getTime()).toBeGreaterThanOrEqual(new Date(created.updated_at).getTime());
	});

	it('returns numbers for counts and amounts and plain strings for dates in both modes', async () => {
		const { rows } = await sql<{ n: unknown; amount: unknown; day: unknown }>`
			SELECT count(*) AS n, 1234.50::numeric(14, 2) AS amount, DATE '2023-06-17' AS day FROM tenants`.execute(db());
		expect(rows[0]).toEqual({ n: 1, amount: 1234.5, day: '2023-06-17' });
	});
});
