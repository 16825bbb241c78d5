/**
 * The structured safety-audit scores of a finding (finding_audits, one row per finding):
 * the API's keys against the table's columns, the scores as the feature shows them, and
 * their writes.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Database, DB } from '$lib/server/db';
import { AUDIT_KEYS, type AuditKey, type AuditScores } from './finding';

/** Audit columns in the table, by the API's key. */
export const AUDIT_COLUMNS: Record<AuditKey, keyof DB['finding_audits']> = {
	lighting: 'lighting',
	openness: 'openness',
	visibility: 'visibility',
	people: 'people',
	securityPresence: 'security_presence',
	walkPath: 'walk_path',
	publicTransport: 'public_transport',
	diversity: 'diversity',
	feeling: 'feeling'
};

/** The scores given, as column → score; empty when none. */
export function scoreColumns(audit: AuditScores | null | undefined): [column: string, score: number][] {
	if (!audit) return [];
	return AUDIT_KEYS.filter((key) => audit[key] !== undefined).map((key) => [AUDIT_COLUMNS[key], audit[key]!]);
}

/**
 * The scores of the finding_audits-shaped row `alias` as the feature's `audit`: the keys
 * scored, or null when there are none (no row, or a row of nulls).
 */
export function auditJson(alias: string): RawBuilder<AuditScores | null> {
	const columns = AUDIT_KEYS.map((key) => sql.raw(`${alias}.${AUDIT_COLUMNS[key]}`));
	const pairs = AUDIT_KEYS.map((key, i) => sql`${sql.lit(key)}, ${columns[i]}`);
	return sql`CASE WHEN num_nonnulls(${sql.join(columns)}) > 0 THEN json_strip_nulls(json_build_object(${sql.join(pairs)})) END`;
}

/** Replaces a finding's scores (none given: the row goes). */
export async function writeAuditScores(db: Database, tenant: string, findingId: string, audit: AuditScores | null) {
	await db.deleteFrom('finding_audits').where('finding_id', '=', findingId).execute();
	const scores = scoreColumns(audit);
	if (scores.length === 0) return;
	await db
		.insertInto('finding_audits')
		.values({ finding_id: findingId, tenant_id: tenant, ...Object.fromEntries(scores) })
		.execute();
}
