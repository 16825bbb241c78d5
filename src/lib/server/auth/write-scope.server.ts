/**
 * What a write may touch, decided in one place (issue 12). Every create and update of an
 * area-bound record passes `assertMayWrite` with what it touches:
 *   - the record's own area, where the actor must hold one of the roles allowing the write
 *     (there or in an area containing it: roles reach nested areas);
 *   - every area-bound record it names (the findings a measure addresses, a finding's walk,
 *     a zone's area, an area's parent): each must lie in an area where the actor holds such a
 *     role; a programme or budget line must run in the record's area (or an area containing
 *     it, or one nested in it), since its money and follow-up belong there;
 *   - its geometry, which must lie within its area, give or take AREA_EDGE_TOLERANCE_M.
 * One statement reads all of it. No right: 403; an unknown reference: 400 `unknown_reference`;
 * geometry outside its area: 400 `outside_area`. Partners named as organiser or responsible
 * are shared reference data and need no check here.
 *
 * The finding's create statement (findings/create.server.ts) makes the same decisions in SQL
 * with `withinArea` and the role conditions, to stay one round trip.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db';
import { fromGeoJSON, METRIC_SRID } from '../db/postgis';
import { ApiError, badRequest, forbidden, unauthenticated } from '../api/errors';
import type { RequestContext } from '../api/context';
import type { Geometry } from '$lib/geometry/geojson';
import type { Actor, Role } from '$lib/users/user';

/**
 * How far (metres) a geometry may reach past its area's outline. A phone's GPS in a park is
 * typically 5–20 m off, and area outlines drawn at city scale are a few metres off the
 * paths and walls they follow: a lamp on the boundary path, or a pin where the walker
 * stood at the park's edge, must still be taken. 20 m is too little to reach into the
 * next district (the smallest gap between two demo places is ~0.3 km).
 */
export const AREA_EDGE_TOLERANCE_M = 20;

/**
 * `geometry` lies within `area` (both 4326), give or take the tolerance, measured in
 * SWEREF 99 TM. The buffer is only built when the plain test fails (the common case is inside).
 */
export function withinArea(geometry: RawBuilder<unknown>, area: RawBuilder<unknown>): RawBuilder<boolean> {
	return sql<boolean>`CASE WHEN ST_CoveredBy(${geometry}, ${area}) THEN true
		ELSE ST_CoveredBy(ST_Transform(${geometry}, ${sql.lit(METRIC_SRID)}), ST_Buffer(ST_Transform(${area}, ${sql.lit(METRIC_SRID)}), ${sql.lit(AREA_EDGE_TOLERANCE_M)})) END`;
}

/** Records with one area each: the actor must hold the write's role where they lie. */
type AreaBoundKind = 'finding' | 'walk' | 'zone' | 'area';
/** Records of a programme (several areas): the programme must run where the record is. */
type ProgrammeKind = 'programme' | 'budget_line' | 'activity';

export interface Reference {
	/** The request's field that names it, for the error (`properties.findingIds`, `walkId` …). */
	field: string;
	kind: AreaBoundKind | ProgrammeKind;
	ids: readonly string[];
}

export interface WriteTarget {
	/** The record's own area. */
	areaId: string;
	/** Roles allowing this write (admin always does). */
	roles: readonly Role[];
	/** The record's geometry when it is written (new or changed); it must lie within the area. */
	geometry?: Geometry | null;
	references?: readonly Reference[];
}

interface Verdict {
	area_known: boolean;
	lineage: string[];
	subtree: string[];
	inside: boolean | null;
	refs: {
		field: string;
		kind: Reference['kind'];
		id: string;
		known: boolean;
		areas: string[];
		lineage: string[] | null;
		activity_area: string | null;
		programme_lineage: string[] | null;
	}[];
}

/** The actor holds one of `roles` somewhere in `lineage` (an area and its ancestors), or everywhere. */
function holdsIn(actor: Actor, roles: readonly Role[], lineage: readonly string[]): boolean {
	return actor.roles.some((g) => (g.role === 'admin' || roles.includes(g.role)) && (g.areaId === null || lineage.includes(g.areaId)));
}

const AREA_OF: Record<AreaBoundKind, RawBuilder<unknown>> = {
	finding: sql`(SELECT area_id FROM findings WHERE id = r.id AND tenant_id = t.tenant)`,
	walk: sql`(SELECT area_id FROM walks WHERE id = r.id AND tenant_id = t.tenant)`,
	zone: sql`(SELECT area_id FROM problem_zones WHERE id = r.id AND tenant_id = t.tenant)`,
	area: sql`(SELECT id FROM areas WHERE id = r.id AND tenant_id = t.tenant)`
};

const PROGRAMME_OF: Record<ProgrammeKind, RawBuilder<unknown>> = {
	programme: sql`(SELECT id FROM programmes WHERE id = r.id AND tenant_id = t.tenant)`,
	budget_line: sql`(SELECT b.programme_id FROM budget_lines b WHERE b.id = r.id AND b.tenant_id = t.tenant)`,
	activity: sql`(SELECT a.programme_id FROM programme_activities a WHERE a.id = r.id AND a.tenant_id = t.tenant)`
};

/** The area (and ancestors) of a single-area record, or the programme's areas. */
function referencedAreas() {
	const single = (Object.keys(AREA_OF) as AreaBoundKind[]).map((k) => sql`WHEN ${sql.lit(k)} THEN ${AREA_OF[k]}`);
	const programme = (Object.keys(PROGRAMME_OF) as ProgrammeKind[]).map((k) => sql`WHEN ${sql.lit(k)} THEN ${PROGRAMME_OF[k]}`);
	return sql`
		SELECT r.field, r.kind, r.id, x.area_id IS NOT NULL OR x.programme_id IS NOT NULL AS known,
			CASE WHEN x.programme_id IS NOT NULL
				THEN ARRAY(SELECT area_id FROM programme_areas WHERE programme_id = x.programme_id)
				ELSE ARRAY[x.area_id]::uuid[] END AS areas,
			CASE WHEN x.area_id IS NOT NULL THEN ARRAY(
				WITH RECURSIVE up AS (
					SELECT id, parent_id, 0 AS depth FROM areas WHERE id = x.area_id
					UNION ALL SELECT a.id, a.parent_id, up.depth + 1 FROM areas a JOIN up ON a.id = up.parent_id WHERE up.depth < 20)
				SELECT id FROM up) END AS lineage,
			-- An activity's own area (NULL: all its programme's areas), and every area its
			-- programme runs in with their ancestors (where a role reaches it).
			CASE WHEN r.kind = 'activity' THEN (SELECT a.area_id FROM programme_activities a WHERE a.id = r.id AND a.tenant_id = t.tenant) END AS activity_area,
			CASE WHEN r.kind = 'activity' AND x.programme_id IS NOT NULL THEN ARRAY(
				WITH RECURSIVE up AS (
					SELECT id, parent_id, 0 AS depth FROM areas
					WHERE tenant_id = t.tenant AND id IN (SELECT area_id FROM programme_areas WHERE tenant_id = t.tenant AND programme_id = x.programme_id)
					UNION ALL SELECT a.id, a.parent_id, up.depth + 1 FROM areas a JOIN up ON a.id = up.parent_id WHERE a.tenant_id = t.tenant AND up.depth < 20)
				SELECT id FROM up) END AS programme_lineage
		FROM refs r, t,
			LATERAL (SELECT CASE r.kind ${sql.join(single, sql` `)} END::uuid AS area_id,
				CASE r.kind ${sql.join(programme, sql` `)} END::uuid AS programme_id) AS x`;
}

/**
 * Throws unless the actor may write a record in `target.areaId` touching what `target`
 * names; returns the actor.
 */
export async function assertMayWrite(db: Db, ctx: RequestContext, target: WriteTarget): Promise<Actor> {
	const actor = ctx.actor;
	if (!actor) throw unauthenticated();
	const refs = (target.references ?? []).flatMap((r) => [...new Set(r.ids)].map((id) => ({ field: r.field, kind: r.kind, id })));
	const geometry = target.geometry ? fromGeoJSON(target.geometry) : null;
	const { rows } = await sql<Verdict>`
		WITH RECURSIVE
		t AS (SELECT ${ctx.tenant}::text AS tenant),
		target AS (SELECT id, geom FROM areas WHERE id = ${target.areaId}::uuid AND tenant_id = ${ctx.tenant}),
		up AS (
			SELECT id, parent_id, 0 AS depth FROM target JOIN areas USING (id)
			UNION ALL SELECT a.id, a.parent_id, up.depth + 1 FROM areas a JOIN up ON a.id = up.parent_id WHERE up.depth < 20),
		down AS (
			SELECT id, 0 AS depth FROM target
			UNION ALL SELECT a.id, down.depth + 1 FROM areas a JOIN down ON a.parent_id = down.id WHERE down.depth < 20),
		refs AS (SELECT * FROM jsonb_to_recordset(${JSON.stringify(refs)}::jsonb) AS r(field text, kind text, id uuid)),
		ref_areas AS (${referencedAreas()})
		SELECT EXISTS (SELECT 1 FROM target) AS area_known,
			ARRAY(SELECT id FROM up) AS lineage,
			ARRAY(SELECT id FROM down) AS subtree,
			${geometry ? sql`(SELECT ${withinArea(geometry, sql`target.geom`)} FROM target)` : sql`NULL::boolean`} AS inside,
			coalesce((SELECT json_agg(ref_areas) FROM ref_areas), '[]'::json) AS refs`.execute(db);
	const verdict = rows[0]!;
	if (!verdict.area_known) throw badRequest('unknown_reference', 'The area does not exist.', { field: 'areaId', areaId: target.areaId });
	if (!holdsIn(actor, target.roles, verdict.lineage)) throw forbidden();
	for (const ref of verdict.refs) {
		if (!ref.known) throw badRequest('unknown_reference', `A referenced record does not exist (${ref.field}).`, { field: ref.field, id: ref.id });
		if (ref.kind === 'activity') {
			// The activity's programme must be one the actor writes in, and the activity must be
			// the record's area's (its own area, or an area containing it), or, without an area
			// of its own, its programme must run there.
			if (!holdsIn(actor, target.roles, ref.programme_lineage ?? []))
				throw new ApiError(403, 'forbidden_reference', `Your role does not allow this write to name a record in another area (${ref.field}).`, { field: ref.field, id: ref.id });
			const sameArea = ref.activity_area
				? verdict.lineage.includes(ref.activity_area)
				: ref.areas.some((a) => verdict.lineage.includes(a) || verdict.subtree.includes(a));
			if (!sameArea) throw badRequest('activity_other_area', 'The activity belongs to another area than the record.', { field: ref.field, id: ref.id, entity: 'activity' });
			continue;
		}
		const allowed =
			ref.kind === 'programme' || ref.kind === 'budget_line'
				? ref.areas.some((a) => verdict.lineage.includes(a) || verdict.subtree.includes(a))
				: holdsIn(actor, target.roles, ref.lineage ?? []);
		if (!allowed)
			throw new ApiError(403, 'forbidden_reference', `Your role does not allow this write to name a record in another area (${ref.field}).`, { field: ref.field, id: ref.id });
	}
	if (verdict.inside === false)
		throw badRequest('outside_area', `The geometry lies outside its area (more than ${AREA_EDGE_TOLERANCE_M} m past the outline).`, {
			field: 'geometry',
			toleranceM: AREA_EDGE_TOLERANCE_M
		});
	return actor;
}
