import { beforeEach, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import exifr from 'exifr';
import { api, db, resetDatabase, seedWorld, snapshotCounts, type World } from './harness';

const TANTO: [number, number] = [18.0455, 59.3125];
/** A point `metres` east of Tantolunden's centre (1° lon ≈ 56.9 km at 59.31° N). */
const east = (metres: number): [number, number] => [TANTO[0] + metres / (111_320 * Math.cos((TANTO[1] * Math.PI) / 180)), TANTO[1]];
const point = (coordinates: [number, number]) => ({ type: 'Point', coordinates });

const FINDING_TABLES = ['findings', 'finding_photos', 'finding_audits', 'finding_status_history', 'finding_comments', 'audit_log'];

/** A phone-like JPEG with the camera and the GPS position in its EXIF block. */
async function photoWithGps(width = 3000, height = 2000) {
	const noise = Buffer.alloc(width * height * 3);
	for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251;
	return sharp(noise, { raw: { width, height, channels: 3 } })
		.jpeg({ quality: 92 })
		.withExif({
			IFD0: { Make: 'TestPhone', Model: 'Lykta 1' },
			IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '59/1 18/1 45/1', GPSLongitudeRef: 'E', GPSLongitude: '18/1 2/1 43/1' }
		})
		.toBuffer();
}

function multipart(finding: unknown, files: { name: string; type: string; bytes: Uint8Array }[]) {
	const form = new FormData();
	form.set('finding', JSON.stringify(finding));
	for (const f of files) form.append('photos', new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
	return form;
}

async function postForm(path: string, form: FormData, token: string, headers: Record<string, string> = {}) {
	const { app } = await import('./harness');
	const { origin } = await app();
	const res = await fetch(origin + path, { method: 'POST', body: form, headers: { origin, authorization: `Bearer ${token}`, ...headers } });
	const text = await res.text();
	return { status: res.status, body: text ? JSON.parse(text) : null };
}

describe('/api/findings', () => {
	let world: World;
	let lightingPartner: string;
	let districtPartner: string;

	beforeEach(async () => {
		await resetDatabase();
		world = await seedWorld();
		// Routing: a lighting partner in the park itself, a general one in the district.
		const park = await api('POST', '/api/partners', {
			as: world.tokens.admin,
			json: { properties: { name: 'Trafikkontoret', kind: 'municipal', categories: ['lighting', 'traffic'], areaIds: [world.place] } }
		});
		const district = await api('POST', '/api/partners', {
			as: world.tokens.admin,
			json: { properties: { name: 'Polisen Södermalm', kind: 'police', categories: ['lighting', 'hiding_place'], areaIds: [world.district] } }
		});
		lightingPartner = park.body.id;
		districtPartner = district.body.id;
		// The partner account belongs to the police.
		await db().updateTable('users').set({ partner_id: districtPartner }).where('id', '=', world.users.partner).execute();
	});

	const create = (token: string, coordinates: [number, number] = TANTO, properties: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
		api('POST', '/api/findings', {
			as: token,
			headers,
			json: { type: 'Feature', geometry: point(coordinates), properties: { category: 'lighting', severity: 2, timesOfDay: ['evening'], description: 'Trasig lampa', ...properties } }
		});

	it('creates a finding in the area under the pin, routed to the most local responsible partner', async () => {
		const res = await create(world.tokens.walker, TANTO, { audit: { lighting: 1, feeling: 2 } });
		expect(res.status).toBe(201);
		expect(res.body).toMatchObject({
			type: 'Feature',
			geometry: { type: 'Point', coordinates: TANTO },
			properties: {
				areaId: world.place,
				areaName: 'Tantolunden',
				category: 'lighting',
				severity: 2,
				timesOfDay: ['evening'],
				status: 'new',
				responsiblePartnerId: lightingPartner,
				responsiblePartnerName: 'Trafikkontoret',
				audit: { lighting: 1, feeling: 2 },
				version: 1
			}
		});
		// A category only the district partner handles goes to the district partner.
		const hiding = await create(world.tokens.walker, TANTO, { category: 'hiding_place' });
		expect(hiding.body.properties.responsiblePartnerId).toBe(districtPartner);
		// Nobody handles litter here: no suggestion.
		const litter = await create(world.tokens.walker, TANTO, { category: 'litter' });
		expect(litter.body.properties.responsiblePartnerId).toBeNull();
	});

	it('stores the same Idempotency-Key ten times as one finding', async () => {
		const key = 'c1d7f0c2-1b2a-4a55-9d7e-3c0e5b8b6a01';
		const statuses: number[] = [];
		const ids = new Set<string>();
		for (let i = 0; i < 7; i++) {
			const res = await create(world.tokens.walker, TANTO, {}, { 'idempotency-key': key });
			statuses.push(res.status);
			ids.add(res.body.id);
		}
		// The last three race each other.
		const racing = await Promise.all([1, 2, 3].map(() => create(world.tokens.walker, TANTO, {}, { 'idempotency-key': key })));
		for (const res of racing) {
			statuses.push(res.status);
			ids.add(res.body.id);
		}
		expect(statuses.filter((s) => s === 201)).toHaveLength(1);
		expect(statuses.filter((s) => s === 200)).toHaveLength(9);
		expect(ids.size).toBe(1);
		const { count } = await db().selectFrom('findings').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
		expect(Number(count)).toBe(1);
	});

	it('refuses another user reusing someone else’s Idempotency-Key', async () => {
		await create(world.tokens.walker, TANTO, {}, { 'idempotency-key': 'shared-key' });
		const res = await create(world.tokens.coordinator, TANTO, {}, { 'idempotency-key': 'shared-key' });
		expect(res.status).toBe(409);
		expect(res.body.error.code).toBe('idempotency_key_reused');
	});

	it('re-encodes photos: GPS and camera EXIF removed, scaled to at most 1600 px, served only to those who may see the finding', async () => {
		const original = await photoWithGps();
		expect(await exifr.gps(original)).toMatchObject({ latitude: 59.3125 });
		const form = multipart(
			{ geometry: point(TANTO), properties: { category: 'lighting', severity: 3 } },
			[{ name: 'IMG_0001.jpg', type: 'image/jpeg', bytes: original }]
		);
		const res = await postForm('/api/findings', form, world.tokens.walker, { 'idempotency-key': 'photo-1' });
		expect(res.status).toBe(201);
		const [photo] = res.body.properties.photos;
		expect(photo).toMatchObject({ width: 1600, height: 1067 });
		expect(photo.byteSize).toBeLessThan(original.byteLength);

		const served = await fetch((await (await import('./harness')).app()).origin + photo.url, { headers: { authorization: `Bearer ${world.tokens.coordinator}` } });
		expect(served.status).toBe(200);
		expect(served.headers.get('content-type')).toBe('image/jpeg');
		const bytes = Buffer.from(await served.arrayBuffer());
		expect(bytes.byteLength).toBe(photo.byteSize);
		expect(await exifr.gps(bytes)).toBeUndefined();
		expect(await exifr.parse(bytes, { tiff: true, exif: true, gps: true, xmp: true, iptc: true } as never)).toBeUndefined();
		const stored = await db().selectFrom('finding_photos').select('data').executeTakeFirstOrThrow();
		expect(await exifr.parse(stored.data)).toBeUndefined();
		expect(stored.data.includes(Buffer.from('TestPhone'))).toBe(false);

		// Not for a coordinator of another district, nor for anyone anonymous.
		const outsider = await fetch((await (await import('./harness')).app()).origin + photo.url, { headers: { authorization: `Bearer ${world.tokens.outsider}` } });
		expect(outsider.status).toBe(403);
		const anonymous = await fetch((await (await import('./harness')).app()).origin + photo.url);
		expect(anonymous.status).toBe(401);
	});

	it('refuses non-images, too many photos and oversize uploads, storing nothing', async () => {
		const before = await snapshotCounts(FINDING_TABLES);
		const finding = { geometry: point(TANTO), properties: { category: 'lighting', severity: 1 } };
		const fake = await postForm('/api/findings', multipart(finding, [{ name: 'evil.jpg', type: 'image/jpeg', bytes: new TextEncoder().encode('<script>alert(1)</script>') }]), world.tokens.walker);
		expect([fake.status, fake.body.error.code]).toEqual([415, 'unsupported_image']);
		const small = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#333' } }).jpeg().toBuffer();
		const six = await postForm('/api/findings', multipart(finding, Array.from({ length: 6 }, (_, i) => ({ name: `p${i}.jpg`, type: 'image/jpeg', bytes: small }))), world.tokens.walker);
		expect([six.status, six.body.error.code]).toEqual([400, 'too_many_photos']);
		const huge = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(16 * 1024 * 1024)]);
		const big = await postForm('/api/findings', multipart(finding, [{ name: 'big.jpg', type: 'image/jpeg', bytes: huge }]), world.tokens.walker);
		expect([big.status, big.body.error.code]).toEqual([413, 'photo_too_large']);
		const broken = await postForm('/api/findings', multipart(finding, [{ name: 'cut.jpg', type: 'image/jpeg', bytes: small.subarray(0, 40) }]), world.tokens.walker);
		expect([broken.status, broken.body.error.code]).toEqual([400, 'invalid_image']);
		expect(await snapshotCounts(FINDING_TABLES)).toEqual(before);
	});

	it('suggests open findings of the same category within 25 m as possible duplicates, nearest first', async () => {
		const near = await create(world.tokens.walker, east(10));
		const nearer = await create(world.tokens.coordinator, east(4));
		await create(world.tokens.walker, east(40)); // too far
		await create(world.tokens.walker, east(5), { category: 'litter' }); // other category
		const closed = await create(world.tokens.walker, east(3));
		await api('PATCH', `/api/findings/${closed.body.id}`, { as: world.tokens.coordinator, json: { version: 1, properties: { status: 'resolved' } } });

		const res = await api('POST', '/api/findings/suggestions', { as: world.tokens.walker, json: { geometry: point(TANTO), category: 'lighting' } });
		expect(res.status).toBe(200);
		expect(res.body.area).toEqual({ id: world.place, name: 'Tantolunden' });
		expect(res.body.suggestedPartner).toEqual({ id: lightingPartner, name: 'Trafikkontoret' });
		expect(res.body.duplicates.map((d: any) => d.finding.id)).toEqual([nearer.body.id, near.body.id]);
		expect(res.body.duplicates[0].distanceM).toBeCloseTo(4, 0);
		expect(res.body.duplicates[1].distanceM).toBeCloseTo(10, 0);
		const wider = await api('POST', '/api/findings/suggestions', { as: world.tokens.walker, json: { geometry: point(TANTO), category: 'lighting', radius: 50 } });
		expect(wider.body.duplicates).toHaveLength(3);
	});

	it('counts "same problem" confirmations instead of new findings', async () => {
		const original = await create(world.tokens.walker);
		const res = await api('POST', `/api/findings/${original.body.id}/confirmations`, { as: world.tokens.coordinator, json: { comment: 'Såg samma sak' } });
		expect(res.status).toBe(201);
		expect(res.body.confirmations).toBe(1);
		const again = await api('POST', `/api/findings/${original.body.id}/confirmations`, { as: world.tokens.walker, json: {} });
		expect(again.body.confirmations).toBe(2);
		expect((await api('POST', `/api/findings/${original.body.id}/confirmations`, { as: world.tokens.viewer, json: {} })).status).toBe(403);
		const comments = await db().selectFrom('finding_comments').select(['kind', 'body']).orderBy('created_at').execute();
		expect(comments).toEqual([{ kind: 'confirm', body: 'Såg samma sak' }, { kind: 'confirm', body: '' }]);
	});

	it('runs the workflow with a history of who, when and why', async () => {
		const created = await create(world.tokens.walker, TANTO, { category: 'litter' });
		const id = created.body.id;
		const assigned = await api('PATCH', `/api/findings/${id}`, {
			as: world.tokens.coordinator,
			json: { version: 1, properties: { responsiblePartnerId: districtPartner, note: 'Polisen tar detta', followUpOn: '2030-01-15' } }
		});
		expect(assigned.status).toBe(200);
		expect(assigned.body.properties).toMatchObject({ status: 'assigned', responsiblePartnerId: districtPartner, followUpOn: '2030-01-15', version: 2 });

		const skip = await api('PATCH', `/api/findings/${id}`, { as: world.tokens.coordinator, json: { version: 2, properties: { status: 'new' } } });
		expect(skip.status).toBe(200);
		const reopenResolved = await api('PATCH', `/api/findings/${id}`, { as: world.tokens.coordinator, json: { version: 3, properties: { status: 'resolved' } } });
		expect(reopenResolved.status).toBe(200);
		const invalid = await api('PATCH', `/api/findings/${id}`, { as: world.tokens.coordinator, json: { version: 4, properties: { status: 'rejected' } } });
		expect([invalid.status, invalid.body.error.code]).toEqual([400, 'invalid_transition']);
		const reopened = await api('PATCH', `/api/findings/${id}`, { as: world.tokens.coordinator, json: { version: 4, properties: { status: 'in_progress', note: 'Tillbaka igen' } } });
		expect(reopened.status).toBe(200);
		const noReason = await api('PATCH', `/api/findings/${id}`, { as: world.tokens.coordinator, json: { version: 5, properties: { status: 'rejected' } } });
		expect([noReason.status, noReason.body.error.code]).toEqual([400, 'reason_required']);
		const rejected = await api('PATCH', `/api/findings/${id}`, { as: world.tokens.coordinator, json: { version: 5, properties: { status: 'rejected', statusReason: 'Inte på kommunens mark' } } });
		expect(rejected.body.properties).toMatchObject({ status: 'rejected', statusReason: 'Inte på kommunens mark' });
		const stale = await api('PATCH', `/api/findings/${id}`, { as: world.tokens.coordinator, json: { version: 5, properties: { status: 'new' } } });
		expect(stale.status).toBe(409);

		const full = await api('GET', `/api/findings/${id}`, { as: world.tokens.coordinator });
		expect(full.body.properties.history.map((h: any) => [h.fromStatus, h.toStatus, h.note, h.changedBy])).toEqual([
			[null, 'new', '', 'walker'],
			['new', 'assigned', 'Polisen tar detta · routed to a partner', 'coordinator'],
			['assigned', 'new', '', 'coordinator'],
			['new', 'resolved', '', 'coordinator'],
			['resolved', 'in_progress', 'Tillbaka igen', 'coordinator'],
			['in_progress', 'rejected', '', 'coordinator']
		]);
		// Partners and viewers see the history but not who made each change.
		const asViewer = await api('GET', `/api/findings/${id}`, { as: world.tokens.viewer });
		expect(asViewer.body.properties.history.every((h: any) => h.changedBy === null)).toBe(true);
	});

	it('flags overdue findings and filters on them and on re-inspection', async () => {
		const late = await create(world.tokens.walker);
		const fine = await create(world.tokens.walker);
		await api('PATCH', `/api/findings/${late.body.id}`, { as: world.tokens.coordinator, json: { version: 1, properties: { followUpOn: '2024-01-01', reinspect: true } } });
		await api('PATCH', `/api/findings/${fine.body.id}`, { as: world.tokens.coordinator, json: { version: 1, properties: { followUpOn: '2099-01-01' } } });
		const overdue = await api('GET', '/api/findings?overdue=true', { as: world.tokens.coordinator });
		expect(overdue.body.features.map((f: any) => [f.id, f.properties.overdue])).toEqual([[late.body.id, true]]);
		const reinspect = await api('GET', '/api/findings?reinspect=true', { as: world.tokens.coordinator });
		expect(reinspect.body.features.map((f: any) => f.id)).toEqual([late.body.id]);
	});

	it('filters by area, walk, category, status, severity, period, partner and bbox', async () => {
		const walk = await api('POST', '/api/walks', {
			as: world.tokens.coordinator,
			json: { properties: { areaId: world.place, title: 'Vårvandring', startsAt: '2026-04-20T18:00:00+02:00' } }
		});
		const a = await create(world.tokens.walker, TANTO, { walkId: walk.body.id, severity: 3 });
		const b = await create(world.tokens.walker, east(100), { category: 'hiding_place', severity: 1 });
		const c = await create(world.tokens.admin, [18.0649, 59.3326], { category: 'litter' }); // Sergels torg
		await db().updateTable('findings').set({ created_at: new Date('2025-06-01T12:00:00Z') }).where('id', '=', b.body.id).execute();
		const ids = async (query: string) => (await api('GET', `/api/findings?${query}`, { as: world.tokens.admin })).body.features.map((f: any) => f.id).sort();
		expect(await ids(`area=${world.district}`)).toEqual([a.body.id, b.body.id].sort());
		expect(await ids(`area=${world.otherDistrict}`)).toEqual([c.body.id]);
		expect(await ids(`walk=${walk.body.id}`)).toEqual([a.body.id]);
		expect(await ids('category=hiding_place')).toEqual([b.body.id]);
		expect(await ids('severity=3')).toEqual([a.body.id]);
		expect(await ids('from=2025-01-01&to=2025-12-31')).toEqual([b.body.id]);
		// A list is bounded: the newest first, and it says when more matched.
		const two = await api('GET', '/api/findings?limit=2', { as: world.tokens.admin });
		expect(two.body.features).toHaveLength(2);
		expect(two.body.truncated).toBe(true);
		expect(two.body.features.every((f: any) => f.id !== b.body.id)).toBe(true); // b is the oldest (2025)
		expect((await api('GET', '/api/findings?limit=3', { as: world.tokens.admin })).body.truncated).toBeUndefined();
		expect((await api('GET', '/api/findings?limit=0', { as: world.tokens.admin })).status).toBe(400);
		expect((await api('GET', '/api/findings?limit=50001', { as: world.tokens.admin })).status).toBe(400);
		expect(await ids(`partner=${districtPartner}`)).toEqual([b.body.id]);
		expect(await ids('bbox=18.06,59.33,18.07,59.335')).toEqual([c.body.id]);
		await api('PATCH', `/api/findings/${a.body.id}`, { as: world.tokens.coordinator, json: { version: 1, properties: { status: 'in_progress' } } });
		expect(await ids('status=in_progress,resolved')).toEqual([a.body.id]);
	});

	describe('permissions', () => {
		it('walkers edit their own findings while new, nothing else', async () => {
			const own = await create(world.tokens.walker);
			const other = await create(world.tokens.coordinator);
			expect((await api('PATCH', `/api/findings/${own.body.id}`, { as: world.tokens.walker, json: { version: 1, properties: { description: 'Två lampor' } } })).status).toBe(200);
			expect((await api('PATCH', `/api/findings/${other.body.id}`, { as: world.tokens.walker, json: { version: 1, properties: { description: 'x' } } })).status).toBe(403);
			expect((await api('PATCH', `/api/findings/${own.body.id}`, { as: world.tokens.walker, json: { version: 2, properties: { status: 'resolved' } } })).status).toBe(403);
			await api('PATCH', `/api/findings/${own.body.id}`, { as: world.tokens.coordinator, json: { version: 2, properties: { status: 'assigned' } } });
			expect((await api('PATCH', `/api/findings/${own.body.id}`, { as: world.tokens.walker, json: { version: 3, properties: { description: 'y' } } })).status).toBe(403);
			expect((await api('DELETE', `/api/findings/${own.body.id}`, { as: world.tokens.walker })).status).toBe(403);
		});

		it('partners see and move only findings routed to them; the reporter stays hidden', async () => {
			const routed = await create(world.tokens.walker, TANTO, { category: 'hiding_place' }); // → police
			const notRouted = await create(world.tokens.walker, TANTO, { category: 'lighting' }); // → Trafikkontoret
			const list = await api('GET', '/api/findings', { as: world.tokens.partner });
			expect(list.body.features.map((f: any) => f.id)).toEqual([routed.body.id]);
			expect(list.body.features[0].properties.reporter).toBeNull();
			expect((await api('GET', `/api/findings/${notRouted.body.id}`, { as: world.tokens.partner })).status).toBe(403);
			const moved = await api('PATCH', `/api/findings/${routed.body.id}`, { as: world.tokens.partner, json: { version: 1, properties: { status: 'in_progress', note: 'Patrull beställd' } } });
			expect(moved.status).toBe(200);
			expect((await api('PATCH', `/api/findings/${routed.body.id}`, { as: world.tokens.partner, json: { version: 2, properties: { description: 'x' } } })).status).toBe(403);
			expect((await api('PATCH', `/api/findings/${notRouted.body.id}`, { as: world.tokens.partner, json: { version: 1, properties: { status: 'in_progress' } } })).status).toBe(403);
			expect((await create(world.tokens.partner)).status).toBe(403);
		});

		it('viewers read without the reporter; coordinators see who reported; other districts and anonymous callers see nothing', async () => {
			const f = await create(world.tokens.walker);
			const asViewer = await api('GET', `/api/findings/${f.body.id}`, { as: world.tokens.viewer });
			expect(asViewer.status).toBe(200);
			expect(asViewer.body.properties.reporter).toBeNull();
			const asCoordinator = await api('GET', `/api/findings/${f.body.id}`, { as: world.tokens.coordinator });
			expect(asCoordinator.body.properties.reporter).toEqual({ id: world.users.walker, name: 'walker' });
			expect((await api('PATCH', `/api/findings/${f.body.id}`, { as: world.tokens.viewer, json: { version: 1, properties: { severity: 1 } } })).status).toBe(403);
			expect((await create(world.tokens.viewer)).status).toBe(403);
			expect((await api('GET', '/api/findings', { as: world.tokens.outsider })).body.features).toEqual([]);
			expect((await api('GET', `/api/findings/${f.body.id}`, { as: world.tokens.outsider })).status).toBe(403);
			expect((await create(world.tokens.outsider)).status).toBe(403);
			expect((await api('GET', '/api/findings')).status).toBe(401);
			expect((await api('POST', '/api/findings', { json: {} })).status).toBe(401);
		});

		it('coordinators and admins delete, keeping the record in the audit log', async () => {
			const f = await create(world.tokens.walker);
			expect((await api('DELETE', `/api/findings/${f.body.id}`, { as: world.tokens.coordinator })).status).toBe(204);
			const audit = await db().selectFrom('audit_log').select(['action', 'before']).where('entity_id', '=', f.body.id).orderBy('id').execute();
			expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);
			expect(audit[1].before).toMatchObject({ properties: { description: 'Trasig lampa' } });
		});
	});

	it('exports the filtered set as CSV (Swedish Excel dialect by default) and GeoJSON', async () => {
		await create(world.tokens.walker, east(10), { description: 'Mörkt; farligt' });
		await create(world.tokens.walker, east(20), { category: 'litter' });
		const { origin } = await (await import('./harness')).app();
		const csv = await fetch(`${origin}/api/export/findings.csv?category=lighting`, { headers: { authorization: `Bearer ${world.tokens.coordinator}` } });
		expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
		const bytes = Buffer.from(await csv.arrayBuffer());
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM, so Excel reads å, ä, ö
		const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
		expect(lines).toHaveLength(2);
		expect(lines[0].split(';').slice(0, 4)).toEqual(['id', 'area', 'walk_id', 'category']);
		expect(lines[1]).toContain('"Mörkt; farligt"');
		expect(lines[1]).toMatch(/;18,04[0-9]+;59,3125;/);
		const plainBytes = Buffer.from(await (await fetch(`${origin}/api/export/findings.csv?dialect=rfc4180`, { headers: { authorization: `Bearer ${world.tokens.coordinator}` } })).arrayBuffer());
		expect(plainBytes[0]).toBe('i'.charCodeAt(0));
		const plain = plainBytes.toString('utf8');
		expect(plain.split('\r\n')[0]).toMatch(/^id,area,walk_id,category/);
		expect(plain).toMatch(/,18\.04[0-9]+,59\.3125,/);
		const geojson = await fetch(`${origin}/api/export/findings.geojson?category=litter`, { headers: { authorization: `Bearer ${world.tokens.coordinator}` } });
		expect(geojson.headers.get('content-type')).toMatch(/application\/geo\+json/);
		expect((await geojson.json()).features).toHaveLength(1);
		expect((await fetch(`${origin}/api/export/findings.csv`)).status).toBe(401);
	});
});

describe('bad findings input gets a 4xx and stores nothing', () => {
	let world: World;
	beforeEach(async () => {
		await resetDatabase();
		world = await seedWorld();
	});

	const cases: [string, unknown, number, string][] = [
		['missing geometry', { properties: { category: 'lighting', severity: 1 } }, 400, 'invalid_geometry'],
		['self-intersecting area', { geometry: { type: 'Polygon', coordinates: [[[18.044, 59.312], [18.047, 59.313], [18.047, 59.312], [18.044, 59.313], [18.044, 59.312]]] }, properties: { category: 'lighting', severity: 1 } }, 400, 'invalid_geometry'],
		['a line with one position', { geometry: { type: 'LineString', coordinates: [[18.0455, 59.3125]] }, properties: { category: 'lighting', severity: 1 } }, 400, 'invalid_geometry'],
		['outside the service area (swapped)', { geometry: point([59.3125, 18.0455]), properties: { category: 'lighting', severity: 1 } }, 400, 'outside_service_area'],
		['outside every area', { geometry: point([18.2, 59.4]), properties: { category: 'lighting', severity: 1 } }, 400, 'outside_areas'],
		['wrong geometry type', { geometry: { type: 'MultiPoint', coordinates: [[18.0455, 59.3125]] }, properties: { category: 'lighting', severity: 1 } }, 400, 'wrong_geometry_type'],
		['unknown category', { geometry: point(TANTO), properties: { category: 'noise', severity: 1 } }, 400, 'validation_failed'],
		['severity out of range', { geometry: point(TANTO), properties: { category: 'lighting', severity: 4 } }, 400, 'validation_failed'],
		['audit score out of range', { geometry: point(TANTO), properties: { category: 'lighting', severity: 1, audit: { lighting: 6 } } }, 400, 'validation_failed'],
		['unknown walk', { geometry: point(TANTO), properties: { category: 'lighting', severity: 1, walkId: '00000000-0000-4000-8000-000000000000' } }, 400, 'unknown_reference'],
		['unknown partner', { geometry: point(TANTO), properties: { category: 'lighting', severity: 1, responsiblePartnerId: '00000000-0000-4000-8000-000000000000' } }, 400, 'unknown_reference']
	];
	for (const [name, body, status, code] of cases) {
		it(name, async () => {
			const before = await snapshotCounts(FINDING_TABLES);
			const res = await api('POST', '/api/findings', { as: world.tokens.walker, json: body });
			expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
			expect(await snapshotCounts(FINDING_TABLES)).toEqual(before);
		});
	}
});
