/**
 * Survey indicators of an area: read by everyone who reads the area (partners too: it is the
 * shared picture), recorded and changed by its coordinators and admins (assertMayWrite with
 * MANAGE_ROLES); changes and deletions go through the versioned write path with an audit row.
 * The targets come from the plan: goals of programmes that run in the area (named for it, for
 * an area containing it, or for one nested in it) whose target names the indicator.
 */
import { sql } from 'kysely';
import type { Database, Db } from '$lib/server/db';
import type { RequestContext } from '$lib/server/api/context';
import { ApiError, badRequest, forbidden, notFound, unauthenticated } from '$lib/server/api/errors';
import { assertMayWrite } from '$lib/server/auth/write-scope.server';
import { areasWhere, inSet, MANAGE_ROLES, readableAreas } from '$lib/server/auth/scope.server';
import { recordAudit } from '$lib/server/audit';
import { fieldIssue } from '$lib/api/issues';
import { deleteVersioned, updateVersioned } from '$lib/server/db/versioned';
import type { SurveyCreateInput, SurveyFigure, SurveyIndicators, SurveyIndicatorSeries, SurveyPatchInput, SurveyTarget, SurveyUnit } from './survey';

/** Most figures one area's answer holds (decades of several indicators and sources). */
const MAX_FIGURES = 2000;

/** The area, 404 when unknown, 403 when the actor does not read it. */
export async function readableArea(db: Db, ctx: RequestContext, areaId: string) {
	if (!ctx.actor) throw unauthenticated();
	const area = await db.selectFrom('areas').select(['id', 'name']).where('id', '=', areaId).where('tenant_id', '=', ctx.tenant).executeTakeFirst();
	if (!area) throw notFound('area');
	if (!inSet(await readableAreas(db as Database, ctx.tenant, ctx.actor), area.id)) throw forbidden('not_your_area', { entity: 'area' });
	return area;
}

function selectFigures(db: Db, tenant: string) {
	return db
		.selectFrom('survey_indicators')
		.select(['id', 'area_id', 'indicator', 'label', 'unit', 'year', 'value', 'respondents', 'source', 'version', 'updated_at'])
		.where('tenant_id', '=', tenant);
}
type FigureRow = Awaited<ReturnType<ReturnType<typeof selectFigures>['executeTakeFirstOrThrow']>>;

const toFigure = (r: FigureRow): SurveyFigure => ({
	id: r.id,
	areaId: r.area_id,
	indicator: r.indicator,
	label: r.label,
	unit: r.unit as SurveyUnit,
	year: r.year,
	value: r.value,
	respondents: r.respondents,
	source: r.source,
	version: r.version,
	updatedAt: new Date(r.updated_at).toISOString()
});

/** The plan's measurable targets on survey indicators, for programmes that run in the area. */
export async function surveyTargets(db: Db, tenant: string, areaId: string): Promise<SurveyTarget[]> {
	const { rows } = await sql<{
		id: string; programme_id: string; programme_name: string; description: string; target_indicator: string; target_comparison: 'at_most' | 'at_least';
		target_value: number; target_date: string | null; baseline_value: number | null; baseline_year: number | null;
	}>`
		WITH RECURSIVE up AS (
			SELECT id, parent_id, 0 AS depth FROM areas WHERE id = ${areaId} AND tenant_id = ${tenant}
			UNION ALL SELECT a.id, a.parent_id, up.depth + 1 FROM areas a JOIN up ON a.id = up.parent_id WHERE up.depth < 20),
		down AS (
			SELECT id, 0 AS depth FROM areas WHERE id = ${areaId} AND tenant_id = ${tenant}
			UNION ALL SELECT a.id, down.depth + 1 FROM areas a JOIN down ON a.parent_id = down.id WHERE down.depth < 20)
		SELECT g.id, g.programme_id, p.name AS programme_name, g.description, g.target_indicator, g.target_comparison,
			g.target_value, g.target_date::text AS target_date, g.baseline_value, g.baseline_year
		FROM programme_goals g JOIN programmes p ON p.id = g.programme_id AND p.tenant_id = g.tenant_id
		WHERE g.tenant_id = ${tenant} AND g.target_indicator IS NOT NULL AND g.target_value IS NOT NULL
			AND EXISTS (SELECT 1 FROM programme_areas pa WHERE pa.programme_id = p.id
				AND (pa.area_id IN (SELECT id FROM up) OR pa.area_id IN (SELECT id FROM down)))
		ORDER BY p.starts_on, p.name, g.sort, g.created_at
		LIMIT 200`.execute(db);
	return rows.map((r) => ({
		goalId: r.id,
		programmeId: r.programme_id,
		programmeName: r.programme_name,
		description: r.description,
		indicator: r.target_indicator,
		comparison: r.target_comparison,
		targetValue: r.target_value,
		targetDate: r.target_date,
		baselineValue: r.baseline_value,
		baselineYear: r.baseline_year
	})) as (SurveyTarget & { indicator: string })[];
}

/** The area's figures per indicator, oldest year first, with the plan's targets on each. */
export async function surveyIndicators(db: Database, ctx: RequestContext, areaId: string): Promise<SurveyIndicators> {
	const area = await readableArea(db, ctx, areaId);
	const [rows, targets, manage] = await Promise.all([
		selectFigures(db, ctx.tenant).where('area_id', '=', area.id).orderBy('indicator').orderBy('year').orderBy('source').limit(MAX_FIGURES).execute(),
		surveyTargets(db, ctx.tenant, area.id) as Promise<(SurveyTarget & { indicator: string })[]>,
		areasWhere(db, ctx.tenant, ctx.actor, MANAGE_ROLES)
	]);
	const series = new Map<string, SurveyIndicatorSeries>();
	for (const r of rows) {
		const s = series.get(r.indicator) ?? { indicator: r.indicator, label: r.label, unit: r.unit as SurveyUnit, figures: [], targets: [] };
		// The newest figure's label names the series.
		if (r.label) s.label = r.label;
		s.figures.push(toFigure(r));
		series.set(r.indicator, s);
	}
	for (const { indicator, ...t } of targets) {
		// A target without figures yet still gets its series: the chart shows where the plan aims.
		const s = series.get(indicator) ?? { indicator, label: '', unit: 'share' as SurveyUnit, figures: [], targets: [] };
		s.targets.push(t);
		series.set(indicator, s);
	}
	return { areaId: area.id, areaName: area.name, writable: inSet(manage, area.id), indicators: [...series.values()] };
}

const figureExists = (id: string) =>
	new ApiError(409, 'survey_figure_exists', 'The area already has a figure for this indicator, year and source; change that one.', { id, entity: 'survey_figure' });

/** The unique key (area, indicator, year, source) taken by another row: 409 naming it. */
async function clash(db: Db, tenant: string, areaId: string, key: { indicator: string; year: number; source: string }, except: string | null) {
	let q = db
		.selectFrom('survey_indicators')
		.select('id')
		.where('tenant_id', '=', tenant)
		.where('area_id', '=', areaId)
		.where('indicator', '=', key.indicator)
		.where('year', '=', key.year)
		.where('source', '=', key.source);
	if (except) q = q.where('id', '<>', except);
	const row = await q.executeTakeFirst();
	if (row) throw figureExists(row.id);
}

export async function getSurveyFigure(db: Db, ctx: RequestContext, areaId: string, id: string): Promise<SurveyFigure> {
	await readableArea(db, ctx, areaId);
	const row = await selectFigures(db, ctx.tenant).where('id', '=', id).where('area_id', '=', areaId).executeTakeFirst();
	if (!row) throw notFound('survey_figure');
	return toFigure(row);
}

export async function createSurveyFigure(db: Database, ctx: RequestContext, areaId: string, input: SurveyCreateInput): Promise<SurveyFigure> {
	const actor = await assertMayWrite(db, ctx, { areaId, roles: MANAGE_ROLES });
	return db.transaction().execute(async (trx) => {
		await clash(trx, ctx.tenant, areaId, input, null);
		const row = await trx
			.insertInto('survey_indicators')
			.values({
				tenant_id: ctx.tenant,
				area_id: areaId,
				indicator: input.indicator,
				label: input.label,
				unit: input.unit,
				year: input.year,
				value: input.value,
				respondents: input.respondents,
				source: input.source,
				created_by: actor.id,
				updated_by: actor.id
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const created = await getSurveyFigure(trx, ctx, areaId, row.id);
		await recordAudit(trx, { tenant: ctx.tenant, actor, action: 'create', entity: 'survey_figure', entityId: row.id, after: created, requestId: ctx.requestId });
		return created;
	});
}

/** The stored row a write acts on (404 unknown or of another area), with the right to write it. */
async function writable(db: Db, ctx: RequestContext, areaId: string, id: string) {
	if (!ctx.actor) throw unauthenticated();
	const row = await selectFigures(db, ctx.tenant).where('id', '=', id).where('area_id', '=', areaId).executeTakeFirst();
	if (!row) {
		// An unknown area is a 404 of the area, a figure of another area one of the figure.
		await readableArea(db, ctx, areaId);
		throw notFound('survey_figure');
	}
	await assertMayWrite(db, ctx, { areaId: row.area_id, roles: MANAGE_ROLES });
	return toFigure(row);
}

export async function updateSurveyFigure(db: Database, ctx: RequestContext, areaId: string, id: string, patch: SurveyPatchInput): Promise<SurveyFigure> {
	return db.transaction().execute(async (trx) => {
		const before = await writable(trx, ctx, areaId, id);
		const next = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as SurveyFigure;
		if (next.unit === 'share' && (next.value < 0 || next.value > 1))
			throw badRequest('validation_failed', 'Some fields are missing or invalid.', [fieldIssue('value', 'share_range', {}, 'A share is 0–1.')]);
		if (next.unit === 'count' && next.value < 0)
			throw badRequest('validation_failed', 'Some fields are missing or invalid.', [fieldIssue('value', 'negative', {}, 'A count is not negative.')]);
		await clash(trx, ctx.tenant, areaId, next, id);
		return updateVersioned(trx, ctx, {
			table: 'survey_indicators',
			entity: 'survey_figure',
			what: 'survey_figure',
			id,
			version: patch.version,
			set: {
				...(patch.label !== undefined && { label: patch.label }),
				...(patch.unit !== undefined && { unit: patch.unit }),
				...(patch.year !== undefined && { year: patch.year }),
				...(patch.value !== undefined && { value: patch.value }),
				...(patch.respondents !== undefined && { respondents: patch.respondents }),
				...(patch.source !== undefined && { source: patch.source }),
				updated_by: ctx.actor!.id
			},
			before,
			after: () => getSurveyFigure(trx, ctx, areaId, id)
		});
	});
}

export async function deleteSurveyFigure(db: Database, ctx: RequestContext, areaId: string, id: string, version?: number): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const before = await writable(trx, ctx, areaId, id);
		await deleteVersioned(trx, ctx, { table: 'survey_indicators', entity: 'survey_figure', what: 'survey_figure', id, version: version ?? before.version, before });
	});
}
