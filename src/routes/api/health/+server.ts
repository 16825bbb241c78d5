import { json } from '@sveltejs/kit';
import { sql } from 'kysely';
import { database } from '$lib/server/db';
import { endpoint } from '$lib/server/api/endpoint';
import { ApiError, DATABASE_RETRY_AFTER_S, databaseUnreachable } from '$lib/server/api/errors';

/**
 * `{ status, database, postgis }` while the database answers; 503 `database_unavailable`
 * with the reason (and `Retry-After`) while it does not, so a load balancer or a monitor
 * can tell "app up, database away" from "app down".
 */
export const GET = endpoint(async () => {
	const { db, mode } = database();
	try {
		const { rows } = await sql<{ postgis: string }>`SELECT postgis_lib_version() AS postgis`.execute(db);
		return json({ status: 'ok', database: mode, postgis: rows[0].postgis }, { headers: { 'cache-control': 'no-store' } });
	} catch (error) {
		const reason = databaseUnreachable(error) ?? (error as Error).message ?? 'unknown';
		throw new ApiError(503, 'database_unavailable', 'The database is temporarily unavailable; try again in a moment.', { reason, database: mode }, {
			'retry-after': String(DATABASE_RETRY_AFTER_S)
		});
	}
});
