/**
 * The compass: who handles this problem here, which support is open now and nearest.
 * Client-safe — the server ranks what its search found, and the phone ranks the last known
 * directory the same way when it is offline.
 *
 * Ranking, in order (each key breaks the ties of the one before):
 *   1. covers this place: the partner works in the area where the user stands (or the
 *      compass's area), or in an area containing it;
 *   2. for a place problem (a finding category): the routing order, the same as a finding's
 *      routing (`responsiblePartners`), so the partner a finding would go to comes first;
 *   3. open at the moment: open, then opening within the hour, then hours unknown, then closed
 *      (Europe/Stockholm, Swedish public holidays, nights past midnight);
 *   4. fits the person: age limits and target groups (a service that would turn them away is
 *      no help however near; with no age or group given, every service fits);
 *   5. distance from where the user stands (straight line; walking minutes are estimated);
 *   6. how well the free text matched, then the name.
 */
import { z } from 'zod';
import { isoDateTime } from '$lib/time/dates';
import { FINDING_CATEGORIES, type FindingCategory } from '$lib/findings/finding';
import type { Position } from '$lib/geometry/geojson';
import { describeOpenState, openStateAt, type OpenState } from './opening-hours';
import { folded, NEED_KEY, TARGET_GROUPS, type TargetGroup } from './needs';
import { telHref } from './phone';
import type { PartnerKind } from './partner';

export const COMPASS_DEFAULT_LIMIT = 20;
export const COMPASS_MAX_LIMIT = 50;
/** Candidates the server ranks at most (nearest and covering first). */
export const COMPASS_CANDIDATES = 300;
/** "Opens soon": within this many minutes ranks above hours unknown. */
export const OPENS_SOON_MIN = 60;

const coordinate = (min: number, max: number) => z.coerce.number().min(min).max(max);

export const compassQuerySchema = z
	.object({
		area: z.string().uuid('not_id').optional(),
		need: z.string().max(40).regex(NEED_KEY, 'need_format').optional(),
		category: z.enum(FINDING_CATEGORIES).optional(),
		q: z.string().trim().max(100).optional(),
		lon: coordinate(-180, 180).optional(),
		lat: coordinate(-90, 90).optional(),
		at: isoDateTime.optional(),
		age: z.coerce.number().int().min(0).max(120).optional(),
		group: z.enum(TARGET_GROUPS).optional(),
		lang: z.string().regex(/^[a-z]{2,3}$/, 'language_code').optional(),
		limit: z.coerce.number().int().min(1).max(COMPASS_MAX_LIMIT).default(COMPASS_DEFAULT_LIMIT),
		/** 1 when this is a search a person made (counted in the statistics), not a refresh. */
		record: z.enum(['0', '1']).default('0')
	})
	.refine((q) => (q.lon === undefined) === (q.lat === undefined), { message: 'position_incomplete', path: ['lat'] });
export type CompassQuery = z.infer<typeof compassQuerySchema>;

export interface CompassService {
	id: string;
	name: string;
	address: string;
	description: string;
	phone: string | null;
	openingHours: string;
	targetGroups: TargetGroup[];
	minAge: number | null;
	maxAge: number | null;
	languages: string[];
	coordinates: Position;
}

/** A partner (and one of its services, if it has any) that matched the search. */
export interface CompassCandidate {
	partner: {
		id: string;
		name: string;
		parentName: string | null;
		kind: PartnerKind;
		description: string;
		phone: string | null;
		website: string | null;
		openingHours: string;
		needs: string[];
		categories: FindingCategory[];
	};
	service: CompassService | null;
	/** Works in the place or an area containing it; `locality` 0 = the place itself, 1 = its district … */
	covers: boolean;
	locality: number | null;
	/** The place in the routing order for the searched category (1 = a finding's partner). */
	routingRank: number | null;
	/** How well the free text matched (0 when there was none). */
	textRank: number;
	distanceM: number | null;
}

export interface Person {
	age?: number;
	group?: TargetGroup;
	lang?: string;
}

export type OpenTier = 3 | 2 | 1 | 0;

export interface CompassResult extends CompassCandidate {
	open: OpenState & { words: ReturnType<typeof describeOpenState>; tier: OpenTier };
	fit: boolean;
	/** Why it does not fit: the age limits or the target groups. */
	misfit: 'age' | 'group' | null;
	speaksLanguage: boolean | null;
	walkMinutes: number | null;
	/** One tap to call: a `tel:` link, or null without a callable number. */
	call: string | null;
}

/** The hours that apply to a result: its service's, or the partner's own (a phone line, outreach rounds). */
export function hoursOf(candidate: Pick<CompassCandidate, 'service' | 'partner'>): string {
	return candidate.service?.openingHours || candidate.partner.openingHours;
}

function openTier(state: OpenState, at: number): OpenTier {
	if (state.state === 'open') return 3;
	if (state.state === 'closed' && state.changesAt !== null && state.changesAt - at <= OPENS_SOON_MIN * 60_000) return 2;
	return state.state === 'unknown' ? 1 : 0;
}

/** Whether a service takes the person: within its ages, and in its target groups if it has any. */
export function fitOf(service: CompassService | null, person: Person): { fit: boolean; misfit: 'age' | 'group' | null } {
	if (!service) return { fit: true, misfit: null };
	if (person.age !== undefined && ((service.minAge !== null && person.age < service.minAge) || (service.maxAge !== null && person.age > service.maxAge)))
		return { fit: false, misfit: 'age' };
	if (person.group && service.targetGroups.length > 0 && !service.targetGroups.includes(person.group)) return { fit: false, misfit: 'group' };
	return { fit: true, misfit: null };
}

/** About how many minutes on foot: city streets are ~1.3 times the straight line, at 4.8 km/h. */
export function walkMinutes(distanceM: number | null): number | null {
	return distanceM === null ? null : Math.max(1, Math.round((distanceM * 1.3) / 80));
}

/** Great-circle distance in metres (what the phone uses offline; PostGIS's geography agrees within a metre here). */
export function distanceM(a: Position, b: Position): number {
	const rad = Math.PI / 180;
	const dLat = (b[1] - a[1]) * rad;
	const dLon = (b[0] - a[0]) * rad;
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
	return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

const byKey = (keys: (r: CompassResult) => (number | string)[]) => (a: CompassResult, b: CompassResult) => {
	const ka = keys(a);
	const kb = keys(b);
	for (let i = 0; i < ka.length; i++) {
		const x = ka[i]!;
		const y = kb[i]!;
		if (x < y) return -1;
		if (x > y) return 1;
	}
	return 0;
};

/** Ranks the candidates at the instant `at` (ms) for the person; see the order above. */
export function rankCandidates(candidates: CompassCandidate[], at: number, person: Person = {}, limit = COMPASS_DEFAULT_LIMIT): CompassResult[] {
	// Services of one partner (and many of a city) share their hours: read each once.
	const states = new Map<string, OpenState>();
	const stateOf = (hours: string) => {
		let state = states.get(hours);
		if (!state) states.set(hours, (state = openStateAt(hours, at)));
		return state;
	};
	const results = candidates.map<CompassResult>((c) => {
		const state = stateOf(hoursOf(c));
		const { fit, misfit } = fitOf(c.service, person);
		return {
			...c,
			open: { ...state, words: describeOpenState(state, at), tier: openTier(state, at) },
			fit,
			misfit,
			speaksLanguage: person.lang && c.service?.languages.length ? c.service.languages.includes(person.lang) : null,
			walkMinutes: walkMinutes(c.distanceM),
			call: telHref(c.service?.phone ?? c.partner.phone)
		};
	});
	results.sort(
		byKey((r) => [
			r.covers ? 0 : 1,
			r.routingRank ?? Number.MAX_SAFE_INTEGER,
			-r.open.tier,
			r.fit ? 0 : 1,
			r.speaksLanguage === false ? 1 : 0,
			r.distanceM ?? Number.MAX_SAFE_INTEGER,
			-r.textRank,
			r.locality ?? Number.MAX_SAFE_INTEGER,
			r.partner.name.toLocaleLowerCase('sv'),
			r.service?.name.toLocaleLowerCase('sv') ?? ''
		])
	);
	return results.slice(0, limit);
}

/**
 * Nothing fitting was found: no result covers the place and takes the person (open or not —
 * a service open tomorrow is still somewhere to hand over to). What the statistics count as
 * a search without answer.
 */
export function nothingFitting(results: CompassResult[]): boolean {
	return !results.some((r) => r.covers && r.fit);
}

/** A link that opens navigation to the place on a phone: Apple's maps on iOS, the geo: URI elsewhere on phones, OpenStreetMap on desktops. */
export function navigationHref(coordinates: Position, name: string, platform: 'ios' | 'android' | 'desktop'): string {
	const [lon, lat] = coordinates.map((c) => Number(c.toFixed(6)));
	if (platform === 'ios') return `https://maps.apple.com/?daddr=${lat},${lon}&dirflg=w&q=${encodeURIComponent(name)}`;
	if (platform === 'android') return `geo:${lat},${lon}?q=${lat},${lon}(${encodeURIComponent(name)})`;
	return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=18/${lat}/${lon}`;
}

// ---------------------------------------------------------------- offline: the last known directory

/** What the phone keeps of the directory to search it offline. */
export interface OfflineDirectory {
	savedAt: string;
	/** The areas with their parents, to tell which partners cover the place. */
	areas: { id: string; parentId: string | null }[];
	/** Per partner: what the candidates need, and the words it is found by (folded). */
	partners: (Omit<CompassCandidate, 'service' | 'covers' | 'locality' | 'routingRank' | 'textRank' | 'distanceM'> & {
		areaIds: string[];
		services: CompassService[];
		words: string;
	})[];
}

/**
 * The candidates from the last known directory, as the server would find them — but the free
 * text as parts of the folded words (no Swedish stemmer offline: "harbarge" still finds
 * "Natthärbärgen", a misspelling may not), and with no routing order beyond locality.
 */
export function offlineCandidates(directory: OfflineDirectory, query: { areaId?: string; need?: string; category?: FindingCategory; q?: string; position?: Position }): CompassCandidate[] {
	const parentOf = new Map(directory.areas.map((a) => [a.id, a.parentId]));
	const lineage: string[] = [];
	for (let id = query.areaId ?? null; id && lineage.length < 20 && !lineage.includes(id); id = parentOf.get(id) ?? null) lineage.push(id);
	const terms = query.q ? folded(query.q).split(/[^\p{L}\p{N}]+/u).filter((t) => t.length >= 2) : [];
	const words = (text: string) => text.split(/[^\p{L}\p{N}]+/u);
	return directory.partners.flatMap((p): CompassCandidate[] => {
		if (query.need && !p.partner.needs.includes(query.need)) return [];
		if (query.category && !p.partner.categories.includes(query.category)) return [];
		const own = words(p.words);
		// Swedish compounds: a longer term is found inside a word ("natthärbärget" has "härbärge").
		const hits = terms.filter((t) => own.some((w) => (t.length >= 4 ? w.includes(t) : w.startsWith(t))));
		if (terms.length && hits.length === 0) return [];
		const depths = p.areaIds.map((id) => lineage.indexOf(id)).filter((d) => d >= 0);
		const locality = depths.length ? Math.min(...depths) : null;
		// Offline the routing order is approximated by locality (the place's own partners first).
		const routingRank = query.category && locality !== null ? locality + 1 : null;
		const base = { partner: p.partner, covers: locality !== null, locality, routingRank, textRank: terms.length ? hits.length / terms.length : 0 };
		if (p.services.length === 0) return [{ ...base, service: null, distanceM: null }];
		return p.services.map((service) => ({ ...base, service, distanceM: query.position ? distanceM(query.position, service.coordinates) : null }));
	});
}
