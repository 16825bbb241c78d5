/**
 * POST /api/findings as one statement (issue 11, "Fast writes"): what it stores besides the
 * finding (history, audit row, photos), racing retries, and that every refusal still
 * comes, in its old order, with nothing stored.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { api, app, db, resetDatabase, seedWorld, snapshotCounts, type World } from './harness';

const TANTO: [number, number] = [18.0455, 59.3125];
const SERGELS: [number, number] = [18.0649, 59.3326];
const TABLES = ['findings', 'finding_photos', 'finding_audits', 'finding_status_history', 'audit_log'];

const finding = (coordinates: [number, number] = TANTO, properties: Record<string, unknown> = {}) => ({
	type: 'Feature',
	geometry: { type: 'Point', coordinates },
	properties: { category: 'lighting', severity: 2, timesOfDay: ['evening', 'night'], description: 'Trasig lampa', ...properties }
});

async function postForm(form: FormData, headers: Record<string, string>) {
	const { origin } = await app();
	const res = await fetch(origin + '/api/findings', { method: 'POST', body: form, headers: { origin, ...headers } });
	return { status: res.status, body: await res.json() };
}

function guestCookie(res: { headers: Headers }): string {
	return res.headers.get('set-cookie')!.split(';')[0];
}

describe('POST /api/findings writes everything in one statement', () => {
	let world: World;
	let partner: string;

	beforeEach(async () => {
		await resetDatabase();
		world = await seedWorld();
		const created = await api('POST', '/api/partners', {
			as: world.tokens.admin,
			json: { properties: { name: 'Trafikkontoret', kind: 'municipal', categories: ['lighting'], areaIds: [world.place] } }
		});
		partner = created.body.id;
	});

	it('answers with the finding as stored, the same as reading it back, and logs that finding with its first status', async () => {
		const res = await api('POST', '/api/findings', {
			as: world.tokens.coordinator,
			json: finding(TANTO, { audit: { lighting: 1, securityPresence: 2, feeling: 3 }, proposedTerm: 'short', followUpOn: '2024-01-01' }),
			headers: { 'idempotency-key': 'stored-1' }
		});
		expect(res.status).toBe(201);
		expect(res.headers.get('location')).toBe(`/api/findings/${res.body.id}`);
		expect(res.body.properties).toMatchObject({
			areaId: world.place,
			areaName: 'Tantolunden',
			responsiblePartnerId: partner,
			responsiblePartnerName: 'Trafikkontoret',
			timesOfDay: ['evening', 'night'],
			audit: { lighting: 1, securityPresence: 2, feeling: 3 },
			overdue: true,
			reporter: { id: world.users.coordinator, name: 'coordinator' },
			photos: [],
			version: 1,
			history: [{ fromStatus: null, toStatus: 'new', note: '', changedBy: 'coordinator' }]
		});
		expect(res.body.properties.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

		// One projection: what the write answered is what a read answers.
		const read = await api('GET', `/api/findings/${res.body.id}`, { as: world.tokens.coordinator });
		expect(res.body).toEqual(read.body);

		const audit = await db().selectFrom('audit_log').selectAll().where('entity', '=', 'finding').execute();
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({ action: 'create', entity_id: res.body.id, actor_id: world.users.coordinator, actor_label: 'coordinator@test.example', before: null });
		expect(audit[0].request_id).toBe(res.headers.get('x-request-id'));
		expect(audit[0].after).toEqual(res.body);

		const history = await db().selectFrom('finding_status_history').select(['finding_id', 'from_status', 'to_status', 'changed_by']).execute();
		expect(history).toEqual([{ finding_id: res.body.id, from_status: null, to_status: 'new', changed_by: world.users.coordinator }]);
		const scores = await db().selectFrom('finding_audits').selectAll().executeTakeFirstOrThrow();
		expect(scores).toMatchObject({ lighting: 1, security_presence: 2, feeling: 3, openness: null });
	});

	it('shows a walker neither the reporter nor who changed the status, in the answer and in the log alike', async () => {
		const res = await api('POST', '/api/findings', { as: world.tokens.walker, json: finding() });
		expect(res.status).toBe(201);
		expect(res.body.properties.reporter).toBeNull();
		expect(res.body.properties.audit).toBeNull();
		expect(res.body.properties.history).toEqual([expect.objectContaining({ toStatus: 'new', changedBy: null })]);
		expect(res.body).toEqual((await api('GET', `/api/findings/${res.body.id}`, { as: world.tokens.walker })).body);
		const audit = await db().selectFrom('audit_log').select(['after', 'actor_label']).where('entity', '=', 'finding').executeTakeFirstOrThrow();
		expect(audit).toEqual({ after: res.body, actor_label: 'walker@test.example' });
		// The reporter is stored, just not shown to a walker.
		const asCoordinator = await api('GET', `/api/findings/${res.body.id}`, { as: world.tokens.coordinator });
		expect(asCoordinator.body.properties.reporter).toEqual({ id: world.users.walker, name: 'walker' });
	});

	it('stores the photos of a multipart submission in the same write, and lists them in the audit row', async () => {
		const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#345' } }).jpeg().toBuffer();
		const form = new FormData();
		form.set('finding', JSON.stringify(finding()));
		for (const name of ['a.jpg', 'b.jpg']) form.append('photos', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), name);
		const res = await postForm(form, { authorization: `Bearer ${world.tokens.walker}`, 'idempotency-key': 'with-photos' });
		expect(res.status).toBe(201);
		expect(res.body.properties.photos).toHaveLength(2);
		for (const photo of res.body.properties.photos) {
			expect(photo).toMatchObject({ width: 40, height: 30, url: `/api/findings/${res.body.id}/photos/${photo.id}` });
			expect(photo.byteSize).toBeGreaterThan(0);
		}
		expect(res.body).toEqual((await api('GET', `/api/findings/${res.body.id}`, { as: world.tokens.walker })).body);
		const audit = await db().selectFrom('audit_log').select('after').where('entity', '=', 'finding').execute();
		expect(audit.map((a) => a.after)).toEqual([res.body]);
		expect(await snapshotCounts(TABLES)).toMatchObject({ findings: 1, finding_photos: 2, finding_status_history: 1 });
	});

	it('stores eight racing copies of one submission once: one finding, one history entry, one audit row', async () => {
		const copies = await Promise.all(
			Array.from({ length: 8 }, () => api('POST', '/api/findings', { as: world.tokens.walker, json: finding(), headers: { 'idempotency-key': 'racing-8' } }))
		);
		expect(copies.map((c) => c.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
		expect(new Set(copies.map((c) => c.body.id)).size).toBe(1);
		// The partner made in beforeEach has the other audit row.
		expect(await snapshotCounts(TABLES)).toEqual({ findings: 1, finding_photos: 0, finding_audits: 0, finding_status_history: 1, audit_log: 2 });
		expect(await db().selectFrom('audit_log').select('entity_id').where('entity', '=', 'finding').execute()).toEqual([{ entity_id: copies[0].body.id }]);
	});

	it('refuses racing copies sent under someone else’s key, storing only the winner', async () => {
		const copies = await Promise.all(
			[world.tokens.walker, world.tokens.coordinator, world.tokens.walker, world.tokens.coordinator, world.tokens.walker, world.tokens.coordinator].map((as) =>
				api('POST', '/api/findings', { as, json: finding(), headers: { 'idempotency-key': 'contested' } })
			)
		);
		const stored = await db().selectFrom('findings').select('reported_by').execute();
		expect(stored).toHaveLength(1);
		const winner = stored[0].reported_by === world.users.walker ? world.tokens.walker : world.tokens.coordinator;
		const byWinner = copies.filter((_, i) => (i % 2 === 0 ? world.tokens.walker : world.tokens.coordinator) === winner);
		const byOther = copies.filter((_, i) => (i % 2 === 0 ? world.tokens.walker : world.tokens.coordinator) !== winner);
		expect(byWinner.map((c) => c.status).sort()).toEqual([200, 200, 201]);
		expect(byOther.map((c) => [c.status, c.body.error?.code])).toEqual(Array(3).fill([409, 'idempotency_key_reused']));
	});

	it('answers a retry with the stored finding even when its body no longer passes, and a multipart retry before decoding its photos', async () => {
		const first = await api('POST', '/api/findings', { as: world.tokens.walker, json: finding(), headers: { 'idempotency-key': 'retry-1' } });
		expect(first.status).toBe(201);
		const before = await snapshotCounts(TABLES);
		const changed = await api('POST', '/api/findings', { as: world.tokens.walker, json: finding(TANTO, { severity: 9 }), headers: { 'idempotency-key': 'retry-1' } });
		expect([changed.status, changed.body.id]).toEqual([200, first.body.id]);
		const form = new FormData();
		form.set('finding', JSON.stringify(finding()));
		form.append('photos', new Blob([new TextEncoder().encode('not an image')], { type: 'image/jpeg' }), 'x.jpg');
		const multipart = await postForm(form, { authorization: `Bearer ${world.tokens.walker}`, 'idempotency-key': 'retry-1' });
		expect([multipart.status, multipart.body.id]).toEqual([200, first.body.id]);
		// Without the key the same bad body is refused.
		const fresh = await api('POST', '/api/findings', { as: world.tokens.walker, json: finding(TANTO, { severity: 9 }) });
		expect([fresh.status, fresh.body.error.code]).toEqual([400, 'validation_failed']);
		expect(await snapshotCounts(TABLES)).toEqual(before);
	});

	it('refuses in the order the checks were always made, storing nothing', async () => {
		const walk = await api('POST', '/api/walks', { as: world.tokens.coordinator, json: { properties: { areaId: world.place, title: 'Vandring', startsAt: '2030-05-14T18:00:00+02:00' } } });
		const unknownWalk = '00000000-0000-4000-8000-000000000000';
		const bowtie = { type: 'Polygon', coordinates: [[[18.044, 59.312], [18.047, 59.313], [18.047, 59.312], [18.044, 59.313], [18.044, 59.312]]] };
		const cases: [string, string, unknown, number, string, unknown?][] = [
			['invalid geometry before an unknown walk', 'walker', { ...finding(TANTO, { walkId: unknownWalk }), geometry: bowtie }, 400, 'invalid_geometry'],
			['an unknown walk before the area', 'walker', finding([18.2, 59.4], { walkId: unknownWalk }), 400, 'unknown_reference', { field: 'walkId' }],
			['outside every area', 'walker', finding([18.2, 59.4]), 400, 'outside_areas'],
			['outside the area given', 'walker', finding(TANTO, { areaId: world.otherPlace }), 400, 'outside_area', { field: 'areaId' }],
			['the area before the role', 'outsider', finding(TANTO, { areaId: world.otherPlace }), 400, 'outside_area'],
			['no role in the area under the pin', 'walker', finding(SERGELS), 403, 'forbidden'],
			['no reporting role', 'viewer', finding(), 403, 'forbidden'],
			['the role before the partner', 'outsider', finding(TANTO, { responsiblePartnerId: unknownWalk }), 403, 'forbidden'],
			['an unknown partner', 'walker', finding(TANTO, { responsiblePartnerId: unknownWalk }), 400, 'unknown_reference', { field: 'responsiblePartnerId' }]
		];
		const before = await snapshotCounts(TABLES);
		for (const [name, who, body, status, code, details] of cases) {
			const res = await api('POST', '/api/findings', { as: world.tokens[who as keyof World['tokens']], json: body, headers: { 'idempotency-key': `refused-${name}` } });
			expect({ name, status: res.status, code: res.body.error?.code }).toEqual({ name, status, code });
			if (details) expect(res.body.error.details).toMatchObject(details as object);
		}
		expect(await snapshotCounts(TABLES)).toEqual(before);
		// The walk's area when the pin is under none — but only within the edge tolerance of it
		// (issue 12: a pin far outside every area is refused, not filed under the walk's area).
		const far = await api('POST', '/api/findings', { as: world.tokens.walker, json: finding([18.2, 59.4], { walkId: walk.body.id }) });
		expect([far.status, far.body.error.code]).toEqual([400, 'outside_area']);
		expect(await snapshotCounts(TABLES)).toEqual(before);
	});

	describe('guests', () => {
		let walkId: string;
		let cookie: string;
		beforeEach(async () => {
			const walk = await api('POST', '/api/walks', { as: world.tokens.coordinator, json: { properties: { areaId: world.place, title: 'Trygghetsvandring', startsAt: '2030-05-14T18:00:00+02:00' } } });
			walkId = walk.body.id;
			const issued = await api('POST', `/api/walks/${walkId}/join-code`, { as: world.tokens.coordinator });
			cookie = guestCookie(await api('POST', '/api/join', { json: { code: issued.body.code, name: 'Anna' } }));
		});

		it('pin on their own walk only, logged under the guest’s name', async () => {
			const other = await api('POST', '/api/walks', { as: world.tokens.coordinator, json: { properties: { areaId: world.place, title: 'Annan', startsAt: '2030-06-01T18:00:00+02:00' } } });
			const before = await snapshotCounts(TABLES);
			const elsewhere = await api('POST', '/api/findings', { cookie, json: finding(TANTO, { walkId: other.body.id }), headers: { 'idempotency-key': 'guest-elsewhere' } });
			expect([elsewhere.status, elsewhere.body.error.code]).toEqual([403, 'forbidden']);
			expect(await snapshotCounts(TABLES)).toEqual(before);

			const pinned = await api('POST', '/api/findings', { cookie, json: finding(), headers: { 'idempotency-key': 'guest-1' } });
			expect(pinned.status).toBe(201);
			expect(pinned.body.properties).toMatchObject({ walkId, areaId: world.place, reporter: null, responsiblePartnerId: partner });
			const audit = await db().selectFrom('audit_log').select(['actor_id', 'actor_label', 'after']).where('entity', '=', 'finding').executeTakeFirstOrThrow();
			expect(audit).toMatchObject({ actor_id: null, actor_label: 'guest:Anna' });
			expect(audit.after).toEqual(pinned.body);
			const history = await db().selectFrom('finding_status_history').select(['to_status', 'changed_by']).execute();
			expect(history).toEqual([{ to_status: 'new', changed_by: null }]);
		});

		it('replay their own submissions; another guest cannot use the same key', async () => {
			const first = await api('POST', '/api/findings', { cookie, json: finding(), headers: { 'idempotency-key': 'guest-key' } });
			const again = await api('POST', '/api/findings', { cookie, json: finding(), headers: { 'idempotency-key': 'guest-key' } });
			expect([first.status, again.status, again.body.id]).toEqual([201, 200, first.body.id]);
			const issued = await api('POST', `/api/walks/${walkId}/join-code`, { as: world.tokens.coordinator });
			const otherGuest = guestCookie(await api('POST', '/api/join', { json: { code: issued.body.code, name: 'Bo' } }));
			const stolen = await api('POST', '/api/findings', { cookie: otherGuest, json: finding(), headers: { 'idempotency-key': 'guest-key' } });
			expect([stolen.status, stolen.body.error.code]).toEqual([409, 'idempotency_key_reused']);
			const walker = await api('POST', '/api/findings', { as: world.tokens.walker, json: finding(), headers: { 'idempotency-key': 'guest-key' } });
			expect(walker.status).toBe(409);
			expect(await snapshotCounts(['findings'])).toEqual({ findings: 1 });
		});
	});
});
