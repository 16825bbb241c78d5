/**
 * A finding as the API shows it (FindingFeature), built by the database. One projection
 * for every path: lists, a single finding, duplicates, and the create statement, which
 * answers with — and writes into the audit log — the finding exactly as it stored it,
 * without reading it back. The parts that depend on who asks (the reporter, who made each
 * status change) are switched by a condition the caller gives.
 */
import { sql, type RawBuilder } from 'kysely';
import { asGeoJSON } from '$lib/server/db/postgis';
import { auditJson } from './audit-scores.server';
import { OPEN_STATUSES, type FindingFeature, type StatusChange } from './finding';

/** An ISO 8601 UTC timestamp with milliseconds, as JavaScript's toISOString writes it. */
export function isoTime(column: RawBuilder<unknown>): RawBuilder<string> {
	return sql<string>`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** Today in Stockholm: follow-up dates are calendar days there. */
const TODAY = sql`(now() AT TIME ZONE 'Europe/Stockholm')::date`;
const OPEN = sql.join(OPEN_STATUSES.map((s) => sql.lit(s)));

export interface FeatureSources {
	/** Alias of a findings-shaped row: the table, or the RETURNING of an insert. */
	finding: string;
	/** Aliases of the rows joined to it: its area, its partner, the reporting user (both left-joined). */
	area: string;
	partner: string;
	reporter: string;
	/** Alias of its finding_audits-shaped row (left-joined). */
	audit: string;
	/** Its photos as a json array of { id, width, height, byteSize, url }. */
	photos: RawBuilder<unknown>;
	/** Whether the caller sees who reported it (coordinators and admins of the area). */
	showReporter: RawBuilder<boolean>;
	/** Its status history as a json array, when the caller wants it. */
	history?: RawBuilder<unknown>;
}

export function featureJson(s: FeatureSources): RawBuilder<FindingFeature> {
	const f = (column: string) => sql.raw(`${s.finding}.${column}`);
	return sql<FindingFeature>`json_build_object(
		'type', 'Feature',
		'id', ${f('id')},
		'geometry', ${asGeoJSON(f('geom'))},
		'properties', json_build_object(
			'areaId', ${f('area_id')},
			'areaName', ${sql.raw(`${s.area}.name`)},
			'walkId', ${f('walk_id')},
			'category', ${f('category')},
			'severity', ${f('severity')},
			'timesOfDay', ${f('times_of_day')},
			'description', ${f('description')},
			'proposedMeasure', ${f('proposed_measure')},
			'proposedTerm', ${f('proposed_term')},
			'responsiblePartnerId', ${f('responsible_partner_id')},
			'responsiblePartnerName', ${sql.raw(`${s.partner}.name`)},
			'followUpOn', ${f('follow_up_on')},
			'overdue', coalesce(${f('follow_up_on')} < ${TODAY} AND ${f('status')} IN (${OPEN}), false),
			'status', ${f('status')},
			'statusReason', ${f('status_reason')},
			'reinspect', ${f('reinspect')},
			'confirmations', ${f('confirmations')},
			'reporter', CASE WHEN ${s.showReporter} THEN json_build_object(
				'id', ${f('reported_by')},
				'name', coalesce(${sql.raw(`${s.reporter}.display_name`)}, ${f('reporter_name')}, '')) END,
			'audit', ${auditJson(s.audit)},
			'photos', ${s.photos},
			'version', ${f('version')},
			'createdAt', ${isoTime(f('created_at'))},
			'updatedAt', ${isoTime(f('updated_at'))}
			${s.history ? sql`, 'history', ${s.history}` : sql``}
		)
	)`;
}

/** Photo rows (`alias`: finding_photos-shaped, with finding_id) as the feature's `photos` aggregate. */
export function photosAggregate(alias: string): RawBuilder<unknown> {
	const p = (column: string) => sql.raw(`${alias}.${column}`);
	return sql`coalesce(json_agg(json_build_object(
		'id', ${p('id')}, 'width', ${p('width')}, 'height', ${p('height')}, 'byteSize', ${p('byte_size')},
		'url', '/api/findings/' || ${p('finding_id')} || '/photos/' || ${p('id')}
	) ORDER BY ${p('created_at')}, ${p('id')}), '[]'::json)`;
}

/**
 * Status-history rows (`alias`: finding_status_history-shaped) with the changing user
 * (`user`, left-joined) as the feature's `history` aggregate, oldest first.
 */
export function historyAggregate(alias: string, user: string, showWho: RawBuilder<boolean>): RawBuilder<StatusChange[]> {
	const h = (column: string) => sql.raw(`${alias}.${column}`);
	return sql<StatusChange[]>`coalesce(json_agg(json_build_object(
		'fromStatus', ${h('from_status')},
		'toStatus', ${h('to_status')},
		'note', ${h('note')},
		'changedBy', CASE WHEN ${showWho} THEN ${sql.raw(`${user}.display_name`)} END,
		'changedAt', ${isoTime(h('changed_at'))}
	) ORDER BY ${h('changed_at')}, ${h('id')}), '[]'::json)`;
}
