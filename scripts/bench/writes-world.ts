/**
 * The world of the write benchmark (and the mixed load's walkers): a park of 600 m × 400 m
 * inside the bench district, two partners findings are routed to (one in the park for
 * lighting, one in the district for hiding places), `walkers` walkers with a role in the
 * district, each with a session cookie (or, with useToken, the admin's bearer token), and
 * 400 findings (half in the park, a third with audit scores) to send round-robin.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import type { benchServer } from './server';
import type { RequestSpec } from './load';
import { rng } from './random';

type Server = Awaited<ReturnType<typeof benchServer>>;

export async function writesWorld(server: Server, walkers: number, useToken = false) {
	const { db, sql, tenant, area, origin } = server;
	const { upsertAccount } = await import('../../src/lib/server/demo/load');
	const { createSession } = await import('../../src/lib/server/auth/actors.server');
	const { SESSION_COOKIE } = await import('../../src/lib/server/auth/cookie');
	// A park of 600 m × 400 m inside the district, and the partners routing picks from.
	const { rows: parkRows } = await sql<{ id: string }>`
		INSERT INTO areas (tenant_id, slug, name, kind, parent_id, geom)
		VALUES (${tenant}, 'bench-park', 'Bench park', 'place', ${area},
			ST_Multi(ST_Transform(ST_MakeEnvelope(673800, 6577200, 674400, 6577600, 3006), 4326)))
		RETURNING id`.execute(db);
	const park = parkRows[0]!.id;
	async function partner(slug: string, name: string, kind: string, areaId: string, categories: string[]) {
		const { rows } = await sql<{ id: string }>`
			INSERT INTO partners (tenant_id, slug, name, kind) VALUES (${tenant}, ${slug}, ${name}, ${kind}) RETURNING id`.execute(db);
		const id = rows[0]!.id;
		await sql`INSERT INTO partner_areas (tenant_id, partner_id, area_id) VALUES (${tenant}, ${id}, ${areaId})`.execute(db);
		for (const category of categories)
			await sql`INSERT INTO partner_responsibilities (tenant_id, partner_id, category) VALUES (${tenant}, ${id}, ${category})`.execute(db);
		return id;
	}
	await partner('bench-lighting', 'Trafikkontoret', 'municipal', park, ['lighting', 'traffic']);
	await partner('bench-police', 'Polisen', 'police', area, ['lighting', 'hiding_place']);

	const identities: Record<string, string>[] = [];
	if (useToken) identities.push({ authorization: server.headers.authorization });
	else
		for (let i = 0; i < walkers; i++) {
			const userId = await upsertAccount(db, tenant, { email: `walker${i}@bench.example`, password: 'bench-password-1', displayName: `Walker ${i}`, role: 'walker', areaId: area, incidents: false });
			const { token } = await createSession(db, tenant, userId, 'bench');
			identities.push({ cookie: `${SESSION_COOKIE}=${token}` });
		}
	await sql`ANALYZE`.execute(db);

	// Points in SWEREF 99 TM, half of them in the park, turned into WGS 84 by PostGIS once.
	const random = rng(20260501);
	const spots = Array.from({ length: 400 }, (_, i) =>
		i % 2 ? [673800 + random() * 600, 6577200 + random() * 400] : [672600 + random() * 3800, 6576100 + random() * 2800]
	);
	const { rows: points } = await sql<{ lon: number; lat: number }>`
		SELECT ST_X(p) AS lon, ST_Y(p) AS lat
		FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(x, y), 3006), 4326) AS p
			FROM unnest(${spots.map((s) => s[0])}::float8[], ${spots.map((s) => s[1])}::float8[]) AS t(x, y)) s`.execute(db);
	const categories = ['lighting', 'hiding_place', 'litter', 'sightlines'];
	const findings = points.map((p, i) => ({
		type: 'Feature',
		geometry: { type: 'Point', coordinates: [Number(p.lon.toFixed(7)), Number(p.lat.toFixed(7))] },
		properties: {
			category: categories[i % categories.length],
			severity: (i % 3) + 1,
			timesOfDay: i % 2 ? ['evening', 'night'] : ['evening'],
			description: `Mätpunkt ${i}: trasig belysning vid gångvägen`,
			...(i % 3 === 0 && { audit: { lighting: 2, openness: 3, feeling: 2 } })
		}
	}));

	/** Client i sends as walker i: the requests are dealt round-robin, one per client in turn. */
	const posts = (clients: number): RequestSpec[] =>
		findings.map((finding, i) => ({
			method: 'POST',
			path: '/api/findings',
			headers: { origin, 'content-type': 'application/json', ...identities[i % Math.min(clients, identities.length)] },
			body: JSON.stringify(finding),
			uniqueKey: true
		}));
	return { findings, identities, posts, park };
}

type Finding = Awaited<ReturnType<typeof writesWorld>>['findings'][number];

/** The same row as POST /api/findings writes, and its audit-log row, as one statement: what PostgreSQL alone does per finding. */
export const BARE_INSERT = `
	WITH f AS (
		INSERT INTO findings (tenant_id, area_id, category, severity, times_of_day, description, reported_by, idempotency_key, geom, created_by, updated_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, ST_SetSRID(ST_GeomFromGeoJSON($9), 4326), $7, $7)
		RETURNING id, area_id, category, severity, description)
	INSERT INTO audit_log (tenant_id, actor_id, actor_label, action, entity, entity_id, after, request_id)
	SELECT $1, $7, 'bench', 'create', 'finding', f.id, row_to_json(f)::jsonb, $10 FROM f`;

/** `clients` connections of the pool inserting findings (BARE_INSERT) in a closed loop for `seconds`: each statement's latency. */
export async function bareWrites(pool: pg.Pool, tenant: string, area: string, findings: Finding[], clients: number, seconds: number) {
	const { rows } = await pool.query<{ id: string }>(`SELECT id FROM users WHERE tenant_id = $1 ORDER BY email LIMIT 1`, [tenant]);
	const reporter = rows[0]!.id;
	let n = 0;
	const latencies: number[] = [];
	const until = performance.now() + seconds * 1000;
	const started = performance.now();
	await Promise.all(
		Array.from({ length: clients }, async () => {
			while (performance.now() < until) {
				const f = findings[n++ % findings.length]!;
				const t = performance.now();
				await pool.query(BARE_INSERT, [tenant, area, f.properties.category, f.properties.severity, f.properties.timesOfDay, f.properties.description, reporter, randomUUID(), JSON.stringify(f.geometry), randomUUID()]);
				latencies.push(performance.now() - t);
			}
		})
	);
	return { latencies, elapsed: (performance.now() - started) / 1000 };
}
