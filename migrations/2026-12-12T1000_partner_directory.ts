/**
 * The partner directory and its compass (issue 15):
 *
 * - partners become organisations and units (parent_id), with the needs of people they help
 *   with (partner_needs; the built-in needs live in the app, coordinators add more in
 *   directory_needs), individual contact persons (partner_contacts, shown only to signed-in
 *   users) and the hours they can be reached (opening_hours, OSM syntax, for partners without
 *   a walk-in place: outreach teams, phone lines);
 * - service locations get a description, a phone of their own, target groups, age limits and
 *   languages;
 * - partner_search: the words of a partner, its needs and services (written by the app on
 *   every change) with a Swedish full-text vector, and the same words lower-cased without
 *   diacritics with a trigram index, so misspellings and words typed without å/ä/ö still find
 *   something. A table of its own, not columns of partners, so that refreshing it (a need
 *   renamed) does not bump the partners' versions. pg_trgm ships with PostgreSQL's contrib and
 *   with PGlite;
 * - compass_areas: a compass set up for an area (its title, the needs and categories it
 *   offers, in order) — a new place gets one without code;
 * - directory_reports: internal reports (a problem nobody handles, a new solution, changed
 *   hours), their review, answer and what applying them changed;
 * - compass_stats: counters per area, month and subject (a need, a category, a partner),
 *   incremented at write time. No user, session, position, query text or time finer than the
 *   month is ever stored: there is no column for it.
 *
 * Frozen in time: no imports from the app.
 */
import type { Kysely } from 'kysely';
import { common, runScript, versioned } from './sql-script';

const KEY = `'^[a-z0-9]+(_[a-z0-9]+)*$'`;

export async function up(db: Kysely<any>): Promise<void> {
	await runScript(db, `
		CREATE EXTENSION IF NOT EXISTS pg_trgm;

		ALTER TABLE partners
			ADD COLUMN parent_id uuid REFERENCES partners (id) ON DELETE SET NULL,
			ADD COLUMN opening_hours text NOT NULL DEFAULT '',
			ADD CONSTRAINT partners_parent_not_self CHECK (parent_id IS NULL OR parent_id <> id);
		CREATE INDEX partners_parent_idx ON partners (parent_id);

		CREATE TABLE partner_search (
			partner_id uuid PRIMARY KEY REFERENCES partners (id) ON DELETE CASCADE,
			tenant_id text NOT NULL REFERENCES tenants (id),
			words text NOT NULL DEFAULT '',
			folded text NOT NULL DEFAULT '',
			tsv tsvector GENERATED ALWAYS AS (to_tsvector('swedish'::regconfig, words)) STORED
		);
		-- At a few hundred partners the search reads the table through; the indexes are for
		-- directories that grow past that (and for lookups by word alone).
		CREATE INDEX partner_search_tsv_idx ON partner_search USING gin (tsv);
		CREATE INDEX partner_search_trgm_idx ON partner_search USING gin (folded gin_trgm_ops);

		CREATE TABLE directory_needs (
			tenant_id text NOT NULL REFERENCES tenants (id),
			key text NOT NULL CHECK (key ~ ${KEY} AND length(key) <= 40),
			label_sv text NOT NULL CHECK (length(label_sv) BETWEEN 1 AND 100),
			label_en text NOT NULL CHECK (length(label_en) BETWEEN 1 AND 100),
			created_at timestamptz NOT NULL DEFAULT now(),
			created_by uuid REFERENCES users (id) ON DELETE SET NULL,
			PRIMARY KEY (tenant_id, key)
		);

		CREATE TABLE partner_needs (
			tenant_id text NOT NULL REFERENCES tenants (id),
			partner_id uuid NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
			need text NOT NULL CHECK (need ~ ${KEY}),
			PRIMARY KEY (partner_id, need)
		);
		CREATE INDEX partner_needs_need_idx ON partner_needs (tenant_id, need);

		CREATE TABLE partner_contacts (
			id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
			tenant_id text NOT NULL REFERENCES tenants (id),
			partner_id uuid NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
			name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
			title text NOT NULL DEFAULT '',
			phone text,
			email text,
			sort integer NOT NULL DEFAULT 0
		);
		CREATE INDEX partner_contacts_partner_idx ON partner_contacts (partner_id);

		ALTER TABLE partner_service_locations
			ADD COLUMN description text NOT NULL DEFAULT '',
			ADD COLUMN phone text,
			ADD COLUMN target_groups text[] NOT NULL DEFAULT '{}',
			ADD COLUMN min_age integer CHECK (min_age BETWEEN 0 AND 120),
			ADD COLUMN max_age integer CHECK (max_age BETWEEN 0 AND 120),
			ADD COLUMN languages text[] NOT NULL DEFAULT '{}',
			ADD CONSTRAINT partner_service_locations_ages CHECK (min_age IS NULL OR max_age IS NULL OR min_age <= max_age);

		CREATE TABLE compass_areas (
			${common},
			area_id uuid NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
			title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
			intro text NOT NULL DEFAULT '',
			needs text[] NOT NULL DEFAULT '{}',
			categories text[] NOT NULL DEFAULT '{}',
			UNIQUE (tenant_id, area_id)
		);
		${versioned('compass_areas')}

		CREATE TABLE directory_reports (
			${common},
			area_id uuid NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
			kind text NOT NULL CHECK (kind IN ('unhandled_problem', 'new_solution', 'changed_hours')),
			need text CHECK (need ~ ${KEY}),
			category text,
			partner_id uuid REFERENCES partners (id) ON DELETE SET NULL,
			service_location_id uuid REFERENCES partner_service_locations (id) ON DELETE SET NULL,
			description text NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
			proposal jsonb NOT NULL DEFAULT '{}'::jsonb,
			status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'applied', 'rejected')),
			answer text NOT NULL DEFAULT '',
			answered_by uuid REFERENCES users (id) ON DELETE SET NULL,
			answered_at timestamptz,
			applied_change jsonb
		);
		${versioned('directory_reports')}
		CREATE INDEX directory_reports_area_idx ON directory_reports (tenant_id, area_id, status, created_at DESC);

		CREATE TABLE compass_stats (
			tenant_id text NOT NULL REFERENCES tenants (id),
			area_id uuid REFERENCES areas (id) ON DELETE CASCADE,
			month date NOT NULL CHECK (extract(day FROM month) = 1),
			metric text NOT NULL CHECK (metric IN ('search', 'no_match', 'choice')),
			subject text NOT NULL CHECK (length(subject) <= 80),
			count integer NOT NULL CHECK (count > 0)
		);
		CREATE UNIQUE INDEX compass_stats_key ON compass_stats
			(tenant_id, month, metric, subject, (coalesce(area_id, '00000000-0000-0000-0000-000000000000'::uuid)));
	`);
}

export async function down(db: Kysely<any>): Promise<void> {
	await runScript(db, `
		DROP TABLE compass_stats, directory_reports, compass_areas, partner_contacts, partner_needs, directory_needs, partner_search;
		ALTER TABLE partner_service_locations
			DROP CONSTRAINT partner_service_locations_ages,
			DROP COLUMN description, DROP COLUMN phone, DROP COLUMN target_groups,
			DROP COLUMN min_age, DROP COLUMN max_age, DROP COLUMN languages;
		ALTER TABLE partners
			DROP CONSTRAINT partners_parent_not_self,
			DROP COLUMN opening_hours, DROP COLUMN parent_id;
	`);
}
