/**
 * Reporting a finding: one SQL statement does all of it (issue 11, "Fast writes"). Phones
 * on a safety walk pin many findings at once, so the write must not cost a round trip per
 * check. The statement
 *   - looks up an earlier submission with the same Idempotency-Key,
 *   - judges the geometry's validity, finds the walk, places the finding in its area
 *     (given, the guest's walk area, or the most specific area under the pin) and checks
 *     the reporter's role there (the area or one containing it),
 *   - routes it to the responsible partner (routing.server.ts),
 *   and only when every check holds inserts the finding, its audit scores, its photos, the
 *   first status-history entry and the audit-log row holding the finding as stored, and
 *   answers with that same finding. Otherwise it inserts nothing and answers with the
 *   verdict, which is turned into the error a separate check would have given, in the
 *   order they were always checked. One statement is one transaction: all or nothing.
 *
 * A rule about what a write may touch is one more column of `verdict`, one more condition
 * of the insert and one more entry of `refusalOf` — not another query. Issue 12's two are
 * such columns, deciding as the shared write check does (auth/write-scope.server.ts): the
 * pin within its area (`withinArea`, the same tolerance) and the walk in an area where the
 * reporter may report (a second lineage CTE).
 */
import { sql, type RawBuilder } from 'kysely';
import type { Database } from '$lib/server/db';
import { fromGeoJSON } from '$lib/server/db/postgis';
import { prepared } from '$lib/server/db/prepared';
import { assertGeometryShape, invalidGeometry, invalidityReason } from '$lib/server/db/geometry';
import { ApiError, badRequest, forbidden, unauthenticated } from '$lib/server/api/errors';
import { MANAGE_ROLES, REPORT_ROLES } from '$lib/server/auth/scope.server';
import { AREA_EDGE_TOLERANCE_M, withinArea } from '$lib/server/auth/write-scope.server';
import type { RequestContext } from '$lib/server/api/context';
import type { Role } from '$lib/users/user';
import { AUDIT_COLUMNS, scoreColumns } from './audit-scores.server';
import { featureJson, historyAggregate, photosAggregate } from './feature.server';
import { keyReused, replayOf, reportedByCaller } from './idempotency.server';
import { photoRows } from './photo-store.server';
import { getFinding, type FindingWithHistory } from './reads.server';
import { areasUnder, lineageCte, routedPartner } from './routing.server';
import type { ProcessedPhoto } from './photos.server';
import { FINDING_GEOMETRY_TYPES, type FindingCreateInput } from './finding';

export interface CreatedFinding {
	finding: FindingWithHistory;
	/** True when the key had been seen: nothing new was stored. */
	replay: boolean;
}

/** What the statement found, before (and instead of) writing. */
interface Verdict {
	earlier_id: string | null;
	earlier_same: boolean | null;
	invalid_geometry: string | null;
	walk_known: boolean;
	area_id: string | null;
	may_report: boolean;
	walk_reportable: boolean;
	inside: boolean | null;
	partner_known: boolean;
	feature: FindingWithHistory | null;
}

/**
 * The actor holds one of `roles` in the area whose lineage CTE (`lineage`) is in scope —
 * the area or one containing it: roles reach nested areas — as a condition; false without
 * an actor. The grants are parameters, so every actor runs the same (prepared) statement.
 */
function holdsRoleIn(ctx: RequestContext, roles: readonly Role[], lineage = 'lineage'): RawBuilder<boolean> {
	const grants = (ctx.actor?.roles ?? []).filter((g) => roles.includes(g.role));
	const everywhere = grants.some((g) => g.areaId === null);
	const ids = grants.flatMap((g) => (g.areaId ? [g.areaId] : []));
	return sql<boolean>`(${everywhere}::boolean OR EXISTS (SELECT 1 FROM ${sql.table(lineage)} WHERE id = ANY(${ids}::uuid[])))`;
}

export async function createFinding(
	db: Database,
	ctx: RequestContext,
	input: FindingCreateInput,
	idempotencyKey: string | null,
	photos: ProcessedPhoto[]
): Promise<CreatedFinding> {
	if (!ctx.actor && !ctx.guest) throw unauthenticated();
	const p = input.properties;
	assertGeometryShape(input.geometry, FINDING_GEOMETRY_TYPES);
	if (ctx.guest && p.walkId && p.walkId !== ctx.guest.walkId) throw forbidden('join_code_own_walk', { entity: 'finding' });

	const tenant = ctx.tenant;
	const actorId = ctx.actor?.id ?? null;
	const walkId = ctx.guest ? ctx.guest.walkId : (p.walkId ?? null);
	const partnerId = p.responsiblePartnerId ?? null;
	const here = sql`(SELECT geom FROM input)`;
	// A guest's pins go into the walk's area; a given area must hold the pin; otherwise the
	// most specific area under the pin, or the walk's area.
	const area = ctx.guest
		? sql`${ctx.guest.areaId}::uuid`
		: p.areaId
			? sql`(SELECT id FROM areas WHERE id = ${p.areaId}::uuid AND tenant_id = ${tenant} AND ST_Intersects(geom, ${here}))`
			: sql`coalesce((SELECT id FROM (${areasUnder(tenant, here)}) AS under LIMIT 1), (SELECT area_id FROM walk))`;
	const partner = partnerId
		? sql`SELECT id, name FROM partners WHERE id = ${partnerId}::uuid AND tenant_id = ${tenant}`
		: routedPartner(tenant, p.category);
	// A guest reports in the walk's area (above) without a role.
	const mayReport = ctx.actor ? holdsRoleIn(ctx, REPORT_ROLES) : sql<boolean>`${true}::boolean`;
	// The walk named must be one the reporter may report on (a guest's is their own walk).
	const walkReportable = ctx.actor ? holdsRoleIn(ctx, REPORT_ROLES, 'walk_lineage') : sql<boolean>`${true}::boolean`;
	const manages = holdsRoleIn(ctx, MANAGE_ROLES);
	// All nine scores as parameters (null when not given): one statement text for every submission.
	const given = new Map(scoreColumns(p.audit));
	const columns = Object.values(AUDIT_COLUMNS);
	const scores = sql.join(columns.map((c) => sql`${given.get(c) ?? null}::smallint AS ${sql.ref(c)}`));
	const scored = sql.join(columns.map((c) => sql.ref(`s.${c}`)));
	const auditLabel = ctx.actor ? ctx.actor.email : `guest:${ctx.guest!.name || ctx.guest!.id}`;

	// Marked as prepared (unless it carries photos: those vary the text, and decoding them costs far more).
	const statement = sql<Verdict>`
		WITH RECURSIVE
		input AS (SELECT g AS geom, ${invalidityReason(sql`g`)} AS invalid FROM (SELECT ${fromGeoJSON(input.geometry)} AS g) AS given),
		earlier AS (
			SELECT f.id, ${reportedByCaller(ctx, 'f')} AS same
			FROM findings f WHERE f.tenant_id = ${tenant} AND f.idempotency_key = ${idempotencyKey}::text),
		walk AS (SELECT id, area_id FROM walks WHERE id = ${walkId}::uuid AND tenant_id = ${tenant}),
		-- Only a valid geometry is placed: GEOS may fail on an invalid one, and the answer is "invalid" anyway.
		place AS (SELECT CASE WHEN (SELECT invalid FROM input) IS NULL THEN ${area} END AS id),
		lineage AS (${lineageCte(tenant, sql`(SELECT id FROM place)`)}),
		walk_lineage AS (${lineageCte(tenant, sql`(SELECT area_id FROM walk)`, 'walk_lineage')}),
		partner AS (${partner}),
		verdict AS (
			SELECT
				(SELECT id FROM earlier) AS earlier_id,
				(SELECT same FROM earlier) AS earlier_same,
				(SELECT invalid FROM input) AS invalid_geometry,
				(${walkId}::uuid IS NULL OR EXISTS (SELECT 1 FROM walk)) AS walk_known,
				(SELECT id FROM place) AS area_id,
				${mayReport} AS may_report,
				(${walkId}::uuid IS NULL OR ${walkReportable}) AS walk_reportable,
				-- Within its area, give or take the edge tolerance (write-scope.server.ts).
				(SELECT ${withinArea(here, sql`a.geom`)} FROM areas a WHERE a.tenant_id = ${tenant} AND a.id = (SELECT id FROM place)) AS inside,
				(${partnerId}::uuid IS NULL OR EXISTS (SELECT 1 FROM partner)) AS partner_known,
				(SELECT id FROM partner) AS partner_id),
		ins AS (
			INSERT INTO findings (tenant_id, area_id, walk_id, category, severity, times_of_day, description,
				proposed_measure, proposed_term, responsible_partner_id, follow_up_on, reported_by, reported_by_guest,
				reporter_name, idempotency_key, geom, created_by, updated_by)
			SELECT ${tenant}, v.area_id, ${walkId}::uuid, ${p.category}::text, ${p.severity}::smallint,
				${[...new Set(p.timesOfDay)]}::text[], ${p.description}::text, ${p.proposedMeasure}::text,
				${p.proposedTerm ?? null}::text, v.partner_id, ${p.followUpOn ?? null}::date, ${actorId}::uuid,
				${ctx.guest?.id ?? null}::uuid, ${p.reporterName ?? ctx.guest?.name ?? null}::text, ${idempotencyKey}::text,
				(SELECT geom FROM input), ${actorId}::uuid, ${actorId}::uuid
			FROM verdict v
			WHERE v.earlier_id IS NULL AND v.invalid_geometry IS NULL AND v.walk_known AND v.area_id IS NOT NULL
				AND v.may_report AND v.walk_reportable AND v.inside AND v.partner_known
			-- A copy racing this one stored the key first: nothing here, the caller answers with that one.
			ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
			RETURNING *),
		scores AS (
			INSERT INTO finding_audits (finding_id, tenant_id, ${sql.join(columns.map((c) => sql.ref(c)))})
			SELECT ins.id, ins.tenant_id, ${scored} FROM ins, (SELECT ${scores}) AS s
			WHERE num_nonnulls(${scored}) > 0
			RETURNING *),
		photos AS (
			INSERT INTO finding_photos (tenant_id, finding_id, content_type, width, height, byte_size, data, created_by)
			SELECT ins.tenant_id, ins.id, ph.content_type, ph.width, ph.height, ph.byte_size, ph.data, ${actorId}::uuid
			FROM ins, (${photoRows(photos)}) AS ph
			RETURNING id, finding_id, width, height, byte_size, created_at),
		history AS (
			INSERT INTO finding_status_history (tenant_id, finding_id, from_status, to_status, changed_by)
			SELECT tenant_id, id, NULL, 'new', ${actorId}::uuid FROM ins
			RETURNING *),
		feature AS (
			SELECT ${featureJson({
				finding: 'ins',
				area: 'a',
				partner: 'p',
				reporter: 'u',
				audit: 'fa',
				photos: sql`(SELECT ${photosAggregate('ph')} FROM photos ph)`,
				showReporter: manages,
				history: sql`(SELECT ${historyAggregate('h', 'hu', manages)} FROM history h LEFT JOIN users hu ON hu.tenant_id = ${tenant} AND hu.id = h.changed_by)`
			})} AS doc
			FROM ins
			JOIN areas a ON a.tenant_id = ${tenant} AND a.id = ins.area_id
			LEFT JOIN partners p ON p.tenant_id = ${tenant} AND p.id = ins.responsible_partner_id
			LEFT JOIN users u ON u.tenant_id = ${tenant} AND u.id = ins.reported_by
			LEFT JOIN scores fa ON fa.finding_id = ins.id),
		logged AS (
			INSERT INTO audit_log (tenant_id, actor_id, actor_label, action, entity, entity_id, after, request_id)
			SELECT ${tenant}, ${actorId}::uuid, ${auditLabel}::text, 'create', 'finding', ins.id::text, feature.doc::jsonb, ${ctx.requestId}::text
			FROM ins, feature)
		SELECT v.earlier_id, v.earlier_same, v.invalid_geometry, v.walk_known, v.area_id, v.may_report, v.walk_reportable, v.inside, v.partner_known,
			(SELECT doc FROM feature) AS feature
		FROM verdict v`;
	const { rows } = await (photos.length ? statement : prepared(statement)).execute(db);
	const verdict = rows[0]!;

	if (verdict.earlier_id) {
		if (!verdict.earlier_same) throw keyReused();
		return { finding: await getFinding(db, ctx, verdict.earlier_id), replay: true };
	}
	const refusal = refusalOf(verdict, Boolean(p.areaId) && !ctx.guest);
	if (refusal) throw refusal;
	if (verdict.feature) return { finding: verdict.feature, replay: false };
	// Every check held and nothing was stored: a copy with the same key won the race.
	const winner = idempotencyKey ? await replayOf(db, ctx, idempotencyKey) : null;
	if (!winner) throw new Error('The finding was neither stored nor refused.');
	return { finding: winner, replay: true };
}

/** The first check that failed, as the error the API has always given for it. */
function refusalOf(v: Verdict, areaGiven: boolean): ApiError | null {
	if (v.invalid_geometry !== null) return invalidGeometry(v.invalid_geometry);
	if (!v.walk_known) return badRequest('unknown_reference', 'The walk does not exist.', { field: 'walkId' });
	if (v.area_id === null)
		return areaGiven
			? badRequest('outside_area', 'The location is not inside the given area.', { field: 'areaId' })
			: badRequest('outside_areas', 'The location is not inside any area of this service; pin it inside an area.');
	if (!v.may_report) return forbidden('report_in_area', { entity: 'finding' });
	if (!v.walk_reportable)
		return new ApiError(403, 'forbidden_reference', 'Your role does not allow reporting findings on this walk.', { field: 'walkId' });
	if (v.inside === false)
		return badRequest('outside_area', `The location lies outside its area (more than ${AREA_EDGE_TOLERANCE_M} m past the outline).`, {
			field: 'geometry',
			toleranceM: AREA_EDGE_TOLERANCE_M
		});
	if (!v.partner_known) return badRequest('unknown_reference', 'The responsible partner does not exist.', { field: 'responsiblePartnerId' });
	return null;
}
