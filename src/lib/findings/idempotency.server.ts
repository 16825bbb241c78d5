/**
 * Offline retries: a phone that lost its connection sends the same submission again with
 * the same Idempotency-Key. The key is unique per tenant in the table, so two copies can
 * never both be stored; a repeat by the same reporter is answered with the finding stored
 * the first time, by anyone else refused (the key is not theirs to replay).
 */
import { sql, type RawBuilder } from 'kysely';
import type { Database } from '$lib/server/db';
import { ApiError } from '$lib/server/api/errors';
import type { RequestContext } from '$lib/server/api/context';
import { getFinding, type FindingWithHistory } from './reads.server';

export const keyReused = () => new ApiError(409, 'idempotency_key_reused', 'This Idempotency-Key was already used for another submission.');

/** A findings row (`alias`) was reported by the caller: the same account, or the same walk guest. */
export function reportedByCaller(ctx: RequestContext, alias: string): RawBuilder<boolean> {
	const actorId = ctx.actor?.id ?? null;
	return sql<boolean>`coalesce(CASE WHEN ${actorId}::uuid IS NOT NULL THEN ${sql.raw(`${alias}.reported_by`)} = ${actorId}::uuid
		ELSE ${sql.raw(`${alias}.reported_by_guest`)} = ${ctx.guest?.id ?? null}::uuid END, false)`;
}

/** An earlier submission with the same Idempotency-Key, when it was the same reporter's; 409 when it was someone else's. */
export async function findByIdempotencyKey(db: Database, ctx: RequestContext, key: string): Promise<string | null> {
	const { rows } = await sql<{ id: string; same: boolean }>`
		SELECT f.id, ${reportedByCaller(ctx, 'f')} AS same
		FROM findings f WHERE f.tenant_id = ${ctx.tenant} AND f.idempotency_key = ${key}`.execute(db);
	const row = rows[0];
	if (!row) return null;
	if (!row.same) throw keyReused();
	return row.id;
}

/** The finding an earlier submission with this key stored, as the caller sees it now; null when the key is new. */
export async function replayOf(db: Database, ctx: RequestContext, key: string): Promise<FindingWithHistory | null> {
	const id = await findByIdempotencyKey(db, ctx, key);
	return id ? getFinding(db, ctx, id) : null;
}
