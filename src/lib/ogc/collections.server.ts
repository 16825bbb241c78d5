/**
 * The collections of Lykta's OGC API – Features endpoint, one declaration each: what a client
 * is told (./collection: title, geometry, properties, queryables, time) and the one SQL
 * relation the features come from, already narrowed to what the reader may see by the same
 * rules as the app's list endpoints. Everything else — bbox and CRS, datetime, filters,
 * paging, extents, the HTML pages, the OpenAPI document, the exports' column lists — is built
 * from these declarations (./features.server), so a new collection (the follow-ups, the
 * partner directory's services) is one more entry here.
 *
 * A relation has the columns `id`, `geom` (WGS 84), `t0`/`t1` (the feature's time, when the
 * collection has one; null = open) and one column per property, named as the property.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { AreaSet } from '$lib/server/auth/scope.server';
import { isEmpty } from '$lib/server/auth/scope.server';
import { binnedCtes } from '$lib/incidents/privacy.server';
import { PRIVACY_CELL_M } from '$lib/incidents/privacy';
import { INCIDENT_CATEGORIES, INCIDENT_SOURCES, MIN_CELL_COUNT } from '$lib/incidents/incident';
import { FINDING_CATEGORIES, FINDING_STATUSES } from '$lib/findings/finding';
import { MEASURE_KINDS, MEASURE_STATUSES } from '$lib/measures/measure';
import { EVENT_KINDS, EVENT_STATUSES, PERMIT_STATUSES } from '$lib/events/event';
import { AREA_KINDS } from '$lib/areas/area';
import { WALK_KINDS } from '$lib/walks/walk';
import { PARTNER_KINDS } from '$lib/partners/partner';
import type { CollectionInfo, OgcProperty } from './collection';
import type { Interval, PropertyFilter } from './params.server';
import { ALL_AREAS, type Reader } from './reader.server';

/** What a relation that aggregates (the incident cells) must apply itself, before counting. */
export interface InsideQuery {
	datetime: Interval | null;
	filters: PropertyFilter[];
	/** The query's box (a WGS 84 geometry), to read only the rows near it. */
	near: RawBuilder<unknown> | null;
	/** One feature asked for by id. */
	featureId: string | null;
}

export interface OgcCollection extends CollectionInfo {
	/** Whether a deployment may serve it to everyone (never the individual incidents). */
	publicAllowed: boolean;
	/** Whether the reader's own roles give it (a public collection is read whole by anyone). */
	granted(reader: Reader): boolean;
	/** The features the reader may see: all of the tenant's when `whole` (a public collection). */
	relation(reader: Reader, whole: boolean, inside: InsideQuery): RawBuilder<unknown>;
	/** The relation applies datetime and the queryables itself (it aggregates). */
	filtersInside?: boolean;
	/** The spatial extent as the reader may learn it, when not that of the features (cells: that of the areas). */
	extentOfAreas?: boolean;
}

/** `column` names an area of the set (rows without an area only for every-area readers). */
function inAreas(column: string, set: AreaSet): RawBuilder<SqlBool> {
	if (set.all) return sql<SqlBool>`true`;
	return set.ids.length ? sql<SqlBool>`${sql.ref(column)} = ANY(${set.ids}::uuid[])` : sql<SqlBool>`false`;
}

/** A Stockholm calendar date column as the instant its day starts (null stays null). */
const dayStart = (column: string) => sql`(${sql.ref(column)}::timestamp AT TIME ZONE 'Europe/Stockholm')`;
const dayAfter = (column: string) => sql`((${sql.ref(column)} + 1)::timestamp AT TIME ZONE 'Europe/Stockholm')`;

const text = (name: string, extra: Partial<OgcProperty> = {}): OgcProperty => ({ name, type: 'string', ...extra });
const vocabulary = (name: string, values: readonly string[]): OgcProperty => ({ name, type: 'string', enum: values, queryable: true });
const id = (name: string): OgcProperty => ({ name, type: 'string', format: 'uuid', queryable: true });

const areaProperties = [id('area_id'), text('area_name')];

const areas: OgcCollection = {
	id: 'areas',
	title: { sv: 'Områden', en: 'Areas' },
	description: { sv: 'Stadsdelar och platser där samverkan sker (kan ligga i varandra).', en: 'Districts and places where the partners work together (they may nest).' },
	geometry: 'MultiPolygon',
	temporal: null,
	idType: 'uuid',
	publicAllowed: true,
	properties: [text('name', { queryable: true }), text('slug', { queryable: true }), vocabulary('kind', AREA_KINDS), id('parent_id'), text('description'), { name: 'area_m2', type: 'number' }],
	// Areas are reference data: every signed-in user sees them all (as GET /api/areas).
	granted: (reader) => reader.signedIn,
	relation: (reader) => sql`
		SELECT a.id, a.geom, a.name, a.slug, a.kind, a.parent_id, a.description,
			round(ST_Area(ST_Transform(a.geom, 3006))::numeric, 1)::float8 AS area_m2
		FROM areas a WHERE a.tenant_id = ${reader.tenant}`
};

const services: OgcCollection = {
	id: 'services',
	title: { sv: 'Partners serviceställen', en: 'Partner service locations' },
	description: {
		sv: 'Var partners stödtjänster finns och när de har öppet (öppettider i OpenStreetMaps format).',
		en: 'Where the partners’ support services are and when they are open (opening hours in OpenStreetMap syntax).'
	},
	geometry: 'Point',
	temporal: null,
	idType: 'uuid',
	publicAllowed: true,
	properties: [
		text('name', { queryable: true }), text('address'), text('opening_hours'), text('description'), id('partner_id'), text('partner_name', { queryable: true }),
		vocabulary('partner_kind', PARTNER_KINDS), text('needs'), text('target_groups'), { name: 'min_age', type: 'integer' }, { name: 'max_age', type: 'integer' },
		text('languages'), text('website'), text('phone'), text('email')
	],
	granted: (reader) => reader.signedIn,
	relation: (reader) => sql`
		SELECT l.id, l.geom, l.name, l.address, l.opening_hours, l.description, l.partner_id, p.name AS partner_name, p.kind AS partner_kind,
			(SELECT string_agg(n.need, ',' ORDER BY n.need) FROM partner_needs n WHERE n.tenant_id = ${reader.tenant} AND n.partner_id = p.id) AS needs,
			nullif(array_to_string(l.target_groups, ','), '') AS target_groups, l.min_age, l.max_age, nullif(array_to_string(l.languages, ','), '') AS languages,
			p.website, coalesce(l.phone, p.phone) AS phone, p.email
		FROM partner_service_locations l JOIN partners p ON p.id = l.partner_id AND p.tenant_id = l.tenant_id
		WHERE l.tenant_id = ${reader.tenant}`
};

const walks: OgcCollection = {
	id: 'walks',
	title: { sv: 'Trygghetsvandringar', en: 'Safety walks' },
	description: { sv: 'Trygghetsvandringar och centrumbesiktningar med sina rutter.', en: 'Safety walks and centre inspections with their routes.' },
	geometry: 'LineString',
	temporal: 'interval',
	idType: 'uuid',
	publicAllowed: true,
	properties: [
		...areaProperties, vocabulary('kind', WALK_KINDS), text('title'), { name: 'starts_at', type: 'date-time' },
		{ name: 'ends_at', type: 'date-time' }, text('organiser_name'), { name: 'participant_count', type: 'integer' }, { name: 'uses_audit', type: 'boolean', queryable: true },
		{ name: 'finding_count', type: 'integer' }
	],
	granted: (reader) => !isEmpty(reader.readable),
	relation: (reader, whole) => sql`
		SELECT w.id, w.route AS geom, w.starts_at AS t0, coalesce(w.ends_at, w.starts_at) AS t1, w.area_id, a.name AS area_name,
			w.kind, w.title, w.starts_at, w.ends_at, w.organiser_name, w.participant_count, w.uses_audit,
			(SELECT count(*)::int FROM findings f WHERE f.tenant_id = ${reader.tenant} AND f.walk_id = w.id) AS finding_count
		FROM walks w JOIN areas a ON a.tenant_id = w.tenant_id AND a.id = w.area_id
		WHERE w.tenant_id = ${reader.tenant} AND ${inAreas('w.area_id', whole ? ALL_AREAS : reader.readable)}`
};

/** Findings a reader sees: those of areas read in full, and in partner areas those routed to the partner. */
function findingScope(reader: Reader, whole: boolean): RawBuilder<SqlBool> {
	if (whole) return sql<SqlBool>`true`;
	const { read, partner, partnerId } = reader.findings;
	const routed = partnerId && !isEmpty(partner) ? sql<SqlBool>`(${inAreas('f.area_id', partner)} AND f.responsible_partner_id = ${partnerId})` : sql<SqlBool>`false`;
	return sql<SqlBool>`(${inAreas('f.area_id', read)} OR ${routed})`;
}

const findings: OgcCollection = {
	id: 'findings',
	title: { sv: 'Fynd', en: 'Findings' },
	description: {
		sv: 'Platser som känns otrygga, pinnade under vandringar eller rapporterade mellan dem (utan uppgift om vem som rapporterade).',
		en: 'Places that feel unsafe, pinned on walks or reported between them (without who reported them).'
	},
	geometry: 'Geometry',
	temporal: 'instant',
	idType: 'uuid',
	publicAllowed: true,
	properties: [
		...areaProperties, id('walk_id'), vocabulary('category', FINDING_CATEGORIES), { name: 'severity', type: 'integer', queryable: true },
		text('times_of_day'), text('description'), text('proposed_measure'), vocabulary('status', FINDING_STATUSES), text('status_reason'),
		{ name: 'follow_up_on', type: 'date' }, { name: 'reinspect', type: 'boolean', queryable: true }, { name: 'confirmations', type: 'integer' },
		id('responsible_partner_id'), text('responsible_partner'), { name: 'created_at', type: 'date-time' }, { name: 'updated_at', type: 'date-time' }
	],
	granted: (reader) => !isEmpty(reader.findings.read) || (!!reader.findings.partnerId && !isEmpty(reader.findings.partner)),
	relation: (reader, whole) => sql`
		SELECT f.id, f.geom, f.created_at AS t0, f.created_at AS t1, f.area_id, a.name AS area_name, f.walk_id, f.category, f.severity,
			array_to_string(f.times_of_day, ',') AS times_of_day, f.description, f.proposed_measure, f.status, f.status_reason,
			f.follow_up_on, f.reinspect, f.confirmations, f.responsible_partner_id, p.name AS responsible_partner, f.created_at, f.updated_at
		FROM findings f JOIN areas a ON a.tenant_id = f.tenant_id AND a.id = f.area_id
			LEFT JOIN partners p ON p.tenant_id = f.tenant_id AND p.id = f.responsible_partner_id
		WHERE f.tenant_id = ${reader.tenant} AND ${findingScope(reader, whole)}`
};

const measures: OgcCollection = {
	id: 'measures',
	title: { sv: 'Åtgärder', en: 'Measures' },
	description: {
		sv: 'Åtgärder i stadsmiljön (belysning, sittplatser, vegetation …) med påverkansradie och status; tiden är från förslag till eventuell avbokning.',
		en: 'Urban-environment measures (lighting, seating, vegetation …) with influence radius and status; their time runs from proposal to a cancellation, if any.'
	},
	geometry: 'Geometry',
	temporal: 'interval',
	idType: 'uuid',
	publicAllowed: true,
	properties: [
		...areaProperties, id('programme_id'), vocabulary('kind', MEASURE_KINDS), text('title'), text('description'), vocabulary('status', MEASURE_STATUSES),
		text('status_reason'), { name: 'influence_radius_m', type: 'number' }, vocabulary('active_hours', ['always', 'dark']),
		{ name: 'proposed_on', type: 'date' }, { name: 'approved_on', type: 'date' }, { name: 'ordered_on', type: 'date' }, { name: 'done_on', type: 'date' },
		{ name: 'cancelled_on', type: 'date' }, { name: 'cost_sek', type: 'number' }, { name: 'spent_sek', type: 'number' },
		id('responsible_partner_id'), text('responsible_partner')
	],
	granted: (reader) => !isEmpty(reader.readable),
	relation: (reader, whole) => sql`
		SELECT m.id, m.geom, coalesce(${dayStart('m.proposed_on')}, m.created_at) AS t0, ${dayAfter('m.cancelled_on')} AS t1,
			m.area_id, a.name AS area_name, m.programme_id, m.kind, m.title, m.description, m.status, m.status_reason, m.influence_radius_m,
			m.active_hours, m.proposed_on, m.approved_on, m.ordered_on, m.done_on, m.cancelled_on, m.cost_sek, m.spent_sek,
			m.responsible_partner_id, p.name AS responsible_partner
		FROM measures m JOIN areas a ON a.tenant_id = m.tenant_id AND a.id = m.area_id
			LEFT JOIN partners p ON p.tenant_id = m.tenant_id AND p.id = m.responsible_partner_id
		WHERE m.tenant_id = ${reader.tenant} AND ${inAreas('m.area_id', whole ? ALL_AREAS : reader.readable)}`
};

const events: OgcCollection = {
	id: 'events',
	title: { sv: 'Aktiviteter', en: 'Events' },
	description: {
		sv: 'Platsaktivering: evenemang och aktiviteter; tiden är från första tillfällets start till sista tillfällets slut.',
		en: 'Place activation: events and activities; their time runs from the first occurrence’s start to the last one’s end.'
	},
	geometry: 'Geometry',
	temporal: 'interval',
	idType: 'uuid',
	publicAllowed: true,
	properties: [
		...areaProperties, id('programme_id'), text('title'), vocabulary('kind', EVENT_KINDS), vocabulary('status', EVENT_STATUSES),
		text('organiser_name'), { name: 'starts_at', type: 'date-time' }, { name: 'ends_at', type: 'date-time' }, text('rrule'),
		{ name: 'expected_attendance', type: 'integer' }, { name: 'actual_attendance', type: 'integer' },
		vocabulary('permit_status', PERMIT_STATUSES), { name: 'grant_sek', type: 'number' }, { name: 'cost_sek', type: 'number' },
		{ name: 'influence_radius_m', type: 'number' }
	],
	granted: (reader) => !isEmpty(reader.readable),
	relation: (reader, whole) => sql`
		SELECT e.id, e.geom, e.starts_at AS t0,
			greatest(e.ends_at, (SELECT max(o.ends_at) FROM event_occurrences o WHERE o.tenant_id = ${reader.tenant} AND o.event_id = e.id AND NOT o.cancelled)) AS t1,
			e.area_id, a.name AS area_name, e.programme_id, e.title, e.kind, e.status, e.organiser_name, e.starts_at, e.ends_at, e.rrule,
			e.expected_attendance, e.actual_attendance, e.permit_status, e.grant_sek, e.cost_sek, e.influence_radius_m
		FROM events e JOIN areas a ON a.tenant_id = e.tenant_id AND a.id = e.area_id
		WHERE e.tenant_id = ${reader.tenant} AND ${inAreas('e.area_id', whole ? ALL_AREAS : reader.readable)}`
};

/**
 * Zones with the weight as this reader gets it ($lib/zones/figures): a weight given by a
 * person as given; else the problems behind it — the exact incidents with incident access in
 * the zone's area, the privacy grid's figures otherwise — plus the findings, at least 1.
 */
const zones: OgcCollection = {
	id: 'zones',
	title: { sv: 'Problemzoner', en: 'Problem zones' },
	description: {
		sv: 'Problemzoner med vikt (given, eller räknad ur incidenter och fynd enligt läsarens behörighet); tiden är zonens period.',
		en: 'Problem zones with their weight (given, or from incidents and findings as the reader may see them); their time is the zone’s period.'
	},
	geometry: 'MultiPolygon',
	temporal: 'interval',
	idType: 'uuid',
	publicAllowed: true,
	properties: [
		...areaProperties, text('name'), vocabulary('origin', ['manual', 'hotspot']), { name: 'weight', type: 'number' }, { name: 'weight_given', type: 'boolean' },
		vocabulary('incident_figures', ['exact', 'aggregated', 'withheld']), { name: 'period_from', type: 'date' }, { name: 'period_to', type: 'date' },
		text('notes'), { name: 'area_m2', type: 'number' }
	],
	granted: (reader) => !isEmpty(reader.readable),
	relation: (reader, whole) => {
		const exact = inAreas('z.area_id', reader.incidents);
		const sum = (column: string) => sql`coalesce((SELECT sum(v) FROM unnest(${sql.ref(column)}) AS v), 0)`;
		return sql`
			SELECT z.id, z.geom, ${dayStart('z.period_from')} AS t0, ${dayAfter('z.period_to')} AS t1, z.area_id, a.name AS area_name, z.name, z.origin,
				coalesce(z.weight, greatest(1, round((CASE WHEN ${exact} THEN ${sum('z.incident_hours')} ELSE ${sum('z.grid_incident_hours')} END + z.finding_count)::numeric, 2)))::float8 AS weight,
				z.weight IS NOT NULL AS weight_given,
				CASE WHEN ${exact} THEN 'exact' WHEN z.grid_incident_hours IS NULL THEN 'withheld' ELSE 'aggregated' END AS incident_figures,
				z.period_from, z.period_to, z.notes, round(ST_Area(ST_Transform(z.geom, 3006))::numeric)::float8 AS area_m2
			FROM problem_zones z JOIN areas a ON a.tenant_id = z.tenant_id AND a.id = z.area_id
			WHERE z.tenant_id = ${reader.tenant} AND ${inAreas('z.area_id', whole ? ALL_AREAS : reader.readable)}`;
	}
};

const incidents: OgcCollection = {
	id: 'incidents',
	title: { sv: 'Incidenter', en: 'Incidents' },
	description: { sv: 'Enskilda incidenter (polis, väktare, egen personal) – bara för roller med behörighet till incidenter.', en: 'Individual incidents (police, guards, own staff) – only for roles with incident access.' },
	geometry: 'Point',
	temporal: 'instant',
	idType: 'uuid',
	publicAllowed: false,
	properties: [
		id('area_id'), vocabulary('category', INCIDENT_CATEGORIES), vocabulary('source', INCIDENT_SOURCES), { name: 'occurred_at', type: 'date-time' },
		text('external_id', { queryable: true }), text('description')
	],
	granted: (reader) => !isEmpty(reader.incidents),
	relation: (reader) => sql`
		SELECT x.id, x.geom, x.occurred_at AS t0, x.occurred_at AS t1, x.area_id, x.category, x.source, x.occurred_at, x.external_id, x.description
		FROM incidents x
		WHERE x.tenant_id = ${reader.tenant} AND ${inAreas('x.area_id', reader.incidents)}`
};

const CELL_REACH_M = 2 * PRIVACY_CELL_M;

/**
 * Incidents as everyone may see them: counts per cell of the privacy grid (hexagons of
 * PRIVACY_CELL_M in SWEREF 99 TM, each incident in the cell whose centre is nearest, as
 * the hotspots and every other aggregate bin them), cells with fewer than MIN_CELL_COUNT
 * incidents left out. A period is counted in whole Stockholm days, as the hotspot analysis
 * takes it, so two requests a second apart cannot single out one incident's time.
 */
const incidentCells: OgcCollection = {
	id: 'incident-cells',
	title: { sv: 'Incidenter per hexagon', en: 'Incidents per hexagon' },
	description: {
		sv: `Antal incidenter per hexagon (${PRIVACY_CELL_M} m sida, SWEREF 99 TM); hexagoner med färre än ${MIN_CELL_COUNT} incidenter visas inte. Perioden räknas i hela dagar.`,
		en: `Incident counts per hexagon (side ${PRIVACY_CELL_M} m, SWEREF 99 TM); hexagons with fewer than ${MIN_CELL_COUNT} incidents are left out. A period counts in whole days.`
	},
	geometry: 'Polygon',
	temporal: 'instant',
	idType: 'cell',
	publicAllowed: true,
	filtersInside: true,
	extentOfAreas: true,
	properties: [{ name: 'count', type: 'integer' }, { name: 'category', type: 'string', enum: INCIDENT_CATEGORIES, queryable: true, filterOnly: true }],
	granted: (reader) => !isEmpty(reader.readable),
	relation: (reader, whole, inside) => {
		const scope = whole ? ALL_AREAS : reader.readable;
		const days = inside.datetime ? wholeDays(inside.datetime) : null;
		const category = inside.filters.find((f) => f.property.name === 'category');
		const s = PRIVACY_CELL_M;
		const cell = inside.featureId ? inside.featureId.split('_').map(Number) : null;
		// Only the incidents that can fall in the cells asked about, by the index on incidents.geom.
		const near = cell
			? sql`x.geom && ST_Transform(ST_Expand(ST_SetSRID(ST_Hexagon(${s}::float8, ${cell[0]}::int, ${cell[1]}::int), 3006), ${CELL_REACH_M}::float8), 4326)`
			: inside.near
				? sql`x.geom && ST_Transform(ST_Expand(ST_Transform(${inside.near}, 3006), ${CELL_REACH_M}::float8), 4326)`
				: sql`true`;
		return sql`
			WITH points AS MATERIALIZED (
				SELECT 1 AS k, ST_X(p) AS px, ST_Y(p) AS py FROM (
					SELECT ST_Transform(x.geom, 3006) AS p FROM incidents x
					WHERE x.tenant_id = ${reader.tenant} AND ${inAreas('x.area_id', scope)} AND ${near}
						AND ${days?.from ? sql`x.occurred_at >= ${days.from}::timestamptz` : sql`true`}
						AND ${days?.to ? sql`x.occurred_at < ${days.to}::timestamptz` : sql`true`}
						AND ${category ? sql`x.category = ${category.value}` : sql`true`}
				) AS t
			),
			${binnedCtes(['k'])},
			counted AS (SELECT i, j, count(*)::int AS n FROM binned GROUP BY i, j HAVING count(*) >= ${MIN_CELL_COUNT})
			SELECT c.i::text || '_' || c.j::text AS id, ST_Transform(ST_SetSRID(ST_Hexagon(${s}::float8, c.i, c.j), 3006), 4326) AS geom, c.n AS count
			FROM counted c`;
	}
};

/** An interval widened to whole Stockholm days: from the start of its first day to the end of its last. */
function wholeDays(interval: Interval): { from: string | null; to: string | null } {
	const day = (iso: string) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date(iso));
	const from = interval.start ? day(interval.start) : null;
	// An exclusive end at midnight is the day before's end.
	const lastInstant = interval.end ? new Date(Date.parse(interval.end) - (interval.endExclusive ? 1 : 0)).toISOString() : null;
	const to = lastInstant ? day(lastInstant) : null;
	return {
		from: from ? `${from} 00:00 Europe/Stockholm` : null,
		to: to ? `${nextDate(to)} 00:00 Europe/Stockholm` : null
	};
}

function nextDate(date: string): string {
	const [y, m, d] = date.split('-').map(Number);
	return new Date(Date.UTC(y!, m! - 1, d! + 1)).toISOString().slice(0, 10);
}

/** Every collection, in the order the landing page lists them. */
/**
 * Tertial follow-ups and annual reports (issue 14) on their area's outline, with the verdict,
 * the texts and the main kept figures; the incident total in the version the privacy rule
 * gives this reader (exact with incident access in the area, else the privacy grid's), as it
 * was when written. Internal working papers: never served to everyone.
 */
const periodStart = sql`make_date(u.year, coalesce((u.tertial - 1) * 4 + 1, 1), 1)`;
const followUps: OgcCollection = {
	id: 'follow-ups',
	title: { sv: 'Uppföljningar', en: 'Follow-ups' },
	description: {
		sv: 'Tertialuppföljningar och verksamhetsberättelser per område: är målet nått, vilka aktiviteter har genomförts, och siffrorna som de var när uppföljningen skrevs; tiden är perioden.',
		en: 'Tertial follow-ups and annual reports per area: is the goal reached, which activities were done, and the figures as they were when written; their time is the period.'
	},
	geometry: 'MultiPolygon',
	temporal: 'interval',
	idType: 'uuid',
	publicAllowed: false,
	properties: [
		...areaProperties, id('programme_id'), text('programme_name'), { name: 'year', type: 'integer', queryable: true }, { name: 'tertial', type: 'integer', queryable: true },
		vocabulary('status', ['draft', 'submitted']), vocabulary('goal_reached', ['yes', 'partly', 'no']), text('summary'), text('activities'),
		{ name: 'submitted_at', type: 'date-time' }, { name: 'figures_taken_at', type: 'date-time' },
		{ name: 'findings_reported', type: 'integer' }, { name: 'findings_resolved', type: 'integer' }, { name: 'measures_done', type: 'integer' },
		{ name: 'events_held', type: 'integer' }, { name: 'attendance', type: 'integer' }, { name: 'walks_done', type: 'integer' },
		vocabulary('incident_figures', ['exact', 'aggregated', 'withheld']), { name: 'incidents_total', type: 'integer' }
	],
	granted: (reader) => !isEmpty(reader.readable),
	relation: (reader) => {
		const exact = inAreas('u.area_id', reader.incidents);
		const trend = sql`(CASE WHEN ${exact} THEN u.figures->'incidents'->'exact' ELSE u.figures->'incidents'->'aggregated' END)`;
		const figure = (path: string[]) => sql`(u.figures #>> ${`{${path.join(',')}}`}::text[])::int`;
		return sql`
			SELECT u.id, a.geom, (${periodStart}::timestamp AT TIME ZONE 'Europe/Stockholm') AS t0,
				((${periodStart} + CASE WHEN u.tertial IS NULL THEN interval '12 months' ELSE interval '4 months' END)::timestamp AT TIME ZONE 'Europe/Stockholm') AS t1,
				u.area_id, a.name AS area_name, u.programme_id, p.name AS programme_name, u.year, u.tertial, u.status, u.goal_reached, u.summary, u.activities,
				u.submitted_at, u.figures_taken_at,
				${figure(['findings', 'reported'])} AS findings_reported, ${figure(['findings', 'resolved'])} AS findings_resolved,
				${figure(['measures', 'done'])} AS measures_done, ${figure(['events', 'held'])} AS events_held,
				${figure(['events', 'attendance'])} AS attendance, ${figure(['walks', 'done'])} AS walks_done,
				${trend}->>'figures' AS incident_figures,
				(${trend}->>'currentTotal')::int AS incidents_total
			FROM follow_ups u JOIN areas a ON a.id = u.area_id AND a.tenant_id = u.tenant_id
				LEFT JOIN programmes p ON p.id = u.programme_id AND p.tenant_id = u.tenant_id
			WHERE u.tenant_id = ${reader.tenant} AND ${inAreas('u.area_id', reader.readable)}`;
	}
};

export const COLLECTIONS: readonly OgcCollection[] = [areas, services, walks, findings, measures, events, zones, incidents, incidentCells, followUps];

export function collectionNamed(id: string): OgcCollection | undefined {
	return COLLECTIONS.find((c) => c.id === id);
}

/** How the reader gets the collection: whole (public), by its roles, or not at all. */
export function accessOf(collection: OgcCollection, reader: Reader): 'whole' | 'roles' | null {
	if (collection.publicAllowed && reader.publicIds.has(collection.id)) return 'whole';
	return collection.granted(reader) ? 'roles' : null;
}

/** The client-safe description of a collection (no SQL). */
export function infoOf(c: OgcCollection): CollectionInfo {
	return { id: c.id, title: c.title, description: c.description, geometry: c.geometry, temporal: c.temporal, idType: c.idType, properties: c.properties };
}
