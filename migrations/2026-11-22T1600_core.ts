/**
 * Core schema: tenants, accounts, sessions, roles per area, areas, partners, audit log,
 * and the shared trigger that keeps `version` and `updated_at` honest.
 *
 * Frozen in time: no imports from the app, raw SQL for PostGIS DDL.
 */
import type { Kysely } from 'kysely';
import { common, geometryChecks, runScript, versioned } from './sql-script';

export async function up(db: Kysely<any>): Promise<void> {
	await runScript(db, `
		CREATE EXTENSION IF NOT EXISTS postgis;

		CREATE FUNCTION lykta_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			NEW.version := OLD.version + 1;
			NEW.updated_at := now();
			RETURN NEW;
		END $$;

		CREATE TABLE tenants (
			id text PRIMARY KEY CHECK (id ~ '^[a-z0-9-]{1,40}$'),
			name text NOT NULL,
			created_at timestamptz NOT NULL DEFAULT now()
		);

		CREATE TABLE users (
			id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
			tenant_id text NOT NULL REFERENCES tenants (id),
			email text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
			display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
			password_hash text,
			locale text NOT NULL DEFAULT 'sv' CHECK (locale IN ('sv', 'en')),
			partner_id uuid,
			disabled_at timestamptz,
			last_login_at timestamptz,
			version integer NOT NULL DEFAULT 1,
			created_at timestamptz NOT NULL DEFAULT now(),
			updated_at timestamptz NOT NULL DEFAULT now(),
			UNIQUE (tenant_id, email)
		);
		${versioned('users')}

		CREATE TABLE sessions (
			id text PRIMARY KEY, -- SHA-256 of the cookie value; the token itself is never stored
			tenant_id text NOT NULL REFERENCES tenants (id),
			user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
			created_at timestamptz NOT NULL DEFAULT now(),
			expires_at timestamptz NOT NULL,
			last_seen_at timestamptz NOT NULL DEFAULT now(),
			user_agent text
		);
		CREATE INDEX sessions_user_idx ON sessions (user_id);
		CREATE INDEX sessions_expires_idx ON sessions (expires_at);

		CREATE TABLE api_tokens (
			id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
			tenant_id text NOT NULL REFERENCES tenants (id),
			user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
			name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
			token_hash text NOT NULL UNIQUE,
			created_at timestamptz NOT NULL DEFAULT now(),
			last_used_at timestamptz,
			expires_at timestamptz,
			revoked_at timestamptz
		);
		CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

		CREATE TABLE areas (
			${common},
			parent_id uuid REFERENCES areas (id) ON DELETE RESTRICT,
			slug text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
			name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
			kind text NOT NULL DEFAULT 'place' CHECK (kind IN ('district', 'place')),
			description text NOT NULL DEFAULT '',
			geom geometry(MultiPolygon, 4326) NOT NULL,
			UNIQUE (tenant_id, slug),
			CHECK (parent_id IS NULL OR parent_id <> id)
		);
		${versioned('areas')}
		${geometryChecks('areas', 'geom', ['MULTIPOLYGON'])}
		CREATE INDEX areas_parent_idx ON areas (parent_id);

		CREATE TABLE partners (
			${common},
			slug text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
			name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
			kind text NOT NULL CHECK (kind IN ('municipal', 'police', 'property_owner', 'transport',
				'association', 'ngo', 'health_social')),
			description text NOT NULL DEFAULT '',
			contact_name text,
			email text,
			phone text,
			website text,
			UNIQUE (tenant_id, slug)
		);
		${versioned('partners')}
		ALTER TABLE users ADD CONSTRAINT users_partner_fk
			FOREIGN KEY (partner_id) REFERENCES partners (id) ON DELETE SET NULL;

		CREATE TABLE partner_areas (
			tenant_id text NOT NULL REFERENCES tenants (id),
			partner_id uuid NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
			area_id uuid NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
			PRIMARY KEY (partner_id, area_id)
		);
		CREATE INDEX partner_areas_area_idx ON partner_areas (area_id);

		-- What a partner has authority over (rådighet): the finding categories it handles,
		-- everywhere it works or in one area only.
		CREATE TABLE partner_responsibilities (
			id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
			tenant_id text NOT NULL REFERENCES tenants (id),
			partner_id uuid NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
			category text NOT NULL CHECK (category IN ('lighting', 'sightlines', 'litter', 'vandalism',
				'hiding_place', 'lack_of_people', 'signage', 'accessibility', 'traffic', 'other')),
			area_id uuid REFERENCES areas (id) ON DELETE CASCADE,
			note text NOT NULL DEFAULT ''
		);
		CREATE UNIQUE INDEX partner_responsibilities_uniq ON partner_responsibilities
			(partner_id, category, coalesce(area_id, '00000000-0000-0000-0000-000000000000'::uuid));

		-- Support services: where a partner can be found and when it is open
		-- (opening_hours in OpenStreetMap syntax, e.g. 'Mo-Fr 08:00-16:30').
		CREATE TABLE partner_service_locations (
			${common},
			partner_id uuid NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
			name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
			address text NOT NULL DEFAULT '',
			opening_hours text NOT NULL DEFAULT '',
			geom geometry(Point, 4326) NOT NULL
		);
		${versioned('partner_service_locations')}
		${geometryChecks('partner_service_locations', 'geom', ['POINT'])}
		CREATE INDEX partner_service_locations_partner_idx ON partner_service_locations (partner_id);

		-- Roles are granted per area and inherited by the areas nested inside it;
		-- area_id NULL grants the role in every area of the tenant.
		CREATE TABLE area_roles (
			id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
			tenant_id text NOT NULL REFERENCES tenants (id),
			user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
			area_id uuid REFERENCES areas (id) ON DELETE CASCADE,
			role text NOT NULL CHECK (role IN ('admin', 'coordinator', 'walker', 'partner', 'viewer')),
			incidents boolean NOT NULL DEFAULT false, -- may see individual incidents here
			created_at timestamptz NOT NULL DEFAULT now(),
			created_by uuid REFERENCES users (id) ON DELETE SET NULL
		);
		CREATE UNIQUE INDEX area_roles_uniq ON area_roles
			(user_id, coalesce(area_id, '00000000-0000-0000-0000-000000000000'::uuid), role);
		CREATE INDEX area_roles_area_idx ON area_roles (area_id);

		-- Every change, by whom and when, with the row before and after.
		CREATE TABLE audit_log (
			id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
			tenant_id text NOT NULL REFERENCES tenants (id),
			occurred_at timestamptz NOT NULL DEFAULT now(),
			actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
			actor_label text NOT NULL,
			action text NOT NULL CHECK (action IN ('create', 'update', 'delete', 'login', 'logout',
				'login_failed', 'token_create', 'token_revoke', 'import')),
			entity text NOT NULL,
			entity_id text,
			before jsonb,
			after jsonb,
			request_id text
		);
		CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);
		CREATE INDEX audit_log_time_idx ON audit_log (tenant_id, occurred_at DESC);
	`);
}

export async function down(db: Kysely<any>): Promise<void> {
	await runScript(db, `
		DROP TABLE audit_log, area_roles, partner_service_locations, partner_responsibilities,
			partner_areas, api_tokens, sessions;
		ALTER TABLE users DROP CONSTRAINT users_partner_fk;
		DROP TABLE partners, areas, users, tenants;
		DROP FUNCTION lykta_bump_version();
	`);
}
