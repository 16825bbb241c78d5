/** The audit log: every mutation, by whom, when, with the record before and after. */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from './db';
import type { Actor } from '$lib/users/user';

export type AuditAction =
	| 'create' | 'update' | 'delete' | 'login' | 'logout' | 'login_failed'
	| 'token_create' | 'token_revoke' | 'import';

export interface AuditEntry {
	tenant: string;
	actor: Pick<Actor, 'id' | 'email'> | null;
	actorLabel?: string;
	action: AuditAction;
	entity: string;
	entityId: string | null;
	before?: unknown;
	after?: unknown;
	requestId?: string;
}

export async function recordAudit(db: Transaction<DB> | Kysely<DB>, entry: AuditEntry): Promise<void> {
	await db
		.insertInto('audit_log')
		.values({
			tenant_id: entry.tenant,
			actor_id: entry.actor?.id ?? null,
			actor_label: entry.actor?.email ?? entry.actorLabel ?? 'system',
			action: entry.action,
			entity: entry.entity,
			entity_id: entry.entityId,
			before: entry.before === undefined ? null : JSON.stringify(entry.before),
			after: entry.after === undefined ? null : JSON.stringify(entry.after),
			request_id: entry.requestId ?? null
		})
		.execute();
}
