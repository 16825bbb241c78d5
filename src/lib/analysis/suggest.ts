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
import { bboxOfGeometry, type BBox } from '$lib/geometry/geojson';
import { prepareActivities, periodHours, zoneCoverage, type CoverageActivity, type CoverageOptions, type CoverageZone, type PreparedActivity } from './coverage';
import { projectGeometry } from './footprint';
import { fromSweref99tm, toSweref99tm } from './sweref99tm';

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

/**
 * The greedy picks. Each round, the activities and the sites already chosen are the base
 * whose zone parts are computed once (./coverage caches them per base); every candidate is
 * tried as the one extra activity, which redoes only the zones its footprint reaches. A
 * zone it does not reach keeps exactly its current coverage, so the gain is summed over
 * the reached zones alone — the same numbers as scoring every zone, at a fraction of the
 * cost (rounds × (zones + candidates × reached zones) rather than rounds × candidates × zones).
 */
export function suggestSites(
	zones: readonly CoverageZone[],
	activities: readonly CoverageActivity[],
	candidates: readonly Position[],
	options: CoverageOptions & { k: number; radiusM: number }
): Suggestion[] {
	const hours = periodHours(options);
	// The candidate event's hours: every slot hour of the period, as whole hours.
	const slot = hours.map((h) => ({ startsAt: new Date(h.middle - 1_800_000).toISOString(), endsAt: new Date(h.middle + 1_800_000).toISOString() }));
	const zoneBoxes = zones.map((z) => bboxOfGeometry(projectGeometry(z.geometry)));
	const timeOf = (z: CoverageZone, base: readonly PreparedActivity[], extra?: PreparedActivity) => zoneCoverage(z, base, hours, extra).timeCoverage ?? 0;
	let base: PreparedActivity[] = prepareActivities(activities);
	let current = zones.map((z) => timeOf(z, base));
	const picks: Suggestion[] = [];
	const remaining = candidates.map((position, i) => {
		const site = prepareActivities([{ id: `site-${i}`, geometry: { type: 'Point', coordinates: position }, radiusM: options.radiusM, intervals: slot }])[0]!;
		const reached = site.footprint ? zoneBoxes.flatMap((box, z) => (bboxesMeet(site.bbox, box) ? [z] : [])) : [];
		return { position, site, reached };
	});
	for (let round = 0; round < options.k && remaining.length > 0; round++) {
		let best: { index: number; gain: number } | null = null;
		remaining.forEach((c, index) => {
			let gain = 0;
			for (const z of c.reached) gain += zones[z]!.weight * (timeOf(zones[z]!, base, c.site) - current[z]!);
			if (!best || gain > best.gain + 1e-12) best = { index, gain };
		});
		const pick = best as { index: number; gain: number } | null;
		if (!pick || pick.gain <= 1e-12) break;
		const [taken] = remaining.splice(pick.index, 1);
		const after = current.slice();
		for (const z of taken!.reached) after[z] = timeOf(zones[z]!, base, taken!.site);
		picks.push({
			rank: round + 1,
			position: taken!.position,
			addedCoverage: pick.gain,
			byZone: zones.map((z, i) => ({ zoneId: z.id, before: current[i]!, after: after[i]! })).filter((z) => z.after - z.before > 1e-12)
		});
		base = [...base, taken!.site];
		current = after;
	}
	return picks;
}

/**
 * What a suggestion costs before it runs: k × Σ over the candidates of the zones a site's
 * footprint (a circle of radiusM) may reach by bounding box — the zone evaluations the
 * greedy search does at most.
 */
export function suggestionEvaluations(zones: readonly CoverageZone[], candidates: readonly Position[], radiusM: number, k: number): number {
	const boxes = zones.map((z) => bboxOfGeometry(projectGeometry(z.geometry)));
	let pairs = 0;
	for (const c of candidates) {
		const [x, y] = toSweref99tm(c);
		const site: BBox = [x - radiusM, y - radiusM, x + radiusM, y + radiusM];
		for (const box of boxes) if (bboxesMeet(site, box)) pairs++;
	}
	return k * pairs;
}

const bboxesMeet = (a: BBox, b: BBox) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
