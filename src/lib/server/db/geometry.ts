/**
 * Every geometry write passes here first: type, WGS 84 ranges and the service area are
 * checked without the database, then PostGIS judges OGC validity and explains a failure
 * (e.g. "Self-intersection at 18.0455 59.3125"). Nothing invalid reaches a table; the
 * CHECK (ST_IsValid) constraints are the backstop.
 */
import { sql, type Kysely } from 'kysely';
import { config } from '../config';
import { ApiError, badRequest } from '../api/errors';
import { checkCoordinateRange, checkGeometryType, checkServiceArea } from '$lib/geometry/checks';
import type { Geometry, GeometryType } from '$lib/geometry/geojson';
import { fromGeoJSON } from './postgis';

export async function assertWritableGeometry(
	db: Kysely<any>,
	geometry: Geometry,
	allowed: readonly GeometryType[]
): Promise<void> {
	const problem =
		checkGeometryType(geometry, allowed) ??
		checkCoordinateRange(geometry) ??
		checkServiceArea(geometry, config.LYKTA_SERVICE_AREA);
	if (problem) throw badRequest(problem.code, problem.message, problem.details);

	const { rows } = await sql<{ valid: boolean; reason: string }>`
		SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason
		FROM (SELECT ${fromGeoJSON(geometry)} AS g) AS input`.execute(db);
	const verdict = rows[0];
	if (!verdict?.valid) {
		const { reason, at } = validityProblem(verdict?.reason ?? '');
		throw new ApiError(400, 'invalid_geometry', `The geometry is not valid: ${verdict?.reason ?? 'unknown reason'}.`, {
			reason,
			...(at ? { at } : {}),
			postgis: verdict?.reason
		});
	}
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
