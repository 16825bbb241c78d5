import { beforeAll, describe, expect, it } from 'vitest';
import { api, app, resetDatabase } from './harness';
import { seedOgcWorld, type OgcWorld } from './ogc-seed';

/** Each layer's list endpoint and a filter it takes. */
const LAYERS: { layer: string; list: string; filter: (w: OgcWorld) => string }[] = [
	{ layer: 'areas', list: '/api/areas', filter: () => 'kind=place' },
	{ layer: 'walks', list: '/api/walks', filter: (w) => `area=${w.place}` },
	{ layer: 'findings', list: '/api/findings', filter: () => 'category=lighting' },
	{ layer: 'measures', list: '/api/measures', filter: () => 'kind=seating' },
	{ layer: 'events', list: '/api/events', filter: () => 'kind=culture' },
	{ layer: 'zones', list: '/api/zones', filter: (w) => `area=${w.district}` },
	{ layer: 'incidents', list: '/api/incidents', filter: () => 'category=theft' }
];

async function download(path: string, token?: string) {
	const { origin } = await app();
	const response = await fetch(origin + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
	return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe('exports of every layer', () => {
	let world: OgcWorld;
	beforeAll(async () => {
		await resetDatabase();
		world = await seedOgcWorld();
	});

	it('exports the list endpoint’s filtered view as GeoJSON and CSV, row for row', async () => {
		for (const { layer, list, filter } of LAYERS) {
			const query = filter(world);
			const listed = await api('GET', `${list}?${query}`, { as: world.tokens.admin });
			expect(listed.status, layer).toBe(200);
			const expected = listed.body.features.map((f: any) => f.id).sort();
			expect(expected.length, `${layer}: the filter leaves something`).toBeGreaterThan(0);
			const geojson = await api('GET', `/api/export/${layer}.geojson?${query}`, { as: world.tokens.admin });
			expect(geojson.status, layer).toBe(200);
			expect(geojson.headers.get('content-disposition')).toMatch(new RegExp(`attachment; filename="lykta-${layer}-\\d{4}-\\d{2}-\\d{2}\\.geojson"`));
			expect(geojson.body.features.map((f: any) => f.id).sort(), layer).toEqual(expected);
			const { response, bytes } = await download(`/api/export/${layer}.csv?${query}`, world.tokens.admin);
			expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
			const text = bytes.toString('utf8');
			// The Swedish dialect by default: a BOM, `;` between cells.
			expect(text.charCodeAt(0), layer).toBe(0xfeff);
			const lines = text.slice(1).trim().split('\r\n');
			expect(lines[0]!.split(';')[0], layer).toBe('id');
			expect(lines.slice(1).map((l) => l.split(';')[0]).sort(), layer).toEqual(expected);
		}
	});

	it('exports the partners’ service locations with the partner list’s filters', async () => {
		const geojson = await api('GET', '/api/export/services.geojson?kind=municipal');
		expect(geojson.status).toBe(200);
		expect(geojson.body.features.map((f: any) => f.properties.name).sort()).toEqual(['Mötesplats Sergel', 'Mötesplats Tanto']);
		expect((await api('GET', '/api/export/services.geojson?kind=police')).body.features).toEqual([]);
		const { bytes } = await download('/api/export/services.csv?dialect=rfc4180');
		const [header, ...rows] = bytes.toString('utf8').trim().split('\r\n');
		expect(header).toBe('id,name,address,opening_hours,partner_id,partner_name,partner_kind,website,phone,email,geometry_type,lon,lat,geometry');
		expect(rows).toHaveLength(2);
		expect(rows.join('\n')).toContain('Mo-Fr 08:00-16:00');
	});

	it('exports the follow-ups with the list’s filters, their kept figures as columns and incidents as the reader may see them', async () => {
		const listed = await api('GET', `/api/follow-ups?area=${world.place}`, { as: world.tokens.coordinator });
		expect(listed.body.map((u: any) => u.id)).toEqual([world.followUp]);
		const geojson = await api('GET', `/api/export/followups.geojson?area=${world.place}`, { as: world.tokens.coordinator });
		expect(geojson.status, JSON.stringify(geojson.body)).toBe(200);
		expect(geojson.body.features.map((f: any) => f.id)).toEqual([world.followUp]);
		expect(geojson.body.features[0].geometry.type).toBe('MultiPolygon');
		expect(geojson.body.features[0].properties.figures.incidents.figures).toBe('aggregated');
		expect((await api('GET', '/api/export/followups.geojson?year=2022', { as: world.tokens.coordinator })).body.features).toEqual([]);
		const { bytes } = await download(`/api/export/followups.csv?dialect=rfc4180&area=${world.place}`, world.tokens.admin);
		const [header, row] = bytes.toString('utf8').trim().split('\r\n');
		const cells = Object.fromEntries(header!.split(',').map((name, i) => [name, row!.split(',')[i]]));
		const kept = (await api('GET', `/api/follow-ups/${world.followUp}`, { as: world.tokens.admin })).body;
		expect(cells).toMatchObject({
			id: world.followUp, area_name: 'Tantolunden', period: '2023-T2', year: '2023', tertial: '2', goal_reached: 'partly',
			findings_reported: String(kept.figures.findings.reported), events_held: String(kept.figures.events.held),
			incident_figures: 'exact', incidents_total: String(kept.figures.incidents.currentTotal)
		});
		expect((await api('GET', '/api/export/followups.csv')).status).toBe(401);
		expect((await api('GET', '/api/export/followups.geojson', { as: world.tokens.outsider })).body.features).toEqual([]);
	});

	it('keeps each reader’s rights: no login, no incident access, no other area', async () => {
		expect((await api('GET', '/api/export/measures.gpkg')).status).toBe(401);
		expect((await api('GET', '/api/export/walks.csv')).status).toBe(401);
		expect((await api('GET', '/api/export/areas.gpkg')).status).toBe(200);
		const incidents = await api('GET', '/api/export/incidents.gpkg', { as: world.tokens.coordinator });
		expect(incidents.status).toBe(403);
		expect(incidents.body.error.details.reason).toBe('incident_access');
		const outsider = await api('GET', '/api/export/findings.geojson', { as: world.tokens.outsider });
		expect(outsider.body.features.map((f: any) => f.id).sort()).toEqual([...world.findings.sergel].sort());
	});

	it('writes a GeoPackage (SQLite with the GeoPackage application id) and refuses a CRS it does not offer', async () => {
		const { response, bytes } = await download('/api/export/zones.gpkg?crs=EPSG:3006', world.tokens.admin);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-disposition')).toMatch(/lykta-zones-\d{4}-\d{2}-\d{2}-sweref99tm\.gpkg/);
		expect(bytes.subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
		// application_id "GPKG" at offset 68.
		expect(bytes.subarray(68, 72).toString('latin1')).toBe('GPKG');
		for (const crs of ['EPSG:3857', 'nonsense', '3011']) {
			const refused = await api('GET', `/api/export/zones.gpkg?crs=${crs}`, { as: world.tokens.admin });
			expect(refused.status, crs).toBe(400);
			expect(refused.body.error.code).toBe('invalid_query');
			expect(refused.body.error.details[0].path).toBe('crs');
		}
		expect((await api('GET', '/api/export/nothing.gpkg', { as: world.tokens.admin })).status).toBe(404);
		expect((await api('GET', '/api/export/zones.shp', { as: world.tokens.admin })).status).toBe(404);
		expect((await api('GET', '/api/export/findings.gpkg?category=purple', { as: world.tokens.admin })).status).toBe(400);
	});
});
