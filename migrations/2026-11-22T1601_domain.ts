/**
 * The rest of the domain model of DESIGN §3, so later work adds behaviour rather than
 * reshaping tables: programmes (budget lines, risks, status reports, steering group),
 * walks, findings (photos, audits, history, comments), measures, events (occurrences),
 * incidents and their imports, problem zones, survey indicators, follow-ups.
 *
 * Frozen in time: no imports from the app, raw SQL for PostGIS DDL.
 */
import type { Kysely } from 'kysely';
import { common, geometryChecks, runScript, versioned } from './sql-script';

const findingCategories = `'lighting', 'sightlines', 'litter', 'vandalism', 'hiding_place',
	'lack_of_people', 'signage', 'accessibility', 'traffic', 'other'`;

/** An audit score on the 1–5 scale of the Swedish safety-walk audit (trygghetsvandring). */
const score = (name: string) => `${name} smallint CHECK (${name} BETWEEN 1 AND 5)`;

export async function up(db: Kysely<any>): Promise<void> {
	await runScript(db, `
		CREATE TABLE programmes (
			${common},
			slug text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
			name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
			description text NOT NULL DEFAULT '',
			starts_on date NOT NULL,
			ends_on date NOT NULL,
			intensive_from date,
			intensive_to date,
			budget_cap_sek numeric(14, 2) CHECK (budget_cap_sek >= 0),
			status text NOT NULL DEFAULT 'active' CHECK (status IN ('planned', 'active', 'closed')),
			UNIQUE (tenant_id, slug),
			CHECK (ends_on >= starts_on),
			CHECK (intensive_from IS NULL OR intensive_to IS NULL OR intensive_to >= intensive_from)
		);
		${versioned('programmes')}

		CREATE TABLE programme_areas (
			tenant_id text NOT NULL REFERENCES tenants (id),
			programme_id uuid NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
			area_id uuid NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
			PRIMARY KEY (programme_id, area_id)
		);
		CREATE INDEX programme_areas_area_idx ON programme_areas (area_id);

		CREATE TABLE programme_goals (
			${common},
			programme_id uuid NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
			description text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
			indicator text NOT NULL DEFAULT '',
			target text NOT NULL DEFAULT '',
			sort integer NOT NULL DEFAULT 0
		);
		${versioned('programme_goals')}

		CREATE TABLE steering_group_members (
			${common},
			programme_id uuid NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
			name text NOT NULL,
			title text NOT NULL DEFAULT '',
			partner_id uuid REFERENCES partners (id) ON DELETE SET NULL
		);
		${versioned('steering_group_members')}

		CREATE TABLE budget_lines (
			${common},
			programme_id uuid NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
			name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
			kind text NOT NULL DEFAULT 'other' CHECK (kind IN ('grants', 'measures', 'events', 'staff', 'other')),
			cap_sek numeric(14, 2) CHECK (cap_sek >= 0)
		);
		${versioned('budget_lines')}

		-- Money booked against a line by hand (invoices, staff time); measures and events
		-- commit and spend through their own cost columns.
		CREATE TABLE budget_entries (
			${common},
			budget_line_id uuid NOT NULL REFERENCES budget_lines (id) ON DELETE CASCADE,
			kind text NOT NULL CHECK (kind IN ('committed', 'spent')),
			amount_sek numeric(14, 2) NOT NULL CHECK (amount_sek >= 0),
			booked_on date NOT NULL,
			note text NOT NULL DEFAULT '',
			over_cap_reason text
		);
		${versioned('budget_entries')}

		CREATE TABLE risks (
			${common},
			programme_id uuid NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
			title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
			description text NOT NULL DEFAULT '',
			likelihood smallint NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
			impact smallint NOT NULL CHECK (impact BETWEEN 1 AND 5),
			mitigation text NOT NULL DEFAULT '',
			owner text NOT NULL DEFAULT '',
			status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'mitigated', 'closed'))
		);
		${versioned('risks')}

		CREATE TABLE risk_reviews (
			id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
			tenant_id text NOT NULL REFERENCES tenants (id),
			risk_id uuid NOT NULL REFERENCES risks (id) ON DELETE CASCADE,
			reviewed_on date NOT NULL,
			likelihood smallint NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
			impact smallint NOT NULL CHECK (impact BETWEEN 1 AND 5),
			note text NOT NULL DEFAULT '',
			reviewed_by uuid REFERENCES users (id) ON DELETE SET NULL,
			created_at timestamptz NOT NULL DEFAULT now()
		);
		CREATE INDEX risk_reviews_risk_idx ON risk_reviews (risk_id, reviewed_on);

		CREATE TABLE status_reports (
			${common},
			programme_id uuid NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
			year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
			tertial smallint NOT NULL CHECK (tertial BETWEEN 1 AND 3),
			title text NOT NULL DEFAULT '',
			body text NOT NULL DEFAULT '',
			status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
			submitted_at timestamptz,
			UNIQUE (programme_id, year, tertial)
		);
		${versioned('status_reports')}

		CREATE TABLE walks (
			${common},
			area_id uuid NOT NULL REFERENCES areas (id) ON DELETE RESTRICT,
			programme_id uuid REFERENCES programmes (id) ON DELETE SET NULL,
			kind text NOT NULL CHECK (kind IN ('safety_walk', 'centre_inspection')),
			title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
			starts_at timestamptz NOT NULL,
			ends_at timestamptz,
			organiser_partner_id uuid REFERENCES partners (id) ON DELETE SET NULL,
			organiser_name text NOT NULL DEFAULT '',
			participant_count integer CHECK (participant_count >= 0),
			participant_kinds text[] NOT NULL DEFAULT '{}',
			uses_audit boolean NOT NULL DEFAULT false,
			join_code text UNIQUE,
			join_expires_at timestamptz,
			notes text NOT NULL DEFAULT '',
			route geometry(LineString, 4326),
			CHECK (ends_at IS NULL OR ends_at > starts_at)
		);
		${versioned('walks')}
		${geometryChecks('walks', 'route', ['LINESTRING'])}
		CREATE INDEX walks_area_idx ON walks (area_id, starts_at);

		-- Invited participants without an account pin findings for one walk through a join link.
		CREATE TABLE walk_guests (
			id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
			tenant_id text NOT NULL REFERENCES tenants (id),
			walk_id uuid NOT NULL REFERENCES walks (id) ON DELETE CASCADE,
			token_hash text NOT NULL UNIQUE,
			display_name text NOT NULL DEFAULT '',
			created_at timestamptz NOT NULL DEFAULT now(),
			expires_at timestamptz NOT NULL
		);

		CREATE TABLE findings (
			${common},
			area_id uuid NOT NULL REFERENCES areas (id) ON DELETE RESTRICT,
			walk_id uuid REFERENCES walks (id) ON DELETE SET NULL,
			category text NOT NULL CHECK (category IN (${findingCategories})),
			severity smallint NOT NULL CHECK (severity BETWEEN 1 AND 3),
			description text NOT NULL DEFAULT '',
			times_of_day text[] NOT NULL DEFAULT '{}'
				CHECK (times_of_day <@ ARRAY['day', 'evening', 'night']::text[]),
			proposed_measure text NOT NULL DEFAULT '',
			proposed_term text CHECK (proposed_term IN ('short', 'long')),
			responsible_partner_id uuid REFERENCES partners (id) ON DELETE SET NULL,
			follow_up_on date,
			status text NOT NULL DEFAULT 'new'
				CHECK (status IN ('new', 'assigned', 'in_progress', 'resolved', 'rejected')),
			status_reason text,
			reinspect boolean NOT NULL DEFAULT false,
			confirmations integer NOT NULL DEFAULT 0 CHECK (confirmations >= 0),
			reported_by uuid REFERENCES users (id) ON DELETE SET NULL,
			reported_by_guest uuid REFERENCES walk_guests (id) ON DELETE SET NULL,
			reporter_name text,
			idempotency_key text,
			geom geometry(Geometry, 4326) NOT NULL,
			CHECK (status <> 'rejected' OR coalesce(status_reason, '') <> ''),
			UNIQUE (tenant_id, idempotency_key)
		);
		${versioned('findings')}
		${geometryChecks('findings', 'geom', ['POINT', 'LINESTRING', 'POLYGON'])}
		CREATE INDEX findings_area_idx ON findings (area_id, status);
		CREATE INDEX findings_walk_idx ON findings (walk_id);

		CREATE TABLE finding_audits (
			finding_id uuid PRIMARY KEY REFERENCES findings (id) ON DELETE CASCADE,
			tenant_id text NOT NULL REFERENCES tenants (id),
			${score('lighting')},
			${score('openness')},
			${score('visibility')},
			${score('people')},
			${score('security_presence')},
			${score('walk_path')},
			${score('public_transport')},
			${score('diversity')},
			${score('feeling')}
		);

		CREATE TABLE finding_photos (
			id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
			tenant_id text NOT NULL REFERENCES tenants (id),
			finding_id uuid NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
			content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
			width integer NOT NULL CHECK (width > 0),
			height integer NOT NULL CHECK (height > 0),
			byte_size integer NOT NULL CHECK (byte_size > 0),
			data bytea NOT NULL, -- re-encoded without EXIF; the upload itself is never kept
			created_at timestamptz NOT NULL DEFAULT now(),
			created_by uuid REFERENCES users (id) ON DELETE SET NULL
		);
		CREATE INDEX finding_photos_finding_idx ON finding_photos (finding_id);

		CREATE TABLE finding_status_history (
			id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
			tenant_id text NOT NULL REFERENCES tenants (id),
			finding_id uuid NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
			from_status text,
			to_status text NOT NULL,
			note text NOT NULL DEFAULT '',
			changed_by uuid REFERENCES users (id) ON DELETE SET NULL,
			changed_at timestamptz NOT NULL DEFAULT now()
		);
		CREATE INDEX finding_status_history_idx ON finding_status_history (finding_id, changed_at);

		CREATE TABLE finding_comments (
			id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
			tenant_id text NOT NULL REFERENCES tenants (id),
			finding_id uuid NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
			kind text NOT NULL DEFAULT 'comment' CHECK (kind IN ('comment', 'confirm')),
			body text NOT NULL DEFAULT '',
			author_id uuid REFERENCES users (id) ON DELETE SET NULL,
			created_at timestamptz NOT NULL DEFAULT now()
		);
		CREATE INDEX finding_comments_idx ON finding_comments (finding_id, created_at);

		CREATE TABLE measures (
			${common},
			area_id uuid NOT NULL REFERENCES areas (id) ON DELETE RESTRICT,
			programme_id uuid REFERENCES programmes (id) ON DELETE SET NULL,
			budget_line_id uuid REFERENCES budget_lines (id) ON DELETE SET NULL,
			kind text NOT NULL CHECK (kind IN ('lighting', 'seating', 'vegetation', 'cleaning', 'camera',
				'toilet', 'art', 'fencing', 'signage', 'other')),
			title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
			description text NOT NULL DEFAULT '',
			influence_radius_m double precision NOT NULL CHECK (influence_radius_m >= 0 AND influence_radius_m <= 5000),
			active_hours text NOT NULL DEFAULT 'always' CHECK (active_hours IN ('always', 'dark')),
			status text NOT NULL DEFAULT 'proposed'
				CHECK (status IN ('proposed', 'approved', 'ordered', 'done', 'cancelled')),
			status_reason text,
			proposed_on date,
			approved_on date,
			ordered_on date,
			done_on date,
			cancelled_on date,
			cost_sek numeric(14, 2) CHECK (cost_sek >= 0),
			spent_sek numeric(14, 2) CHECK (spent_sek >= 0),
			responsible_partner_id uuid REFERENCES partners (id) ON DELETE SET NULL,
			geom geometry(Geometry, 4326) NOT NULL,
			CHECK (status <> 'done' OR done_on IS NOT NULL)
		);
		${versioned('measures')}
		${geometryChecks('measures', 'geom', ['POINT', 'LINESTRING', 'POLYGON'])}
		CREATE INDEX measures_area_idx ON measures (area_id, status);

		CREATE TABLE measure_findings (
			tenant_id text NOT NULL REFERENCES tenants (id),
			measure_id uuid NOT NULL REFERENCES measures (id) ON DELETE CASCADE,
			finding_id uuid NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
			PRIMARY KEY (measure_id, finding_id)
		);
		CREATE INDEX measure_findings_finding_idx ON measure_findings (finding_id);

		-- An event is one time window or an RFC 5545 recurrence (rrule + exdates) in its
		-- timezone; event_occurrences holds the expansion so SQL analyses can join on time.
		CREATE TABLE events (
			${common},
			area_id uuid NOT NULL REFERENCES areas (id) ON DELETE RESTRICT,
			programme_id uuid REFERENCES programmes (id) ON DELETE SET NULL,
			budget_line_id uuid REFERENCES budget_lines (id) ON DELETE SET NULL,
			title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
			kind text NOT NULL CHECK (kind IN ('culture', 'sport', 'market', 'children_youth', 'outreach',
				'night_walk', 'meeting_point', 'youth_centre', 'other')),
			status text NOT NULL DEFAULT 'planned' CHECK (status IN ('draft', 'planned', 'confirmed', 'cancelled')),
			organiser_partner_id uuid REFERENCES partners (id) ON DELETE SET NULL,
			organiser_name text NOT NULL DEFAULT '',
			description text NOT NULL DEFAULT '',
			starts_at timestamptz NOT NULL,
			ends_at timestamptz NOT NULL,
			rrule text,
			exdates timestamptz[] NOT NULL DEFAULT '{}',
			timezone text NOT NULL DEFAULT 'Europe/Stockholm',
			expected_attendance integer CHECK (expected_attendance >= 0),
			actual_attendance integer CHECK (actual_attendance >= 0),
			permit_status text NOT NULL DEFAULT 'not_needed'
				CHECK (permit_status IN ('not_needed', 'applied', 'granted', 'refused')),
			permit_authority text NOT NULL DEFAULT '',
			grant_sek numeric(14, 2) CHECK (grant_sek >= 0),
			cost_sek numeric(14, 2) CHECK (cost_sek >= 0),
			influence_radius_m double precision NOT NULL DEFAULT 100
				CHECK (influence_radius_m >= 0 AND influence_radius_m <= 5000),
			geom geometry(Geometry, 4326) NOT NULL,
			CHECK (ends_at > starts_at)
		);
		${versioned('events')}
		${geometryChecks('events', 'geom', ['POINT', 'LINESTRING', 'POLYGON'])}
		CREATE INDEX events_area_idx ON events (area_id, starts_at);

		CREATE TABLE event_occurrences (
			id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
			tenant_id text NOT NULL REFERENCES tenants (id),
			event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
			starts_at timestamptz NOT NULL,
			ends_at timestamptz NOT NULL,
			cancelled boolean NOT NULL DEFAULT false,
			actual_attendance integer CHECK (actual_attendance >= 0),
			note text NOT NULL DEFAULT '',
			CHECK (ends_at > starts_at),
			UNIQUE (event_id, starts_at)
		);
		CREATE INDEX event_occurrences_time_idx ON event_occurrences (starts_at, ends_at);

		CREATE TABLE incident_imports (
			id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
			tenant_id text NOT NULL REFERENCES tenants (id),
			filename text NOT NULL DEFAULT '',
			format text NOT NULL CHECK (format IN ('csv', 'geojson')),
			status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
			total_rows integer NOT NULL DEFAULT 0,
			imported integer NOT NULL DEFAULT 0,
			rejected integer NOT NULL DEFAULT 0,
			report jsonb NOT NULL DEFAULT '{}',
			created_by uuid REFERENCES users (id) ON DELETE SET NULL,
			created_at timestamptz NOT NULL DEFAULT now(),
			finished_at timestamptz
		);

		-- Sensitive: visible in full only to roles granted incidents for the area.
		CREATE TABLE incidents (
			${common},
			area_id uuid REFERENCES areas (id) ON DELETE SET NULL,
			category text NOT NULL CHECK (category IN ('narcotics', 'violence', 'theft', 'disorder',
				'vandalism', 'other')),
			source text NOT NULL CHECK (source IN ('police', 'guards', 'staff', 'other')),
			occurred_at timestamptz NOT NULL,
			external_id text,
			content_hash text NOT NULL, -- re-importing the same row is a no-op
			description text NOT NULL DEFAULT '',
			import_id uuid REFERENCES incident_imports (id) ON DELETE SET NULL,
			geom geometry(Point, 4326) NOT NULL,
			UNIQUE (tenant_id, content_hash)
		);
		${versioned('incidents')}
		${geometryChecks('incidents', 'geom', ['POINT'])}
		CREATE UNIQUE INDEX incidents_external_uniq ON incidents (tenant_id, source, external_id)
			WHERE external_id IS NOT NULL;
		CREATE INDEX incidents_area_time_idx ON incidents (area_id, occurred_at);
		CREATE INDEX incidents_time_idx ON incidents (tenant_id, occurred_at);

		-- hour_profile: 168 weights, hour of week from Monday 00–01 (Europe/Stockholm).
		CREATE TABLE problem_zones (
			${common},
			area_id uuid NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
			name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
			origin text NOT NULL DEFAULT 'manual' CHECK (origin IN ('manual', 'hotspot')),
			weight double precision NOT NULL DEFAULT 1 CHECK (weight >= 0),
			hour_profile double precision[] CHECK (hour_profile IS NULL OR cardinality(hour_profile) = 168),
			period_from date,
			period_to date,
			notes text NOT NULL DEFAULT '',
			geom geometry(MultiPolygon, 4326) NOT NULL
		);
		${versioned('problem_zones')}
		${geometryChecks('problem_zones', 'geom', ['MULTIPOLYGON'])}
		CREATE INDEX problem_zones_area_idx ON problem_zones (area_id);

		CREATE TABLE survey_indicators (
			${common},
			area_id uuid NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
			indicator text NOT NULL CHECK (indicator ~ '^[a-z_]{1,60}$'),
			label text NOT NULL DEFAULT '',
			value double precision NOT NULL,
			unit text NOT NULL DEFAULT 'share' CHECK (unit IN ('share', 'count', 'index')),
			respondents integer CHECK (respondents >= 0),
			year integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
			source text NOT NULL DEFAULT '',
			CHECK (unit <> 'share' OR value BETWEEN 0 AND 1),
			UNIQUE (area_id, indicator, year, source)
		);
		${versioned('survey_indicators')}

		CREATE TABLE follow_ups (
			${common},
			area_id uuid NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
			programme_id uuid REFERENCES programmes (id) ON DELETE SET NULL,
			year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
			tertial smallint NOT NULL CHECK (tertial BETWEEN 1 AND 3),
			goal_reached text CHECK (goal_reached IN ('yes', 'partly', 'no')),
			summary text NOT NULL DEFAULT '',
			activities text NOT NULL DEFAULT '',
			figures jsonb NOT NULL DEFAULT '{}', -- drafted from the data, then frozen on submit
			status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
			submitted_at timestamptz
		);
		${versioned('follow_ups')}
		CREATE UNIQUE INDEX follow_ups_uniq ON follow_ups
			(area_id, coalesce(programme_id, '00000000-0000-0000-0000-000000000000'::uuid), year, tertial);
	`);
}

export async function down(db: Kysely<any>): Promise<void> {
	await runScript(db, `
		DROP TABLE follow_ups, survey_indicators, problem_zones, incidents, incident_imports,
			event_occurrences, events, measure_findings, measures, finding_comments,
			finding_status_history, finding_photos, finding_audits, findings, walk_guests, walks,
			status_reports, risk_reviews, risks, budget_entries, budget_lines,
			steering_group_members, programme_goals, programme_areas, programmes;
	`);
}
