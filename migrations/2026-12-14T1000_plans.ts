/**
 * Plans (issue 14 item 1): a programme is a project plan, an action plan or a short- and
 * long-term plan, with its texts; goals get a horizon; an action plan's prioritised themes
 * and the activities under them (or directly under the programme), each with the parties
 * that take part and what they commit to; the people of the plan's groups (the steering
 * group table, now with a group); a risk's next monthly review; change requests decided by
 * the steering group. Events, measures and walks name the activity they carry out, and a
 * follow-up may be about one activity.
 *
 * Every new unique key includes tenant_id (the Citus distribution key).
 * Frozen in time: no imports from the app.
 */
import type { Kysely } from 'kysely';
import { common, runScript, versioned } from './sql-script';

export async function up(db: Kysely<any>): Promise<void> {
	await runScript(db, `
		ALTER TABLE programmes
			ADD COLUMN plan_kind text NOT NULL DEFAULT 'project_plan'
				CHECK (plan_kind IN ('project_plan', 'action_plan', 'short_long_term_plan')),
			ADD COLUMN background text NOT NULL DEFAULT '' CHECK (length(background) <= 20000),
			ADD COLUMN delimitation text NOT NULL DEFAULT '' CHECK (length(delimitation) <= 20000),
			ADD COLUMN communication text NOT NULL DEFAULT '' CHECK (length(communication) <= 20000),
			ADD COLUMN financing text NOT NULL DEFAULT '' CHECK (length(financing) <= 20000);

		ALTER TABLE programme_goals
			ADD COLUMN horizon text NOT NULL DEFAULT 'goal'
				CHECK (horizon IN ('goal', 'effect_goal', 'short_term', 'long_term'));

		CREATE TABLE programme_themes (
			${common},
			programme_id uuid NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
			title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
			overall_goal text NOT NULL DEFAULT '' CHECK (length(overall_goal) <= 5000),
			situation text NOT NULL DEFAULT '' CHECK (length(situation) <= 10000),
			policy_reference text NOT NULL DEFAULT '' CHECK (length(policy_reference) <= 2000),
			priority integer NOT NULL DEFAULT 1 CHECK (priority BETWEEN 1 AND 1000)
		);
		${versioned('programme_themes')}
		CREATE INDEX programme_themes_programme_idx ON programme_themes (programme_id, priority);

		-- Under a theme, or directly under the programme (theme_id NULL; a deleted theme leaves
		-- its activities there); in one of the programme's areas, or all of them (area_id NULL).
		CREATE TABLE programme_activities (
			${common},
			programme_id uuid NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
			theme_id uuid REFERENCES programme_themes (id) ON DELETE SET NULL,
			area_id uuid REFERENCES areas (id) ON DELETE SET NULL,
			name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
			purpose text NOT NULL DEFAULT '' CHECK (length(purpose) <= 5000),
			measurable_goals text NOT NULL DEFAULT '' CHECK (length(measurable_goals) <= 5000),
			starts_on date,
			ends_on date,
			meeting_frequency text NOT NULL DEFAULT '' CHECK (length(meeting_frequency) <= 200),
			convener text NOT NULL DEFAULT '' CHECK (length(convener) <= 200),
			sort integer NOT NULL DEFAULT 0,
			CHECK (starts_on IS NULL OR ends_on IS NULL OR ends_on >= starts_on)
		);
		${versioned('programme_activities')}
		CREATE INDEX programme_activities_programme_idx ON programme_activities (programme_id, sort);

		-- A party to an activity: a partner of the directory, or a name written in.
		CREATE TABLE activity_parties (
			${common},
			activity_id uuid NOT NULL REFERENCES programme_activities (id) ON DELETE CASCADE,
			partner_id uuid REFERENCES partners (id) ON DELETE SET NULL,
			name text NOT NULL DEFAULT '' CHECK (length(name) <= 200),
			contact text NOT NULL DEFAULT '' CHECK (length(contact) <= 500),
			participants text NOT NULL DEFAULT '' CHECK (length(participants) <= 2000),
			commitment text NOT NULL DEFAULT '' CHECK (length(commitment) <= 5000),
			sort integer NOT NULL DEFAULT 0,
			CHECK (partner_id IS NOT NULL OR length(name) > 0)
		);
		${versioned('activity_parties')}
		CREATE INDEX activity_parties_activity_idx ON activity_parties (activity_id, sort);

		-- The steering group table holds every group of the plan's organisation.
		ALTER TABLE steering_group_members
			ADD COLUMN group_kind text NOT NULL DEFAULT 'steering_group'
				CHECK (group_kind IN ('client', 'steering_group', 'project_lead', 'working_group')),
			ADD COLUMN sort integer NOT NULL DEFAULT 0;

		ALTER TABLE risks ADD COLUMN next_review_on date CHECK (next_review_on BETWEEN '2000-01-01' AND '2100-12-31');

		CREATE TABLE change_requests (
			${common},
			programme_id uuid NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
			title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
			description text NOT NULL DEFAULT '' CHECK (length(description) <= 10000),
			requested_on date NOT NULL,
			decision text NOT NULL DEFAULT 'pending' CHECK (decision IN ('pending', 'approved', 'rejected')),
			decided_on date,
			decision_note text NOT NULL DEFAULT '' CHECK (length(decision_note) <= 5000),
			CHECK ((decision = 'pending') = (decided_on IS NULL)),
			CHECK (decided_on IS NULL OR decided_on >= requested_on)
		);
		${versioned('change_requests')}
		CREATE INDEX change_requests_programme_idx ON change_requests (programme_id, requested_on);

		ALTER TABLE events ADD COLUMN activity_id uuid REFERENCES programme_activities (id) ON DELETE SET NULL;
		ALTER TABLE measures ADD COLUMN activity_id uuid REFERENCES programme_activities (id) ON DELETE SET NULL;
		ALTER TABLE walks ADD COLUMN activity_id uuid REFERENCES programme_activities (id) ON DELETE SET NULL;
		CREATE INDEX events_activity_idx ON events (activity_id) WHERE activity_id IS NOT NULL;
		CREATE INDEX measures_activity_idx ON measures (activity_id) WHERE activity_id IS NOT NULL;
		CREATE INDEX walks_activity_idx ON walks (activity_id) WHERE activity_id IS NOT NULL;

		-- A follow-up of one activity; an activity with follow-ups cannot be deleted (what the
		-- steering group was told stays).
		ALTER TABLE follow_ups ADD COLUMN activity_id uuid REFERENCES programme_activities (id) ON DELETE RESTRICT;
		DROP INDEX follow_ups_uniq;
		CREATE UNIQUE INDEX follow_ups_uniq ON follow_ups
			(tenant_id, area_id, coalesce(programme_id, '00000000-0000-0000-0000-000000000000'::uuid),
			 coalesce(activity_id, '00000000-0000-0000-0000-000000000000'::uuid), year, coalesce(tertial, 0));
	`);
}

export async function down(db: Kysely<any>): Promise<void> {
	await runScript(db, `
		DELETE FROM follow_ups WHERE activity_id IS NOT NULL;
		DROP INDEX follow_ups_uniq;
		CREATE UNIQUE INDEX follow_ups_uniq ON follow_ups
			(area_id, coalesce(programme_id, '00000000-0000-0000-0000-000000000000'::uuid), year, coalesce(tertial, 0));
		ALTER TABLE follow_ups DROP COLUMN activity_id;
		ALTER TABLE walks DROP COLUMN activity_id;
		ALTER TABLE measures DROP COLUMN activity_id;
		ALTER TABLE events DROP COLUMN activity_id;
		DROP TABLE change_requests;
		ALTER TABLE risks DROP COLUMN next_review_on;
		ALTER TABLE steering_group_members DROP COLUMN group_kind, DROP COLUMN sort;
		DROP TABLE activity_parties, programme_activities, programme_themes;
		ALTER TABLE programme_goals DROP COLUMN horizon;
		ALTER TABLE programmes DROP COLUMN plan_kind, DROP COLUMN background, DROP COLUMN delimitation,
			DROP COLUMN communication, DROP COLUMN financing;
	`);
}
