/**
 * The walk schedule's requirement per area and year (issue 14 item 3): the plan asks for
 * 2 safety walks (trygghetsvandringar) and 1 centre inspection (centrumbesiktning) per area
 * and year; an area whose plan says otherwise (a park without a centre, an intensified year)
 * stores its own numbers here. No row: the plan's default 2 + 1.
 *
 * Tenant-scoped like the rest, and its keys include tenant_id (a Citus-ready schema shards
 * by it): the primary key is (tenant_id, id), one row per (tenant_id, area_id, year).
 *
 * Frozen in time: no imports from the app.
 */
import type { Kysely } from 'kysely';
import { runScript, versioned } from './sql-script';

export async function up(db: Kysely<any>): Promise<void> {
	await runScript(db, `
		CREATE TABLE walk_requirements (
			id uuid NOT NULL DEFAULT gen_random_uuid(),
			tenant_id text NOT NULL REFERENCES tenants (id),
			version integer NOT NULL DEFAULT 1 CHECK (version > 0),
			created_at timestamptz NOT NULL DEFAULT now(),
			updated_at timestamptz NOT NULL DEFAULT now(),
			created_by uuid REFERENCES users (id) ON DELETE SET NULL,
			updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
			area_id uuid NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
			year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
			safety_walks smallint NOT NULL CHECK (safety_walks BETWEEN 0 AND 52),
			centre_inspections smallint NOT NULL CHECK (centre_inspections BETWEEN 0 AND 52),
			note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
			PRIMARY KEY (tenant_id, id),
			UNIQUE (tenant_id, area_id, year)
		);
		${versioned('walk_requirements')}
	`);
}

export async function down(db: Kysely<any>): Promise<void> {
	await runScript(db, `DROP TABLE walk_requirements;`);
}
