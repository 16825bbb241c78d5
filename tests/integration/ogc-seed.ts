/**
 * A small world for the OGC API and export tests: the harness's areas and users, and in them
 * findings, measures, walks, events, a zone, a partner with service locations and incidents,
 * written straight into the tables (the write paths have their own tests).
 */
import { sql } from 'kysely';
import { api, db, seedWorld, squareAround, tenant, type World } from './harness';

export const TANTO = [18.0455, 59.3125] as const;
export const SERGEL = [18.0649, 59.3326] as const;

export interface OgcWorld extends World {
	partner: string;
	/** Tantolunden's follow-up of T2 2023, saved through the API (its figures drafted from the data above). */
	followUp: string;
	findings: { tanto: string[]; sergel: string[] };
}

const point = (lon: number, lat: number) => sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)`;

async function insert(table: string, values: Record<string, unknown>): Promise<string> {
	const columns = Object.keys(values);
	const { rows } = await sql<{ id: string }>`
		INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
		VALUES (${sql.join(columns.map((c) => values[c] as never))}) RETURNING id`.execute(db());
	return rows[0]!.id;
}

export async function seedOgcWorld(): Promise<OgcWorld> {
	const world = await seedWorld();
	// Incidents in full for the admin (every area, set by seedWorld) only; the coordinator sees cells.
	const partner = await insert('partners', { tenant_id: tenant, slug: 'stadsmiljo', name: 'Stadsmiljö', kind: 'municipal', website: 'https://example.se' });
	await db().insertInto('partner_areas').values({ tenant_id: tenant, partner_id: partner, area_id: world.district }).execute();
	await insert('partner_service_locations', {
		tenant_id: tenant, partner_id: partner, name: 'Mötesplats Tanto', address: 'Tantogatan 1', opening_hours: 'Mo-Fr 08:00-16:00', geom: point(TANTO[0], TANTO[1]),
		description: 'Fika och råd', target_groups: sql`ARRAY['homeless', 'women']::text[]`, languages: sql`ARRAY['sv', 'en']::text[]`, min_age: 18
	});
	await db().insertInto('partner_needs').values([{ tenant_id: tenant, partner_id: partner, need: 'shelter' }, { tenant_id: tenant, partner_id: partner, need: 'food' }]).execute();
	await insert('partner_service_locations', { tenant_id: tenant, partner_id: partner, name: 'Mötesplats Sergel', address: 'Sergels torg 1', opening_hours: 'Sa 10:00-14:00', geom: point(SERGEL[0], SERGEL[1]) });
	await db().updateTable('users').set({ partner_id: partner }).where('id', '=', world.users.partner).execute();

	const tanto: string[] = [];
	const categories = ['lighting', 'lighting', 'litter', 'vandalism', 'other'];
	for (let k = 0; k < 5; k++)
		tanto.push(
			await insert('findings', {
				tenant_id: tenant, area_id: world.place, category: categories[k], severity: 1 + (k % 3), description: `Tanto ${k}`,
				created_at: `2023-06-0${k + 1}T12:00:00Z`, responsible_partner_id: k === 0 ? partner : null,
				geom: point(TANTO[0] + k * 0.0003, TANTO[1] + k * 0.0001)
			})
		);
	const sergel: string[] = [];
	for (let k = 0; k < 2; k++)
		sergel.push(await insert('findings', { tenant_id: tenant, area_id: world.otherPlace, category: 'traffic', severity: 2, description: `Sergel ${k}`, geom: point(SERGEL[0] + k * 0.0002, SERGEL[1]) }));

	await insert('measures', { tenant_id: tenant, area_id: world.place, kind: 'lighting', title: 'Ny belysning', influence_radius_m: 30, proposed_on: '2023-04-01', geom: point(TANTO[0], TANTO[1]) });
	await insert('measures', { tenant_id: tenant, area_id: world.otherPlace, kind: 'seating', title: 'Bänkar', influence_radius_m: 20, geom: point(SERGEL[0], SERGEL[1]) });
	const route = sql`ST_SetSRID(ST_MakeLine(${point(TANTO[0], TANTO[1])}, ${point(TANTO[0] + 0.003, TANTO[1] + 0.001)}), 4326)`;
	await insert('walks', { tenant_id: tenant, area_id: world.place, kind: 'safety_walk', title: 'Kvällsvandring', starts_at: '2023-05-10T17:00:00Z', ends_at: '2023-05-10T19:00:00Z', route });
	await insert('walks', { tenant_id: tenant, area_id: world.otherPlace, kind: 'centre_inspection', title: 'Besiktning', starts_at: '2023-05-11T08:00:00Z' });
	await insert('events', { tenant_id: tenant, area_id: world.place, title: 'Konsert', kind: 'culture', starts_at: '2023-06-02T16:00:00Z', ends_at: '2023-06-02T20:00:00Z', geom: point(TANTO[0], TANTO[1]) });
	const zone = await squareAround(TANTO[0], TANTO[1], 120);
	await insert('problem_zones', { tenant_id: tenant, area_id: world.place, name: 'Brunnen', weight: 4, geom: sql`ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(zone)}), 4326))` });

	// 10 incidents on one spot in Tantolunden (one cell of 10), 2 lonely ones 300 m away (a cell of 2), 5 at Sergels torg.
	const rows: string[] = [];
	const add = (lon: number, lat: number, k: number, area: string, category = 'narcotics') =>
		rows.push(`('${tenant}', '${area}', '${category}', 'police', '2023-06-${String(1 + (k % 28)).padStart(2, '0')}T20:00:00Z', 'h${rows.length}', ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326))`);
	for (let k = 0; k < 10; k++) add(TANTO[0] + k * 1e-6, TANTO[1], k, world.place);
	for (let k = 0; k < 2; k++) add(TANTO[0] + 0.005, TANTO[1] - 0.0015 + k * 1e-6, k, world.place, 'theft');
	for (let k = 0; k < 5; k++) add(SERGEL[0] + k * 1e-6, SERGEL[1], k, world.otherPlace);
	await sql.raw(`INSERT INTO incidents (tenant_id, area_id, category, source, occurred_at, content_hash, geom) VALUES ${rows.join(',')}`).execute(db());
	const saved = await api('POST', '/api/follow-ups', { as: world.tokens.coordinator, json: { areaId: world.place, period: '2023-T2', goalReached: 'partly', summary: 'Konserten drog folk.' } });
	if (saved.status !== 201) throw new Error(`the follow-up was not saved: ${JSON.stringify(saved.body)}`);
	return { ...world, partner, findings: { tanto, sergel }, followUp: saved.body.id };
}
