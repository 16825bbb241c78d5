/**
 * The migrations in order. Listed by hand (not read from the file system) so the same
 * list works in the built server, in tests and in the CLI scripts.
 * Add a new migration at the end; never edit or reorder one that has shipped.
 */
import type { Migration } from 'kysely/migration';
import * as core from './2026-11-22T1600_core';
import * as domain from './2026-11-22T1601_domain';
import * as authThrottles from './2026-12-01T1000_auth_throttles';
import * as zoneFigures from './2026-12-02T1200_zone_figures';
import * as partnerDirectory from './2026-12-12T1000_partner_directory';
import * as followUpGoals from './2026-12-13T1200_follow_up_goals';
import * as goalTargets from './2026-12-14T0900_goal_targets';
import * as plans from './2026-12-14T1000_plans';
import * as walkSchedule from './2026-12-14T1100_walk_schedule';
import * as distributionKeys from './2026-12-14T1200_distribution_keys';
import * as incidentVersions from './2026-12-15T1000_incident_versions';

export const migrations: Record<string, Migration> = {
	'2026-11-22T1600_core': core,
	'2026-11-22T1601_domain': domain,
	'2026-12-01T1000_auth_throttles': authThrottles,
	'2026-12-02T1200_zone_figures': zoneFigures,
	'2026-12-12T1000_partner_directory': partnerDirectory,
	'2026-12-13T1200_follow_up_goals': followUpGoals,
	'2026-12-14T0900_goal_targets': goalTargets,
	'2026-12-14T1000_plans': plans,
	'2026-12-14T1100_walk_schedule': walkSchedule,
	'2026-12-14T1200_distribution_keys': distributionKeys,
	'2026-12-15T1000_incident_versions': incidentVersions
};
