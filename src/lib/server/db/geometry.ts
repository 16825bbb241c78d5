/**
 * Every geometry write passes here first: type, WGS 84 ranges and the service area are
 * checked without the database, then PostGIS judges OGC validity and explains a failure
 * (e.g. "Self-intersection at 18.0455 59.3125"). Nothing invalid reaches a table; the
 * CHECK (ST_IsValid) constraints are the backstop.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { config } from '../config';
import { ApiError, badRequest } from '../api/errors';
import { checkCoordinateRange, checkGeometryType, checkServiceArea } from '$lib/geometry/checks';
import type { Geometry, GeometryType } from '$lib/geometry/geojson';
import { fromGeoJSON } from './postgis';

/** The checks that need no database: type, WGS 84 ranges, the service area. */
export function assertGeometryShape(geometry: Geometry, allowed: readonly GeometryType[]): void {
	const problem =
		checkGeometryType(geometry, allowed) ??
		checkCoordinateRange(geometry) ??
		checkServiceArea(geometry, config.LYKTA_SERVICE_AREA);
	if (problem) throw badRequest(problem.code, problem.message, problem.details);
}

/**
 * Why a geometry is not valid by OGC rules, as PostGIS explains it; NULL when it is valid.
 * A SQL fragment, so a write statement can judge its geometry itself, without a round trip.
 */
export function invalidityReason(geometry: RawBuilder<unknown>): RawBuilder<string | null> {
	return sql<string | null>`CASE WHEN NOT ST_IsValid(${geometry}) THEN coalesce(ST_IsValidReason(${geometry}), 'unknown reason') END`;
}

/** The 400 for PostGIS's validity reason: a word the UI explains, where it is, and PostGIS's own text. */
export function invalidGeometry(postgis: string): ApiError {
	const { reason, at } = validityProblem(postgis);
	return new ApiError(400, 'invalid_geometry', `The geometry is not valid: ${postgis}.`, { reason, ...(at ? { at } : {}), postgis });
}

export async function assertWritableGeometry(
	db: Kysely<any>,
	geometry: Geometry,
	allowed: readonly GeometryType[]
): Promise<void> {
	assertGeometryShape(geometry, allowed);
	const { rows } = await sql<{ reason: string | null }>`
		SELECT ${invalidityReason(sql`g`)} AS reason
		FROM (SELECT ${fromGeoJSON(geometry)} AS g) AS input`.execute(db);
	const reason = rows[0]?.reason ?? null;
	if (reason !== null) throw invalidGeometry(reason);
}

/** GEOS's validity reasons (ST_IsValidReason) by the word the UI explains them with. */
const VALIDITY_REASONS: [RegExp, string][] = [
	[/^ring self-intersection/i, 'ring_self_intersection'],
	[/^self-intersection/i, 'self_intersection'],
	[/^too few points/i, 'too_few_points'],
	[/^hole lies outside shell/i, 'hole_outside_shell'],
	[/^nested holes/i, 'nested_holes'],
	[/^interior is disconnected/i, 'interior_disconnected'],
	[/^nested shells/i, 'nested_shells'],
	[/^duplicate rings/i, 'duplicate_rings'],
	[/^invalid coordinate/i, 'invalid_coordinate'],
	[/^ring is not closed/i, 'ring_not_closed']
];

/**
 * `Self-intersection[18.0455 59.3125]` → `{ reason: 'self_intersection', at: [18.0455, 59.3125] }`,
 * so the message can say what is wrong in the reader's language and the map can show where.
 */
export function validityProblem(postgis: string): { reason: string; at?: [number, number] } {
	const reason = VALIDITY_REASONS.find(([pattern]) => pattern.test(postgis))?.[1] ?? 'other';
	const where = /\[\s*(-?[\d.]+)\s+(-?[\d.]+)/.exec(postgis);
	return where ? { reason, at: [Number(where[1]), Number(where[2])] } : { reason };
}
