/**
 * Deterministic synthetic demo data for Lykta: programmes, walks, findings,
 * measures, events, incidents, problem zones and survey indicators for the places
 * in geodata/areas.geojson. Pure: no I/O, no clock, no Math.random — the same areas
 * and seed always give byte-identical output. All data is invented.
 */
import {
	CATEGORY_ROLE,
	CATEGORY_WEIGHTS,
	EVENTS,
	FINDING_TEXTS,
	MEASURE_ADDRESSES,
	MEASURES,
	PARTICIPANTS,
	PARTNER_NAMES,
	PROGRAMME_TEXTS,
	REJECT_REASONS,
	SKARHOLMEN_PROGRAMME,
	TANTO
} from './content';
import { buildIncidents } from './incidents';
import { buildPlaces, buildZones, hotspot, line, point, type Place } from './places';
import { Rng } from './random';
import { DAY_MS, HOUR_MS, isoDate, isoLocal, isoWeekday, parseWall, rfc5545Utc, wall } from './time';
import {
	AUDIT_KEYS,
	EVENT_DEFAULT_RADIUS_M,
	FINDING_CATEGORIES,
	MEASURE_DEFAULT_RADIUS_M,
	type AuditKey,
	type AuditScores,
	type DemoAreaInput,
	type DemoData,
	type DemoEvent,
	type DemoFinding,
	type DemoMeasure,
	type DemoProgramme,
	type DemoSurveyIndicator,
	type DemoWalk,
	type FindingCategory,
	type FindingStatus,
	type Geometry,
	type Position,
	type Severity,
	type TimeOfDay,
	type WalkKind
} from './types';

export type { DemoAreaInput, DemoData } from './types';

/** Reference "today" for statuses: the demo describes the 2023 season, looked at in January 2024. */
const REFERENCE = wall(2024, 1, 15);

function addDays(w: number, days: number): number {
	return w + days * DAY_MS;
}

/** A day between `from` and `to` (inclusive) on one of the ISO weekdays given. */
function pickDay(r: Rng, from: number, to: number, weekdays: number[]): number {
	const days: number[] = [];
	for (let d = from; d <= to; d += DAY_MS) if (weekdays.includes(isoWeekday(d))) days.push(d);
	return r.pick(days);
}

// ---------------------------------------------------------------- programmes

function buildProgrammes(places: Place[]): DemoProgramme[] {
	const present = (slugs: string[]): string[] => slugs.filter((s) => places.some((p) => p.slug === s));
	const programmes: DemoProgramme[] = [];
	const tantoAreas = present(['tantolunden', 'drakenbergsparken']);
	if (tantoAreas.length > 0) {
		programmes.push({
			slug: TANTO,
			name: 'Sommar i Tanto 2023',
			description: PROGRAMME_TEXTS.tanto.description,
			areaSlugs: tantoAreas,
			startsOn: '2023-01-01',
			endsOn: '2023-12-31',
			intensiveFrom: '2023-04-01',
			intensiveTo: '2023-09-30',
			budgetCapSek: 2_000_000,
			budgetLines: [
				{ name: 'Föreningsbidrag', kind: 'grants', capSek: 275_000 },
				{ name: 'Stadsmiljöåtgärder', kind: 'measures', capSek: 1_200_000 },
				{ name: 'Evenemang och aktiviteter', kind: 'events', capSek: 525_000 }
			],
			goals: [...PROGRAMME_TEXTS.tanto.goals],
			risks: PROGRAMME_TEXTS.tanto.risks.map((x) => ({ ...x })),
			steeringGroup: [...PROGRAMME_TEXTS.tanto.steeringGroup]
		});
	}
	const skhAreas = present(['varberg', 'bredang', 'satra', 'skarholmen']);
	if (skhAreas.length > 0) {
		programmes.push({
			slug: SKARHOLMEN_PROGRAMME,
			name: 'Trygg i Skärholmen 2023',
			description: PROGRAMME_TEXTS.skarholmen.description,
			areaSlugs: skhAreas,
			startsOn: '2023-01-01',
			endsOn: '2023-12-31',
			intensiveFrom: '2023-05-01',
			intensiveTo: '2023-09-30',
			budgetCapSek: 1_800_000,
			budgetLines: [
				{ name: 'Föreningsbidrag', kind: 'grants', capSek: 250_000 },
				{ name: 'Stadsmiljöåtgärder', kind: 'measures', capSek: 1_100_000 },
				{ name: 'Evenemang och aktiviteter', kind: 'events', capSek: 450_000 }
			],
			goals: [...PROGRAMME_TEXTS.skarholmen.goals],
			risks: PROGRAMME_TEXTS.skarholmen.risks.map((x) => ({ ...x })),
			steeringGroup: [...PROGRAMME_TEXTS.skarholmen.steeringGroup]
		});
	}
	return programmes;
}

// ---------------------------------------------------------------- walks

/** Walks plus the wall-clock start of each. */
function buildWalks(places: Place[], root: Rng): { walks: DemoWalk[]; starts: number[] } {
	const walks: DemoWalk[] = [];
	const starts: number[] = [];
	for (const place of places) {
		const r = root.fork(`walks:${place.slug}`);
		const { profile, sampler } = place;
		const organiserPartnerSlug = profile.roles.municipal;
		const organiser = PARTNER_NAMES[organiserPartnerSlug] ?? organiserPartnerSlug;
		const plan: { suffix: string; kind: WalkKind; title: string; day: number; hour: number; hours: number }[] = [
			{
				suffix: 'trygghetsvandring-2023-var', kind: 'safety_walk', title: `Trygghetsvandring ${profile.name}, våren 2023`,
				day: pickDay(r, wall(2023, 4, 11), wall(2023, 5, 25), [2, 3, 4]), hour: 19, hours: 2
			},
			{
				suffix: 'trygghetsvandring-2023-host', kind: 'safety_walk', title: `Trygghetsvandring ${profile.name}, hösten 2023`,
				day: pickDay(r, wall(2023, 10, 10), wall(2023, 11, 16), [2, 3, 4]), hour: 18, hours: 2
			}
		];
		if (profile.type !== 'park') {
			plan.push({
				suffix: 'centrumbesiktning-2023', kind: 'centre_inspection', title: `Centrumbesiktning ${profile.name} 2023`,
				day: pickDay(r, wall(2023, 9, 5), wall(2023, 9, 28), [2, 3, 4]), hour: 10, hours: 2
			});
		}
		for (const p of plan) {
			const start = p.day + p.hour * HOUR_MS + (r.chance(0.5) ? 30 * 60_000 : 0);
			const base = PARTICIPANTS[profile.type];
			const kinds = new Set(['staff', ...r.sample(base, r.int(2, base.length))]);
			const via = place.hotspots.slice(0, 2).map((h) => h.centre);
			walks.push({
				slug: `${place.slug}-${p.suffix}`,
				areaSlug: place.slug,
				kind: p.kind,
				title: p.title,
				startsAt: isoLocal(start),
				endsAt: isoLocal(start + p.hours * HOUR_MS),
				organiser,
				organiserPartnerSlug,
				participantCount: p.kind === 'safety_walk' ? r.int(8, 24) : r.int(5, 10),
				participantKinds: base.filter((k) => kinds.has(k)),
				route: line(sampler.route(r, r.int(6, 12), via, 3))
			});
			starts.push(start);
		}
	}
	return { walks, starts };
}

// ---------------------------------------------------------------- findings

const STRETCH_CATEGORIES: FindingCategory[] = ['lighting', 'sightlines', 'litter', 'accessibility'];

function timeOfDayFor(r: Rng, category: FindingCategory): TimeOfDay[] {
	switch (category) {
		case 'lighting':
			return ['evening', 'night'];
		case 'lack_of_people':
			return r.chance(0.5) ? ['evening'] : ['evening', 'night'];
		case 'litter':
		case 'traffic':
		case 'accessibility':
		case 'signage':
			return r.chance(0.6) ? ['day'] : ['day', 'evening'];
		default:
			return r.weighted<TimeOfDay[]>([
				[['evening'], 3],
				[['evening', 'night'], 4],
				[['night'], 2],
				[['day', 'evening', 'night'], 1]
			]);
	}
}

function statusFor(r: Rng, createdWall: number): FindingStatus {
	const ageDays = (REFERENCE - createdWall) / DAY_MS;
	const old = Math.min(1, ageDays / 270);
	return r.weighted<FindingStatus>([
		['new', Math.max(0.03, 0.4 - old * 0.4)],
		['assigned', 0.2 - old * 0.1],
		['in_progress', 0.2],
		['resolved', 0.1 + old * 0.6],
		['rejected', 0.07]
	]);
}

function auditFor(r: Rng, category: FindingCategory, severity: Severity): AuditScores {
	const low: Partial<Record<FindingCategory, AuditKey[]>> = {
		lighting: ['lighting', 'visibility'],
		sightlines: ['openness', 'visibility'],
		hiding_place: ['visibility', 'openness'],
		lack_of_people: ['people', 'diversity'],
		accessibility: ['walkPath'],
		traffic: ['walkPath'],
		signage: ['publicTransport', 'walkPath'],
		other: ['securityPresence', 'feeling']
	};
	const bad = low[category] ?? [];
	const scores: AuditScores = {};
	for (const key of AUDIT_KEYS) {
		const mean = bad.includes(key) ? 1.6 : key === 'feeling' ? 3.6 - severity * 0.5 : 3.3;
		scores[key] = Math.max(1, Math.min(5, Math.round(r.normal(mean, 0.8))));
	}
	return scores;
}

function makeFinding(
	r: Rng, place: Place, slug: string, walkSlug: string | null, anchor: Position, createdWall: number
): DemoFinding {
	const { profile, sampler } = place;
	const weights = CATEGORY_WEIGHTS[profile.type];
	const category = r.weighted(FINDING_CATEGORIES.map((c) => [c, weights[c]] as const));
	const severe = category === 'other' || category === 'hiding_place' || category === 'lighting';
	const severity = r.weighted<Severity>(severe ? [[1, 25], [2, 45], [3, 30]] : [[1, 40], [2, 45], [3, 15]]);
	const texts = FINDING_TEXTS[category];
	const description = r.pick(texts.descriptions).replace('{spot}', r.pick(profile.spots));
	const status = statusFor(r, createdWall);
	// Park lighting is street lighting (Trafikkontoret), elsewhere the ground owner's.
	const role = category === 'lighting' && profile.type === 'park' ? 'streets' : CATEGORY_ROLE[category];
	const start = sampler.pointNear(r, anchor, 8, 1);
	const geometry =
		STRETCH_CATEGORIES.includes(category) && r.chance(0.2)
			? line(sampler.shortLine(r, r.range(20, 60), r.int(2, 3), start))
			: point(start);
	const finding: DemoFinding = {
		slug,
		walkSlug,
		areaSlug: place.slug,
		category,
		severity,
		timeOfDay: timeOfDayFor(r, category),
		description,
		proposedMeasure: r.pick(texts.measures),
		status,
		responsiblePartnerSlug: status === 'new' ? null : profile.roles[role],
		geometry,
		createdAt: isoLocal(createdWall)
	};
	if (status === 'rejected') finding.statusReason = r.pick(REJECT_REASONS);
	if (r.chance(0.4)) finding.audit = auditFor(r, category, severity);
	return finding;
}

/** Findings plus the wall time each was created (for linking measures). */
function buildFindings(
	places: Place[], walks: DemoWalk[], starts: number[], root: Rng
): { findings: DemoFinding[]; created: number[] } {
	const findings: DemoFinding[] = [];
	const created: number[] = [];
	const nextSlug = (): string => `finding-${String(findings.length + 1).padStart(4, '0')}`;
	walks.forEach((walk, w) => {
		const place = places.find((p) => p.slug === walk.areaSlug);
		if (!place) return;
		const r = root.fork(`findings:${walk.slug}`);
		const start = starts[w] as number;
		const route = walk.route.coordinates;
		const count = r.int(8, 15);
		for (let i = 0; i < count; i++) {
			const seg = r.int(0, route.length - 2);
			const a = route[seg] as Position;
			const b = route[seg + 1] as Position;
			const t = r.float();
			const anchor: Position = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
			const when = start + r.int(5, 115) * 60_000;
			findings.push(makeFinding(r, place, nextSlug(), walk.slug, anchor, when));
			created.push(when);
		}
	});
	const r = root.fork('findings:standalone');
	const weights = places.map((p) => p.profile.incidentWeight);
	for (let i = 0; i < 20 && places.length > 0; i++) {
		const place = places[r.weightedIndex(weights)] as Place;
		const anchor = r.chance(0.6) ? hotspot(place, r.int(0, 2)).centre : place.sampler.randomPoint(r, 3);
		const when = wall(2023, 1, 10) + r.int(0, 338) * DAY_MS + r.int(8 * 60, 21 * 60 + 59) * 60_000;
		findings.push(makeFinding(r, place, nextSlug(), null, anchor, when));
		created.push(when);
	}
	return { findings, created };
}

// ---------------------------------------------------------------- measures

function buildMeasures(places: Place[], findings: DemoFinding[], created: number[], root: Rng): DemoMeasure[] {
	const measures: DemoMeasure[] = [];
	const used = new Set<string>();
	for (const spec of MEASURES) {
		const place = places.find((p) => p.slug === spec.area);
		if (!place) continue;
		const r = root.fork(`measure:${measures.length}:${spec.title}`);
		const { sampler } = place;
		const proposed = parseWall(spec.proposedOn);
		// Findings reported before the measure was proposed that it addresses; prefer
		// ones at the spot named in the measure title ("… vid lekplatsen").
		const candidates = findings.filter(
			(f, i) =>
				f.areaSlug === spec.area && (created[i] ?? Infinity) <= proposed && !used.has(f.slug) &&
				f.status !== 'rejected' && (spec.status === 'done' || f.status !== 'resolved') &&
				MEASURE_ADDRESSES[spec.kind](f.category, f.description)
		);
		const atSpot = candidates.filter((f) =>
			place.profile.spots.some((s) => f.description.endsWith(s) && spec.title.includes(s.slice(s.indexOf(' ') + 1)))
		);
		const pool = atSpot.length > 0 ? atSpot : candidates;
		const linked = pool.length > 0 ? r.pick(pool) : null;
		const anchorPos: Position = !linked
			? sampler.pointNear(r, hotspot(place, r.int(0, 2)).centre, 25, 3)
			: linked.geometry.type === 'Point'
				? linked.geometry.coordinates
				: (linked.geometry.coordinates[0] as Position);
		let geometry: Geometry;
		if (spec.shape === 'point') geometry = point(sampler.pointNear(r, anchorPos, 6, 1));
		else if (spec.shape === 'line') {
			const fence = spec.kind === 'fencing';
			geometry = line(sampler.shortLine(r, fence ? r.range(15, 40) : r.range(60, 140), fence ? 3 : r.int(3, 5), anchorPos));
		} else geometry = { type: 'Polygon', coordinates: [sampler.blob(r, anchorPos, r.range(15, 30), 8)] };

		const approved = addDays(proposed, r.int(10, 35));
		const ordered = addDays(approved, r.int(7, 30));
		const done = addDays(ordered, r.int(14, 60));
		const measure: DemoMeasure = {
			slug: `measure-${String(measures.length + 1).padStart(3, '0')}`,
			areaSlug: spec.area,
			programmeSlug: place.profile.programmeSlug,
			kind: spec.kind,
			title: spec.title,
			geometry,
			influenceRadiusM: MEASURE_DEFAULT_RADIUS_M[spec.kind],
			status: spec.status,
			proposedOn: spec.proposedOn,
			costSek: spec.costSek,
			responsiblePartnerSlug: spec.partner,
			findingSlugs: linked ? [linked.slug] : []
		};
		if (['approved', 'ordered', 'done'].includes(spec.status)) measure.approvedOn = isoDate(approved);
		if (['ordered', 'done'].includes(spec.status)) measure.orderedOn = isoDate(ordered);
		if (spec.status === 'done') measure.doneOn = isoDate(done);
		if (linked) {
			used.add(linked.slug);
			linked.responsiblePartnerSlug = spec.partner;
			if (spec.status === 'done') linked.status = 'resolved';
			else if (spec.status === 'approved' || spec.status === 'ordered') linked.status = 'in_progress';
			else if (spec.status === 'proposed' && linked.status === 'new') linked.status = 'assigned';
		}
		measures.push(measure);
	}
	return measures;
}

/** A number from a slug (FNV-1a), to spread dates without drawing from the random streams (which would move everything after). */
function slugHash(slug: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < slug.length; i++) h = Math.imul(h ^ slug.charCodeAt(i), 0x01000193) >>> 0;
	return h;
}

/**
 * When each finding got its present status, so the status history dates it (the tertial
 * follow-ups count resolutions by it): a finding a measure addresses moved with the measure
 * (resolved when it was done, in progress when approved, assigned when proposed); the
 * others some weeks after they were reported, resolutions later than assignments, never
 * after the reference day.
 */
function dateStatusChanges(findings: DemoFinding[], created: number[], measures: DemoMeasure[]): void {
	const byFinding = new Map<string, DemoMeasure>();
	for (const m of measures) for (const slug of m.findingSlugs) byFinding.set(slug, m);
	findings.forEach((f, i) => {
		if (f.status === 'new') return;
		const reported = created[i] as number;
		const m = byFinding.get(f.slug);
		const measureDay = m && (f.status === 'resolved' ? m.doneOn : f.status === 'in_progress' ? m.approvedOn : f.status === 'assigned' ? m.proposedOn : undefined);
		const h = slugHash(f.slug);
		let changed = measureDay ? parseWall(measureDay) + 10 * HOUR_MS : addDays(reported, f.status === 'resolved' ? 14 + (h % 90) : 3 + (h % 30));
		changed = Math.min(Math.max(changed, reported + HOUR_MS), REFERENCE - DAY_MS);
		f.statusChangedAt = isoLocal(changed);
	});
}

// ---------------------------------------------------------------- events

function buildEvents(places: Place[], root: Rng): DemoEvent[] {
	const events: DemoEvent[] = [];
	for (const spec of EVENTS) {
		const place = places.find((p) => p.slug === spec.area);
		const programmeSlug = place?.profile.programmeSlug;
		if (!place || !programmeSlug) continue;
		const r = root.fork(`event:${spec.slug}`);
		const { sampler } = place;
		const anchor = spec.near === null ? sampler.randomPoint(r, 20) : hotspot(place, spec.near).centre;
		let geometry: Geometry;
		if (spec.shape === 'point') geometry = point(sampler.pointNear(r, anchor, 10, 3));
		else if (spec.shape === 'polygon') {
			const radius = spec.kind === 'market' ? r.range(30, 45) : r.range(20, 35);
			geometry = { type: 'Polygon', coordinates: [sampler.blob(r, anchor, radius, r.int(8, 10))] };
		} else {
			// Night walks pass the treated hotspots (all but the last when there are several).
			const treated = place.hotspots.slice(0, Math.max(1, place.hotspots.length - 1));
			const via = spec.kind === 'night_walk' ? treated.map((h) => h.centre) : [];
			geometry = line(sampler.route(r, r.int(7, 10), via, 3));
		}
		const start = parseWall(spec.first);
		const startTime = spec.first.slice(11);
		let end = parseWall(`${spec.first.slice(0, 10)} ${spec.end}`);
		if (end <= start) end += DAY_MS;
		const event: DemoEvent = {
			slug: spec.slug,
			areaSlug: spec.area,
			programmeSlug,
			title: spec.title,
			kind: spec.kind,
			organiserPartnerSlug: spec.organiser,
			description: spec.description,
			geometry,
			influenceRadiusM: spec.radiusM ?? EVENT_DEFAULT_RADIUS_M,
			startsAt: isoLocal(start),
			endsAt: isoLocal(end),
			expectedAttendance: spec.expected,
			permitStatus: spec.permit,
			grantSek: spec.grantSek
		};
		if (spec.repeat) {
			event.rrule = `${spec.repeat.rule};UNTIL=${rfc5545Utc(parseWall(`${spec.repeat.until} ${startTime}`))}`;
			event.exdates = (spec.repeat.exdates ?? []).map((d) => isoLocal(parseWall(`${d} ${startTime}`)));
		}
		if (spec.turnout !== null) {
			event.actualAttendance = Math.max(1, Math.round(spec.expected * spec.turnout * r.range(0.75, 1.25)));
		}
		if (spec.permit !== 'not_needed') event.permitAuthority = 'Polisen';
		events.push(event);
	}
	return events;
}

// ---------------------------------------------------------------- surveys

function buildSurveys(places: Place[], root: Rng): DemoSurveyIndicator[] {
	const out: DemoSurveyIndicator[] = [];
	for (const place of places) {
		const r = root.fork(`survey:${place.slug}`);
		place.profile.surveyShareUnsafe.forEach((base, i) => {
			out.push({
				areaSlug: place.slug,
				indicator: 'share_unsafe',
				label: 'Andel som känner sig otrygga',
				value: Math.round(Math.max(0.02, Math.min(0.98, base + r.normal(0, 0.008))) * 1000) / 1000,
				unit: 'share',
				respondents: r.int(80, 240),
				year: 2021 + i,
				source: 'Trygghetsmätning (syntetisk)'
			});
		});
	}
	return out;
}

// ---------------------------------------------------------------- entry point

export function generateDemo(areas: DemoAreaInput[], seed = 20230401): DemoData {
	const root = new Rng(seed);
	const places = buildPlaces(areas, root.fork('places'));
	const { walks, starts } = buildWalks(places, root.fork('walks'));
	const { findings, created } = buildFindings(places, walks, starts, root.fork('findings'));
	const measures = buildMeasures(places, findings, created, root.fork('measures'));
	dateStatusChanges(findings, created, measures);
	return {
		programmes: buildProgrammes(places),
		walks,
		findings,
		measures,
		events: buildEvents(places, root.fork('events')),
		incidents: buildIncidents(places, root.fork('incidents')),
		zones: buildZones(places, root.fork('zones')),
		surveyIndicators: buildSurveys(places, root.fork('surveys'))
	};
}
