/** "Is this the same problem?": open findings near a pin, offered before a new one is reported. */
import { sql, type SqlBool } from 'kysely';
import type { Database } from '$lib/server/db';
import { fromGeoJSON } from '$lib/server/db/postgis';
import type { RequestContext } from '$lib/server/api/context';
import { selectFindings } from './reads.server';
import { guestAreas, inSetSql, scopeOf, visibleTo } from './visibility.server';
import { DUPLICATE_RADIUS_M, OPEN_STATUSES, type FindingCategory, type FindingFeature, type FindingGeometry } from './finding';

export interface DuplicateCandidate {
	finding: FindingFeature;
	distanceM: number;
}

/** Open findings of the same category near a geometry, nearest first (geodesic metres). */
export async function nearbyOpenFindings(
	db: Database,
	ctx: RequestContext,
	geometry: FindingGeometry,
	category: FindingCategory | undefined,
	radiusM = DUPLICATE_RADIUS_M
): Promise<DuplicateCandidate[]> {
	const scope = await scopeOf(db, ctx);
	const here = fromGeoJSON(geometry);
	let query = selectFindings(db, ctx.tenant, inSetSql(scope.manage, 'f.area_id'))
		.select(sql<number>`ST_Distance(f.geom::geography, ${here}::geography)`.as('distance_m'))
		.where('f.status', 'in', [...OPEN_STATUSES])
		.where(sql<SqlBool>`ST_DWithin(f.geom::geography, ${here}::geography, ${radiusM})`);
	if (category) query = query.where('f.category', '=', category);
	// A guest sees candidates in the walk's area, not just their own pins: the point is to
	// avoid reporting again what someone reported before.
	query = scope.guestWalk ? query.where('f.area_id', 'in', await guestAreas(db, ctx)) : query.where(visibleTo(scope));
	const rows = await query.orderBy('distance_m').limit(10).execute();
	return rows.map((r) => ({ finding: r.feature, distanceM: Math.round(r.distance_m * 10) / 10 }));
}
