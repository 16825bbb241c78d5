/**
 * Synthetic incidents, Jan 2023 – Dec 2024: gaussian clusters around each place's
 * hotspots plus a uniform background, with seasonal, weekday and evening/night
 * peaks, a drop in Tantolunden's treated hotspots from June 2023 (Sommar i Tanto)
 * and some displacement to Drakenbergsparken.
 */
import { HOURS, INCIDENT_MIX, SEASON, WEEKDAY } from './content';
import { hotspot, point, type Place } from './places';
import type { Rng } from './random';
import { DAY_MS, HOUR_MS, isoLocal, isoWeekday, monthOf, wall, wallToUtc } from './time';
import type { DemoIncident } from './types';

const INCIDENTS_FROM = wall(2023, 1, 1);
const INCIDENTS_TO = wall(2025, 1, 1);
const INCIDENT_DAYS = 731; // 2023-01-01 … 2024-12-31
const INCIDENT_TOTAL = 6000;
const PROGRAMME_EFFECT_FROM = wall(2023, 6, 1);
const INTENSIVE_UNTIL = wall(2023, 10, 1);

/** Multiplier for the programme effect and the displacement next door. */
function effect(placeSlug: string, component: number, treated: boolean, day: number): number {
	if (day < PROGRAMME_EFFECT_FROM) return 1;
	const intensive = day < INTENSIVE_UNTIL;
	if (placeSlug === 'tantolunden') {
		if (component < 0) return intensive ? 0.6 : 0.8; // background
		return treated ? (intensive ? 0.25 : 0.6) : 1;
	}
	if (placeSlug === 'drakenbergsparken') return intensive ? 1.6 : 1.35;
	return 1;
}

function lowerBound(cumulative: number[], value: number): number {
	let lo = 0;
	let hi = cumulative.length - 1;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if ((cumulative[mid] as number) > value) hi = mid;
		else lo = mid + 1;
	}
	return lo;
}

export function buildIncidents(places: Place[], root: Rng): DemoIncident[] {
	interface Component {
		place: Place;
		index: number; // hotspot index, -1 = uniform background
		cumulative: number[];
		mass: number;
	}
	const components: Component[] = [];
	for (const place of places) {
		const { type } = place.profile;
		const n = place.hotspots.length;
		const shares = place.hotspots.map((_, i) => (0.75 * (n - i * 0.4)) / place.hotspots.reduce((s, _h, j) => s + n - j * 0.4, 0));
		const treatedCount = Math.max(1, n - 1);
		for (let index = -1; index < n; index++) {
			const share = index < 0 ? 0.25 : (shares[index] as number);
			const cumulative: number[] = [];
			let sum = 0;
			for (let d = 0; d < INCIDENT_DAYS; d++) {
				const day = INCIDENTS_FROM + d * DAY_MS;
				const season = SEASON[type][monthOf(day) - 1] as number;
				const weekday = WEEKDAY[isoWeekday(day) - 1] as number;
				sum += season * weekday * effect(place.slug, index, index >= 0 && index < treatedCount, day);
				cumulative.push(sum);
			}
			components.push({ place, index, cumulative, mass: place.profile.incidentWeight * share * sum });
		}
	}
	const totalMass = components.reduce((s, c) => s + c.mass, 0);
	const drafts: { utc: number; incident: Omit<DemoIncident, 'externalId'> }[] = [];
	for (const c of components) {
		const r = root.fork(`incidents:${c.place.slug}:${c.index}`);
		const { type } = c.place.profile;
		const mix = INCIDENT_MIX[type];
		const count = Math.round((INCIDENT_TOTAL * c.mass) / totalMass);
		const total = c.cumulative[c.cumulative.length - 1] as number;
		for (let i = 0; i < count; i++) {
			let at = INCIDENTS_TO;
			while (at >= INCIDENTS_TO) {
				// The day is the evening the incident belongs to; hours run 06:00 → 05:59 next morning.
				const day = INCIDENTS_FROM + lowerBound(c.cumulative, r.float() * total) * DAY_MS;
				at = day + (6 + r.weightedIndex(HOURS[type])) * HOUR_MS + r.int(0, 59) * 60_000;
			}
			const position =
				c.index < 0
					? c.place.sampler.randomPoint(r, 1)
					: c.place.sampler.pointNear(r, hotspot(c.place, c.index).centre, hotspot(c.place, c.index).sigmaM, 1);
			drafts.push({
				utc: wallToUtc(at),
				incident: {
					areaSlug: c.place.slug,
					category: r.weighted(mix.categories),
					source: r.weighted(mix.sources),
					occurredAt: isoLocal(at),
					geometry: point(position)
				}
			});
		}
	}
	drafts.sort((a, b) => a.utc - b.utc);
	return drafts.map((d, i) => ({ externalId: `demo-${String(i + 1).padStart(6, '0')}`, ...d.incident }));
}
