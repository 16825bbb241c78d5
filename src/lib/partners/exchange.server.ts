/**
 * The directory in and out: as JSON in the tables of Open Referral's Human Services Data
 * Specification (HSDS 3.0: organizations, services, locations, service_at_locations,
 * schedules, phones, contacts, languages, addresses) with Lykta's own fields prefixed
 * `lykta_` (needs, place-problem categories, areas, target groups, the OSM opening hours), and
 * as CSV (one row per service; Swedish dialect by default), so another district can start its
 * compass from a copy. Also the copy the phone keeps to search offline.
 *
 * HSDS's schedule is a recurrence rule; OSM opening_hours says more (holidays, nights past
 * midnight, exceptions). Each schedule therefore carries the regular week as HSDS rules
 * (freq WEEKLY, byday, opens_at, closes_at) for other resource locators, and the exact hours
 * in `lykta_opening_hours` (also in `notes`), which an import reads first.
 */
import { parse as csvParse } from 'csv-parse/sync';
import type { Db } from '$lib/server/db';
import { badRequest } from '$lib/server/api/errors';
import { requireRole } from '$lib/server/auth/guard';
import { csvFile, withoutFormulaGuard, type CsvDialect } from '$lib/server/csv';
import type { RequestContext } from '$lib/server/api/context';
import { fieldIssuesOf } from '$lib/api/issues';
import { database } from '$lib/server/db';
import type { FindingCategory } from '$lib/findings/finding';
import { listPartners } from './partners.server';
import { createPartner, updatePartner } from './partners.server';
import { listNeeds } from './needs.server';
import { createNeed } from './needs.server';
import { folded, type NeedDefinition } from './needs';
import { partnerCreateSchema, partnerPatchSchema, type PartnerFeature } from './partner';
import { weekOf } from './opening-hours';
import type { OfflineDirectory } from './compass';
import { searchWords } from './partners.server';

const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** A week without Swedish public holidays, to read the regular hours from (Monday 2025-11-10). */
const REGULAR_WEEK = Date.parse('2025-11-12T12:00:00+01:00');

/** The regular week as HSDS schedule rules: one per opening interval, the weekdays it holds on. */
export function hsdsSchedules(openingHours: string): { freq: 'WEEKLY'; byday: string; opens_at: string; closes_at: string }[] {
	const byInterval = new Map<string, string[]>();
	for (const day of weekOf(openingHours, REGULAR_WEEK))
		for (const interval of day.intervals) byInterval.set(interval, [...(byInterval.get(interval) ?? []), DAYS[day.weekday]!]);
	return [...byInterval.entries()].map(([interval, days]) => {
		const [opens, closes] = interval.split('–') as [string, string];
		return { freq: 'WEEKLY', byday: days.join(','), opens_at: opens, closes_at: closes };
	});
}

export interface DirectoryExport {
	format: 'lykta-directory';
	hsds_version: '3.0';
	exported_at: string;
	lykta_needs: { key: string; label_sv: string; label_en: string }[];
	organizations: Record<string, unknown>[];
	services: Record<string, unknown>[];
	locations: Record<string, unknown>[];
	service_at_locations: Record<string, unknown>[];
	schedules: Record<string, unknown>[];
	phones: Record<string, unknown>[];
	contacts: Record<string, unknown>[];
	languages: Record<string, unknown>[];
	addresses: Record<string, unknown>[];
}

async function areaSlugs(db: Db, tenant: string): Promise<Map<string, string>> {
	const rows = await db.selectFrom('areas').select(['id', 'slug']).where('tenant_id', '=', tenant).execute();
	return new Map(rows.map((r) => [r.id, r.slug]));
}

/** The directory (or the partners working in an area) as HSDS tables; contact persons only for signed-in users. */
export async function exportDirectory(db: Db, tenant: string, options: { area?: string; signedIn: boolean }): Promise<DirectoryExport> {
	const { features } = await listPartners(db, tenant, { area: options.area }, { signedIn: options.signedIn });
	const slugs = await areaSlugs(db, tenant);
	const needs = (await listNeeds(db, tenant)).filter((n) => !n.builtIn);
	const out: DirectoryExport = {
		format: 'lykta-directory',
		hsds_version: '3.0',
		exported_at: new Date().toISOString(),
		lykta_needs: needs.map((n) => ({ key: n.key, label_sv: n.label.sv, label_en: n.label.en })),
		organizations: [],
		services: [],
		locations: [],
		service_at_locations: [],
		schedules: [],
		phones: [],
		contacts: [],
		languages: [],
		addresses: []
	};
	for (const f of features) {
		const p = f.properties;
		out.organizations.push({
			id: f.id,
			name: p.name,
			description: p.description,
			email: p.contact.email,
			website: p.contact.website,
			parent_organization_id: p.parentId,
			lykta_slug: p.slug,
			lykta_kind: p.kind,
			lykta_needs: p.needs,
			lykta_categories: p.categories,
			lykta_areas: p.areaIds.map((id) => slugs.get(id)).filter(Boolean),
			lykta_opening_hours: p.openingHours,
			lykta_contact_name: p.contact.name
		});
		if (p.contact.phone) out.phones.push({ id: `${f.id}:phone`, organization_id: f.id, number: p.contact.phone, type: 'voice' });
		for (const [i, c] of (p.contacts ?? []).entries()) {
			out.contacts.push({ id: `${f.id}:contact:${i}`, organization_id: f.id, name: c.name, title: c.title, email: c.email });
			if (c.phone) out.phones.push({ id: `${f.id}:contact:${i}:phone`, contact_id: `${f.id}:contact:${i}`, number: c.phone, type: 'voice' });
		}
		for (const l of p.serviceLocations) {
			out.services.push({
				id: l.id,
				organization_id: f.id,
				name: l.name,
				description: l.description,
				status: 'active',
				minimum_age: l.minAge,
				maximum_age: l.maxAge,
				lykta_target_groups: l.targetGroups
			});
			out.locations.push({ id: l.id, organization_id: f.id, location_type: 'physical', name: l.name, latitude: l.coordinates[1], longitude: l.coordinates[0] });
			if (l.address) out.addresses.push({ id: `${l.id}:address`, location_id: l.id, address_1: l.address, country: 'SE', address_type: 'physical' });
			out.service_at_locations.push({ id: l.id, service_id: l.id, location_id: l.id });
			const rules = hsdsSchedules(l.openingHours);
			out.schedules.push(
				...(rules.length ? rules : [{}]).map((rule, i) => ({
					id: `${l.id}:schedule:${i}`,
					service_at_location_id: l.id,
					timezone: 'Europe/Stockholm',
					...rule,
					notes: l.openingHours,
					lykta_opening_hours: l.openingHours
				}))
			);
			if (l.phone) out.phones.push({ id: `${l.id}:phone`, service_at_location_id: l.id, number: l.phone, type: 'voice' });
			for (const code of l.languages) out.languages.push({ id: `${l.id}:language:${code}`, service_id: l.id, code });
		}
	}
	return out;
}

const CSV_COLUMNS = [
	'organization_id', 'organization_name', 'parent_organization_id', 'kind', 'description', 'phone', 'email', 'website',
	'needs', 'categories', 'areas', 'organization_opening_hours',
	'service_id', 'service_name', 'service_description', 'address', 'service_phone', 'opening_hours',
	'target_groups', 'minimum_age', 'maximum_age', 'languages', 'latitude', 'longitude'
] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];

/** One row per service (a partner without services: one row without), lists joined with `|`. */
export function directoryCsv(exported: DirectoryExport, dialect: CsvDialect): string {
	const rows: Record<CsvColumn, string | number | null>[] = [];
	for (const o of exported.organizations) {
		const phone = exported.phones.find((p) => p.organization_id === o.id)?.number as string | undefined;
		const base = {
			organization_id: o.id as string,
			organization_name: o.name as string,
			parent_organization_id: (o.parent_organization_id as string) ?? '',
			kind: o.lykta_kind as string,
			description: o.description as string,
			phone: phone ?? '',
			email: (o.email as string) ?? '',
			website: (o.website as string) ?? '',
			needs: (o.lykta_needs as string[]).join('|'),
			categories: (o.lykta_categories as string[]).join('|'),
			areas: (o.lykta_areas as string[]).join('|'),
			organization_opening_hours: o.lykta_opening_hours as string
		};
		const services = exported.services.filter((s) => s.organization_id === o.id);
		if (services.length === 0)
			rows.push({ ...base, service_id: '', service_name: '', service_description: '', address: '', service_phone: '', opening_hours: '', target_groups: '', minimum_age: null, maximum_age: null, languages: '', latitude: null, longitude: null });
		for (const s of services) {
			const location = exported.locations.find((l) => l.id === s.id)!;
			rows.push({
				...base,
				service_id: s.id as string,
				service_name: s.name as string,
				service_description: s.description as string,
				address: (exported.addresses.find((a) => a.location_id === s.id)?.address_1 as string) ?? '',
				service_phone: (exported.phones.find((p) => p.service_at_location_id === s.id)?.number as string) ?? '',
				opening_hours: (exported.schedules.find((x) => x.service_at_location_id === s.id)?.lykta_opening_hours as string) ?? '',
				target_groups: (s.lykta_target_groups as string[]).join('|'),
				minimum_age: s.minimum_age as number | null,
				maximum_age: s.maximum_age as number | null,
				languages: exported.languages.filter((l) => l.service_id === s.id).map((l) => l.code).join('|'),
				latitude: location.latitude as number,
				longitude: location.longitude as number
			});
		}
	}
	return csvFile(CSV_COLUMNS, rows, dialect);
}

// ---------------------------------------------------------------- import

interface ImportedOrganization {
	/** Where it came from, for the rejection list: the organization's index or first CSV row. */
	row: number;
	sourceId: string;
	parentSourceId: string | null;
	properties: Record<string, unknown>;
}

const list = (value: unknown) => (typeof value === 'string' ? value.split('|').map((v) => v.trim()).filter(Boolean) : Array.isArray(value) ? value : []);

/** HSDS tables (from `exportDirectory` or another resource locator) as partner inputs. */
function fromHsds(file: DirectoryExport): ImportedOrganization[] {
	const of = <T extends Record<string, unknown>>(rows: T[] | undefined, key: string, id: unknown) => (rows ?? []).filter((r) => r[key] === id);
	return (file.organizations ?? []).map((o, row) => {
		const services = of(file.services, 'organization_id', o.id);
		return {
			row: row + 1,
			sourceId: String(o.id),
			parentSourceId: o.parent_organization_id ? String(o.parent_organization_id) : null,
			properties: {
				...(typeof o.lykta_slug === 'string' && { slug: o.lykta_slug }),
				name: o.name,
				kind: o.lykta_kind ?? 'ngo',
				description: o.description ?? '',
				contact: {
					name: o.lykta_contact_name ?? null,
					email: o.email ?? null,
					website: o.website ?? null,
					phone: of(file.phones, 'organization_id', o.id)[0]?.number ?? null
				},
				contacts: of(file.contacts, 'organization_id', o.id).map((c) => ({
					name: c.name,
					title: c.title ?? '',
					email: c.email ?? null,
					phone: of(file.phones, 'contact_id', c.id)[0]?.number ?? null
				})),
				needs: list(o.lykta_needs),
				categories: list(o.lykta_categories),
				areas: list(o.lykta_areas),
				openingHours: o.lykta_opening_hours ?? '',
				serviceLocations: services.map((s) => {
					const sal = of(file.service_at_locations, 'service_id', s.id)[0];
					const location = (file.locations ?? []).find((l) => l.id === (sal?.location_id ?? s.id));
					const schedule = sal ? of(file.schedules, 'service_at_location_id', sal.id)[0] : undefined;
					return {
						name: s.name,
						description: s.description ?? '',
						address: location ? (of(file.addresses, 'location_id', location.id)[0]?.address_1 ?? '') : '',
						phone: sal ? (of(file.phones, 'service_at_location_id', sal.id)[0]?.number ?? null) : null,
						openingHours: schedule?.lykta_opening_hours ?? schedule?.notes ?? '',
						targetGroups: list(s.lykta_target_groups),
						minAge: s.minimum_age ?? null,
						maxAge: s.maximum_age ?? null,
						languages: of(file.languages, 'service_id', s.id).map((l) => l.code),
						location: location ? { type: 'Point', coordinates: [Number(location.longitude), Number(location.latitude)] } : null
					};
				})
			}
		};
	});
}

/** CSV rows (either dialect) grouped by organization_id as partner inputs. */
function fromCsv(text: string): ImportedOrganization[] {
	const body = text.replace(/^\uFEFF/, '');
	const delimiter = (body.split(/\r?\n/, 1)[0] ?? '').includes(';') ? ';' : ',';
	let records: Record<string, string>[];
	try {
		records = csvParse(body, { columns: true, delimiter, skip_empty_lines: true, relax_column_count: true, trim: true, cast: false });
	} catch {
		throw badRequest('bad_csv', 'The CSV file could not be read.');
	}
	if (records.length === 0) throw badRequest('empty_file', 'The file has no rows.');
	if (!('organization_name' in records[0]!)) throw badRequest('unknown_column', 'The file has no organization_name column.', { missing: 'organization_name' });
	const value = (r: Record<string, string>, c: CsvColumn) => withoutFormulaGuard(r[c] ?? '');
	const number = (v: string) => (v === '' ? null : Number(delimiter === ';' ? v.replace(',', '.') : v));
	const groups = new Map<string, ImportedOrganization>();
	records.forEach((r, i) => {
		const key = value(r, 'organization_id') || value(r, 'organization_name');
		let org = groups.get(key);
		if (!org) {
			org = {
				row: i + 2,
				sourceId: key,
				parentSourceId: value(r, 'parent_organization_id') || null,
				properties: {
					name: value(r, 'organization_name'),
					kind: value(r, 'kind') || 'ngo',
					description: value(r, 'description'),
					contact: { phone: value(r, 'phone') || null, email: value(r, 'email') || null, website: value(r, 'website') || null },
					needs: list(value(r, 'needs')),
					categories: list(value(r, 'categories')),
					areas: list(value(r, 'areas')),
					openingHours: value(r, 'organization_opening_hours'),
					serviceLocations: []
				}
			};
			groups.set(key, org);
		}
		if (value(r, 'service_name'))
			(org.properties.serviceLocations as unknown[]).push({
				name: value(r, 'service_name'),
				description: value(r, 'service_description'),
				address: value(r, 'address'),
				phone: value(r, 'service_phone') || null,
				openingHours: value(r, 'opening_hours'),
				targetGroups: list(value(r, 'target_groups')),
				minAge: number(value(r, 'minimum_age')),
				maxAge: number(value(r, 'maximum_age')),
				languages: list(value(r, 'languages')),
				location: { type: 'Point', coordinates: [number(value(r, 'longitude')), number(value(r, 'latitude'))] }
			});
	});
	return [...groups.values()];
}

export interface ImportReport {
	imported: number;
	updated: number;
	rejected: { row: number; name: string; reason: string; details?: unknown }[];
}

/** Most organizations one import takes. */
export const IMPORT_MAX_ORGANIZATIONS = 2000;

/**
 * Imports a directory copy into the area `areaId` (the importer coordinates it): each
 * organization becomes a partner working there — the file's own areas belong to the district
 * it came from and are not carried over — or updates the partner with the same slug; units
 * keep their organisation. Needs the
 * file brings are added to the vocabulary. Each organization is its own transaction, checked
 * like a POST; those refused are listed with the reason, the rest are in.
 */
export async function importDirectory(ctx: RequestContext, areaId: string, content: { json?: unknown; csv?: string }): Promise<ImportReport> {
	const { db } = database();
	await requireRole(db, ctx.tenant, ctx.actor, ['coordinator'], areaId);
	let organizations: ImportedOrganization[];
	let fileNeeds: { key: string; label_sv: string; label_en: string }[] = [];
	if (content.csv !== undefined) organizations = fromCsv(content.csv);
	else {
		const file = content.json as DirectoryExport;
		if (!file || typeof file !== 'object' || !Array.isArray(file.organizations)) throw badRequest('bad_directory', 'The file is not a directory export (HSDS tables with organizations).');
		organizations = fromHsds(file);
		fileNeeds = Array.isArray(file.lykta_needs) ? file.lykta_needs : [];
	}
	if (organizations.length > IMPORT_MAX_ORGANIZATIONS)
		throw badRequest('too_many_organizations', `At most ${IMPORT_MAX_ORGANIZATIONS} organizations per import.`, { limit: IMPORT_MAX_ORGANIZATIONS });

	const known = new Set((await listNeeds(db, ctx.tenant)).map((n) => n.key));
	for (const need of fileNeeds)
		if (need && typeof need.key === 'string' && !known.has(need.key)) {
			try {
				await db.transaction().execute((trx) => createNeed(trx, ctx, { key: need.key, label: { sv: need.label_sv, en: need.label_en } }));
				known.add(need.key);
			} catch {
				/* an unusable need: the organizations naming it are refused below, with the reason */
			}
		}

	const created = new Map<string, string>();
	const report: ImportReport = { imported: 0, updated: 0, rejected: [] };
	// Organisations before their units.
	const ordered = [...organizations].sort((a, b) => Number(a.parentSourceId !== null) - Number(b.parentSourceId !== null));
	for (const org of ordered) {
		const { areas: _theirs, ...properties } = org.properties as { areas: string[] } & Record<string, unknown>;
		const areaIds = [areaId];
		const parentId = org.parentSourceId ? (created.get(org.parentSourceId) ?? null) : null;
		const parsed = partnerCreateSchema.safeParse({ properties: { ...properties, areaIds, parentId } }, { reportInput: true });
		const name = String(properties.name ?? '');
		if (!parsed.success) {
			report.rejected.push({ row: org.row, name, reason: 'validation_failed', details: fieldIssuesOf(parsed.error) });
			continue;
		}
		const slug = parsed.data.properties.slug;
		try {
			const id = await db.transaction().execute(async (trx) => {
				const same = slug
					? await trx.selectFrom('partners').select(['id', 'version']).where('tenant_id', '=', ctx.tenant).where('slug', '=', slug).executeTakeFirst()
					: undefined;
				if (same) {
					// Its other areas stay: the copy adds this area, it does not move the partner.
					const { slug: _slug, ...rest } = parsed.data.properties;
					const theirs = await trx.selectFrom('partner_areas').select('area_id').where('partner_id', '=', same.id).execute();
					rest.areaIds = [...new Set([...theirs.map((a) => a.area_id), areaId])];
					await updatePartner(trx, ctx, same.id, partnerPatchSchema.parse({ version: same.version, properties: rest }));
					report.updated++;
					return same.id;
				}
				const partner = await createPartner(trx, ctx, parsed.data);
				report.imported++;
				return partner.id;
			});
			created.set(org.sourceId, id);
		} catch (error) {
			const apiError = error as { code?: string; details?: unknown };
			report.rejected.push({ row: org.row, name, reason: apiError.code ?? 'invalid', details: apiError.details });
		}
	}
	return report;
}

// ---------------------------------------------------------------- offline

/** The directory as the phone keeps it to search offline: areas (with parents) and partners with their services and search words. */
export async function offlineDirectory(db: Db, tenant: string): Promise<OfflineDirectory> {
	const areas = await db.selectFrom('areas').select(['id', 'parent_id']).where('tenant_id', '=', tenant).execute();
	const { features } = await listPartners(db, tenant, {}, { signedIn: false });
	const needs: NeedDefinition[] = await listNeeds(db, tenant);
	const names = new Map(features.map((f) => [f.id, f.properties.name]));
	return {
		savedAt: new Date().toISOString(),
		areas: areas.map((a) => ({ id: a.id, parentId: a.parent_id })),
		partners: features.map((f: PartnerFeature) => {
			const p = f.properties;
			const parentName = p.parentId ? (names.get(p.parentId) ?? null) : null;
			return {
				partner: {
					id: f.id,
					name: p.name,
					parentName,
					kind: p.kind,
					description: p.description,
					phone: p.contact.phone,
					website: p.contact.website,
					openingHours: p.openingHours,
					needs: p.needs,
					categories: p.categories as FindingCategory[]
				},
				areaIds: p.areaIds,
				services: p.serviceLocations.map(({ id, name, address, description, phone, openingHours, targetGroups, minAge, maxAge, languages, coordinates }) => ({
					id, name, address, description, phone, openingHours, targetGroups, minAge, maxAge, languages, coordinates
				})),
				words: folded(searchWords(f, parentName, needs))
			};
		})
	};
}
