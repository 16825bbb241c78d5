/**
 * Problem zones keep their problems split, so that each reader gets a weight and an hour
 * profile from what that reader may see (issue 12: incident privacy in derived figures):
 *
 * - incident_hours: the zone area's incidents inside the zone in its period, per hour of
 *   week (168, Monday 00–01 first, Europe/Stockholm), exact: for roles with incident access;
 * - grid_incident_hours: the same place and period through the privacy grid, each cell
 *   coarsened in time, for everyone else; NULL when withheld (too few incidents);
 * - finding_hours, finding_count: the findings' weights per hour of week and their number;
 * - weight: now only a weight a person gave; NULL means "derived from the problems", for
 *   each reader from the figures that reader gets.
 *
 * The mixed hour_profile cannot be split, so it goes; rows from before are marked
 * figures_pending and the app computes their figures on its next start (the grid's
 * coarsening is app code, not SQL).
 *
 * Frozen in time: no imports from the app.
 */
import type { Kysely } from 'kysely';
import { runScript } from './sql-script';

export async function up(db: Kysely<any>): Promise<void> {
	await runScript(db, `
		ALTER TABLE problem_zones
			ALTER COLUMN weight DROP DEFAULT,
			ALTER COLUMN weight DROP NOT NULL,
			ADD COLUMN incident_hours integer[] CHECK (incident_hours IS NULL OR cardinality(incident_hours) = 168),
			ADD COLUMN grid_incident_hours double precision[] CHECK (grid_incident_hours IS NULL OR cardinality(grid_incident_hours) = 168),
			ADD COLUMN finding_hours double precision[] CHECK (finding_hours IS NULL OR cardinality(finding_hours) = 168),
			ADD COLUMN finding_count integer NOT NULL DEFAULT 0 CHECK (finding_count >= 0),
			ADD COLUMN figures_pending boolean NOT NULL DEFAULT false;
		ALTER TABLE problem_zones DISABLE TRIGGER problem_zones_bump_version;
		UPDATE problem_zones SET figures_pending = true;
		ALTER TABLE problem_zones ENABLE TRIGGER problem_zones_bump_version;
		ALTER TABLE problem_zones DROP COLUMN hour_profile;
	`);
}

export async function down(db: Kysely<any>): Promise<void> {
	await runScript(db, `
		ALTER TABLE problem_zones ADD COLUMN hour_profile double precision[] CHECK (hour_profile IS NULL OR cardinality(hour_profile) = 168);
		UPDATE problem_zones SET weight = 1 WHERE weight IS NULL;
		ALTER TABLE problem_zones
			DROP COLUMN incident_hours,
			DROP COLUMN grid_incident_hours,
			DROP COLUMN finding_hours,
			DROP COLUMN finding_count,
			DROP COLUMN figures_pending,
			ALTER COLUMN weight SET NOT NULL,
			ALTER COLUMN weight SET DEFAULT 1;
	`);
}
