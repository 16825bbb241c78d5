import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { api, db, resetDatabase, seedWorld, type World } from './harness';

/**
 * SWEREF 99 TM (EPSG:3006) and SWEREF 99 18 00 (EPSG:3011) by Krüger's formulas for the
 * Gauss conformal projection as Lantmäteriet publishes them — computed here, not by PROJ,
 * as the reference PostGIS must agree with.
 */
function kruger(lat: number, lon: number, { lon0, k0, fe }: { lon0: number; k0: number; fe: number }): [number, number] {
	const a = 6378137;
	const f = 1 / 298.257222101;
	const e2 = f * (2 - f);
	const n = f / (2 - f);
	const aRoof = (a / (1 + n)) * (1 + n ** 2 / 4 + n ** 4 / 64);
	const A = e2;
	const B = (5 * e2 ** 2 - e2 ** 3) / 6;
	const C = (104 * e2 ** 3 - 45 * e2 ** 4) / 120;
	const D = (1237 * e2 ** 4) / 1260;
	const beta = [n / 2 - (2 * n ** 2) / 3 + (5 * n ** 3) / 16 + (41 * n ** 4) / 180, (13 * n ** 2) / 48 - (3 * n ** 3) / 5 + (557 * n ** 4) / 1440, (61 * n ** 3) / 240 - (103 * n ** 4) / 140, (49561 * n ** 4) / 161280];
	const phi = (lat * Math.PI) / 180;
	const dLambda = ((lon - lon0) * Math.PI) / 180;
	const s = Math.sin(phi);
	const phiStar = phi - s * Math.cos(phi) * (A + B * s ** 2 + C * s ** 4 + D * s ** 6);
	const xi = Math.atan(Math.tan(phiStar) / Math.cos(dLambda));
	const eta = Math.atanh(Math.cos(phiStar) * Math.sin(dLambda));
	let x = xi;
	let y = eta;
	beta.forEach((b, i) => {
		x += b * Math.sin(2 * (i + 1) * xi) * Math.cosh(2 * (i + 1) * eta);
		y += b * Math.cos(2 * (i + 1) * xi) * Math.sinh(2 * (i + 1) * eta);
	});
	return [k0 * aRoof * y + fe, k0 * aRoof * x]; // [easting, northing]
}
const TM = { lon0: 15, k0: 0.9996, fe: 500_000 };
const S1800 = { lon0: 18, k0: 1, fe: 150_000 };

// Inside Tantolunden (the test world's place in Södermalm) and in Norrmalm.
const TANTO = { lon: 18.0455, lat: 59.3125 };
const NORRMALM = { lon: 18.0649, lat: 59.3326 };

const csv = (text: string, mapping: Record<string, unknown>, as: string, extra: Record<string, string> = {}) =>
	api('POST', `/api/import/incidents?filename=test.csv&mapping=${encodeURIComponent(JSON.stringify(mapping))}`, {
		as,
		body: text,
		headers: { 'content-type': 'text/csv; charset=utf-8', ...extra }
	});

async function stored() {
	const { rows } = await sql<{ category: string; source: string; occurred_at: string; external_id: string | null; description: string; lon: number; lat: number; area: string | null }>`
		SELECT category, source, occurred_at, external_id, description, ST_X(geom) AS lon, ST_Y(geom) AS lat, area_id AS area
		FROM incidents ORDER BY occurred_at, description`.execute(db());
	return rows.map((r) => ({ ...r, occurred_at: new Date(r.occurred_at).toISOString() }));
}

describe('coordinate systems in PostGIS', () => {
	beforeAll(resetDatabase);
	it('agrees with Krüger’s formulas for SWEREF 99 TM and 18 00 within 0.01 m, both ways', async () => {
		for (const [epsg, params] of [[3006, TM], [3011, S1800]] as const) {
			for (const [lat, lon] of [[59.3125, 18.0455], [59.3326, 18.0649], [59.9, 17.2], [58.7, 19.5]]) {
				const [e, n] = kruger(lat, lon, params);
				const { rows } = await sql<{ x: number; y: number; lon: number; lat: number }>`
					SELECT ST_X(p) AS x, ST_Y(p) AS y, ST_X(b) AS lon, ST_Y(b) AS lat FROM (
						SELECT ST_Transform(ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), 4326), ${epsg}::int) AS p,
							ST_Transform(ST_SetSRID(ST_MakePoint(${e}::float8, ${n}::float8), ${epsg}::int), 4326) AS b) t`.execute(db());
				const r = rows[0]!;
				expect(Math.abs(r.x - e), `E of ${lat},${lon} in ${epsg}`).toBeLessThan(0.01);
				expect(Math.abs(r.y - n), `N of ${lat},${lon} in ${epsg}`).toBeLessThan(0.01);
				// 0.01 m is about 1.6e-7° of longitude and 9e-8° of latitude here.
				expect(Math.abs(r.lon - lon)).toBeLessThan(1e-7);
				expect(Math.abs(r.lat - lat)).toBeLessThan(1e-7);
			}
		}
		// Pinned: Tantolunden in SWEREF 99 TM.
		const [e, n] = kruger(TANTO.lat, TANTO.lon, TM);
		expect([e.toFixed(2), n.toFixed(2)]).toEqual(['673343.85', '6578813.15']);
	});
});

describe('importing incidents', () => {
	let world: World;
	beforeEach(async () => {
		await resetDatabase();
		world = await seedWorld();
		// The coordinator may bring and see incidents in Södermalm.
		await db().updateTable('area_roles').set({ incidents: true }).where('user_id', '=', world.users.coordinator).execute();
	});

	it('reads a Swedish Excel CSV: semicolons, decimal commas, a BOM, SWEREF 99 TM and hours without a leading zero', async () => {
		const [e1, n1] = kruger(TANTO.lat, TANTO.lon, TM);
		const [e2, n2] = kruger(TANTO.lat + 0.0005, TANTO.lon - 0.001, TM);
		const comma = (v: number) => v.toFixed(3).replace('.', ',');
		const file =
			'\uFEFFÄrendenr;Brottstid;Kategori;Nord;Öst;Beskrivning\r\n' +
			`A-1;2023-06-02 8:05;Narkotikabrott;${comma(n1)};${comma(e1)};Överlåtelse\r\n` +
			`A-2;2023-12-24 23:30:15;Misshandel;${comma(n2)};${comma(e2)};"Bråk; vid entrén"\r\n`;
		const mapping = { source: 'police', x: 'Öst', y: 'Nord', epsg: 3006, time: 'Brottstid', category: 'Kategori', categories: { narkotikabrott: 'narcotics', misshandel: 'violence' }, externalId: 'Ärendenr', description: 'Beskrivning' };
		const res = await csv(file, mapping, world.tokens.coordinator);
		expect(res.status, JSON.stringify(res.body)).toBe(201);
		expect(res.body).toMatchObject({ format: 'csv', rows: 2, imported: 2, duplicates: 0, rejected: [], rejectedTotal: 0 });
		const rows = await stored();
		expect(rows.map((r) => [r.external_id, r.category, r.occurred_at, r.description, r.area])).toEqual([
			['A-1', 'narcotics', '2023-06-02T06:05:00.000Z', 'Överlåtelse', world.place],
			['A-2', 'violence', '2023-12-24T22:30:15.000Z', 'Bråk; vid entrén', world.place]
		]);
		// Back in WGS 84 within 0.01 m (the file had mm precision): 1e-7° is about 0.006–0.011 m.
		expect(Math.abs(rows[0]!.lon - TANTO.lon)).toBeLessThan(1e-7);
		expect(Math.abs(rows[0]!.lat - TANTO.lat)).toBeLessThan(1e-7);
		expect(Math.abs(rows[1]!.lon - (TANTO.lon - 0.001))).toBeLessThan(1e-7);
	});

	it('reads a comma-separated CSV with quoted fields holding commas, quotes and line breaks, in WGS 84 and SWEREF 99 18 00', async () => {
		const file = 'id,when,type,lon,lat,text\n' + `7,2023-07-01T21:00:00+02:00,Theft,${TANTO.lon},${TANTO.lat},"Cykel stulen, ""låst"" vid\nstaketet"\n` + `8,2023-07-01 22:00,unknown thing,${TANTO.lon + 0.001},${TANTO.lat},"kort"\n`;
		const res = await csv(file, { source: 'guards', x: 'lon', y: 'lat', time: 'when', category: 'type', externalId: 'id', description: 'text' }, world.tokens.coordinator);
		expect(res.status, JSON.stringify(res.body)).toBe(201);
		expect(res.body).toMatchObject({ rows: 2, imported: 2 });
		const rows = await stored();
		expect(rows.map((r) => [r.category, r.source, r.description])).toEqual([
			['theft', 'guards', 'Cykel stulen, "låst" vid\nstaketet'],
			['other', 'guards', 'kort']
		]);

		const [e, n] = kruger(TANTO.lat, TANTO.lon + 0.002, S1800);
		const local = await csv(`x;y;t\n${e.toFixed(3).replace('.', ',')};${n.toFixed(3).replace('.', ',')};2023-07-02 01:15\n`, { x: 'x', y: 'y', epsg: 3011, time: 't' }, world.tokens.coordinator);
		expect(local.status).toBe(201);
		const third = (await stored()).find((r) => r.occurred_at === '2023-07-01T23:15:00.000Z')!;
		expect(Math.abs(third.lon - (TANTO.lon + 0.002))).toBeLessThan(1e-7);
		expect(Math.abs(third.lat - TANTO.lat)).toBeLessThan(1e-7);
	});

	it('reports every rejected row with its reason and imports the good ones', async () => {
		const file = [
			'nr;tid;lon;lat',
			`1;2023-05-01 22:00;${TANTO.lon};${TANTO.lat}`,
			`2;2023-05-01 22:00;abc;${TANTO.lat}`,
			`3;2023-05-01 22:00;${TANTO.lat};${TANTO.lon}`,
			`4;igår;${TANTO.lon};${TANTO.lat}`,
			`5;2023-05-01 22:00;${NORRMALM.lon};${NORRMALM.lat}`,
			`6;;${TANTO.lon};${TANTO.lat}`,
			`7;2023-05-02 1:00;${String(TANTO.lon).replace('.', ',')};${String(TANTO.lat).replace('.', ',')}`
		].join('\n');
		const res = await csv(file, { x: 'lon', y: 'lat', time: 'tid', externalId: 'nr' }, world.tokens.coordinator);
		expect(res.status).toBe(201);
		expect(res.body).toMatchObject({ rows: 7, imported: 2, duplicates: 0, rejectedTotal: 5 });
		expect(res.body.rejected.map((r: any) => [r.row, r.code])).toEqual([
			[2, 'bad_coordinates'],
			[3, 'outside_service_area'],
			[4, 'unparseable_time'],
			[5, 'not_your_area'],
			[6, 'missing_value']
		]);
		// Each rejection carries its figures, and its reason in the request's language (Swedish by default).
		expect(res.body.rejected[0]).toMatchObject({ details: { x: 'abc', y: String(TANTO.lat) }, reason: `Koordinaterna är inga tal (x ”abc”, y ”${TANTO.lat}”).` });
		expect(res.body.rejected[1]).toMatchObject({ details: { reason: 'swapped', epsg: 4326, x: TANTO.lat, y: TANTO.lon } });
		expect(res.body.rejected[1].reason).toMatch(/omkastade/);
		expect(res.body.rejected[2]).toMatchObject({ details: { time: 'igår' }, reason: 'Tiden ”igår” går inte att läsa (ISO 8601 eller ÅÅÅÅ-MM-DD TT:MM väntas).' });
		expect(res.body.rejected[3].reason).toBe('Punkten ligger utanför de områden där du får lägga in incidenter.');
		expect(res.body.rejected[4]).toMatchObject({ details: { reason: 'time' }, reason: 'Tiden är tom.' });
		expect((await stored()).map((r) => r.external_id)).toEqual(['1', '7']);
		const log = await db().selectFrom('incident_imports').selectAll().executeTakeFirstOrThrow();
		expect(log).toMatchObject({ status: 'done', total_rows: 7, imported: 2, rejected: 5, format: 'csv', filename: 'test.csv' });
	});

	it('writes rejected rows\' reasons in the language the user chose (English here), streamed or not', async () => {
		const file = ['nr;tid;lon;lat', `1;2023-05-01 22:00;${TANTO.lon};${TANTO.lat}`, `2;igår;${TANTO.lon};${TANTO.lat}`, `3;2023-05-01 22:00;${TANTO.lat};${TANTO.lon}`].join('\n');
		const mapping = { x: 'lon', y: 'lat', time: 'tid', externalId: 'nr' };
		const english = { cookie: 'lykta_locale=en' };
		const res = await api('POST', `/api/import/incidents?filename=test.csv&mapping=${encodeURIComponent(JSON.stringify(mapping))}`, {
			as: world.tokens.coordinator,
			...english,
			body: file,
			headers: { 'content-type': 'text/csv; charset=utf-8' }
		});
		expect(res.status).toBe(201);
		expect(res.body.rejected.map((r: any) => r.reason)).toEqual([
			'The time “igår” cannot be read (expected ISO 8601 or YYYY-MM-DD HH:MM).',
			`The point (${TANTO.lat}, ${TANTO.lon}) in EPSG:4326 lies outside the service area — are x (longitude) and y (latitude) swapped, or is it another coordinate system?`
		]);
		// Nothing imported at all: the refusal lists the rows, in the chosen language, over the stream too.
		const bad = ['nr;tid;lon;lat', `9;igår;${TANTO.lon};${TANTO.lat}`].join('\n');
		const streamed = await api('POST', `/api/import/incidents?filename=bad.csv&mapping=${encodeURIComponent(JSON.stringify(mapping))}`, {
			as: world.tokens.coordinator,
			...english,
			body: bad,
			headers: { 'content-type': 'text/csv; charset=utf-8', accept: 'application/x-ndjson' }
		});
		// One line only (no progress for one row) comes back parsed already.
		const last = typeof streamed.body === 'string' ? JSON.parse(streamed.body.trim().split('\n').at(-1)!) : streamed.body;
		expect(last.error.code).toBe('nothing_imported');
		expect(last.error.details.rejected).toEqual([{ row: 1, code: 'unparseable_time', details: { time: 'igår' }, reason: 'The time “igår” cannot be read (expected ISO 8601 or YYYY-MM-DD HH:MM).' }]);
	});

	it('does not duplicate incidents when the same file is imported again, by external id or by content', async () => {
		const withIds = `id;t;x;y\n1;2023-05-01 22:00;${TANTO.lon};${TANTO.lat}\n2;2023-05-02 22:00;${TANTO.lon};${TANTO.lat}\n`;
		const mapping = { x: 'x', y: 'y', time: 't', externalId: 'id' };
		expect((await csv(withIds, mapping, world.tokens.coordinator)).body).toMatchObject({ imported: 2, duplicates: 0 });
		// The police corrected a time: same case numbers, so still the same two incidents.
		const again = await csv(withIds.replace('2023-05-02 22:00', '2023-05-02 21:00'), mapping, world.tokens.coordinator);
		expect([again.status, again.body.imported, again.body.duplicates]).toEqual([201, 0, 2]);
		const noIds = `t;x;y;k\n2023-06-01 22:00;${TANTO.lon};${TANTO.lat};theft\n2023-06-01 22:00;${TANTO.lon};${TANTO.lat};theft\n`;
		const first = await csv(noIds, { x: 'x', y: 'y', time: 't', category: 'k' }, world.tokens.coordinator);
		// Two identical rows in one file are one incident by content.
		expect(first.body).toMatchObject({ imported: 1, duplicates: 1 });
		const second = await csv(noIds, { x: 'x', y: 'y', time: 't', category: 'k' }, world.tokens.coordinator);
		expect(second.body).toMatchObject({ imported: 0, duplicates: 2 });
		expect(await stored()).toHaveLength(3);
	});

	it('imports a GeoJSON FeatureCollection, reading a legacy crs member', async () => {
		const [e, n] = kruger(TANTO.lat, TANTO.lon, TM);
		const body = JSON.stringify({
			type: 'FeatureCollection',
			crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3006' } },
			features: [
				{ type: 'Feature', geometry: { type: 'Point', coordinates: [e, n] }, properties: { tid: '2023-08-01 23:00', typ: 'vandalism', id: 'g1' } },
				{ type: 'Feature', geometry: { type: 'LineString', coordinates: [[e, n], [e + 10, n]] }, properties: { tid: '2023-08-01 23:00', id: 'g2' } },
				{ type: 'Feature', geometry: null, properties: { tid: '2023-08-01 23:00', id: 'g3' } }
			]
		});
		const res = await api('POST', `/api/import/incidents?mapping=${encodeURIComponent(JSON.stringify({ time: 'tid', category: 'typ', externalId: 'id' }))}`, {
			as: world.tokens.coordinator,
			body,
			headers: { 'content-type': 'application/geo+json' }
		});
		expect(res.status, JSON.stringify(res.body)).toBe(201);
		expect(res.body).toMatchObject({ format: 'geojson', rows: 3, imported: 1 });
		expect(res.body.rejected.map((r: any) => [r.row, r.code])).toEqual([[2, 'bad_geometry'], [3, 'bad_geometry']]);
		expect(res.body.rejected.map((r: any) => r.reason)).toEqual(['Geometrin är en LineString, inte en punkt.', 'Objektet har ingen geometri.']);
		const [row] = await stored();
		expect(row).toMatchObject({ category: 'vandalism', external_id: 'g1' });
		expect(Math.abs(row!.lon - TANTO.lon)).toBeLessThan(1e-7);
	});

	it('streams progress lines and the result as NDJSON when asked', async () => {
		const lines = ['t;x;y'];
		for (let i = 0; i < 2500; i++) lines.push(`2023-05-${String(1 + (i % 28)).padStart(2, '0')} ${i % 24}:${String(i % 60).padStart(2, '0')};${(TANTO.lon + (i % 50) * 1e-5).toFixed(6)};${(TANTO.lat + Math.floor(i / 50) * 1e-5).toFixed(6)}`);
		const res = await csv(lines.join('\n'), { x: 'x', y: 'y', time: 't' }, world.tokens.coordinator, { accept: 'application/x-ndjson' });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/application\/x-ndjson/);
		const messages = String(res.body).trim().split('\n').map((l) => JSON.parse(l));
		const progress = messages.filter((m) => m.progress);
		expect(progress.length).toBeGreaterThanOrEqual(2);
		expect(progress.map((m) => m.progress.rows)).toEqual([...progress.map((m) => m.progress.rows)].sort((a, b) => a - b));
		expect(progress.at(-1).progress.bytes).toBeGreaterThan(0);
		expect(messages.at(-1).result).toMatchObject({ rows: 2500, imported: 2500 });
	});

	it('refuses bad uploads with a clear 4xx and stores nothing', async () => {
		const good = `t;x;y\n2023-05-01 22:00;${TANTO.lon};${TANTO.lat}\n`;
		const mapping = { x: 'x', y: 'y', time: 't' };
		const cases: [string, Promise<any>, number, string][] = [
			['not CSV or GeoJSON', api('POST', `/api/import/incidents?mapping=${encodeURIComponent(JSON.stringify(mapping))}`, { as: world.tokens.coordinator, body: 'GIF89a', headers: { 'content-type': 'image/gif' } }), 415, 'unsupported_media_type'],
			['a form upload', api('POST', `/api/import/incidents?mapping=${encodeURIComponent(JSON.stringify(mapping))}`, { as: world.tokens.coordinator, body: (() => { const f = new FormData(); f.append('file', new Blob([good]), 'a.csv'); return f; })() }), 415, 'unsupported_media_type'],
			['over the size limit', csv('t;x;y\n' + `2023-05-01 22:00;${TANTO.lon};${TANTO.lat}\n`.repeat(80_000), mapping, world.tokens.coordinator), 413, 'payload_too_large'],
			['an unknown EPSG code', csv(good, { ...mapping, epsg: 999_999 }, world.tokens.coordinator), 400, 'unknown_crs'],
			['a mapping to missing columns', csv(good, { ...mapping, category: 'Brottskod' }, world.tokens.coordinator), 400, 'unknown_column'],
			['no mapping', api('POST', '/api/import/incidents', { as: world.tokens.coordinator, body: good, headers: { 'content-type': 'text/csv' } }), 400, 'validation_failed'],
			['all rows bad', csv(`t;x;y\nigår;${TANTO.lon};${TANTO.lat}\n2023-05-01 22:00;0;0\n`, mapping, world.tokens.coordinator), 400, 'nothing_imported'],
			['a broken CSV', csv(`t;x;y\n"2023-05-01 22:00;${TANTO.lon};${TANTO.lat}\n`, mapping, world.tokens.coordinator), 400, 'bad_csv'],
			['an empty file', csv('', mapping, world.tokens.coordinator), 400, 'empty_file'],
			['a viewer', csv(good, mapping, world.tokens.viewer), 403, 'forbidden'],
			['a coordinator without incident access', csv(good, mapping, world.tokens.outsider), 403, 'forbidden'],
			['nobody', csv(good, mapping, ''), 401, 'unauthenticated']
		];
		for (const [what, request, status, code] of cases) {
			const res = await request;
			expect([res.status, res.body?.error?.code], what).toEqual([status, code]);
		}
		const allBad = await csv(`t;x;y\nigår;${TANTO.lon};${TANTO.lat}\n2023-05-01 22:00;0;0\n`, mapping, world.tokens.coordinator);
		expect(allBad.body.error.details.rejected.map((r: any) => r.code)).toEqual(['unparseable_time', 'outside_service_area']);
		expect(await stored()).toEqual([]);
		expect(await db().selectFrom('incident_imports').select('id').execute()).toEqual([]);
	});

	it('previews the columns and first rows of a file without storing anything', async () => {
		const file = '\uFEFFÄrendenr;Tid;Öst;Nord\r\n1;2023-06-02 8:05;674032,5;6579800\r\n';
		const res = await api('POST', '/api/import/incidents?preview=true', { as: world.tokens.coordinator, body: file, headers: { 'content-type': 'text/csv' } });
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ format: 'csv', delimiter: ';', columns: ['Ärendenr', 'Tid', 'Öst', 'Nord'], rows: [{ Ärendenr: '1', Tid: '2023-06-02 8:05', Öst: '674032,5', Nord: '6579800' }], epsg: null });
		expect(await stored()).toEqual([]);
	});
});
