/**
 * Places of the demo: each input place polygon with its profile, a sampler and its
 * incident hotspots (the first ones are "treated" by the programme), plus the
 * hand-drawn problem zones around those hotspots.
 */
import { PLACE_ORDER, PLACE_PROFILES, type PlaceProfile } from './content';
import { AreaSampler, type Rng } from './random';
import type { DemoAreaInput, DemoZone, LineString, Point, Position } from './types';

export const point = (coordinates: Position): Point => ({ type: 'Point', coordinates });
export const line = (coordinates: Position[]): LineString => ({ type: 'LineString', coordinates });

export interface Hotspot {
	centre: Position;
	sigmaM: number;
}

export interface Place {
	slug: string;
	profile: PlaceProfile;
	sampler: AreaSampler;
	hotspots: Hotspot[];
}

function fallbackProfile(slug: string): PlaceProfile {
	return {
		name: slug,
		type: 'centre',
		spots: ['vid entrén', 'på torget', 'längs gångvägen'],
		incidentWeight: 0.4,
		hotspots: 2,
		sigmaM: [30, 40],
		zoneHotspots: [0],
		roles: { municipal: 'trafikkontoret', streets: 'trafikkontoret', owner: 'trafikkontoret', police: 'polisen-lpo-norrmalm' },
		programmeSlug: null,
		surveyShareUnsafe: [0.3, 0.3, 0.3, 0.3]
	};
}

export function buildPlaces(areas: DemoAreaInput[], root: Rng): Place[] {
	const inputs = areas.filter((a) => a.kind === 'place');
	const known = PLACE_ORDER.flatMap((slug) => inputs.filter((a) => a.slug === slug));
	const unknown = inputs.filter((a) => !PLACE_ORDER.includes(a.slug)).sort((a, b) => (a.slug < b.slug ? -1 : 1));
	return [...known, ...unknown].map((area) => {
		const profile = PLACE_PROFILES[area.slug] ?? fallbackProfile(area.slug);
		const sampler = new AreaSampler(area.polygon);
		const r = root.fork(`hotspots:${area.slug}`);
		const [w, h] = sampler.sizeM;
		const separation = Math.max(50, Math.min(w, h) * 0.35);
		const hotspots: Hotspot[] = [];
		for (let attempt = 0; hotspots.length < profile.hotspots; attempt++) {
			const sigmaM = r.range(profile.sigmaM[0], profile.sigmaM[1]);
			const centre = sampler.randomPoint(r, Math.min(sigmaM, 35));
			const minSep = attempt > 400 ? 0 : separation;
			if (hotspots.every((hs) => sampler.distanceM(hs.centre, centre) >= minSep)) hotspots.push({ centre, sigmaM });
		}
		return { slug: area.slug, profile, sampler, hotspots };
	});
}

export function hotspot(place: Place, index: number): Hotspot {
	return place.hotspots[index % place.hotspots.length] as Hotspot;
}

// ---------------------------------------------------------------- zones

const DIRECTIONS = ['Östra', 'Nordöstra', 'Norra', 'Nordvästra', 'Västra', 'Sydvästra', 'Södra', 'Sydöstra'];

function directionName(place: Place, p: Position): string {
	const [x, y] = place.sampler.toMetres(p);
	const [w, h] = place.sampler.sizeM;
	const nx = x / (w / 2);
	const ny = y / (h / 2);
	if (Math.hypot(nx, ny) < 0.3) return `Centrala delen av ${place.profile.name}`;
	const sector = Math.round(Math.atan2(ny, nx) / (Math.PI / 4));
	return `${DIRECTIONS[(sector + 8) % 8] as string} delen av ${place.profile.name}`;
}

export function buildZones(places: Place[], root: Rng): DemoZone[] {
	const zones: DemoZone[] = [];
	for (const place of places) {
		const r = root.fork(`zones:${place.slug}`);
		const names = new Set<string>();
		place.profile.zoneHotspots
			.filter((i) => i < place.hotspots.length)
			.forEach((i, k) => {
				const hs = hotspot(place, i);
				let name = directionName(place, hs.centre);
				if (names.has(name)) name = `${name} (zon ${k + 1})`;
				names.add(name);
				zones.push({
					slug: `${place.slug}-zon-${k + 1}`,
					areaSlug: place.slug,
					name,
					weight: k === 0 ? 3 : 2,
					geometry: { type: 'Polygon', coordinates: [place.sampler.blob(r, hs.centre, hs.sigmaM * 1.3, r.int(8, 10))] }
				});
			});
	}
	return zones;
}
