/**
 * Placement suggestions (DESIGN §4): for a time slot (hours of the week within a period)
 * and k, pick k sites — from candidates the user gives, or a grid inside the area — that
 * greedily add the most gap-weighted coverage: each round takes the site whose event
 * (a point with the given radius, active in every slot hour of the period) raises
 * Σ_Z W_Z·T_Z the most, T_Z restricted to the slot's hours, given the activities already
 * there and the sites already chosen. Pure and client-safe.
 */
import { booleanPointInPolygon } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from '$lib/geometry/geojson';
import { bboxOfGeometry } from '$lib/geometry/geojson';
import { prepareActivities, periodHours, zoneCoverage, type CoverageActivity, type CoverageOptions, type CoverageZone, type PreparedActivity } from './coverage';
import { projectGeometry } from './footprint';
import { fromSweref99tm } from './sweref99tm';

export interface Suggestion {
	rank: number;
	/** [lon, lat]. */
	position: Position;
	/** Σ over zones of weight × the rise in time-aware coverage this site brings (given the earlier picks). */
	addedCoverage: number;
	byZone: { zoneId: string; before: number; after: number }[];
}

/** Grid points spacing metres apart inside an area (WGS 84 in and out), at most `max`. */
export function gridInside(area: Polygon | MultiPolygon, spacing: number, max = 400): Position[] {
	const projected = projectGeometry(area);
	const [w, s, e, n] = bboxOfGeometry(projected);
	let step = spacing;
	while (((e - w) / step) * ((n - s) / step) > max) step *= 1.25;
	const out: Position[] = [];
	for (let x = w + step / 2; x < e; x += step)
		for (let y = s + step / 2; y < n; y += step) if (booleanPointInPolygon([x, y], projected as GeoJSON.Polygon | GeoJSON.MultiPolygon)) out.push(fromSweref99tm([x, y]));
	return out;
}

export function suggestSites(
	zones: readonly CoverageZone[],
	activities: readonly CoverageActivity[],
	candidates: readonly Position[],
	options: CoverageOptions & { k: number; radiusM: number }
): Suggestion[] {
	const hours = periodHours(options);
	const prepared: PreparedActivity[] = prepareActivities(activities);
	// The candidate event's hours: every slot hour of the period, as whole hours.
	const slot = hours.map((h) => ({ startsAt: new Date(h.middle - 1_800_000).toISOString(), endsAt: new Date(h.middle + 1_800_000).toISOString() }));
	const score = (extra: PreparedActivity[]) =>
		zones.map((z) => {
			const c = zoneCoverage(z, [...prepared, ...extra], hours);
			return { zoneId: z.id, weight: z.weight, t: c.timeCoverage ?? 0 };
		});
	const chosen: PreparedActivity[] = [];
	const picks: Suggestion[] = [];
	let current = score([]);
	const remaining = candidates.map((position, i) => ({ position, site: prepareActivities([{ id: `site-${i}`, geometry: { type: 'Point', coordinates: position }, radiusM: options.radiusM, intervals: slot }])[0]! }));
	for (let round = 0; round < options.k && remaining.length > 0; round++) {
		let best: { index: number; gain: number; after: ReturnType<typeof score> } | null = null;
		remaining.forEach((c, index) => {
			const after = score([...chosen, c.site]);
			const gain = after.reduce((s, z, i) => s + z.weight * (z.t - current[i]!.t), 0);
			if (!best || gain > best.gain + 1e-12) best = { index, gain, after };
		});
		const pick = best as { index: number; gain: number; after: ReturnType<typeof score> } | null;
		if (!pick || pick.gain <= 1e-12) break;
		const [taken] = remaining.splice(pick.index, 1);
		chosen.push(taken!.site);
		picks.push({
			rank: round + 1,
			position: taken!.position,
			addedCoverage: pick.gain,
			byZone: pick.after.map((z, i) => ({ zoneId: z.zoneId, before: current[i]!.t, after: z.t })).filter((z) => z.after - z.before > 1e-12)
		});
		current = pick.after;
	}
	return picks;
}
