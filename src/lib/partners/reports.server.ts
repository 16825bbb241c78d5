/**
 * Internal reports from the compass: "a problem nobody handles here", "a new solution /
 * partner", "changed opening hours". Any signed-in user reports; the coordinators of the
 * report's area review it, answer, and turn it into a directory change with one action. Reports
 * and answers are kept with their state (open → answered | rejected | applied).
 */
import { sql, type Transaction } from 'kysely';
import type { Db, DB } from '$lib/server/db';
import { badRequest, notFound, versionConflict } from '$lib/server/api/errors';
import { requireRole, requireUser } from '$lib/server/auth/guard';
import { recordAudit } from '$lib/server/audit';
import { assertMayWrite } from '$lib/server/auth/write-scope.server';
import { updateVersioned } from '$lib/server/db/versioned';
import { fieldIssue } from '$lib/api/issues';
import { versionOf } from '$lib/api/versioning';
import type { RequestContext } from '$lib/server/api/context';
import type { FindingCategory } from '$lib/findings/finding';
import type { Actor } from '$lib/users/user';
import { z } from 'zod';
import type { DirectoryReport, ReportInput, reportAnswerSchema, reportApplySchema, ReportKind, ReportStatus } from './directory';
import { assertKnownNeeds } from './needs.server';
import { createPartner, getPartner, updatePartner } from './partners.server';
import { partnerCreateSchema, partnerPatchSchema } from './partner';

interface ReportRow {
	id: string;
	kind: string;
	area_id: string;
	area_name: string;
	need: string | null;
	category: string | null;
	partner_id: string | null;
	partner_name: string | null;
	service_location_id: string | null;
	description: string;
	proposal: unknown;
	status: string;
	answer: string;
	answered_at: Date | string | null;
	applied_change: unknown;
	created_by: string | null;
	created_at: Date | string;
	version: number;
}

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

function toReport(r: ReportRow): DirectoryReport {
	const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
	return {
		id: r.id,
		kind: r.kind as ReportKind,
		areaId: r.area_id,
		areaName: r.area_name,
		need: r.need,
		category: r.category as FindingCategory | null,
		partnerId: r.partner_id,
		partnerName: r.partner_name,
		serviceLocationId: r.service_location_id,
		description: r.description,
		proposal: (json(r.proposal) ?? {}) as Record<string, unknown>,
		status: r.status as ReportStatus,
		answer: r.answer,
		answeredAt: iso(r.answered_at),
		appliedChange: (json(r.applied_change) ?? null) as DirectoryReport['appliedChange'],
		reportedBy: r.created_by,
		createdAt: iso(r.created_at)!,
		version: r.version
	};
}

function reports(db: Db, tenant: string) {
	return db
		.selectFrom('directory_reports as r')
		.innerJoin('areas as a', 'a.id', 'r.area_id')
		.leftJoin('partners as p', 'p.id', 'r.partner_id')
		.select([
			'r.id', 'r.kind', 'r.area_id', 'a.name as area_name', 'r.need', 'r.category', 'r.partner_id', 'p.name as partner_name',
			'r.service_location_id', 'r.description', 'r.proposal', 'r.status', 'r.answer', 'r.answered_at', 'r.applied_change',
			'r.created_by', 'r.created_at', 'r.version'
		])
		.where('r.tenant_id', '=', tenant);
}

export async function getReport(db: Db, tenant: string, id: string): Promise<DirectoryReport | null> {
	const row = await reports(db, tenant).where('r.id', '=', id).executeTakeFirst();
	return row ? toReport(row as ReportRow) : null;
}

/** The areas (with everything nested in them) where the actor coordinates; null: every area. */
async function coordinatedAreas(db: Db, tenant: string, actor: Actor): Promise<string[] | null> {
	const grants = actor.roles.filter((g) => g.role === 'admin' || g.role === 'coordinator');
	if (grants.some((g) => g.areaId === null)) return null;
	const roots = grants.map((g) => g.areaId!);
	if (roots.length === 0) return [];
	const { rows } = await sql<{ id: string }>`
		WITH RECURSIVE down AS (
			SELECT id, 0 AS depth FROM areas WHERE tenant_id = ${tenant} AND id = ANY(${roots}::uuid[])
			UNION ALL SELECT a.id, down.depth + 1 FROM areas a JOIN down ON a.parent_id = down.id WHERE down.depth < 20)
		SELECT DISTINCT id FROM down`.execute(db);
	return rows.map((r) => r.id);
}

/**
 * The reports a user may see, newest first: all of the areas they coordinate (their review
 * list), and their own anywhere.
 */
export async function listReports(db: Db, ctx: RequestContext, filter: { area?: string; status?: ReportStatus; limit: number }): Promise<DirectoryReport[]> {
	const actor = requireUser(ctx.actor);
	const areas = await coordinatedAreas(db, ctx.tenant, actor);
	let query = reports(db, ctx.tenant);
	if (areas !== null)
		query = query.where((eb) => eb.or([eb('r.created_by', '=', actor.id), ...(areas.length ? [eb('r.area_id', 'in', areas)] : [])]));
	if (filter.area) query = query.where('r.area_id', '=', filter.area);
	if (filter.status) query = query.where('r.status', '=', filter.status);
	const rows = await query.orderBy('r.created_at', 'desc').orderBy('r.id').limit(filter.limit).execute();
	return rows.map((r) => toReport(r as ReportRow));
}

/** May see one report: its reporter, or a coordinator of its area. */
export async function readableReport(db: Db, ctx: RequestContext, id: string): Promise<DirectoryReport> {
	const actor = requireUser(ctx.actor);
	const report = await getReport(db, ctx.tenant, id);
	if (!report) throw notFound('report');
	if (report.reportedBy !== actor.id) await requireRole(db as never, ctx.tenant, actor, ['coordinator'], report.areaId);
	return report;
}

export async function createReport(trx: Transaction<DB>, ctx: RequestContext, input: ReportInput): Promise<DirectoryReport> {
	const actor = requireUser(ctx.actor);
	const area = await trx.selectFrom('areas').select('id').where('tenant_id', '=', ctx.tenant).where('id', '=', input.areaId).executeTakeFirst();
	if (!area) throw badRequest('unknown_reference', 'The area does not exist.', { field: 'areaId', entity: 'area' });
	let partnerId: string | null = null;
	let serviceLocationId: string | null = null;
	let need: string | null = null;
	let category: string | null = null;
	if (input.kind === 'changed_hours') {
		const partner = await getPartner(trx, ctx.tenant, input.partnerId, { signedIn: false });
		if (!partner) throw badRequest('unknown_reference', 'The partner does not exist.', { field: 'partnerId', entity: 'partner' });
		if (input.serviceLocationId && !partner.properties.serviceLocations.some((l) => l.id === input.serviceLocationId))
			throw badRequest('unknown_reference', 'The service location is not the partner’s.', { field: 'serviceLocationId', entity: 'service_location' });
		partnerId = partner.id;
		serviceLocationId = input.serviceLocationId;
	} else {
		need = input.need;
		category = input.category;
		if (need) await assertKnownNeeds(trx, ctx.tenant, [{ path: 'need', need }]);
	}
	const { id } = await trx
		.insertInto('directory_reports')
		.values({
			tenant_id: ctx.tenant,
			area_id: input.areaId,
			kind: input.kind,
			need,
			category,
			partner_id: partnerId,
			service_location_id: serviceLocationId,
			description: input.description || '—',
			proposal: JSON.stringify('proposal' in input ? input.proposal : {}),
			created_by: actor.id,
			updated_by: actor.id
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const created = (await getReport(trx, ctx.tenant, id))!;
	await recordAudit(trx, { tenant: ctx.tenant, actor, action: 'create', entity: 'report', entityId: id, after: created, requestId: ctx.requestId });
	return created;
}

async function reviewable(trx: Transaction<DB>, ctx: RequestContext, id: string) {
	const report = await getReport(trx, ctx.tenant, id);
	if (!report) throw notFound('report');
	// The write here is the report's state (and, applied, the directory change's own checks).
	const actor = await assertMayWrite(trx, ctx, { areaId: report.areaId, roles: ['coordinator'] });
	return { report, actor };
}

function closedAlready(report: DirectoryReport) {
	if (report.status === 'applied' || report.status === 'rejected')
		throw badRequest('report_closed', 'The report is already closed.', { status: report.status });
}

/** A coordinator's answer (status answered) or refusal (rejected). */
export async function answerReport(trx: Transaction<DB>, ctx: RequestContext, id: string, input: z.infer<typeof reportAnswerSchema>): Promise<DirectoryReport> {
	const { report, actor } = await reviewable(trx, ctx, id);
	closedAlready(report);
	return updateVersioned(trx, ctx, {
		table: 'directory_reports',
		entity: 'report',
		what: 'report',
		id,
		version: versionOf(input),
		before: report,
		set: { status: input.status, answer: input.answer, answered_by: actor.id, answered_at: new Date(), updated_by: actor.id },
		after: async () => (await getReport(trx, ctx.tenant, id))!
	});
}

/** The report's directory change, done through the partners' own write path (with its checks and audit). */
async function applyChange(trx: Transaction<DB>, ctx: RequestContext, report: DirectoryReport, partnerId: string | undefined): Promise<NonNullable<DirectoryReport['appliedChange']>> {
	if (report.kind === 'unhandled_problem') {
		if (!partnerId) throw badRequest('validation_failed', 'Name the partner who takes the problem on.', [fieldIssue('partnerId', 'required')]);
		const partner = await getPartner(trx, ctx.tenant, partnerId);
		if (!partner) throw badRequest('unknown_reference', 'The partner does not exist.', { field: 'partnerId', entity: 'partner' });
		const p = partner.properties;
		await updatePartner(
			trx,
			ctx,
			partner.id,
			partnerPatchSchema.parse({
				version: p.version,
				properties: {
					areaIds: [...new Set([...p.areaIds, report.areaId])],
					...(report.need && { needs: [...new Set([...p.needs, report.need])] }),
					...(report.category && { categories: [...new Set([...p.categories, report.category])] })
				}
			})
		);
		return { entity: 'partner', id: partner.id, action: 'took_on' };
	}
	if (report.kind === 'new_solution') {
		const proposal = report.proposal as { name: string; kind: string; phone: string | null; website: string | null; address: string; openingHours: string; location: { type: 'Point'; coordinates: [number, number] } | null };
		const created = await createPartner(
			trx,
			ctx,
			partnerCreateSchema.parse({
				properties: {
					name: proposal.name,
					kind: proposal.kind,
					description: report.description,
					contact: { phone: proposal.phone, website: proposal.website },
					areaIds: [report.areaId],
					needs: report.need ? [report.need] : [],
					categories: report.category ? [report.category] : [],
					openingHours: proposal.location ? '' : proposal.openingHours,
					serviceLocations: proposal.location
						? [{ name: proposal.name, address: proposal.address, openingHours: proposal.openingHours, phone: proposal.phone, location: proposal.location }]
						: []
				}
			})
		);
		return { entity: 'partner', id: created.id, action: 'created' };
	}
	// changed_hours
	const partner = report.partnerId ? await getPartner(trx, ctx.tenant, report.partnerId) : null;
	if (!partner) throw badRequest('unknown_reference', 'The partner no longer exists.', { field: 'partnerId', entity: 'partner' });
	const hours = (report.proposal as { openingHours: string }).openingHours;
	const p = partner.properties;
	if (report.serviceLocationId) {
		if (!p.serviceLocations.some((l) => l.id === report.serviceLocationId))
			throw badRequest('unknown_reference', 'The service location no longer exists.', { field: 'serviceLocationId', entity: 'service_location' });
		await updatePartner(
			trx,
			ctx,
			partner.id,
			partnerPatchSchema.parse({
				version: p.version,
				properties: {
					serviceLocations: p.serviceLocations.map((l) => ({
						id: l.id,
						name: l.name,
						address: l.address,
						description: l.description,
						phone: l.phone,
						openingHours: l.id === report.serviceLocationId ? hours : l.openingHours,
						targetGroups: l.targetGroups,
						minAge: l.minAge,
						maxAge: l.maxAge,
						languages: l.languages,
						location: { type: 'Point', coordinates: l.coordinates }
					}))
				}
			})
		);
		return { entity: 'service_location', id: report.serviceLocationId, action: 'hours_changed' };
	}
	await updatePartner(trx, ctx, partner.id, partnerPatchSchema.parse({ version: p.version, properties: { openingHours: hours } }));
	return { entity: 'partner', id: partner.id, action: 'hours_changed' };
}

/** One action: the directory change the report asks for, and the report marked applied with the answer. */
export async function applyReport(trx: Transaction<DB>, ctx: RequestContext, id: string, input: z.infer<typeof reportApplySchema>): Promise<DirectoryReport> {
	const { report, actor } = await reviewable(trx, ctx, id);
	closedAlready(report);
	const version = versionOf(input);
	if (version !== report.version) {
		// Stale before any change is made: the directory stays as it was.
		throw versionConflict(report.version);
	}
	const change = await applyChange(trx, ctx, report, input.partnerId);
	return updateVersioned(trx, ctx, {
		table: 'directory_reports',
		entity: 'report',
		what: 'report',
		id,
		version,
		before: report,
		set: {
			status: 'applied',
			answer: input.answer,
			answered_by: actor.id,
			answered_at: new Date(),
			applied_change: JSON.stringify(change),
			updated_by: actor.id
		},
		after: async () => (await getReport(trx, ctx.tenant, id))!
	});
}
