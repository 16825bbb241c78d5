/**
 * Generated from the migrated database by `npm run db:types` (kysely-codegen). Do not edit.
 * Geometry columns are typed as strings (hex EWKB); read and write them through ./postgis.
 */

import type { ColumnType } from "kysely";

export type ArrayType<T> = ArrayTypeImpl<T> extends (infer U)[]
  ? U[]
  : ArrayTypeImpl<T>;

export type ArrayTypeImpl<T> = T extends ColumnType<infer S, infer I, infer U>
  ? ColumnType<S[], I[], U[]>
  : T[];

export type Generated<T> = T extends ColumnType<infer S, infer I, infer U>
  ? ColumnType<S, I | undefined, U>
  : ColumnType<T, T | undefined, T>;

export type Int8 = ColumnType<string, bigint | number | string, bigint | number | string>;

export type Json = JsonValue;

export type JsonArray = JsonValue[];

export type JsonObject = {
  [x: string]: JsonValue | undefined;
};

export type JsonPrimitive = boolean | number | string | null;

export type JsonValue = JsonArray | JsonObject | JsonPrimitive;

export type Numeric = ColumnType<number, number | string, number | string>;

export type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface ActivityParties {
  activity_id: string;
  commitment: Generated<string>;
  contact: Generated<string>;
  created_at: Generated<Timestamp>;
  created_by: string | null;
  id: Generated<string>;
  name: Generated<string>;
  participants: Generated<string>;
  partner_id: string | null;
  sort: Generated<number>;
  tenant_id: string;
  updated_at: Generated<Timestamp>;
  updated_by: string | null;
  version: Generated<number>;
}

export interface ApiTokens {
  created_at: Generated<Timestamp>;
  expires_at: Timestamp | null;
  id: Generated<string>;
  last_used_at: Timestamp | null;
  name: string;
  revoked_at: Timestamp | null;
  tenant_id: string;
  token_hash: string;
  user_id: string;
}

export interface AreaRoles {
  area_id: string | null;
  created_at: Generated<Timestamp>;
  created_by: string | null;
  id: Generated<string>;
  incidents: Generated<boolean>;
  role: string;
  tenant_id: string;
  user_id: string;
}

export interface Areas {
  created_at: Generated<Timestamp>;
  created_by: string | null;
  description: Generated<string>;
  geom: string;
  id: Generated<string>;
  kind: Generated<string>;
  name: string;
  parent_id: string | null;
  slug: string;
  tenant_id: string;
  updated_at: Generated<Timestamp>;
  updated_by: string | null;
  version: Generated<number>;
}

export interface AuditLog {
  action: string;
  actor_id: string | null;
  actor_label: string;
  after: Json | null;
  before: Json | null;
  entity: string;
  entity_id: string | null;
  id: Generated<Int8>;
  occurred_at: Generated<Timestamp>;
  request_id: string | null;
  tenant_id: string;
}

export interface AuthThrottles {
  blocked_until: Timestamp | null;
  failures: number;
  key_hash: string;
  last_failure_at: Generated<Timestamp>;
  scope: string;
  tenant_id: string;
}

export interface BudgetEntries {
  amount_sek: Numeric;
  booked_on: string;
  budget_line_id: string;
  created_at: Generated<Timestamp>;
  created_by: string | null;
  id: Generated<string>;
  kind: string;
  note: Generated<string>;
  over_cap_reason: string | null;
  tenant_id: string;
  updated_at: Generated<Timestamp>;
  updated_by: string | null;
  version: Generated<number>;
}

export interface BudgetLines {
  cap_sek: Numeric | null;
  created_at: Generated<Timestamp>;
  created_by: string | null;
  id: Generated<string>;
  kind: Generated<string>;
  name: string;
  programme_id: string;
  tenant_id: string;
  updated_at: Generated<Timestamp>;
  updated_by: string | null;
  version: Generated<number>;
}

export interface ChangeRequests {
  created_at: Generated<Timestamp>;
  created_by: string | null;
  decided_on: string | null;
  decision: Generated<string>;
  decision_note: Generated<string>;
  description: Generated<string>;
  id: Generated<string>;
  programme_id: string;
  requested_on: string;
  tenant_id: string;
  title: string;
  updated_at: Generated<Timestamp>;
  updated_by: string | null;
  version: Generated<number>;
}

export interface EventOccurrences {
  actual_attendance: number | null;
  cancelled: Generated<boolean>;
  ends_at: Timestamp;
  event_id: string;
  id: Generated<string>;
  note: Generated<string>;
  starts_at: Timestamp;
  tenant_id: string;
}

export interface Events {
  activity_id: string | null;
  actual_attendance: number | null;
  area_id: string;
  budget_line_id: string | null;
  cost_sek: Numeric | null;
  created_at: Generated<Timestamp>;
  created_by: string | null;
  description: Generated<string>;
  ends_at: Timestamp;
  exdates: Generated<ArrayType<Timestamp>>;
  expected_attendance: number | null;
  geom: string;
  grant_sek: Numeric | null;
  id: Generated<string>;
  influence_radius_m: Generated<number>;
  kind: string;
  organiser_name: Generated<string>;
  organiser_partner_id: string | null;
  permit_authority: Generated<string>;
  permit_status: Generated<string>;
  programme_id: string | null;
  rrule: string | null;
  starts_at: Timestamp;
  status: Generated<string>;
  tenant_id: string;
  timezone: Generated<string>;
  title: string;
  updated_at: Generated<Timestamp>;
  updated_by: string | null;
  version: Generated<number>;
}

export interface FindingAudits {
  diversity: number | null;
  feeling: number | null;
  finding_id: string;
  lighting: number | null;
  openness: number | null;
  people: number | null;
  public_transport: number | null;
  security_presence: number | null;
  tenant_id: string;
  visibility: number | null;
  walk_path: number | null;
}

export interface FindingComments {
  author_id: string | null;
  body: Generated<string>;
  created_at: Generated<Timestamp>;
  finding_id: string;
  id: Generated<string>;
  kind: Generated<string>;
  tenant_id: string;
}

export interface FindingPhotos {
  byte_size: number;
  content_type: string;
  created_at: Generated<Timestamp>;
  created_by: string | null;
  data: Buffer;
  finding_id: string;
  height: number;
  id: Generated<string>;
  tenant_id: string;
  width: number;
}

export interface Findings {
  area_id: string;
  category: string;
  confirmations: Generated<number>;
  created_at: Generated<Timestamp>;
  created_by: string | null;
  description: Generated<string>;
  follow_up_on: string | null;
  geom: string;
  id: Generated<string>;
  idempotency_key: string | null;
  proposed_measure: Generated<string>;
  proposed_term: string | null;
  reinspect: Generated<boolean>;
  reported_by: string | null;
  reported_by_guest: string | null;
  reporter_name: string | null;
  responsible_partner_id: string | null;
  severity: number;
  status: Generated<string>;
  status_reason: string | null;
  tenant_id: string;
  times_of_day: Generated<string[]>;
  updated_at: Generated<Timestamp>;
  updated_by: string | null;
  version: Generated<number>;
  walk_id: string | null;
}

export interface FindingStatusHistory {
  changed_at: Generated<Timestamp>;
  changed_by: string | null;
  finding_id: string;
  from_status: string | null;
  id: Generated<string>;
  note: Generated<string>;
  tenant_id: string;
  to_status: string;
}

export interface FollowUps {
  activities: Generated<string>;
  activity_id: string | null;
  area_id: string;
  created_at: Generated<Timestamp>;
  created_by: string | null;
  figures: Generated<Json>;
  figures_taken_at: Timestamp | null;
  goal_reached: string | null;
  id: Generated<string>;
  programme_id: string | null;
  status: Generated<string>;
  submitted_at: Timestamp | null;
  summary: Generated<string>;
  tenant_id: string;
  tertial: number | null;
  updated_at: Generated<Timestamp>;
  updated_by: string | null;
  version: Generated<number>;
  year: number;
}

export interface FollowUpGoals {
  comment: Generated<string>;
  follow_up_id: string;
  goal: string;
  goal_id: string | null;
  id: Generated<string>;
  reached: string | null;
  sort: Generated<number>;
  tenant_id: string;
}

export interface IncidentImports {
  created_at: Generated<Timestamp>;
  created_by: string | null;
  filename: Generated<string>;
  finished_at: Timestamp | null;
  format: string;
  id: Generated<string>;
  imported: Generated<number>;
  rejected: Generated<number>;
  report: Generated<Json>;
  status: Generated<string>;
  tenant_id: string;
  total_rows: Generated<number>;
}

export interface IncidentVersions {
  tenant_id: string;
  version: string;
}

export interface Incidents {
  area_id: string | null;
  category: string;
  content_hash: string;
  created_at: Generated<Timestamp>;
  created_by: string | null;
  description: Generated<string>;
  external_id: string | null;
  geom: string;
  id: Generated<string>;
  import_id: string | null;
  occurred_at: Timestamp;
  source: string;
  tenant_id: string;
  updated_at: Generated<Timestamp>;
  updated_by: string | null;
  version: Generated<number>;
}

export interface MeasureFindings {
  finding_id: string;
  measure_id: string;
  tenant_id: string;
}

export interface Measures {
  active_hours: Generated<string>;
  activity_id: string | null;
  approved_on: string | null;
  area_id: string;
  budget_line_id: string | null;
  cancelled_on: string | null;
  cost_sek: Numeric | null;
  created_at: Generated<Timestamp>;
  created_by: string | null;
  description: Generated<string>;
  done_on: string | null;
  geom: string;
  id: Generated<string>;
  influence_radius_m: number;
  kind: string;
  ordered_on: string | null;
  programme_id: string | null;
  proposed_on: string | null;
  responsible_partner_id: string | null;
  spent_sek: Numeric | null;
  status: Generated<string>;
  status_reason: string | null;
  tenant_id: string;
  title: string;
  updated_at: Generated<Timestamp>;
  updated_by: string | null;
  version: Generated<number>;
}

export interface PartnerAreas {
  area_id: string;
  partner_id: string;
  tenant_id: string;
}

export interface PartnerSearch {
  folded: Generated<string>;
  partner_id: string;
  tenant_id: string;
  /** Generated from words; never written. */
  tsv: Generated<string>;
  words: Generated<string>;
}

export interface PartnerNeeds {
  need: string;
  partner_id: string;
  tenant_id: string;
}

export interface PartnerContacts {
  email: string | null;
  id: Generated<string>;
  name: string;
  partner_id: string;
  phone: string | null;
  sort: Generated<number>;
  tenant_id: string;
  title: Generated<string>;
}

export interface DirectoryNeeds {
  created_at: Generated<Timestamp>;
  created_by: string | null;
  key: string;
  label_en: string;
  label_sv: string;
  tenant_id: string;
}

export interface CompassAreas {
  area_id: string;
  categories: Generated<string[]>;
  created_at: Generated<Timestamp>;
  created_by: string | null;
  id: Generated<string>;
  intro: Generated<string>;
  needs: Generated<string[]>;
  tenant_id: string;
  title: string;
  updated_at: Generated<Timestamp>;
  updated_by: string | null;
  version: Generated<number>;
}

export interface DirectoryReports {
  answer: Generated<string>;
  answered_at: Timestamp | null;
  answered_by: string | null;
  applied_change: Json | null;
  area_id: string;
  category: string | null;
  created_at: Generated<Timestamp>;
  created_by: string | null;
  description: string;
  id: Generated<string>;
  kind: string;
  need: string | null;
  partner_id: string | null;
  proposal: Generated<Json>;
  service_location_id: string | null;
  status: Generated<string>;
  tenant_id: string;
  updated_at: Generated<Timestamp>;
  updated_by: string | null;
  version: Generated<number>;
}

export interface CompassStats {
  area_id: string | null;
  count: number;
  metric: string;
  month: string;
  subject: string;
  tenant_id: string;
}

export interface PartnerResponsibilities {
  area_id: string | null;
  category: string;
  id: Generated<string>;
  note: Generated<string>;
  partner_id: string;
  tenant_id: string;
}

export interface Partners {
  contact_name: string | null;
  opening_hours: Generated<string>;
  parent_id: string | null;
  created_at: Generated<Timestamp>;
  created_by: string | null;
  description: Generated<string>;
  email: string | null;
  id: Generated<string>;
  kind: string;
  name: string;
  phone: string | null;
  slug: string;
  tenant_id: string;
  updated_at: Generated<Timestamp>;
  updated_by: string | null;
  version: Generated<number>;
  website: string | null;
}

export interface PartnerServiceLocations {
  address: Generated<string>;
  description: Generated<string>;
  languages: Generated<string[]>;
  max_age: number | null;
  min_age: number | null;
  phone: string | null;
  target_groups: Generated<string[]>;
  created_at: Generated<Timestamp>;
  created_by: string | null;
  geom: string;
  id: Generated<string>;
  name: string;
  opening_hours: Generated<string>;
  partner_id: string;
  tenant_id: string;
  updated_at: Generated<Timestamp>;
  updated_by: string | null;
  version: Generated<number>;
}

export interface ProblemZones {
  area_id: string;
  created_at: Generated<Timestamp>;
  created_by: string | null;
  figures_pending: Generated<boolean>;
  finding_count: Generated<number>;
  finding_hours: number[] | null;
  geom: string;
  grid_incident_hours: number[] | null;
  id: Generated<string>;
  incident_hours: number[] | null;
  name: string;
  notes: Generated<string>;
  origin: Generated<string>;
  period_from: string | null;
  period_to: string | null;
  tenant_id: string;
  updated_at: Generated<Timestamp>;
  updated_by: string | null;
  version: Generated<number>;
  weight: number | null;
}

export interface ProgrammeActivities {
  area_id: string | null;
  convener: Generated<string>;
  created_at: Generated<Timestamp>;
  created_by: string | null;
  ends_on: string | null;
  id: Generated<string>;
  measurable_goals: Generated<string>;
  meeting_frequency: Generated<string>;
  name: string;
  programme_id: string;
  purpose: Generated<string>;
  sort: Generated<number>;
  starts_on: string | null;
  tenant_id: string;
  theme_id: string | null;
  updated_at: Generated<Timestamp>;
  updated_by: string | null;
  version: Generated<number>;
}

export interface ProgrammeAreas {
  area_id: string;
  programme_id: string;
  tenant_id: string;
}

export interface ProgrammeGoals {
  baseline_value: number | null;
  baseline_year: number | null;
  created_at: Generated<Timestamp>;
  created_by: string | null;
  description: string;
  horizon: Generated<string>;
  id: Generated<string>;
  indicator: Generated<string>;
  programme_id: string;
  sort: Generated<number>;
  target: Generated<string>;
  target_comparison: string | null;
  target_date: string | null;
  target_indicator: string | null;
  target_value: number | null;
  tenant_id: string;
  updated_at: Generated<Timestamp>;
  updated_by: string | null;
  version: Generated<number>;
}

export interface ProgrammeThemes {
  created_at: Generated<Timestamp>;
  created_by: string | null;
  id: Generated<string>;
  overall_goal: Generated<string>;
  policy_reference: Generated<string>;
  priority: Generated<number>;
  programme_id: string;
  situation: Generated<string>;
  tenant_id: string;
  title: string;
  updated_at: Generated<Timestamp>;
  updated_by: string | null;
  version: Generated<number>;
}

export interface Programmes {
  background: Generated<string>;
  budget_cap_sek: Numeric | null;
  communication: Generated<string>;
  created_at: Generated<Timestamp>;
  created_by: string | null;
  delimitation: Generated<string>;
  description: Generated<string>;
  ends_on: string;
  financing: Generated<string>;
  id: Generated<string>;
  intensive_from: string | null;
  intensive_to: string | null;
  name: string;
  plan_kind: Generated<string>;
  slug: string;
  starts_on: string;
  status: Generated<string>;
  tenant_id: string;
  updated_at: Generated<Timestamp>;
  updated_by: string | null;
  version: Generated<number>;
}

export interface RiskReviews {
  created_at: Generated<Timestamp>;
  id: Generated<string>;
  impact: number;
  likelihood: number;
  note: Generated<string>;
  reviewed_by: string | null;
  reviewed_on: string;
  risk_id: string;
  tenant_id: string;
}

export interface Risks {
  created_at: Generated<Timestamp>;
  created_by: string | null;
  description: Generated<string>;
  id: Generated<string>;
  impact: number;
  likelihood: number;
  mitigation: Generated<string>;
  next_review_on: string | null;
  owner: Generated<string>;
  programme_id: string;
  status: Generated<string>;
  tenant_id: string;
  title: string;
  updated_at: Generated<Timestamp>;
  updated_by: string | null;
  version: Generated<number>;
}

export interface Sessions {
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
  id: string;
  last_seen_at: Generated<Timestamp>;
  tenant_id: string;
  user_agent: string | null;
  user_id: string;
}

export interface StatusReports {
  body: Generated<string>;
  created_at: Generated<Timestamp>;
  created_by: string | null;
  id: Generated<string>;
  programme_id: string;
  status: Generated<string>;
  submitted_at: Timestamp | null;
  tenant_id: string;
  tertial: number;
  title: Generated<string>;
  updated_at: Generated<Timestamp>;
  updated_by: string | null;
  version: Generated<number>;
  year: number;
}

export interface SteeringGroupMembers {
  created_at: Generated<Timestamp>;
  created_by: string | null;
  group_kind: Generated<string>;
  id: Generated<string>;
  name: string;
  partner_id: string | null;
  programme_id: string;
  sort: Generated<number>;
  tenant_id: string;
  title: Generated<string>;
  updated_at: Generated<Timestamp>;
  updated_by: string | null;
  version: Generated<number>;
}

export interface SurveyIndicators {
  area_id: string;
  created_at: Generated<Timestamp>;
  created_by: string | null;
  id: Generated<string>;
  indicator: string;
  label: Generated<string>;
  respondents: number | null;
  source: Generated<string>;
  tenant_id: string;
  unit: Generated<string>;
  updated_at: Generated<Timestamp>;
  updated_by: string | null;
  value: number;
  version: Generated<number>;
  year: number;
}

export interface Tenants {
  created_at: Generated<Timestamp>;
  id: string;
  name: string;
}

export interface Users {
  created_at: Generated<Timestamp>;
  disabled_at: Timestamp | null;
  display_name: string;
  email: string;
  id: Generated<string>;
  last_login_at: Timestamp | null;
  locale: Generated<string>;
  partner_id: string | null;
  password_hash: string | null;
  tenant_id: string;
  updated_at: Generated<Timestamp>;
  version: Generated<number>;
}

export interface WalkRequirements {
  area_id: string;
  centre_inspections: number;
  created_at: Generated<Timestamp>;
  created_by: string | null;
  id: Generated<string>;
  note: Generated<string>;
  safety_walks: number;
  tenant_id: string;
  updated_at: Generated<Timestamp>;
  updated_by: string | null;
  version: Generated<number>;
  year: number;
}

export interface WalkGuests {
  created_at: Generated<Timestamp>;
  display_name: Generated<string>;
  expires_at: Timestamp;
  id: Generated<string>;
  tenant_id: string;
  token_hash: string;
  walk_id: string;
}

export interface Walks {
  activity_id: string | null;
  area_id: string;
  created_at: Generated<Timestamp>;
  created_by: string | null;
  ends_at: Timestamp | null;
  id: Generated<string>;
  join_code: string | null;
  join_expires_at: Timestamp | null;
  kind: string;
  notes: Generated<string>;
  organiser_name: Generated<string>;
  organiser_partner_id: string | null;
  participant_count: number | null;
  participant_kinds: Generated<string[]>;
  programme_id: string | null;
  route: string | null;
  starts_at: Timestamp;
  tenant_id: string;
  title: string;
  updated_at: Generated<Timestamp>;
  updated_by: string | null;
  uses_audit: Generated<boolean>;
  version: Generated<number>;
}

export interface DB {
  activity_parties: ActivityParties;
  api_tokens: ApiTokens;
  area_roles: AreaRoles;
  areas: Areas;
  audit_log: AuditLog;
  auth_throttles: AuthThrottles;
  budget_entries: BudgetEntries;
  budget_lines: BudgetLines;
  change_requests: ChangeRequests;
  compass_areas: CompassAreas;
  compass_stats: CompassStats;
  directory_needs: DirectoryNeeds;
  directory_reports: DirectoryReports;
  event_occurrences: EventOccurrences;
  events: Events;
  finding_audits: FindingAudits;
  finding_comments: FindingComments;
  finding_photos: FindingPhotos;
  finding_status_history: FindingStatusHistory;
  findings: Findings;
  follow_up_goals: FollowUpGoals;
  follow_ups: FollowUps;
  incident_imports: IncidentImports;
  incident_versions: IncidentVersions;
  incidents: Incidents;
  measure_findings: MeasureFindings;
  measures: Measures;
  partner_areas: PartnerAreas;
  partner_contacts: PartnerContacts;
  partner_needs: PartnerNeeds;
  partner_responsibilities: PartnerResponsibilities;
  partner_search: PartnerSearch;
  partner_service_locations: PartnerServiceLocations;
  partners: Partners;
  problem_zones: ProblemZones;
  programme_activities: ProgrammeActivities;
  programme_areas: ProgrammeAreas;
  programme_goals: ProgrammeGoals;
  programme_themes: ProgrammeThemes;
  programmes: Programmes;
  risk_reviews: RiskReviews;
  risks: Risks;
  sessions: Sessions;
  status_reports: StatusReports;
  steering_group_members: SteeringGroupMembers;
  survey_indicators: SurveyIndicators;
  tenants: Tenants;
  users: Users;
  walk_guests: WalkGuests;
  walk_requirements: WalkRequirements;
  walks: Walks;
}
