import { json } from '@sveltejs/kit';
import { sql } from 'kysely';
import { database } from '$lib/server/db';
import { endpoint } from '$lib/server/api/endpoint';

export const GET = endpoint(async () => {
	const { db, mode } = database();
	const { rows } = await sql<{ postgis: string }>`SELECT postgis_lib_version() AS postgis`.execute(db);
	return json({ status: 'ok', database: mode, postgis: rows[0].postgis });
});
