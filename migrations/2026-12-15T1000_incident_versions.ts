/**
 * A version per tenant that moves whenever its incidents change (insert, update, delete — an
 * import, a removed stack, a test's own rows — and a TRUNCATE, which moves every tenant's), set
 * by statement-level triggers in the same transaction from a sequence of its own, so a version
 * is never handed out twice (not even after the table is emptied). The incident tiles are kept in memory under it: a tile computed for one data
 * version is never served for another, and a change shows at once.
 *
 * Keyed by tenant_id alone (the distribution column), so it fits a distributed database as
 * the other tenant tables do.
 *
 * Frozen in time: no imports from the app.
 */
import type { Kysely } from 'kysely';
import { runScript } from './sql-script';

export async function up(db: Kysely<any>): Promise<void> {
	await runScript(db, `
		CREATE SEQUENCE incident_version_seq;
		CREATE TABLE incident_versions (
			tenant_id text PRIMARY KEY REFERENCES tenants (id),
			version bigint NOT NULL
		);

		CREATE FUNCTION lykta_bump_incident_version() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			INSERT INTO incident_versions (tenant_id, version)
			SELECT t.tenant_id, nextval('incident_version_seq') FROM (SELECT DISTINCT tenant_id FROM changed) t
			ON CONFLICT (tenant_id) DO UPDATE SET version = EXCLUDED.version;
			RETURN NULL;
		END $$;

		CREATE FUNCTION lykta_incidents_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			UPDATE incident_versions SET version = nextval('incident_version_seq');
			RETURN NULL;
		END $$;

		CREATE TRIGGER incidents_inserted_version AFTER INSERT ON incidents
			REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION lykta_bump_incident_version();
		CREATE TRIGGER incidents_updated_version AFTER UPDATE ON incidents
			REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION lykta_bump_incident_version();
		CREATE TRIGGER incidents_deleted_version AFTER DELETE ON incidents
			REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION lykta_bump_incident_version();
		CREATE TRIGGER incidents_truncated_version AFTER TRUNCATE ON incidents
			FOR EACH STATEMENT EXECUTE FUNCTION lykta_incidents_truncated();
	`);
}

export async function down(db: Kysely<any>): Promise<void> {
	await runScript(db, `
		DROP TRIGGER incidents_inserted_version ON incidents;
		DROP TRIGGER incidents_updated_version ON incidents;
		DROP TRIGGER incidents_deleted_version ON incidents;
		DROP TRIGGER incidents_truncated_version ON incidents;
		DROP FUNCTION lykta_bump_incident_version();
		DROP FUNCTION lykta_incidents_truncated();
		DROP TABLE incident_versions;
		DROP SEQUENCE incident_version_seq;
	`);
}
