/**
 * Loads the shipped reference data (geodata/areas.geojson, geodata/partners.json), the
 * demo accounts and the deterministic synthetic demo set into a migrated database.
 * A system operation: it bypasses the role checks and writes one audit entry.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Insertable, type Transaction } from 'kysely';
import type { Database, DB } from '../db';
import { fromGeoJSON, fromGeoJSONMulti } from '../db/postgis';
import { hashPassword } from '../auth/password';
import { recordAudit } from '../audit';
import type { Actor, Role } from '$lib/users/user';
import type { Polygon } from '$lib/geometry/geojson';
import { AUDIT_KEYS, type AuditKey, type AuditScores } from '$lib/findings/finding';
import { programmeCreateSchema } from '$lib/programmes/programme';
import { createProgramme } from '$lib/programmes/programmes.server';
import { walkCreateSchema } from '$lib/walks/walk';
import { createWalk } from '$lib/walks/walks.server';
import { measureCreateSchema } from '$lib/measures/measure';
import { createMeasure } from '$lib/measures/measures.server';
import { eventCreateSchema } from '$lib/events/event';
import { createEvent } from '$lib/events/events.server';
import { incidentContentHash } from '$lib/incidents/content-hash.server';
import type { RequestContext } from '../api/context';
import { generateDemo } from './generate';
import { loadPlans } from './plans';
import { zoneProblemColumns } from '$lib/zones/zones.server';
import type { DemoAreaInput } from './types';
import { partnerCreateSchema } from '$lib/partners/partner';
import { createPartner, refreshSearch } from '$lib/partners/partners.server';
import { compassSetupCreateSchema } from '$lib/partners/directory';
import { createSetup } from '$lib/partners/setups.server';
import { statsMonth } from '$lib/partners/compass.server';

interface AreaSeed {
	type: 'Feature';
	geometry: Polygon;
	properties: { slug: string; name: string; kind: 'district' | 'place'; parent: string | null; description: string };
}

interface PartnerSeed {
	slug: string;
	name: string;
	kind: string;
	description: string;
	contact: { name: string; email: string; phone: string; website: string };
	categories: string[];
	areas: string[];
	serviceLocations: { name: string; address: string; lon: number; lat: number; openingHours: string }[];
}

export interface DemoAccount {
	email: string;
	role: Role;
	password: string;
	label: string;
}

/** The demo logins, printed at start in embedded mode. Synthetic and documented in the README. */
export const DEMO_PASSWORD = 'lykta-demo-2023';
export const DEMO_ACCOUNTS: DemoAccount[] = [
	{ email: 'admin@lykta.example', role: 'admin', password: DEMO_PASSWORD, label: 'Administratör (alla områden)' },
	{ email: 'samordnare@lykta.example', role: 'coordinator', password: DEMO_PASSWORD, label: 'Samordnare, Södermalm' },
	{ email: 'vandrare@lykta.example', role: 'walker', password: DEMO_PASSWORD, label: 'Trygghetsvandrare, Södermalm' },
	{ email: 'partner@lykta.example', role: 'partner', password: DEMO_PASSWORD, label: 'Partner (Polisen), Södermalm' },
	{ email: 'lasare@lykta.example', role: 'viewer', password: DEMO_PASSWORD, label: 'Läsare (alla områden)' }
];

export function geodataDir(): string {
	return process.env.LYKTA_GEODATA_DIR ?? join(process.cwd(), 'geodata');
}

function readJson<T>(file: string): T {
	return JSON.parse(readFileSync(join(geodataDir(), file), 'utf8')) as T;
}

/** Creates the tenant row if it is missing (every row references it). */
export async function ensureTenant(db: Database | Transaction<DB>, id: string, name: string): Promise<void> {
	await db.insertInto('tenants').values({ id, name }).onConflict((oc) => oc.column('id').doNothing()).execute();
}

type Ids = Map<string, string>;

async function loadAreas(trx: Transaction<DB>, tenant: string, seeds: AreaSeed[]): Promise<Ids> {
	const ids: Ids = new Map();
	// Parents before children, so parent ids are known.
	const ordered = [...seeds].sort((a, b) => Number(a.properties.parent !== null) - Number(b.properties.parent !== null));
	for (const { properties: p, geometry } of ordered) {
		const row = await trx
			.insertInto('areas')
			.values({
				tenant_id: tenant,
				slug: p.slug,
				name: p.name,
				kind: p.kind,
				parent_id: p.parent ? (ids.get(p.parent) ?? null) : null,
				description: p.description,
				geom: fromGeoJSONMulti(geometry)
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		ids.set(p.slug, row.id);
	}
	return ids;
}

async function loadPartners(trx: Transaction<DB>, tenant: string, seeds: PartnerSeed[], areas: Ids): Promise<Ids> {
	const ids: Ids = new Map();
	for (const p of seeds) {
		const { id } = await trx
			.insertInto('partners')
			.values({
				tenant_id: tenant,
				slug: p.slug,
				name: p.name,
				kind: p.kind,
				description: p.description,
				contact_name: p.contact.name,
				email: p.contact.email,
				phone: p.contact.phone,
				website: p.contact.website
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		ids.set(p.slug, id);
		const areaIds = p.areas.map((slug) => areas.get(slug)).filter((x): x is string => !!x);
		if (areaIds.length)
			await trx.insertInto('partner_areas').values(areaIds.map((area_id) => ({ tenant_id: tenant, partner_id: id, area_id }))).execute();
		if (p.categories.length)
			await trx
				.insertInto('partner_responsibilities')
				.values(p.categories.map((category) => ({ tenant_id: tenant, partner_id: id, category })))
				.execute();
		for (const l of p.serviceLocations)
			await trx
				.insertInto('partner_service_locations')
				.values({
					tenant_id: tenant,
					partner_id: id,
					name: l.name,
					address: l.address,
					opening_hours: l.openingHours,
					geom: fromGeoJSON({ type: 'Point', coordinates: [l.lon, l.lat] })
				})
				.execute();
	}
	return ids;
}

/**
 * Half a year of compass statistics for the demo's charts: counters as the compass writes them
 * (area, month, metric, subject), more at night and in winter, made up but plausible.
 */
async function loadCompassStats(trx: Transaction<DB>, tenant: string, areaId: string, partners: [string, string][]) {
	const needs = ['shelter', 'youth_at_risk', 'addiction', 'mental_health', 'food', 'health_care', 'violence_support', 'legal'];
	const weight = [34, 21, 18, 12, 15, 9, 6, 3];
	const chosen = partners.filter(([slug]) => /harbarget|ungdomsjouren|sprututbytet|dagcenter|socialjouren|vardbussen/.test(slug));
	const rows: Insertable<DB['compass_stats']>[] = [];
	const [year, thisMonth] = statsMonth(Date.now()).split('-').map(Number) as [number, number];
	for (let back = 5; back >= 0; back--) {
		const m = thisMonth - 1 - back;
		const month = `${year + Math.floor(m / 12)}-${String(((m % 12) + 12) % 12 + 1).padStart(2, '0')}-01`;
		const season = 1 + (['11', '12', '01', '02'].includes(month.slice(5, 7)) ? 0.4 : 0);
		needs.forEach((need, i) => {
			const count = Math.max(1, Math.round(weight[i]! * season * (1 + ((back * 7 + i * 3) % 5) / 10)));
			rows.push({ tenant_id: tenant, area_id: areaId, month, metric: 'search', subject: `need:${need}`, count });
			// Legal advice in the evening is the gap the demo's reports point at.
			const misses = need === 'legal' ? Math.ceil(count * 0.6) : need === 'youth_at_risk' ? Math.round(count * 0.15) : 0;
			if (misses > 0) rows.push({ tenant_id: tenant, area_id: areaId, month, metric: 'no_match', subject: `need:${need}`, count: misses });
		});
		chosen.forEach(([, id], i) => rows.push({ tenant_id: tenant, area_id: areaId, month, metric: 'choice', subject: id, count: 3 + ((back + i * 5) % 11) }));
	}
	if (rows.length) await trx.insertInto('compass_stats').values(rows).execute();
}

/** Creates or updates a local account and (re)grants it one role; returns the user id. */
export async function upsertAccount(
	db: Database | Transaction<DB>,
	tenant: string,
	account: { email: string; password: string; displayName: string; role: Role; areaId: string | null; incidents: boolean; partnerId?: string | null }
): Promise<string> {
	const password_hash = await hashPassword(account.password);
	const { id } = await db
		.insertInto('users')
		.values({
			tenant_id: tenant,
			email: account.email.toLowerCase(),
			display_name: account.displayName,
			password_hash,
			partner_id: account.partnerId ?? null
		})
		.onConflict((oc) => oc.columns(['tenant_id', 'email']).doUpdateSet({ password_hash, disabled_at: null }))
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('area_roles')
		.values({ tenant_id: tenant, user_id: id, area_id: account.areaId, role: account.role, incidents: account.incidents })
		.onConflict((oc) => oc.doNothing())
		.execute();
	return id;
}

const stamp = (iso: string) => new Date(iso);

/**
 * Audit scores as finding_audits columns: each of the domain's audit keys in the table's
 * snake_case (securityPresence → security_presence). (The findings module's own score writer
 * takes this over once it is exported.)
 */
function auditColumns(audit: AuditScores): Partial<Insertable<DB['finding_audits']>> {
	const column = (key: AuditKey) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) as keyof DB['finding_audits'];
	return Object.fromEntries(AUDIT_KEYS.filter((key) => audit[key] !== undefined).map((key) => [column(key), audit[key]!]));
}
const followUp = (iso: string) => new Date(new Date(iso).getTime() + 90 * 86_400_000).toISOString().slice(0, 10);

/** Loads everything; the database must be migrated and hold no areas yet. */
export async function loadDemo(db: Database, tenant: string, tenantName: string): Promise<{ counts: Record<string, number> }> {
	const areaSeeds = readJson<{ features: AreaSeed[] }>('areas.geojson').features;
	const partnerSeeds = readJson<PartnerSeed[]>('partners.json');
	const demo = generateDemo(
		areaSeeds.map<DemoAreaInput>((f) => ({
			slug: f.properties.slug,
			kind: f.properties.kind,
			polygon: f.geometry.coordinates as [number, number][][]
		}))
	);

	return db.transaction().execute(async (trx) => {
		await ensureTenant(trx, tenant, tenantName);
		const areas = await loadAreas(trx, tenant, areaSeeds);
		const partners = await loadPartners(trx, tenant, partnerSeeds, areas);
		const area = (slug: string) => {
			const id = areas.get(slug);
			if (!id) throw new Error(`Demo data refers to unknown area ${slug}`);
			return id;
		};
		const partner = (slug: string | null | undefined) => (slug ? (partners.get(slug) ?? null) : null);

		const users = new Map<Role, string>();
		for (const account of DEMO_ACCOUNTS) {
			const scoped = account.role !== 'admin' && account.role !== 'viewer';
			users.set(
				account.role,
				await upsertAccount(trx, tenant, {
					email: account.email,
					password: account.password,
					displayName: account.label,
					role: account.role,
					areaId: scoped ? area('sodermalm') : null,
					incidents: account.role === 'admin' || account.role === 'coordinator',
					partnerId: account.role === 'partner' ? partner('polisen-lpo-sodermalm') : null
				})
			);
		}
		const coordinator = users.get('coordinator')!;
		const walker = users.get('walker')!;
		// Programmes, walks, measures and events go in the way the API puts them in: validated
		// by the domain's schema and written by its create functions (with their audit rows),
		// the loader acting as the administrator.
		const admin = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;
		const actor: Actor = {
			id: users.get('admin')!,
			email: admin.email,
			displayName: admin.label,
			partnerId: null,
			locale: 'sv',
			roles: [{ areaId: null, role: 'admin', incidents: true }]
		};
		const ctx: RequestContext = { tenant, actor, guest: null, requestId: 'demo' };

		const programmes = new Map<string, string>();
		for (const p of demo.programmes) {
			const created = await createProgramme(
				trx,
				ctx,
				programmeCreateSchema.parse({
					properties: {
						name: p.name,
						slug: p.slug,
						description: p.description,
						areaIds: p.areaSlugs.map(area),
						startsOn: p.startsOn,
						endsOn: p.endsOn,
						intensiveFrom: p.intensiveFrom,
						intensiveTo: p.intensiveTo,
						budgetCapSek: p.budgetCapSek,
						budgetLines: p.budgetLines
					}
				})
			);
			const id = created.id;
			programmes.set(p.slug, id);
		}
		// The plans (goals, risks, groups, themes, activities…) through their own write path.
		const plans = await loadPlans(trx, ctx, demo.programmes, programmes, area, (slug) => areas.has(slug), partner);

		const walks = new Map<string, string>();
		for (const w of demo.walks) {
			const created = await createWalk(
				trx,
				ctx,
				walkCreateSchema.parse({
					geometry: w.route,
					properties: {
						areaId: area(w.areaSlug),
						kind: w.kind,
						title: w.title,
						startsAt: w.startsAt,
						endsAt: w.endsAt,
						organiserPartnerId: partner(w.organiserPartnerSlug),
						organiserName: w.organiser,
						activityId: plans.activityFor('walks', w.areaSlug),
						participantCount: w.participantCount,
						participantKinds: w.participantKinds,
						usesAudit: true
					}
				})
			);
			walks.set(w.slug, created.id);
		}

		const findings = new Map<string, string>();
		for (const f of demo.findings) {
			const { id } = await trx
				.insertInto('findings')
				.values({
					tenant_id: tenant,
					area_id: area(f.areaSlug),
					walk_id: f.walkSlug ? (walks.get(f.walkSlug) ?? null) : null,
					category: f.category,
					severity: f.severity,
					description: f.description,
					times_of_day: f.timeOfDay,
					proposed_measure: f.proposedMeasure,
					responsible_partner_id: partner(f.responsiblePartnerSlug),
					status: f.status,
					status_reason: f.statusReason ?? null,
					// Work routed to a partner gets a follow-up three months on (many of them overdue now).
					follow_up_on: f.status === 'assigned' || f.status === 'in_progress' ? followUp(f.createdAt) : null,
					reported_by: walker,
					geom: fromGeoJSON(f.geometry),
					created_at: stamp(f.createdAt),
					updated_at: stamp(f.statusChangedAt ?? f.createdAt),
					created_by: walker
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			findings.set(f.slug, id);
			await trx
				.insertInto('finding_status_history')
				.values({ tenant_id: tenant, finding_id: id, from_status: null, to_status: 'new', changed_by: walker, changed_at: stamp(f.createdAt) })
				.execute();
			if (f.status !== 'new')
				await trx
					.insertInto('finding_status_history')
					.values({
						tenant_id: tenant,
						finding_id: id,
						from_status: 'new',
						to_status: f.status,
						note: f.statusReason ?? '',
						changed_by: coordinator,
						// Dated in the story (follow-ups count resolutions by it), not at loading.
						changed_at: stamp(f.statusChangedAt ?? f.createdAt)
					})
					.execute();
			if (f.audit) await trx.insertInto('finding_audits').values({ finding_id: id, tenant_id: tenant, ...auditColumns(f.audit) }).execute();
		}

		for (const m of demo.measures)
			await createMeasure(
				trx,
				ctx,
				measureCreateSchema.parse({
					type: 'Feature',
					geometry: m.geometry,
					properties: {
						areaId: area(m.areaSlug),
						programmeId: m.programmeSlug ? (programmes.get(m.programmeSlug) ?? null) : null,
						activityId: m.programmeSlug ? plans.activityFor('measures', m.areaSlug) : null,
						kind: m.kind,
						title: m.title,
						influenceRadiusM: m.influenceRadiusM,
						status: m.status,
						proposedOn: m.proposedOn,
						approvedOn: m.approvedOn ?? null,
						orderedOn: m.orderedOn ?? null,
						doneOn: m.doneOn ?? null,
						// The story has no date for a cancellation: keep it in the season, not today.
						cancelledOn: m.status === 'cancelled' ? m.proposedOn : null,
						costSek: m.costSek,
						responsiblePartnerId: partner(m.responsiblePartnerSlug),
						findingIds: m.findingSlugs.map((s) => findings.get(s)).filter((x): x is string => !!x)
					}
				})
			);

		let occurrenceCount = 0;
		for (const e of demo.events) {
			const created = await createEvent(
				trx,
				ctx,
				eventCreateSchema.parse({
					type: 'Feature',
					geometry: e.geometry,
					properties: {
						areaId: area(e.areaSlug),
						programmeId: programmes.get(e.programmeSlug) ?? null,
						activityId: plans.activityFor('events', e.areaSlug, e.kind),
						title: e.title,
						kind: e.kind,
						organiserPartnerId: partner(e.organiserPartnerSlug),
						description: e.description,
						startsAt: e.startsAt,
						endsAt: e.endsAt,
						rrule: e.rrule ?? null,
						exdates: e.exdates ?? [],
						expectedAttendance: e.expectedAttendance,
						actualAttendance: e.actualAttendance ?? null,
						permitStatus: e.permitStatus,
						permitAuthority: e.permitAuthority ?? '',
						grantSek: e.grantSek,
						influenceRadiusM: e.influenceRadiusM
					}
				})
			);
			occurrenceCount += created.properties.occurrences.length;
		}

		// Incidents in batches: thousands of single-row round trips would dominate first start.
		const BATCH = 500;
		for (let i = 0; i < demo.incidents.length; i += BATCH) {
			await trx
				.insertInto('incidents')
				.values(
					demo.incidents.slice(i, i + BATCH).map((n) => ({
						tenant_id: tenant,
						area_id: area(n.areaSlug),
						category: n.category,
						source: n.source,
						occurred_at: stamp(n.occurredAt),
						external_id: n.externalId,
						content_hash: incidentContentHash({ source: n.source, externalId: n.externalId }),
						geom: sql<string>`ST_SetSRID(ST_MakePoint(${n.geometry.coordinates[0]}, ${n.geometry.coordinates[1]}), 4326)`
					}))
				)
				.execute();
		}

		// With their incident and finding figures, split as every zone keeps them (the weights as given).
		for (const z of demo.zones)
			await trx
				.insertInto('problem_zones')
				.values({
					tenant_id: tenant,
					area_id: area(z.areaSlug),
					name: z.name,
					weight: z.weight,
					origin: 'manual',
					geom: fromGeoJSONMulti(z.geometry),
					...(await zoneProblemColumns(trx, tenant, area(z.areaSlug), z.geometry))
				})
				.execute();

		for (const s of demo.surveyIndicators)
			await trx
				.insertInto('survey_indicators')
				.values({
					tenant_id: tenant,
					area_id: area(s.areaSlug),
					indicator: s.indicator,
					label: s.label,
					value: s.value,
					unit: s.unit,
					respondents: s.respondents,
					year: s.year,
					source: s.source
				})
				.execute();

		// The compass's directory around Sergels torg and Klara, through the partners' own write path.
		const compass = readJson<{ partners: (Record<string, unknown> & { areas: string[] })[]; compasses: { area: string; title: string; intro: string; needs: string[]; categories: string[] }[] }>('compass.json');
		let directoryPartners = 0;
		for (const { areas: slugs, ...properties } of compass.partners) {
			directoryPartners++;
			const { phone, ...rest } = properties as { phone?: string };
			const created = await createPartner(trx, ctx, partnerCreateSchema.parse({ properties: { ...rest, contact: { phone: phone ?? null }, areaIds: slugs.map(area) } }));
			partners.set(created.properties.slug, created.id);
		}
		for (const c of compass.compasses)
			await createSetup(trx, ctx, compassSetupCreateSchema.parse({ areaId: area(c.area), title: c.title, intro: c.intro, needs: c.needs, categories: c.categories }));
		await refreshSearch(trx, tenant, [...partners.values()]);
		await loadCompassStats(trx, tenant, area('sergels-torg'), [...partners.entries()]);

		const counts = {
			areas: areas.size,
			partners: partners.size,
			directoryPartners,
			compasses: compass.compasses.length,
			users: users.size,
			programmes: programmes.size,
			walks: walks.size,
			findings: findings.size,
			measures: demo.measures.length,
			events: demo.events.length,
			eventOccurrences: occurrenceCount,
			incidents: demo.incidents.length,
			zones: demo.zones.length,
			surveyIndicators: demo.surveyIndicators.length,
			// Parts of the plans by entity (`plan:goal`, `plan:risk` …).
			...Object.fromEntries(Object.entries(plans.created).map(([entity, n]) => [`plan:${entity}`, n]))
		};
		await recordAudit(trx, { tenant, actor: null, actorLabel: 'demo loader', action: 'import', entity: 'demo', entityId: null, after: counts });
		return { counts };
	});
}
