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
		throw new ApiError(400, 'invalid_geometry', `The geometry is not valid: ${verdict?.reason ?? 'unknown reason'}.`, {
			reason: verdict?.reason
		});
	}
}
