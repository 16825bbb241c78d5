import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { api, db, resetDatabase } from './harness';
import { seedOgcWorld, TANTO, type OgcWorld } from './ogc-seed';

const EPSG3006 = 'http://www.opengis.net/def/crs/EPSG/0/3006';
const EPSG4326 = 'http://www.opengis.net/def/crs/EPSG/0/4326';
const json = { accept: 'application/json' };
const ids = (body: any) => body.collections.map((c: any) => c.id);

describe('OGC API – Features', () => {
	let world: OgcWorld;
	beforeAll(async () => {
		await resetDatabase();
		world = await seedOgcWorld();
	});

	it('has a landing page, conformance classes and an OpenAPI 3.0 definition', async () => {
		const landing = await api('GET', '/ogc', { headers: json });
		expect(landing.status).toBe(200);
		const rels = Object.fromEntries(landing.body.links.map((l: any) => [l.rel, l]));
		expect(rels['service-desc'].type).toBe('application/vnd.oai.openapi+json;version=3.0');
		for (const rel of ['self', 'conformance', 'data']) expect(rels[rel]?.href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ogc/);

		const conformance = await api('GET', '/ogc/conformance', { headers: json });
		for (const part of ['features-1/1.0/conf/core', 'features-1/1.0/conf/geojson', 'features-1/1.0/conf/html', 'features-1/1.0/conf/oas30', 'features-2/1.0/conf/crs'])
			expect(conformance.body.conformsTo).toContain(`http://www.opengis.net/spec/ogcapi-${part}`);

		const openapi = await api('GET', '/ogc/api', { as: world.tokens.coordinator });
		expect(openapi.headers.get('content-type')).toBe('application/vnd.oai.openapi+json;version=3.0');
		expect(openapi.body.openapi).toMatch(/^3\.0/);
		const params = openapi.body.paths['/collections/findings/items'].get.parameters;
		expect(params.map((p: any) => p.name ?? p.$ref)).toEqual(expect.arrayContaining(['category', 'status', 'severity', '#/components/parameters/crs', '#/components/parameters/datetime']));
		expect(params.find((p: any) => p.name === 'category').schema.enum).toContain('lighting');
		// Without a login the definition lists the public collections only.
		const anonymous = await api('GET', '/ogc/api');
		expect(Object.keys(anonymous.body.paths).filter((p) => p.endsWith('/items'))).toEqual(['/collections/areas/items', '/collections/services/items']);
	});

	it('serves anonymous readers the public collections only (areas and service locations by default)', async () => {
		const collections = await api('GET', '/ogc/collections', { headers: json });
		expect(ids(collections.body)).toEqual(['areas', 'services']);
		const areas = await api('GET', '/ogc/collections/areas/items', { headers: json });
		expect(areas.status).toBe(200);
		expect(areas.headers.get('content-type')).toBe('application/geo+json');
		expect(areas.body.numberMatched).toBe(4);
		expect(areas.body.features.map((f: any) => f.properties.name).sort()).toEqual(['Norrmalm', 'Sergels torg', 'Södermalm', 'Tantolunden']);
		const services = await api('GET', '/ogc/collections/services/items', { headers: json });
		expect(services.body.features.map((f: any) => f.properties.opening_hours).sort()).toEqual(['Mo-Fr 08:00-16:00', 'Sa 10:00-14:00']);
		// The directory's fields: what the partner helps with, for whom, in which languages.
		const tanto = services.body.features.find((f: any) => f.properties.name === 'Mötesplats Tanto');
		expect(tanto.properties).toMatchObject({ description: 'Fika och råd', needs: 'food,shelter', target_groups: 'homeless,women', languages: 'sv,en', min_age: 18, max_age: null, partner_name: 'Stadsmiljö' });
		for (const id of ['findings', 'measures', 'walks', 'incident-cells', 'follow-ups']) {
			const refused = await api('GET', `/ogc/collections/${id}/items`, { headers: json });
			expect(refused.status, id).toBe(401);
			expect(refused.body.error.code).toBe('unauthenticated');
		}
		// Individual incidents are not even named to an anonymous reader.
		expect((await api('GET', '/ogc/collections/incidents/items', { headers: json })).status).toBe(404);
	});

	it('serves a token what its role allows, and incidents as points only with incident access', async () => {
		const coordinator = await api('GET', '/ogc/collections', { as: world.tokens.coordinator });
		expect(ids(coordinator.body)).toEqual(['areas', 'services', 'walks', 'findings', 'measures', 'events', 'zones', 'incident-cells', 'follow-ups']);
		const admin = await api('GET', '/ogc/collections', { as: world.tokens.admin });
		expect(ids(admin.body)).toContain('incidents');
		expect((await api('GET', '/ogc/collections/incidents/items', { as: world.tokens.coordinator })).status).toBe(404);
		const points = await api('GET', '/ogc/collections/incidents/items?limit=100', { as: world.tokens.admin });
		expect(points.body.numberMatched).toBe(17);
		expect(points.body.features[0].geometry.type).toBe('Point');

		// A coordinator of Södermalm: its findings, not Norrmalm's.
		const findings = await api('GET', '/ogc/collections/findings/items', { as: world.tokens.coordinator });
		expect(findings.body.features.map((f: any) => f.id).sort()).toEqual([...world.findings.tanto].sort());
		const outsider = await api('GET', '/ogc/collections/findings/items', { as: world.tokens.outsider });
		expect(outsider.body.features.map((f: any) => f.id).sort()).toEqual([...world.findings.sergel].sort());
		// A partner: only the finding routed to its organisation.
		const partner = await api('GET', '/ogc/collections/findings/items', { as: world.tokens.partner });
		expect(partner.body.features.map((f: any) => f.id)).toEqual([world.findings.tanto[0]]);
		// Nobody is named as reporter.
		expect(Object.keys(findings.body.features[0].properties)).not.toContain('reporter');
		const measures = await api('GET', '/ogc/collections/measures/items', { as: world.tokens.viewer });
		expect(measures.body.features.map((f: any) => f.properties.title)).toEqual(['Ny belysning']);
		const walks = await api('GET', '/ogc/collections/walks/items', { as: world.tokens.admin });
		expect(walks.body.numberMatched).toBe(2);
		expect(walks.body.features.map((f: any) => f.geometry?.type ?? null).sort()).toEqual(['LineString', null]);
		const zones = await api('GET', '/ogc/collections/zones/items', { as: world.tokens.walker });
		expect(zones.body.features[0].properties).toMatchObject({ name: 'Brunnen', weight: 4, weight_given: true });
	});

	it('serves the follow-ups on their area’s outline with the kept figures, incidents in the version the reader may see', async () => {
		const mine = await api('GET', '/ogc/collections/follow-ups/items', { as: world.tokens.coordinator });
		expect(mine.status, JSON.stringify(mine.body)).toBe(200);
		expect(mine.body.features.map((f: any) => f.id)).toEqual([world.followUp]);
		const [feature] = mine.body.features;
		expect(feature.geometry.type).toBe('MultiPolygon');
		const kept = (await api('GET', `/api/follow-ups/${world.followUp}`, { as: world.tokens.coordinator })).body;
		expect(feature.properties).toMatchObject({
			area_id: world.place, area_name: 'Tantolunden', year: 2023, tertial: 2, status: 'draft', goal_reached: 'partly', summary: 'Konserten drog folk.',
			findings_reported: kept.figures.findings.reported, measures_done: kept.figures.measures.done, events_held: kept.figures.events.held,
			walks_done: kept.figures.walks.done, incident_figures: 'aggregated', incidents_total: kept.figures.incidents.currentTotal
		});
		// The seeded data: five findings in June and one walk in May; the concert is written without occasions, so none was held.
		expect([feature.properties.findings_reported, feature.properties.walks_done]).toEqual([5, 1]);
		const { rows: held } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM event_occurrences`.execute(db());
		expect(feature.properties.events_held).toBe(held[0]!.n);
		// The admin has incident access: the exact figure as kept.
		const admin = await api('GET', `/ogc/collections/follow-ups/items/${world.followUp}`, { as: world.tokens.admin });
		const exact = (await api('GET', `/api/follow-ups/${world.followUp}`, { as: world.tokens.admin })).body.figures.incidents;
		expect(admin.body.properties).toMatchObject({ incident_figures: 'exact', incidents_total: exact.currentTotal });
		const { rows: inside } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM incidents x JOIN areas a ON a.id = ${world.place}
			WHERE ST_Intersects(x.geom, a.geom) AND x.occurred_at >= '2023-05-01' AND x.occurred_at < '2023-09-01'`.execute(db());
		expect(exact.currentTotal).toBe(inside[0]!.n);
		expect(inside[0]!.n).toBe(10); // the spot of ten; the two lonely ones lie outside the park's square
		// The period as the feature's time: T2 2023 is May–August.
		expect((await api('GET', '/ogc/collections/follow-ups/items?datetime=2023-06-15T12:00:00Z', { as: world.tokens.coordinator })).body.numberMatched).toBe(1);
		expect((await api('GET', '/ogc/collections/follow-ups/items?datetime=2023-09-15T12:00:00Z', { as: world.tokens.coordinator })).body.numberMatched).toBe(0);
		expect((await api('GET', '/ogc/collections/follow-ups/items?tertial=1', { as: world.tokens.coordinator })).body.numberMatched).toBe(0);
		// Not the Norrmalm coordinator's; never anyone's without a login.
		expect((await api('GET', '/ogc/collections/follow-ups/items', { as: world.tokens.outsider })).body.numberMatched).toBe(0);
		expect((await api('GET', '/ogc/collections/follow-ups/items', { headers: json })).status).toBe(401);
	});

	it('shows incidents to roles without incident access as hexagon cells, small cells left out', async () => {
		const cells = await api('GET', '/ogc/collections/incident-cells/items', { as: world.tokens.coordinator });
		expect(cells.status).toBe(200);
		// Södermalm's cell of 10; its cell of 2 is left out, and Norrmalm's incidents are not its to count.
		expect(cells.body.features.map((f: any) => f.properties.count)).toEqual([10]);
		expect(cells.body.features[0].geometry.type).toBe('Polygon');
		const one = await api('GET', `/ogc/collections/incident-cells/items/${cells.body.features[0].id}`, { as: world.tokens.coordinator });
		expect(one.body.properties.count).toBe(10);
		// Filters apply before counting: no theft cell reaches 3, and June 1–3 hold 3 of the 10.
		expect((await api('GET', '/ogc/collections/incident-cells/items?category=theft', { as: world.tokens.coordinator })).body.numberMatched).toBe(0);
		const early = await api('GET', '/ogc/collections/incident-cells/items?datetime=2023-06-01/2023-06-03', { as: world.tokens.coordinator });
		expect(early.body.features.map((f: any) => f.properties.count)).toEqual([3]);
		// An instant counts its whole day: never a single incident's minute.
		const minute = await api('GET', '/ogc/collections/incident-cells/items?datetime=2023-06-02T20:00:00Z', { as: world.tokens.admin });
		expect(minute.body.numberMatched).toBe(0);
		const admin = await api('GET', '/ogc/collections/incident-cells/items', { as: world.tokens.admin });
		expect(admin.body.features.map((f: any) => f.properties.count).sort()).toEqual([10, 5]);
	});

	it('pages by keyset with next links, numberMatched, numberReturned and timeStamp', async () => {
		const seen: string[] = [];
		let next: string | undefined = '/ogc/collections/findings/items?limit=2';
		let pages = 0;
		while (next) {
			const page: any = await api('GET', next.replace(/^http:\/\/[^/]+/, ''), { as: world.tokens.admin, headers: json });
			expect(page.status).toBe(200);
			expect(page.body.numberMatched).toBe(7);
			expect(page.body.numberReturned).toBe(page.body.features.length);
			expect(Date.parse(page.body.timeStamp)).toBeGreaterThan(Date.now() - 60_000);
			seen.push(...page.body.features.map((f: any) => f.id));
			next = page.body.links.find((l: any) => l.rel === 'next')?.href;
			if (next) expect(page.body.links.find((l: any) => l.rel === 'next').type).toBe('application/geo+json');
			pages++;
		}
		expect(pages).toBe(4);
		expect(seen).toHaveLength(7);
		expect(new Set(seen).size).toBe(7);
		expect([...seen].sort()).toEqual(seen);
		// A limit above the maximum is lowered to it; below 1 or not a number is refused.
		expect((await api('GET', '/ogc/collections/areas/items?limit=1000000')).status).toBe(200);
		for (const limit of ['0', 'ten', '-1', '1.5']) {
			const bad = await api('GET', `/ogc/collections/areas/items?limit=${limit}`);
			expect(bad.status, limit).toBe(400);
			expect(bad.body.error.details[0].path).toBe('limit');
		}
	});

	it('filters by bbox in CRS84 and in SWEREF 99 TM (bbox-crs), by datetime and by queryables', async () => {
		const near = `${TANTO[0] - 0.0001},${TANTO[1] - 0.0001},${TANTO[0] + 0.0007},${TANTO[1] + 0.00025}`;
		const inBox = await api('GET', `/ogc/collections/findings/items?bbox=${near}`, { as: world.tokens.admin });
		expect(inBox.body.numberMatched).toBe(3);
		const { rows } = await sql<{ n1: number; e1: number; n2: number; e2: number }>`
			SELECT ST_YMin(b) AS n1, ST_XMin(b) AS e1, ST_YMax(b) AS n2, ST_XMax(b) AS e2
			FROM (SELECT ST_Transform(ST_MakeEnvelope(${TANTO[0] - 0.0001}, ${TANTO[1] - 0.0001}, ${TANTO[0] + 0.0007}, ${TANTO[1] + 0.00025}, 4326), 3006) AS b) s`.execute(db());
		const r = rows[0]!;
		// EPSG:3006 is northing first: lower corner (N, E), upper corner (N, E).
		const swerefBox = await api('GET', `/ogc/collections/findings/items?bbox=${r.n1},${r.e1},${r.n2},${r.e2}&bbox-crs=${encodeURIComponent(EPSG3006)}`, { as: world.tokens.admin });
		expect(swerefBox.status).toBe(200);
		expect(swerefBox.body.features.map((f: any) => f.id).sort()).toEqual(inBox.body.features.map((f: any) => f.id).sort());

		const june2to3 = await api('GET', '/ogc/collections/findings/items?datetime=2023-06-02/2023-06-03', { as: world.tokens.admin });
		expect(june2to3.body.features.map((f: any) => f.properties.description).sort()).toEqual(['Tanto 1', 'Tanto 2']);
		const instant = await api('GET', '/ogc/collections/findings/items?datetime=2023-06-04T12:00:00Z', { as: world.tokens.admin });
		expect(instant.body.features.map((f: any) => f.properties.description)).toEqual(['Tanto 3']);
		const openStart = await api('GET', '/ogc/collections/findings/items?datetime=../2023-06-02T12:00:00Z', { as: world.tokens.admin });
		expect(openStart.body.numberMatched).toBe(2);
		const openEnd = await api('GET', '/ogc/collections/findings/items?datetime=2023-06-05T00:00:00%2B02:00/..', { as: world.tokens.admin });
		expect(openEnd.body.features.map((f: any) => f.properties.description)).toContain('Tanto 4');
		// Walks overlap an interval; measures run on from their proposal.
		expect((await api('GET', '/ogc/collections/walks/items?datetime=2023-05-10T18:00:00Z', { as: world.tokens.admin })).body.numberMatched).toBe(1);
		expect((await api('GET', '/ogc/collections/measures/items?datetime=2024-01-01', { as: world.tokens.admin })).body.features.map((f: any) => f.properties.title)).toContain('Ny belysning');
		expect((await api('GET', '/ogc/collections/measures/items?datetime=2023-01-01/2023-03-01', { as: world.tokens.admin })).body.features.map((f: any) => f.properties.title)).not.toContain('Ny belysning');

		const lighting = await api('GET', '/ogc/collections/findings/items?category=lighting&severity=2', { as: world.tokens.admin });
		expect(lighting.body.features.map((f: any) => f.properties.description)).toEqual(['Tanto 1']);
		const inArea = await api('GET', `/ogc/collections/findings/items?area_id=${world.otherPlace}`, { as: world.tokens.admin });
		expect(inArea.body.numberMatched).toBe(2);
	});

	it('answers in SWEREF 99 TM and EPSG:4326 in their axis order, as PostGIS transforms', async () => {
		const id = world.findings.tanto[2]!;
		const sweref = await api('GET', `/ogc/collections/findings/items/${id}?crs=${encodeURIComponent(EPSG3006)}`, { as: world.tokens.admin });
		expect(sweref.status).toBe(200);
		expect(sweref.headers.get('content-crs')).toBe(`<${EPSG3006}>`);
		const { rows } = await sql<{ e: number; n: number }>`SELECT ST_X(ST_Transform(geom, 3006)) AS e, ST_Y(ST_Transform(geom, 3006)) AS n FROM findings WHERE id = ${id}`.execute(db());
		const [n, e] = sweref.body.coordinates ?? sweref.body.geometry.coordinates;
		expect(Math.abs(n - rows[0]!.n)).toBeLessThan(0.01);
		expect(Math.abs(e - rows[0]!.e)).toBeLessThan(0.01);
		const page = await api('GET', `/ogc/collections/findings/items?crs=EPSG:3011&limit=1`, { as: world.tokens.admin });
		expect(page.headers.get('content-crs')).toBe('<http://www.opengis.net/def/crs/EPSG/0/3011>');
		const latlon = await api('GET', `/ogc/collections/findings/items/${id}?crs=${encodeURIComponent(EPSG4326)}`, { as: world.tokens.admin });
		const [lat, lon] = latlon.body.geometry.coordinates;
		expect(lat).toBeCloseTo(TANTO[1] + 0.0002, 6);
		expect(lon).toBeCloseTo(TANTO[0] + 0.0006, 6);
		const crs84 = await api('GET', `/ogc/collections/findings/items/${id}`, { as: world.tokens.admin });
		expect(crs84.body.geometry.coordinates[0]).toBeCloseTo(TANTO[0] + 0.0006, 6);
		expect(crs84.body.links.map((l: any) => l.rel)).toEqual(['self', 'alternate', 'collection']);
	});

	it('describes each collection with extents, CRS list, storageCrs and queryables', async () => {
		const findings = await api('GET', '/ogc/collections/findings', { as: world.tokens.coordinator, headers: json });
		expect(findings.body.crs).toEqual(expect.arrayContaining(['http://www.opengis.net/def/crs/OGC/1.3/CRS84', EPSG3006, 'http://www.opengis.net/def/crs/EPSG/0/3011']));
		expect(findings.body.storageCrs).toBe('http://www.opengis.net/def/crs/OGC/1.3/CRS84');
		const [w, s, e, n] = findings.body.extent.spatial.bbox[0];
		expect(w).toBeCloseTo(TANTO[0], 5);
		expect(e).toBeCloseTo(TANTO[0] + 0.0012, 5);
		expect(s).toBeCloseTo(TANTO[1], 5);
		expect(n).toBeCloseTo(TANTO[1] + 0.0004, 5);
		expect(findings.body.extent.temporal.interval[0]).toEqual(['2023-06-01T12:00:00.000Z', '2023-06-05T12:00:00.000Z']);
		expect(findings.body.links.find((l: any) => l.rel === 'items' && l.type === 'application/geo+json').href).toMatch(/\/ogc\/collections\/findings\/items$/);
		const queryables = await api('GET', '/ogc/collections/findings/queryables', { as: world.tokens.coordinator });
		expect(queryables.headers.get('content-type')).toBe('application/schema+json');
		expect(queryables.body.properties.status.enum).toContain('in_progress');
		expect((await api('GET', '/ogc/collections/areas', { headers: json })).body.extent.temporal).toBeUndefined();
	});

	it('refuses bad parameters with 400 and unknown ids with 404, in the API’s error shape', async () => {
		const cases: [string, string][] = [
			['/ogc/collections/findings/items?colour=red', 'colour'],
			['/ogc/collections/findings/items?category=purple', 'category'],
			['/ogc/collections/findings/items?severity=high', 'severity'],
			['/ogc/collections/findings/items?crs=EPSG:3857', 'crs'],
			['/ogc/collections/findings/items?bbox=1,2,3', 'bbox'],
			['/ogc/collections/findings/items?bbox=18.1,59,18,59.1', 'bbox'],
			['/ogc/collections/findings/items?bbox=1,2,3,4,5,6', 'bbox'],
			['/ogc/collections/findings/items?bbox=18,59,18.1,59.1&bbox-crs=EPSG:2400', 'bbox-crs'],
			['/ogc/collections/findings/items?datetime=yesterday', 'datetime'],
			['/ogc/collections/findings/items?datetime=2023-06-05/2023-06-01', 'datetime'],
			['/ogc/collections/findings/items?datetime=0023-06-01', 'datetime'],
			['/ogc/collections/areas/items?datetime=2023-06-01', 'datetime'],
			['/ogc/collections/findings/items?cursor=abc', 'cursor'],
			['/ogc/collections/findings/items?area_id=nope', 'area_id'],
			['/ogc/collections/findings/items?f=xml', 'f'],
			['/ogc/collections/findings/items/' + '00000000-0000-0000-0000-000000000001?bbox=1,2,3,4', 'bbox']
		];
		for (const [path, param] of cases) {
			const response = await api('GET', path, { as: world.tokens.admin, headers: json });
			expect(response.status, path).toBe(400);
			expect(response.body.error.code, path).toBe('invalid_query');
			expect(response.body.error.details.map((d: any) => d.path), path).toContain(param);
			expect(response.body.error.details[0].message, path).toBeTruthy();
		}
		for (const path of ['/ogc/collections/nothing', '/ogc/collections/nothing/items', '/ogc/collections/findings/items/00000000-0000-0000-0000-000000000000', '/ogc/collections/findings/items/not-an-id', `/ogc/collections/findings/items/${world.findings.sergel[0]}`]) {
			const response = await api('GET', path, { as: world.tokens.coordinator, headers: json });
			expect(response.status, path).toBe(404);
			expect(response.body.error.code, path).toBe('not_found');
		}
		// In the reader's language: Swedish by default.
		const swedish = await api('GET', '/ogc/collections/findings/items?colour=red', { as: world.tokens.admin });
		expect(swedish.body.error.details[0].message).toMatch(/Okänd parameter/);
	});

	it('serves HTML pages with a map, and f=json / f=html choose the format whatever the Accept header', async () => {
		const html = { accept: 'text/html' };
		const items = await api('GET', '/ogc/collections/areas/items', { headers: html });
		expect(items.status).toBe(200);
		expect(items.headers.get('content-type')).toMatch(/text\/html/);
		expect(items.body).toContain('Tantolunden');
		expect(items.body).toContain('ogc-map');
		const asJson = await api('GET', '/ogc/collections/areas/items?f=json', { headers: html });
		expect(asJson.headers.get('content-type')).toBe('application/geo+json');
		const asHtml = await api('GET', '/ogc/collections?f=html', { headers: json });
		expect(asHtml.headers.get('content-type')).toMatch(/text\/html/);
		expect(asHtml.body).toContain('/ogc/collections/services');
		for (const path of ['/ogc?f=html', '/ogc/conformance?f=html', '/ogc/api?f=html', '/ogc/collections/areas?f=html', `/ogc/collections/areas/items/${world.place}?f=html`])
			expect((await api('GET', path)).status, path).toBe(200);
		const missing = await api('GET', '/ogc/collections/nothing?f=html');
		expect(missing.status).toBe(404);
		expect((await api('GET', '/ogc/collections/areas/items?limit=zero&f=html')).status).toBe(400);
	});
});
