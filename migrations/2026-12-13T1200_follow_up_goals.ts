/**
 * Tertial follow-ups (issue 14): "is the goal reached?" per goal, and the annual report.
 *
 * - follow_up_goals: one row per goal assessed in a follow-up — yes / partly / no (or not yet
 *   said) with free text — holding the goal's text as it read when assessed, so a later edit
 *   of the plan does not rewrite what the steering group was told;
 * - follow_ups.tertial may be NULL: the annual report (verksamhetsberättelse), the whole year;
 *   the unique index counts NULL as its own period;
 * - follow_ups.figures_taken_at: when the figures were drafted from the data (they are kept as
 *   they were then; a later edit of the data does not change them).
 *
 * Frozen in time: no imports from the app.
 */
import type { Kysely } from 'kysely';
import { runScript } from './sql-script';

export async function up(db: Kysely<any>): Promise<void> {
	await runScript(db, `
		ALTER TABLE follow_ups ALTER COLUMN tertial DROP NOT NULL;
		DROP INDEX follow_ups_uniq;
		CREATE UNIQUE INDEX follow_ups_uniq ON follow_ups
			(area_id, coalesce(programme_id, '00000000-0000-0000-0000-000000000000'::uuid), year, coalesce(tertial, 0));
		ALTER TABLE follow_ups ADD COLUMN figures_taken_at timestamptz;

		CREATE TABLE follow_up_goals (
			id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
			tenant_id text NOT NULL REFERENCES tenants (id),
			follow_up_id uuid NOT NULL REFERENCES follow_ups (id) ON DELETE CASCADE,
			goal_id uuid REFERENCES programme_goals (id) ON DELETE SET NULL,
			goal text NOT NULL CHECK (length(goal) BETWEEN 1 AND 2000),
			reached text CHECK (reached IN ('yes', 'partly', 'no')),
			comment text NOT NULL DEFAULT '' CHECK (length(comment) <= 10000),
			sort integer NOT NULL DEFAULT 0,
			UNIQUE (follow_up_id, goal_id)
		);
		CREATE INDEX follow_up_goals_follow_up_idx ON follow_up_goals (follow_up_id, sort);
		CREATE INDEX follow_ups_area_idx ON follow_ups (area_id, year);
	`);
}

export async function down(db: Kysely<any>): Promise<void> {
	await runScript(db, `
		DROP TABLE follow_up_goals;
		DROP INDEX follow_ups_area_idx;
		ALTER TABLE follow_ups DROP COLUMN figures_taken_at;
		DELETE FROM follow_ups WHERE tertial IS NULL;
		DROP INDEX follow_ups_uniq;
		CREATE UNIQUE INDEX follow_ups_uniq ON follow_ups
			(area_id, coalesce(programme_id, '00000000-0000-0000-0000-000000000000'::uuid), year, tertial);
		ALTER TABLE follow_ups ALTER COLUMN tertial SET NOT NULL;
	`);
}
