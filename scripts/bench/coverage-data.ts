/**
 * The coverage benchmark's synthetic district: `zones` problem zones (irregular 30–80 m
 * polygons with evening-heavy hour profiles) and `activities` (weekly evening events, single
 * events, lamps lit in the dark, always-on measures) over 26 weeks (April–September 2023) in
 * the 4 km × 3 km bench district; and how to store them (zones, events with their
 * occurrences, done measures) so GET /api/analysis/coverage reads the same programme.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { CoverageActivity, CoverageZone } from '../../src/lib/analysis/coverage';
import { fromSweref99tm } from '../../src/lib/analysis/sweref99tm';
import { darkIntervals } from '../../src/lib/measures/dark-hours';
import { slotIntervals } from '../../src/lib/analysis/slot';
import type { Position } from '../../src/lib/geometry/geojson';
import type { DB } from '../../src/lib/server/db/schema';
import { rng } from './random';

export const FROM = '2023-04-03';
export const TO = '2023-10-01';

export function coverageData(ZONES: number, ACTIVITIES: number) {
	const random = rng(20230401);
	const E0 = 672500;
	const N0 = 6576000;
	const at = (e: number, n: number): Position => fromSweref99tm([E0 + e, N0 + n]);
	const spot = () => [random() * 4000, random() * 3000] as const;

	const zones: CoverageZone[] = Array.from({ length: ZONES }, (_, i) => {
		const [e, n] = spot();
		const r = 30 + random() * 50;
		const k = 6 + Math.floor(random() * 5);
		const ring = Array.from({ length: k }, (_, j) => {
			const a = (2 * Math.PI * j) / k;
			const rr = r * (0.7 + random() * 0.6);
			return at(e + rr * Math.cos(a), n + rr * Math.sin(a));
		});
		ring.push(ring[0]!);
		// Problems in the evenings and nights, more at weekends.
		const profile = Array.from({ length: 168 }, (_, h) => {
			const hour = h % 24;
			const weekend = h >= 96;
			return (hour >= 18 || hour < 3 ? 3 : hour >= 9 ? 1 : 0.2) * (weekend ? 1.8 : 1);
		});
		const sum = profile.reduce((a, b) => a + b, 0);
		return { id: `z${i}`, geometry: { type: 'Polygon', coordinates: [ring] }, weight: 1 + random() * 9, profile: profile.map((w) => w / sum) };
	});

	const period = { from: '2023-04-02T22:00:00Z', to: '2023-10-01T22:00:00Z' }; // 26 weeks
	const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
	/** What the database needs to store the same activity: an event with occurrences, or a done measure. */
	type Stored = { kind: 'event' } | { kind: 'measure'; activeHours: 'dark' | 'always' };
	const stored: Stored[] = [];
	const activities: CoverageActivity[] = Array.from({ length: ACTIVITIES }, (_, i) => {
		const [e, n] = spot();
		const kind = random();
		const geometry = { type: 'Point' as const, coordinates: at(e, n) };
		stored.push(kind < 0.6 ? { kind: 'event' } : { kind: 'measure', activeHours: kind < 0.8 ? 'dark' : 'always' });
		if (kind < 0.45) {
			const day = DAYS[Math.floor(random() * 7)]!;
			const start = 16 + Math.floor(random() * 5);
			return { id: `a${i}`, geometry, radiusM: 80 + random() * 70, intervals: slotIntervals({ days: [day], startHour: start, endHour: start + 3 }, FROM, TO) };
		}
		if (kind < 0.6) {
			const day = new Date(Date.parse('2023-04-03T12:00:00Z') + Math.floor(random() * 180) * 86_400_000).toISOString().slice(0, 10);
			return { id: `a${i}`, geometry, radiusM: 100, intervals: slotIntervals({ days: [DAYS[(new Date(day).getUTCDay() + 6) % 7]!], startHour: 12, endHour: 18 }, day, day) };
		}
		if (kind < 0.8) {
			const [lon, lat] = geometry.coordinates;
			return { id: `a${i}`, geometry, radiusM: 25, intervals: darkIntervals(period.from, period.to, lon, lat).map((d) => ({ startsAt: d.startsAt, endsAt: d.endsAt })) };
		}
		return { id: `a${i}`, geometry, radiusM: 15 + random() * 25, intervals: [{ startsAt: period.from, endsAt: period.to }] };
	});

	return { zones, activities, stored, period };
}
export type CoverageData = ReturnType<typeof coverageData>;

/** Stores the zones and activities in the area; returns what was stored. */
export async function storeCoverageData(db: Kysely<DB>, tenant: string, area: string, data: CoverageData) {
	const { zones, activities, stored } = data;
	const geom = (g: unknown) => sql<string>`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(g)}), 4326)`;
	const chunks = <T>(xs: T[], n: number) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));
	await db
		.insertInto('problem_zones')
		.values(
			zones.map((z) => {
				// The hour profile as problems per hour of week, in proportion to the profile (whole numbers: the smallest is 10).
				const least = Math.min(...z.profile!.filter((p) => p > 0));
				const hours = z.profile!.map((p) => Math.round((10 * p) / least));
				return { tenant_id: tenant, area_id: area, name: z.id, weight: z.weight, incident_hours: hours, grid_incident_hours: hours, finding_hours: hours.map(() => 0), finding_count: 0, geom: sql<string>`ST_Multi(${geom(z.geometry)})` };
			})
		)
		.execute();
	const eventIds = new Map<string, string>();
	for (const part of chunks(activities.filter((_, i) => stored[i]!.kind === 'event'), 500)) {
		const rows = await db
			.insertInto('events')
			.values(part.map((a) => ({ tenant_id: tenant, area_id: area, title: a.id, kind: 'culture' as const, status: 'planned' as const, starts_at: a.intervals[0]!.startsAt, ends_at: a.intervals[0]!.endsAt, influence_radius_m: a.radiusM, geom: geom(a.geometry) })))
			.returning(['id', 'title'])
			.execute();
		for (const r of rows) eventIds.set(r.title, r.id);
	}
	const occurrences = activities.flatMap((a) => (eventIds.has(a.id) ? a.intervals.map((o) => ({ tenant_id: tenant, event_id: eventIds.get(a.id)!, starts_at: o.startsAt, ends_at: o.endsAt })) : []));
	for (const part of chunks(occurrences, 2000)) await db.insertInto('event_occurrences').values(part).execute();
	const measures = activities.flatMap((a, i) => {
		const s = stored[i]!;
		if (s.kind !== 'measure') return [];
		return [{ tenant_id: tenant, area_id: area, title: a.id, kind: s.activeHours === 'dark' ? ('lighting' as const) : ('seating' as const), active_hours: s.activeHours, status: 'done' as const, done_on: FROM, influence_radius_m: a.radiusM, geom: geom(a.geometry) }];
	});
	for (const part of chunks(measures, 500)) await db.insertInto('measures').values(part).execute();
	return { zones: zones.length, events: eventIds.size, occurrences: occurrences.length, measures: measures.length };
}
