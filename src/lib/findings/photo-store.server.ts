/** Photos of findings in the database: stored (already re-encoded, see photos.server.ts), counted, served, removed. */
import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { Database, DB } from '$lib/server/db';
import { recordAudit } from '$lib/server/audit';
import { notFound } from '$lib/server/api/errors';
import type { RequestContext } from '$lib/server/api/context';
import { getFinding } from './reads.server';
import { requireContentEditor } from './permissions.server';
import type { ProcessedPhoto } from './photos.server';

/** The photos as rows (data, content_type, width, height, byte_size) for an INSERT … SELECT; none: no rows. */
export function photoRows(photos: ProcessedPhoto[]): RawBuilder<unknown> {
	if (photos.length === 0)
		return sql`SELECT NULL::bytea AS data, NULL::text AS content_type, NULL::int AS width, NULL::int AS height, NULL::int AS byte_size WHERE false`;
	const rows = photos.map((p) => sql`(${p.data}::bytea, ${p.contentType}::text, ${p.width}::int, ${p.height}::int, ${p.data.byteLength}::int)`);
	return sql`SELECT * FROM (VALUES ${sql.join(rows)}) AS photo (data, content_type, width, height, byte_size)`;
}

async function storePhotos(trx: Transaction<DB>, ctx: RequestContext, findingId: string, photos: ProcessedPhoto[]) {
	if (photos.length === 0) return;
	await sql`
		INSERT INTO finding_photos (tenant_id, finding_id, content_type, width, height, byte_size, data, created_by)
		SELECT ${ctx.tenant}, ${findingId}::uuid, content_type, width, height, byte_size, data, ${ctx.actor?.id ?? null}::uuid
		FROM (${photoRows(photos)}) AS photo`.execute(trx);
}

/** Adding photos later: whoever may edit the finding's content. */
export async function addPhotos(trx: Transaction<DB>, ctx: RequestContext, id: string, photos: ProcessedPhoto[]) {
	await requireContentEditor(trx, ctx, id);
	await storePhotos(trx, ctx, id, photos);
	const after = await getFinding(trx, ctx, id);
	await recordAudit(trx, { tenant: ctx.tenant, actor: ctx.actor, action: 'update', entity: 'finding', entityId: id, after: { photos: after.properties.photos.map((ph) => ph.id) }, requestId: ctx.requestId });
	return after;
}

export async function countPhotos(db: Database, findingId: string): Promise<number> {
	const row = await db.selectFrom('finding_photos').select(sql<number>`count(*)::int`.as('n')).where('finding_id', '=', findingId).executeTakeFirstOrThrow();
	return row.n;
}

export async function removePhoto(trx: Transaction<DB>, ctx: RequestContext, id: string, photoId: string) {
	await requireContentEditor(trx, ctx, id);
	const removed = await trx.deleteFrom('finding_photos').where('tenant_id', '=', ctx.tenant).where('id', '=', photoId).where('finding_id', '=', id).returning('id').executeTakeFirst();
	if (!removed) throw notFound('photo');
	await recordAudit(trx, { tenant: ctx.tenant, actor: ctx.actor, action: 'delete', entity: 'finding_photo', entityId: photoId, before: { findingId: id }, requestId: ctx.requestId });
}

/** The stored (re-encoded) photo, for whoever may see the finding. */
export async function readPhoto(db: Database, ctx: RequestContext, id: string, photoId: string) {
	await getFinding(db, ctx, id); // 404/403 as for the finding itself
	const photo = await db
		.selectFrom('finding_photos')
		.select(['data', 'content_type', 'byte_size'])
		.where('tenant_id', '=', ctx.tenant)
		.where('id', '=', photoId)
		.where('finding_id', '=', id)
		.executeTakeFirst();
	if (!photo) throw notFound('photo');
	return photo;
}
