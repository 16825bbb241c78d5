/**
 * Measurable targets on plan goals (issue 14): a goal stays free text, and may carry a
 * target that the data can be held against — "share feeling unsafe at most 15 % by 2025",
 * "no open drug scene classification from 2025-01-01".
 *
 * - target_indicator: the survey indicator the target is read from (survey_indicators.indicator),
 *   or NULL for a target that is judged, not measured;
 * - target_comparison: whether the figure must end up at most or at least the target value;
 * - baseline_value / baseline_year: where the area stood when the goal was set;
 * - target_value / target_date: what is to be reached, and by when.
 *
 * Frozen in time: no imports from the app.
 */
import type { Kysely } from 'kysely';
import { runScript } from './sql-script';

export async function up(db: Kysely<any>): Promise<void> {
	await runScript(db, `
		ALTER TABLE programme_goals
			ADD COLUMN target_indicator text CHECK (target_indicator ~ '^[a-z_]{1,60}$'),
			ADD COLUMN target_comparison text CHECK (target_comparison IN ('at_most', 'at_least')),
			ADD COLUMN baseline_value double precision,
			ADD COLUMN baseline_year integer CHECK (baseline_year BETWEEN 1990 AND 2100),
			ADD COLUMN target_value double precision,
			ADD COLUMN target_date date CHECK (target_date BETWEEN '2000-01-01' AND '2100-12-31'),
			ADD CONSTRAINT programme_goals_target_check CHECK (
				(target_value IS NULL) = (target_comparison IS NULL)
				AND (target_indicator IS NULL OR target_value IS NOT NULL)
			);
	`);
}

export async function down(db: Kysely<any>): Promise<void> {
	await runScript(db, `
		ALTER TABLE programme_goals
			DROP CONSTRAINT programme_goals_target_check,
			DROP COLUMN target_indicator, DROP COLUMN target_comparison, DROP COLUMN baseline_value,
			DROP COLUMN baseline_year, DROP COLUMN target_value, DROP COLUMN target_date;
	`);
}
