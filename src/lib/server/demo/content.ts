/**
 * Hand-written Swedish content for the synthetic demo data: place profiles,
 * finding texts, the measure list and the event programme. Partner slugs refer to
 * geodata/partners.json. Nothing here describes real incidents or real people.
 */
import type {
	EventKind,
	FindingCategory,
	IncidentCategory,
	IncidentSource,
	MeasureKind,
	MeasureStatus,
	ParticipantKind,
	PermitStatus
} from './types';

export type PlaceType = 'park' | 'plaza' | 'centre';

export interface PartnerRoles {
	/** Stadsdelsförvaltning / kommun: lead for the place. */
	municipal: string;
	/** Streets, street lighting, signage, traffic. */
	streets: string;
	/** Park manager or property owner of the ground. */
	owner: string;
	police: string;
}

export interface PlaceProfile {
	name: string;
	type: PlaceType;
	/** Where on the place, as a phrase with preposition ("vid lekplatsen"). */
	spots: string[];
	/** Relative incident volume. */
	incidentWeight: number;
	/** Number of incident hotspots; the first ones are the "treated" ones. */
	hotspots: number;
	sigmaM: [number, number];
	/** Problem zones are drawn around these hotspot indices. */
	zoneHotspots: number[];
	roles: PartnerRoles;
	programmeSlug: string | null;
	/** Share feeling unsafe 2021–2024 (synthetic). */
	surveyShareUnsafe: [number, number, number, number];
}

const SODER: PartnerRoles = {
	municipal: 'sodermalm-sdf-trygghet',
	streets: 'trafikkontoret',
	owner: 'sodermalm-sdf-stadsmiljo',
	police: 'polisen-lpo-sodermalm'
};
const skh = (owner: string): PartnerRoles => ({
	municipal: 'skarholmen-sdf',
	streets: 'trafikkontoret',
	owner,
	police: 'polisen-lpo-skarholmen'
});

export const TANTO = 'sommar-i-tanto-2023';
export const SKARHOLMEN_PROGRAMME = 'trygg-i-skarholmen-2023';

export const PLACE_PROFILES: Record<string, PlaceProfile> = {
	tantolunden: {
		name: 'Tantolunden',
		type: 'park',
		spots: [
			'längs gångvägen mot Årstaviken', 'vid lekplatsen', 'vid koloniområdets entré', 'i trappan upp mot Ringvägen',
			'vid strandbadet', 'vid utegymmet', 'bakom förrådsbyggnaden', 'på gräsytan vid boulebanan', 'vid bryggan'
		],
		incidentWeight: 2.3,
		hotspots: 3,
		sigmaM: [40, 60],
		zoneHotspots: [0, 2],
		roles: SODER,
		programmeSlug: TANTO,
		surveyShareUnsafe: [0.31, 0.33, 0.27, 0.25]
	},
	drakenbergsparken: {
		name: 'Drakenbergsparken',
		type: 'park',
		spots: ['vid lekplatsen', 'vid bollplanen', 'vid entrén från gatan', 'längs gångstråket genom parken', 'vid sittplatserna'],
		incidentWeight: 0.45,
		hotspots: 2,
		sigmaM: [30, 35],
		zoneHotspots: [0],
		roles: SODER,
		programmeSlug: TANTO,
		surveyShareUnsafe: [0.22, 0.23, 0.26, 0.25]
	},
	'sergels-torg': {
		name: 'Sergels torg',
		type: 'plaza',
		spots: [
			'på Plattan', 'i trappan ner mot Plattan', 'vid tunnelbaneuppgången', 'vid glaspelaren', 'vid Kulturhusets entré',
			'i gångpassagen mot Drottninggatan'
		],
		incidentWeight: 1.6,
		hotspots: 3,
		sigmaM: [30, 40],
		zoneHotspots: [0, 1],
		roles: { municipal: 'norrmalm-sdf', streets: 'trafikkontoret', owner: 'trafikkontoret', police: 'polisen-lpo-norrmalm' },
		programmeSlug: null,
		surveyShareUnsafe: [0.41, 0.43, 0.4, 0.39]
	},
	'akersberga-centrum': {
		name: 'Åkersberga centrum',
		type: 'centre',
		spots: ['vid stationen', 'på torget', 'vid parkeringshuset', 'vid busshållplatsen', 'i gångtunneln mot stationen', 'bakom centrumhuset'],
		incidentWeight: 0.55,
		hotspots: 2,
		sigmaM: [35, 50],
		zoneHotspots: [0],
		roles: { municipal: 'osteraker-kommun', streets: 'osteraker-kommun', owner: 'osteraker-kommun', police: 'polisen-lpo-akersberga' },
		programmeSlug: null,
		surveyShareUnsafe: [0.24, 0.26, 0.23, 0.22]
	},
	varberg: {
		name: 'Vårberg centrum',
		type: 'centre',
		spots: ['vid tunnelbaneentrén', 'på torget', 'på gångbron', 'på parkeringen bakom centrum', 'vid biblioteket', 'vid lastkajen'],
		incidentWeight: 0.45,
		hotspots: 2,
		sigmaM: [30, 45],
		zoneHotspots: [0],
		roles: skh('svenska-bostader'),
		programmeSlug: SKARHOLMEN_PROGRAMME,
		surveyShareUnsafe: [0.33, 0.35, 0.31, 0.3]
	},
	bredang: {
		name: 'Bredäng centrum',
		type: 'centre',
		spots: ['vid tunnelbaneentrén', 'på torget', 'i gångtunneln', 'vid matbutikens entré', 'vid busshållplatsen', 'bakom centrumhuset'],
		incidentWeight: 0.5,
		hotspots: 2,
		sigmaM: [30, 45],
		zoneHotspots: [0, 1],
		roles: skh('stena-fastigheter'),
		programmeSlug: SKARHOLMEN_PROGRAMME,
		surveyShareUnsafe: [0.3, 0.31, 0.29, 0.27]
	},
	satra: {
		name: 'Sätra centrum',
		type: 'centre',
		spots: ['på torget', 'vid tunnelbaneuppgången', 'längs gångvägen mot idrottsplatsen', 'vid lastkajen', 'vid cykelparkeringen'],
		incidentWeight: 0.4,
		hotspots: 2,
		sigmaM: [30, 40],
		zoneHotspots: [0],
		roles: skh('familjebostader'),
		programmeSlug: SKARHOLMEN_PROGRAMME,
		surveyShareUnsafe: [0.27, 0.28, 0.26, 0.26]
	},
	skarholmen: {
		name: 'Skärholmen centrum',
		type: 'centre',
		spots: [
			'på Skärholmstorget', 'vid tunnelbanans entré', 'vid parkeringshuset', 'vid bussterminalen', 'på gångbron',
			'vid lastkajen bakom centrum', 'vid biblioteket'
		],
		incidentWeight: 1.3,
		hotspots: 3,
		sigmaM: [35, 55],
		zoneHotspots: [0, 1],
		roles: skh('skarholmen-centrum'),
		programmeSlug: SKARHOLMEN_PROGRAMME,
		surveyShareUnsafe: [0.36, 0.38, 0.33, 0.31]
	}
};

export const PLACE_ORDER = Object.keys(PLACE_PROFILES);

/** Display names for organisers used by walks (same as geodata/partners.json). */
export const PARTNER_NAMES: Record<string, string> = {
	'sodermalm-sdf-trygghet': 'Södermalms stadsdelsförvaltning',
	'norrmalm-sdf': 'Norrmalms stadsdelsförvaltning',
	'osteraker-kommun': 'Österåkers kommun',
	'skarholmen-sdf': 'Skärholmens stadsdelsförvaltning'
};

export const PARTICIPANTS: Record<PlaceType, ParticipantKind[]> = {
	park: ['staff', 'police', 'resident', 'association', 'youth'],
	plaza: ['staff', 'police', 'property_owner', 'transport', 'association'],
	centre: ['staff', 'police', 'property_owner', 'transport', 'resident', 'youth']
};

// ---------------------------------------------------------------- findings

export const FINDING_TEXTS: Record<FindingCategory, { descriptions: string[]; measures: string[] }> = {
	lighting: {
		descriptions: [
			'Trasig belysning {spot}', 'Mörkt {spot}, belysningen räcker inte', 'Belysningsstolpe ur funktion {spot}',
			'Ojämn belysning {spot} med mörka partier', 'Bländande strålkastare {spot}, svårt att se ansikten'
		],
		measures: [
			'Byt trasiga armaturer och felanmäl', 'Komplettera med fler ljuspunkter',
			'Belysning som lyser upp ansikten, inte bara marken', 'Justera belysningen så att den inte bländar'
		]
	},
	sightlines: {
		descriptions: [
			'Buskage skymmer sikten {spot}', 'Höga häckar gör det svårt att se vem som kommer {spot}',
			'Träd och sly skymmer belysningen {spot}', 'Skymd sikt runt hörnet {spot}'
		],
		measures: ['Gallra buskage och klipp häckar till högst 0,5 m', 'Stamkvista träden upp till 2 m', 'Röj sly och öppna siktlinjerna']
	},
	litter: {
		descriptions: [
			'Sprutor och kanyler {spot}', 'Mycket skräp och fimpar {spot}', 'Överfulla papperskorgar {spot}',
			'Folie och annat narkotikaavfall {spot}', 'Krossat glas och burkar efter helgen {spot}'
		],
		measures: [
			'Tätare städning och sprutplockning', 'Sätt upp sprutbehållare och fler papperskorgar',
			'Töm papperskorgarna även på helger', 'Inför städrunda före kl. 08'
		]
	},
	vandalism: {
		descriptions: ['Klotter och taggar {spot}', 'Sönderslagen bänk {spot}', 'Krossade rutor {spot}', 'Trasig papperskorg och nedriven skylt {spot}'],
		measures: ['Sanera klotter inom 24 timmar', 'Byt till mer tåligt material', 'Laga och följ upp vid nästa besiktning']
	},
	hiding_place: {
		descriptions: [
			'Undanskymd nisch där man kan gömma sig {spot}', 'Gömställe bakom elskåpet {spot}',
			'Buskaget används som gömställe för narkotika {spot}', 'Mörk passage utan insyn {spot}'
		],
		measures: ['Stäng av nischen med staket', 'Öppna upp med belysning och gallring', 'Flytta eller bygg in elskåpet']
	},
	lack_of_people: {
		descriptions: [
			'Folktomt och öde efter kl. 18 {spot}', 'Inga sittplatser, ingen stannar {spot}',
			'Platsen känns övergiven på kvällar {spot}', 'Få vuxna i rörelse kvällstid {spot}'
		],
		measures: ['Placera ut sittplatser och aktiviteter kvällstid', 'Programmera platsen med evenemang under sommaren', 'Bemannad mötesplats kvällstid']
	},
	signage: {
		descriptions: [
			'Saknas skyltning till närmaste tunnelbana {spot}', 'Svårt att orientera sig, ingen karta {spot}',
			'Otydlig skyltning av gång- och cykelväg {spot}', 'Trasig informationstavla {spot}'
		],
		measures: ['Sätt upp orienteringstavlor', 'Förbättra vägvisningen till kollektivtrafiken', 'Byt ut trasiga skyltar']
	},
	accessibility: {
		descriptions: [
			'Trasig ramp, svårt med rullstol och barnvagn {spot}', 'Ojämn beläggning och hål i asfalten {spot}',
			'Trappa utan ledstång {spot}', 'Hiss ur funktion {spot}'
		],
		measures: ['Laga beläggningen', 'Sätt upp ledstång och kontrastmarkering', 'Felanmäl och följ upp reparationen']
	},
	traffic: {
		descriptions: [
			'Cyklister i hög fart på gångvägen {spot}', 'Otydligt övergångsställe {spot}', 'Mopeder kör på gångytan {spot}',
			'Felparkerade bilar skymmer sikten {spot}'
		],
		measures: ['Separera gång- och cykelbanan tydligare', 'Sätt upp pollare mot mopedtrafik', 'Förtydliga övergångsstället med målning och belysning']
	},
	other: {
		descriptions: [
			'Öppen narkotikaförsäljning kvällstid {spot}', 'Grupper som samlas och stör {spot}', 'Bråk och hög ljudnivå nattetid {spot}',
			'Saknas offentlig toalett {spot}'
		],
		measures: ['Ta upp i platssamverkan med polisen', 'Öka närvaron av fältassistenter och nattvandrare', 'Tillfällig offentlig toalett under sommaren']
	}
};

export const CATEGORY_WEIGHTS: Record<PlaceType, Record<FindingCategory, number>> = {
	park: { lighting: 5, sightlines: 5, litter: 5, vandalism: 2, hiding_place: 3, lack_of_people: 3, signage: 1, accessibility: 1, traffic: 1, other: 2 },
	plaza: { lighting: 3, sightlines: 1, litter: 4, vandalism: 3, hiding_place: 2, lack_of_people: 2, signage: 2, accessibility: 2, traffic: 1, other: 3 },
	centre: { lighting: 4, sightlines: 2, litter: 4, vandalism: 3, hiding_place: 3, lack_of_people: 2, signage: 2, accessibility: 2, traffic: 2, other: 2 }
};

export const REJECT_REASONS = [
	'Ligger på privat mark – hänvisat till fastighetsägaren',
	'Dubblett av tidigare fynd som redan är åtgärdat',
	'Kostnaden bedöms för hög i förhållande till effekten',
	'Trädet är skyddat och får inte beskäras'
];

/** Which partner role handles a finding category. */
export const CATEGORY_ROLE: Record<FindingCategory, keyof PartnerRoles> = {
	lighting: 'owner',
	sightlines: 'owner',
	litter: 'owner',
	vandalism: 'owner',
	hiding_place: 'owner',
	lack_of_people: 'municipal',
	signage: 'streets',
	accessibility: 'streets',
	traffic: 'streets',
	other: 'municipal'
};

// ---------------------------------------------------------------- incidents

export const INCIDENT_MIX: Record<PlaceType, { categories: [IncidentCategory, number][]; sources: [IncidentSource, number][] }> = {
	park: {
		categories: [['narcotics', 50], ['disorder', 18], ['violence', 10], ['theft', 8], ['vandalism', 9], ['other', 5]],
		sources: [['police', 80], ['staff', 20]]
	},
	plaza: {
		categories: [['narcotics', 36], ['theft', 20], ['violence', 14], ['disorder', 20], ['vandalism', 4], ['other', 6]],
		sources: [['police', 75], ['guards', 20], ['staff', 5]]
	},
	centre: {
		categories: [['narcotics', 22], ['theft', 26], ['violence', 14], ['disorder', 22], ['vandalism', 10], ['other', 6]],
		sources: [['police', 55], ['guards', 35], ['staff', 10]]
	}
};

/** Relative incident rate per month (index 0 = January). */
export const SEASON: Record<PlaceType, number[]> = {
	park: [0.5, 0.5, 0.65, 0.9, 1.2, 1.45, 1.55, 1.45, 1.1, 0.8, 0.6, 0.55],
	plaza: [0.75, 0.75, 0.85, 0.95, 1.1, 1.25, 1.3, 1.25, 1.05, 0.95, 0.85, 0.9],
	centre: [0.8, 0.8, 0.9, 1.0, 1.05, 1.15, 1.2, 1.15, 1.05, 0.95, 0.9, 1.0]
};

/** Relative rate per weekday of the evening the incident belongs to (Mon … Sun). */
export const WEEKDAY = [0.8, 0.8, 0.85, 0.95, 1.35, 1.45, 0.85];

/** Weight per hour from 06:00 (index 0) to 05:00 the next morning (index 23). */
export const HOURS: Record<PlaceType, number[]> = {
	park: [0.5, 0.6, 0.8, 1, 1.3, 1.6, 2, 2.4, 2.8, 3.4, 4, 4.8, 6, 7, 8.5, 9, 9, 8.5, 7, 5, 3.5, 2, 1, 0.6],
	plaza: [0.6, 0.9, 1.2, 1.6, 2.2, 2.6, 3, 3.4, 3.8, 4.2, 4.8, 5.4, 6.5, 7.2, 8, 8.4, 8.4, 8, 7, 5.5, 4, 2.4, 1.2, 0.7],
	centre: [0.5, 0.8, 1.2, 2, 3, 3.8, 4.4, 5, 5.6, 6.4, 7, 7.6, 8, 8.2, 7.6, 6.4, 5, 3.6, 2.4, 1.5, 0.9, 0.6, 0.4, 0.3]
};

// ---------------------------------------------------------------- measures

export type MeasureShape = 'point' | 'line' | 'polygon';

export interface MeasureSpec {
	area: string;
	kind: MeasureKind;
	shape: MeasureShape;
	title: string;
	status: MeasureStatus;
	proposedOn: string;
	costSek: number;
	partner: string;
}

const ms = (
	area: string, kind: MeasureKind, shape: MeasureShape, title: string, status: MeasureStatus,
	proposedOn: string, costSek: number, partner: string
): MeasureSpec => ({ area, kind, shape, title, status, proposedOn, costSek, partner });

export const MEASURES: MeasureSpec[] = [
	ms('tantolunden', 'lighting', 'line', 'Ny belysning längs gångvägen mot Årstaviken', 'done', '2023-02-10', 340_000, 'trafikkontoret'),
	ms('tantolunden', 'lighting', 'point', 'Extra belysningsstolpe vid lekplatsen', 'done', '2023-03-01', 45_000, 'trafikkontoret'),
	ms('tantolunden', 'vegetation', 'polygon', 'Gallring av buskage vid koloniområdets entré', 'done', '2023-02-20', 60_000, 'sodermalm-sdf-stadsmiljo'),
	ms('tantolunden', 'cleaning', 'polygon', 'Daglig sprutplockning och städning vid strandbadet', 'done', '2023-04-05', 120_000, 'sodermalm-sdf-stadsmiljo'),
	ms('tantolunden', 'seating', 'point', 'Nya parkbänkar vid utsiktsplatsen', 'done', '2023-04-15', 55_000, 'sodermalm-sdf-stadsmiljo'),
	ms('tantolunden', 'toilet', 'point', 'Tillfällig offentlig toalett under sommaren', 'done', '2023-03-20', 90_000, 'trafikkontoret'),
	ms('tantolunden', 'camera', 'point', 'Kamerabevakning vid strandbadet (ansökan)', 'proposed', '2023-08-20', 120_000, 'polisen-lpo-sodermalm'),
	ms('tantolunden', 'art', 'point', 'Konstbelysning i trädkronorna', 'ordered', '2023-05-02', 140_000, 'kulturforvaltningen'),
	ms('tantolunden', 'fencing', 'line', 'Staket som stänger av nischen bakom förrådsbyggnaden', 'done', '2023-05-10', 30_000, 'sodermalm-sdf-stadsmiljo'),
	ms('tantolunden', 'signage', 'point', 'Orienteringsskyltar vid parkens entréer', 'cancelled', '2023-04-20', 25_000, 'trafikkontoret'),
	ms('drakenbergsparken', 'lighting', 'point', 'Ny belysning vid bollplanen', 'done', '2023-03-15', 70_000, 'trafikkontoret'),
	ms('drakenbergsparken', 'vegetation', 'polygon', 'Beskärning av häckar längs gångstråket', 'done', '2023-04-12', 35_000, 'sodermalm-sdf-stadsmiljo'),
	ms('drakenbergsparken', 'seating', 'point', 'Sittgrupp vid lekplatsen', 'approved', '2023-09-05', 40_000, 'sodermalm-sdf-stadsmiljo'),
	ms('drakenbergsparken', 'cleaning', 'polygon', 'Extra helgstädning i parken', 'done', '2023-06-20', 30_000, 'sodermalm-sdf-stadsmiljo'),
	ms('sergels-torg', 'lighting', 'line', 'Förstärkt belysning i trappan ner till Plattan', 'done', '2023-01-25', 260_000, 'trafikkontoret'),
	ms('sergels-torg', 'camera', 'point', 'Kamerabevakning av Plattan', 'done', '2023-02-01', 180_000, 'polisen-lpo-norrmalm'),
	ms('sergels-torg', 'cleaning', 'polygon', 'Tätare städning av Plattan kvällstid', 'done', '2023-03-10', 90_000, 'trafikkontoret'),
	ms('sergels-torg', 'seating', 'point', 'Nya sittplatser vid Kulturhusets entré', 'proposed', '2023-10-02', 75_000, 'norrmalm-sdf'),
	ms('akersberga-centrum', 'lighting', 'line', 'Ny belysning i gångtunneln mot stationen', 'done', '2023-02-14', 210_000, 'osteraker-kommun'),
	ms('akersberga-centrum', 'vegetation', 'polygon', 'Röjning av sly vid pendelparkeringen', 'done', '2023-04-03', 40_000, 'osteraker-kommun'),
	ms('akersberga-centrum', 'signage', 'point', 'Ny vägvisning mellan stationen och torget', 'ordered', '2023-06-01', 35_000, 'osteraker-kommun'),
	ms('akersberga-centrum', 'camera', 'point', 'Kamerabevakning på torget', 'approved', '2023-08-15', 160_000, 'osteraker-kommun'),
	ms('varberg', 'lighting', 'point', 'Ny belysning vid tunnelbaneentrén', 'done', '2023-03-08', 95_000, 'sl'),
	ms('varberg', 'vegetation', 'polygon', 'Gallring mellan centrum och gångbron', 'done', '2023-05-16', 45_000, 'skarholmen-sdf'),
	ms('bredang', 'lighting', 'line', 'Ljusare gångtunnel under centrumhuset', 'done', '2023-02-28', 180_000, 'stena-fastigheter'),
	ms('bredang', 'art', 'point', 'Muralmålning i gångtunneln', 'done', '2023-04-18', 120_000, 'kulturforvaltningen'),
	ms('bredang', 'cleaning', 'polygon', 'Städning och klottersanering runt torget', 'ordered', '2023-09-12', 50_000, 'stena-fastigheter'),
	ms('satra', 'seating', 'point', 'Nya bänkar och bord på Sätra torg', 'approved', '2023-05-24', 60_000, 'familjebostader'),
	ms('satra', 'lighting', 'point', 'Belysning vid cykelparkeringen', 'proposed', '2023-10-18', 30_000, 'familjebostader'),
	ms('skarholmen', 'camera', 'point', 'Kamerabevakning av Skärholmstorget', 'done', '2023-01-30', 240_000, 'skarholmen-centrum'),
	ms('skarholmen', 'lighting', 'line', 'Ny belysning på gångbron', 'ordered', '2023-06-07', 220_000, 'trafikkontoret'),
	ms('skarholmen', 'fencing', 'line', 'Avgränsning av lastkajen bakom centrum', 'done', '2023-03-22', 45_000, 'skarholmen-centrum'),
	ms('skarholmen', 'toilet', 'point', 'Offentlig toalett vid torget', 'cancelled', '2023-05-03', 400_000, 'trafikkontoret')
];

/** Whether a measure of a kind addresses a finding (for linking measures to findings). */
export const MEASURE_ADDRESSES: Record<MeasureKind, (category: FindingCategory, description: string) => boolean> = {
	lighting: (c) => c === 'lighting',
	seating: (c) => c === 'lack_of_people',
	vegetation: (c, d) => c === 'sightlines' || (c === 'hiding_place' && /buskage/i.test(d)),
	cleaning: (c) => c === 'litter',
	camera: (c, d) => (c === 'other' && !/toalett/.test(d)) || c === 'hiding_place',
	toilet: (c, d) => c === 'other' && /toalett/.test(d),
	art: (c, d) => c === 'lack_of_people' || (c === 'vandalism' && /klotter/i.test(d)),
	fencing: (c, d) => c === 'hiding_place' && /nisch|passage|elskåp/.test(d),
	signage: (c) => c === 'signage',
	other: (c) => c === 'other'
};

// ---------------------------------------------------------------- events

export type EventShape = 'point' | 'polygon' | 'route';

export interface EventSpec {
	slug: string;
	area: string;
	title: string;
	kind: EventKind;
	organiser: string;
	description: string;
	shape: EventShape;
	/** Hotspot index to place the event at, or null for anywhere in the place. */
	near: number | null;
	/** First (or only) occurrence: `YYYY-MM-DD HH:MM`, end time `HH:MM` (next day if earlier). */
	first: string;
	end: string;
	/** Weekly/monthly recurrence: RRULE parts without UNTIL, plus the last date. */
	repeat?: { rule: string; until: string; exdates?: string[] };
	expected: number;
	/** Actual attendance as a share of expected, or null when not held / not reported. */
	turnout: number | null;
	permit: PermitStatus;
	grantSek: number;
	radiusM?: number;
}

const ev = (
	slug: string, area: string, title: string, kind: EventKind, organiser: string, description: string,
	shape: EventShape, near: number | null, first: string, end: string, expected: number,
	opts: Partial<Pick<EventSpec, 'repeat' | 'turnout' | 'permit' | 'grantSek' | 'radiusM'>> = {}
): EventSpec => ({
	slug, area, title, kind, organiser, description, shape, near, first, end, expected,
	turnout: opts.turnout === undefined ? 0.9 : opts.turnout,
	permit: opts.permit ?? 'not_needed',
	grantSek: opts.grantSek ?? 0,
	...(opts.repeat ? { repeat: opts.repeat } : {}),
	...(opts.radiusM ? { radiusM: opts.radiusM } : {})
});

const T = 'tantolunden';
const D = 'drakenbergsparken';

export const EVENTS: EventSpec[] = [
	ev('tanto-varstadning', T, 'Vårstädning i Tantolunden', 'other', 'sodermalm-sdf-stadsmiljo', 'Gemensam städdag med boende, föreningar och förvaltningen.', 'polygon', 1, '2023-04-22 10:00', '14:00', 120),
	ev('tanto-valborg', T, 'Valborg i Tanto', 'culture', 'kulturforvaltningen', 'Vårsång, kör och fackeltåg vid Årstaviken.', 'point', 0, '2023-04-30 18:00', '22:00', 1500, { permit: 'granted', radiusM: 150 }),
	ev('tanto-tantoloppet', T, 'Tantoloppet', 'sport', 'idrottsforvaltningen', 'Motionslopp genom parken för alla åldrar.', 'route', null, '2023-05-20 09:00', '13:00', 400, { permit: 'granted' }),
	ev('tanto-skate', D, 'Prova på skateboard', 'sport', 'idrottsforvaltningen', 'Instruktörer och lånebrädor för barn och unga.', 'point', null, '2023-05-27 12:00', '16:00', 80),
	ev('tanto-loppis', T, 'Tantoloppis', 'market', 'mama-united', 'Loppmarknad varannan lördag där föreningar och boende säljer.', 'polygon', 1, '2023-05-13 11:00', '15:00', 500, {
		repeat: { rule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=SA', until: '2023-09-09', exdates: ['2023-06-24'] }, permit: 'granted', grantSek: 30_000
	}),
	ev('tanto-utegympa', T, 'Utegympa vid utegymmet', 'sport', 'idrottsforvaltningen', 'Ledarledd gratis träning måndagar och onsdagar.', 'point', 2, '2023-05-08 18:00', '19:00', 40, {
		repeat: { rule: 'FREQ=WEEKLY;BYDAY=MO,WE', until: '2023-09-27', exdates: ['2023-05-17', '2023-06-05'] }
	}),
	ev('tanto-motesplats', T, 'Tantoträffen – bemannad mötesplats', 'meeting_point', 'sodermalm-sdf-trygghet', 'Fältassistenter och föreningar finns på plats med kaffe, spel och samtal.', 'point', 0, '2023-06-01 17:00', '21:00', 60, {
		repeat: { rule: 'FREQ=WEEKLY;BYDAY=TU,TH', until: '2023-08-31' }, radiusM: 120
	}),
	ev('tanto-nattvandring', T, 'Nattvandring i Tantolunden', 'night_walk', 'nattvandrarna', 'Vuxna frivilliga vandrar genom parken fredag och lördag kväll.', 'route', null, '2023-06-02 21:00', '01:00', 12, {
		repeat: { rule: 'FREQ=WEEKLY;BYDAY=FR,SA', until: '2023-08-26', exdates: ['2023-06-23'] }, grantSek: 40_000, radiusM: 60
	}),
	ev('tanto-ungdomskvall', T, 'Ungdomskväll med DJ', 'children_youth', 'mama-united', 'Musik, mat och aktiviteter för unga 13–18 år med vuxna på plats.', 'point', 0, '2023-06-09 18:00', '22:00', 250, { permit: 'granted', grantSek: 35_000 }),
	ev('tanto-barnens', D, 'Barnens Drakenberg', 'children_youth', 'sodermalm-sdf-trygghet', 'Lekar, pyssel och ansiktsmålning på onsdagseftermiddagar.', 'point', 0, '2023-06-14 13:00', '16:00', 70, {
		repeat: { rule: 'FREQ=WEEKLY;BYDAY=WE', until: '2023-08-09' }
	}),
	ev('tanto-lastalt', T, 'Lästält med biblioteket', 'children_youth', 'kulturforvaltningen', 'Sagostunder och boklån i ett tält vid lekplatsen.', 'point', null, '2023-06-13 11:00', '14:00', 35, {
		repeat: { rule: 'FREQ=WEEKLY;BYDAY=TU', until: '2023-08-15' }
	}),
	ev('tanto-konsert', T, 'Sommarkväll i Tanto – konsert', 'culture', 'kulturforvaltningen', 'Konsert med lokala artister på scenen vid gräsytan.', 'point', 1, '2023-06-17 18:00', '22:00', 800, { permit: 'granted', radiusM: 150 }),
	ev('tanto-festival', T, 'Tantofestivalen', 'culture', 'kulturforvaltningen', 'Endagsfestival med scen vid strandbadet.', 'polygon', 0, '2023-06-22 14:00', '23:00', 2000, { permit: 'refused', turnout: null }),
	ev('tanto-midsommar', T, 'Midsommarfirande i Tantolunden', 'culture', 'sodermalm-sdf-trygghet', 'Majstång, dans och fika för alla.', 'point', 1, '2023-06-23 12:00', '16:00', 600, { permit: 'granted' }),
	ev('tanto-yoga', T, 'Yoga vid Årstaviken', 'sport', 'idrottsforvaltningen', 'Morgonyoga på gräset vid vattnet.', 'point', null, '2023-06-10 09:00', '10:00', 30, {
		repeat: { rule: 'FREQ=WEEKLY;BYDAY=SA', until: '2023-08-26', exdates: ['2023-06-24'] }
	}),
	ev('tanto-fotboll-kvall', D, 'Kvällsfotboll på bollplanen', 'sport', 'idrottsforvaltningen', 'Spontanfotboll med ledare för unga fredagskvällar.', 'point', 1, '2023-06-16 17:00', '20:00', 30, {
		repeat: { rule: 'FREQ=WEEKLY;BYDAY=FR', until: '2023-08-25', exdates: ['2023-06-23'] }
	}),
	ev('tanto-stadsmission', T, 'Kaffe och samtal med Stadsmissionen', 'outreach', 'stockholms-stadsmission', 'Uppsökande arbete och stöd till personer i utsatthet.', 'point', 0, '2023-04-12 14:00', '17:00', 25, {
		repeat: { rule: 'FREQ=WEEKLY;BYDAY=WE', until: '2023-09-27' }, grantSek: 30_000
	}),
	ev('tanto-maria-ungdom', T, 'Maria Ungdom på plats', 'outreach', 'maria-ungdom', 'Uppsökande team som möter unga fredagskvällar.', 'point', 1, '2023-04-14 19:00', '23:00', 20, {
		repeat: { rule: 'FREQ=WEEKLY;BYDAY=FR', until: '2023-09-29', exdates: ['2023-06-23'] }
	}),
	ev('tanto-boule', T, 'Boulekväll för alla', 'sport', 'sodermalm-sdf-trygghet', 'Boule med lånade klot torsdagskvällar.', 'point', 0, '2023-06-01 18:00', '21:00', 30, {
		repeat: { rule: 'FREQ=WEEKLY;BYDAY=TH', until: '2023-08-31' }
	}),
	ev('tanto-jazz', T, 'Jazz i Tanto', 'culture', 'kulturforvaltningen', 'Söndagsjazz på gräsytan i juli.', 'point', 1, '2023-07-02 15:00', '17:00', 200, {
		repeat: { rule: 'FREQ=WEEKLY;BYDAY=SU', until: '2023-07-30' }, permit: 'granted'
	}),
	ev('tanto-dans', T, 'Sommardans', 'culture', 'kulturforvaltningen', 'Dansbana med lärare onsdagskvällar i juli.', 'polygon', 1, '2023-07-05 19:00', '22:00', 150, {
		repeat: { rule: 'FREQ=WEEKLY;BYDAY=WE', until: '2023-07-26' }
	}),
	ev('tanto-bio-1', D, 'Utomhusbio i Drakenbergsparken', 'culture', 'kulturforvaltningen', 'Familjefilm på duk i parken.', 'point', null, '2023-07-07 21:30', '23:30', 150),
	ev('tanto-bio-2', D, 'Utomhusbio i Drakenbergsparken', 'culture', 'kulturforvaltningen', 'Familjefilm på duk i parken.', 'point', null, '2023-08-04 21:00', '23:00', 150),
	ev('tanto-teater', T, 'Sommarteater i parken', 'culture', 'kulturforvaltningen', 'Föreställning för barn och vuxna.', 'point', null, '2023-07-15 14:00', '16:00', 250, { permit: 'granted' }),
	ev('tanto-cup', T, 'Tanto Cup', 'sport', 'idrottsforvaltningen', 'Fotbollsturnering för lag från hela Södermalm.', 'polygon', 2, '2023-08-19 10:00', '17:00', 300, { permit: 'granted' }),
	ev('tanto-foreningsdag', T, 'Föreningsdag i Tanto', 'market', 'sodermalm-sdf-trygghet', 'Föreningar visar upp sig med tält och aktiviteter.', 'polygon', 0, '2023-09-03 11:00', '16:00', 400, { permit: 'granted' }),
	ev('tanto-trygghetsdag', T, 'Trygghetsdag med polisen', 'outreach', 'polisen-lpo-sodermalm', 'Polisen och förvaltningen berättar om trygghetsarbetet och lyssnar på boende.', 'point', 0, '2023-09-16 12:00', '16:00', 200),
	// ---- Skärholmen
	ev('skh-sommarscen', 'skarholmen', 'Sommarscen på Skärholmstorget', 'culture', 'kulturforvaltningen', 'Musik och dans från lokala föreningar.', 'point', 0, '2023-06-10 14:00', '20:00', 1200, { permit: 'granted', radiusM: 150 }),
	ev('skh-nattvandring', 'skarholmen', 'Nattvandring i Skärholmen', 'night_walk', 'nattvandrarna', 'Vuxna frivilliga rör sig i centrum fredag och lördag kväll.', 'route', null, '2023-05-05 21:00', '01:00', 10, {
		repeat: { rule: 'FREQ=WEEKLY;BYDAY=FR,SA', until: '2023-09-30', exdates: ['2023-06-23'] }, grantSek: 30_000, radiusM: 60
	}),
	ev('skh-mammor', 'skarholmen', 'Mammor i centrum', 'outreach', 'mama-united', 'Föräldrar finns på torget och pratar med unga på kvällarna.', 'point', 1, '2023-04-14 18:00', '22:00', 15, {
		repeat: { rule: 'FREQ=WEEKLY;BYDAY=FR', until: '2023-10-27' }, grantSek: 25_000
	}),
	ev('skh-sommarfritids', 'skarholmen', 'Ungdomsgård utomhus', 'youth_centre', 'skarholmen-sdf', 'Fritidsgården flyttar ut på torget under sommarlovet.', 'polygon', 0, '2023-07-03 13:00', '17:00', 60, {
		repeat: { rule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH', until: '2023-08-10' }
	}),
	ev('varberg-motesplats', 'varberg', 'Mötesplats Vårberg', 'meeting_point', 'skarholmen-faltassistenter', 'Fältassistenter finns på torget med fika och spel.', 'point', 0, '2023-06-07 16:00', '20:00', 40, {
		repeat: { rule: 'FREQ=WEEKLY;BYDAY=WE', until: '2023-08-30' }
	}),
	ev('varberg-barnkalas', 'varberg', 'Barnkalas på torget', 'children_youth', 'skarholmen-sdf', 'Hoppborg, pyssel och glass för barn.', 'point', null, '2023-06-17 12:00', '16:00', 300, { permit: 'granted' }),
	ev('bredang-marknad', 'bredang', 'Marknad på Bredängs torg', 'market', 'stena-fastigheter', 'Månadsmarknad med lokala handlare och föreningar.', 'polygon', 0, '2023-05-06 10:00', '14:00', 400, {
		repeat: { rule: 'FREQ=MONTHLY;BYDAY=1SA', until: '2023-09-02' }, permit: 'granted'
	}),
	ev('bredang-falt', 'bredang', 'Fältassistenter i Bredäng', 'outreach', 'skarholmen-faltassistenter', 'Uppsökande kvällspass vid tunnelbanan och torget.', 'point', 1, '2023-04-21 18:00', '22:00', 15, {
		repeat: { rule: 'FREQ=WEEKLY;BYDAY=FR', until: '2023-09-29', exdates: ['2023-06-23'] }
	}),
	ev('satra-fotboll', 'satra', 'Fotbollskväll i Sätra', 'sport', 'idrottsforvaltningen', 'Ledarledd fotboll för unga tisdagar och torsdagar.', 'point', 0, '2023-06-06 18:00', '20:00', 40, {
		repeat: { rule: 'FREQ=WEEKLY;BYDAY=TU,TH', until: '2023-08-31' }
	}),
	ev('satra-kulturkvall', 'satra', 'Kulturkväll på Sätra torg', 'culture', 'kulturforvaltningen', 'Poesi, musik och mat från föreningar i området.', 'point', null, '2023-08-26 17:00', '21:00', 250, { permit: 'granted' }),
	ev('skh-hostmarknad', 'skarholmen', 'Höstmarknad i Skärholmen', 'market', 'skarholmen-centrum', 'Marknad med skördefest på torget.', 'polygon', 0, '2023-09-30 10:00', '16:00', 800, { permit: 'applied', turnout: null })
];

// ---------------------------------------------------------------- programmes

export const PROGRAMME_TEXTS = {
	tanto: {
		description: 'Platsaktivering och stadsmiljöåtgärder i Tantolunden och Drakenbergsparken för att minska den öppna narkotikascenen.',
		goals: [
			'Fler vuxna och barnfamiljer vistas i parken kvällstid under sommaren',
			'Minska den öppna narkotikahandeln i parken',
			'Andelen boende som känner sig otrygga i parken minskar till under 25 %'
		],
		risks: [
			{ title: 'Problemen förflyttas till närliggande parker', likelihood: 4, impact: 3, mitigation: 'Följ Drakenbergsparken och grannkvarteren månadsvis' },
			{ title: 'Tillstånd för större evenemang beviljas inte i tid', likelihood: 2, impact: 4, mitigation: 'Ansök minst tolv veckor i förväg' },
			{ title: 'För få föreningar söker bidrag', likelihood: 3, impact: 2, mitigation: 'Riktade informationsträffar under våren' }
		],
		steeringGroup: ['sodermalm-sdf-trygghet', 'sodermalm-sdf-stadsmiljo', 'polisen-lpo-sodermalm', 'trafikkontoret', 'kulturforvaltningen']
	},
	skarholmen: {
		description: 'Platssamverkan i Bredäng, Sätra, Skärholmen och Vårberg med centrumbesiktningar, åtgärder och kvällsnärvaro.',
		goals: [
			'Alla centrum besiktigas och brister åtgärdas inom tre månader',
			'Vuxennärvaro på fredags- och lördagskvällar i alla fyra centrum',
			'Minska andelen som känner sig otrygga i centrum kvällstid'
		],
		risks: [
			{ title: 'Fastighetsägare prioriterar inte åtgärder', likelihood: 3, impact: 4, mitigation: 'Följ upp i platssamverkan varje månad' },
			{ title: 'Svårt att rekrytera nattvandrare', likelihood: 3, impact: 3, mitigation: 'Samarbete med föräldraföreningar' },
			{ title: 'Våldsamma händelser skapar ny oro', likelihood: 2, impact: 5, mitigation: 'Gemensam lägesbild och snabb kommunikation' }
		],
		steeringGroup: ['skarholmen-sdf', 'polisen-lpo-skarholmen', 'skarholmen-centrum', 'svenska-bostader', 'stena-fastigheter', 'familjebostader']
	}
};

// ---------------------------------------------------------------- plans

/** A goal of a demo plan, with its measurable target where it has one. */
export interface DemoPlanGoal {
	description: string;
	horizon: 'goal' | 'effect_goal' | 'short_term' | 'long_term';
	indicator?: string;
	target?: string;
	targetIndicator?: string;
	targetComparison?: 'at_most' | 'at_least';
	baselineValue?: number;
	baselineYear?: number;
	targetValue?: number;
	targetDate?: string;
}

export interface DemoPlanParty {
	/** A partner of geodata/partners.json, or a name written in. */
	partnerSlug?: string;
	name?: string;
	contact: string;
	participants?: string;
	commitment: string;
}

export interface DemoPlanActivity {
	key: string;
	/** The theme's title (action plans), or none: directly under the programme. */
	theme?: string;
	/** One of the programme's places, or none: all of them. */
	areaSlug?: string;
	name: string;
	purpose: string;
	measurableGoals: string;
	startsOn: string;
	endsOn: string;
	meetingFrequency: string;
	convener: string;
	parties: DemoPlanParty[];
	/** What carries it out: the demo's events, measures and walks in these places (all the activity's places when left out). */
	links: { events?: { areas?: string[]; kinds?: string[] }; measures?: { areas?: string[] }; walks?: { areas?: string[] } };
}

export interface DemoPlan {
	planKind: 'project_plan' | 'action_plan' | 'short_long_term_plan';
	texts: { background: string; delimitation: string; communication: string; financing: string };
	/** Replaces the programme's goals (same order: the first stays the first). */
	goals: DemoPlanGoal[];
	themes: { title: string; overallGoal: string; situation: string; policyReference: string; priority: number }[];
	activities: DemoPlanActivity[];
	members: { group: 'client' | 'steering_group' | 'project_lead' | 'working_group'; name: string; title: string; partnerSlug?: string }[];
	/** Next review of each of the programme's risks, in their order (a monthly review; some overdue in the story). */
	riskReviews: { lastReviewedOn: string; nextReviewOn: string; owner: string }[];
	statusReports: { year: number; tertial: number; title: string; body: string; submitted: boolean }[];
	changeRequests: { title: string; description: string; requestedOn: string; decision: 'pending' | 'approved' | 'rejected'; decidedOn?: string; decisionNote?: string }[];
}

const SKH_THEMES = {
	one: '1 Riktat arbete i utsatta områden',
	two: '2 Riktat arbete på avgränsade platser',
	three: '3 Unga i riskmiljö'
};

export const DEMO_PLANS: Record<string, DemoPlan> = {
	[TANTO]: {
		planKind: 'project_plan',
		texts: {
			background:
				'Tantolunden och Drakenbergsparken har under flera år haft en öppen narkotikascen. Boende och besökare undviker parkerna kvällstid, och polisen klassar Västra Södermalm som en öppen drogscen.',
			delimitation:
				'Projektet omfattar Tantolunden och Drakenbergsparken 2023-01-01–2023-12-31, intensifierat april–september. Sociala insatser för enskilda ingår inte; de hänvisas till socialtjänsten.',
			communication: 'Månatlig lägesrapport till styrgruppen, nyhetsbrev till boende inför sommaren och skyltning i parkerna om programmet.',
			financing: 'Högst 2 MSEK, varav högst 275 kSEK i bidrag till föreningar. Finansieras av stadsdelsförvaltningen och trygghetsmedel.'
		},
		goals: [
			{ description: 'Fler vuxna och barnfamiljer vistas i parken kvällstid under sommaren', horizon: 'goal', indicator: 'Räkning av besökare vid evenemangen' },
			{
				description: 'Västra Södermalm inte längre klassas som en öppen drogscen från och med 1 januari 2025',
				horizon: 'effect_goal',
				indicator: 'Polisens klassning av öppna drogscener',
				target: 'Ingen klassning som öppen drogscen',
				targetDate: '2025-01-01'
			},
			{
				description: 'Andelen som känner sig otrygga i parken är högst 15 %',
				horizon: 'long_term',
				indicator: 'Trygghetsmätningen',
				targetIndicator: 'share_unsafe',
				targetComparison: 'at_most',
				baselineValue: 0.31,
				baselineYear: 2021,
				targetValue: 0.15,
				targetDate: '2025-12-31'
			}
		],
		themes: [],
		activities: [
			{
				key: 'tanto-aktivering',
				name: 'Platsaktivering i parkerna',
				purpose: 'Fylla parkerna med vardagsliv kvällstid så att den öppna handeln trängs undan.',
				measurableGoals: 'Minst ett evenemang i veckan april–september; minst 2 000 besökare totalt.',
				startsOn: '2023-04-01',
				endsOn: '2023-09-30',
				meetingFrequency: 'Varannan vecka (projektgruppen)',
				convener: 'Kultursamordnaren, Södermalms stadsdelsförvaltning',
				parties: [
					{ partnerSlug: 'sodermalm-sdf-trygghet', contact: 'Trygghetssamordnaren', commitment: 'Leder arbetet och fördelar föreningsbidrag.' },
					{ partnerSlug: 'kulturforvaltningen', contact: 'Evenemangsansvarig', commitment: 'Programlägger konserter och teater.' }
				],
				links: { events: {} }
			},
			{
				key: 'tanto-stadsmiljo',
				areaSlug: 'tantolunden',
				name: 'Stadsmiljöåtgärder i Tantolunden',
				purpose: 'Öppna siktlinjer, bättre belysning och städning där fynden visar brister.',
				measurableGoals: 'Alla fynd med allvarlighetsgrad 3 åtgärdade inom tre månader.',
				startsOn: '2023-03-01',
				endsOn: '2023-10-31',
				meetingFrequency: 'Månadsvis',
				convener: 'Stadsmiljöenheten',
				parties: [
					{ partnerSlug: 'sodermalm-sdf-stadsmiljo', contact: 'Parkingenjören', commitment: 'Beställer och följer upp åtgärderna.' },
					{ partnerSlug: 'trafikkontoret', contact: 'Belysningsansvarig', commitment: 'Byter och kompletterar belysningen.' }
				],
				links: { measures: {} }
			},
			{
				key: 'tanto-vandringar',
				name: 'Trygghetsvandringar',
				purpose: 'Kartlägga otrygga platser tillsammans med boende, polis och fastighetsägare.',
				measurableGoals: '2 trygghetsvandringar per park och år.',
				startsOn: '2023-03-01',
				endsOn: '2023-11-30',
				meetingFrequency: 'Vår och höst',
				convener: 'Trygghetssamordnaren',
				parties: [
					{ partnerSlug: 'polisen-lpo-sodermalm', contact: 'Kommunpolisen', participants: 'Områdespoliser', commitment: 'Deltar i vandringarna och delar lägesbilden.' },
					{ name: 'Boendeföreningar', contact: 'Ordförandena', commitment: 'Bjuder in boende.' }
				],
				links: { walks: {} }
			}
		],
		members: [
			{ group: 'client', name: 'Eva Lindqvist', title: 'Stadsdelsdirektör, Södermalms stadsdelsförvaltning', partnerSlug: 'sodermalm-sdf-trygghet' },
			{ group: 'steering_group', name: 'Johan Berg', title: 'Avdelningschef, stadsmiljö', partnerSlug: 'sodermalm-sdf-stadsmiljo' },
			{ group: 'steering_group', name: 'Maria Holm', title: 'Lokalpolisområdeschef', partnerSlug: 'polisen-lpo-sodermalm' },
			{ group: 'steering_group', name: 'Karin Ek', title: 'Enhetschef, kultur', partnerSlug: 'kulturforvaltningen' },
			{ group: 'project_lead', name: 'Sara Nilsson', title: 'Trygghetssamordnare', partnerSlug: 'sodermalm-sdf-trygghet' },
			{ group: 'working_group', name: 'Ali Hassan', title: 'Kultursamordnare' },
			{ group: 'working_group', name: 'Lena Ström', title: 'Parkingenjör', partnerSlug: 'sodermalm-sdf-stadsmiljo' },
			{ group: 'working_group', name: 'Peter Lund', title: 'Kommunpolis', partnerSlug: 'polisen-lpo-sodermalm' }
		],
		riskReviews: [
			{ lastReviewedOn: '2023-11-06', nextReviewOn: '2023-12-06', owner: 'Sara Nilsson' },
			{ lastReviewedOn: '2023-11-06', nextReviewOn: '2023-12-06', owner: 'Ali Hassan' },
			{ lastReviewedOn: '2023-10-02', nextReviewOn: '2023-11-02', owner: 'Sara Nilsson' }
		],
		statusReports: [
			{ year: 2023, tertial: 1, title: 'Lägesrapport T1 2023', body: 'Planeringen klar, bidrag utlysta, belysning beställd.', submitted: true },
			{ year: 2023, tertial: 2, title: 'Lägesrapport T2 2023', body: 'Evenemangen välbesökta; handeln har delvis flyttat mot Drakenbergsparken.', submitted: true }
		],
		changeRequests: [
			{
				title: 'Förlängd kvällsnärvaro i september',
				description: 'Fältpassen förlängs till och med september, finansierat från evenemangsposten.',
				requestedOn: '2023-08-14',
				decision: 'approved',
				decidedOn: '2023-08-28',
				decisionNote: 'Styrgruppen beviljade ändringen.'
			},
			{ title: 'Kamera vid strandbadet', description: 'Kamerabevakning vid strandbadet under 2024.', requestedOn: '2023-10-16', decision: 'pending' }
		]
	},
	[SKARHOLMEN_PROGRAMME]: {
		planKind: 'action_plan',
		texts: {
			background: 'Handlingsplan för platssamverkan i Skärholmens stadsdelsområde enligt överenskommelsen mellan stadsdelsförvaltningen och polisen.',
			delimitation: 'Gäller Bredäng, Sätra, Skärholmen och Vårberg 2023.',
			communication: 'Samverkansforum varje tertial; lägesbild delas i Lykta.',
			financing: 'Inom stadsdelsförvaltningens budget och trygghetsmedel, högst 1,8 MSEK.'
		},
		goals: [],
		themes: [
			{ title: SKH_THEMES.one, overallGoal: 'Ökad trygghet och minskad brottslighet i de utsatta områdena.', situation: 'Vårberg och Bredäng har återkommande otrygghet kvällstid kring centrum och tunnelbanan.', policyReference: 'Stockholms stads program för trygghet', priority: 1 },
			{ title: SKH_THEMES.two, overallGoal: 'Avgränsade platser med problem åtgärdas gemensamt.', situation: 'Torgen och tunnelbaneentréerna har öppen handel och nedskräpning.', policyReference: 'Samverkansöverenskommelse med polisen', priority: 2 },
			{ title: SKH_THEMES.three, overallGoal: 'Färre unga i riskmiljöer kvällstid.', situation: 'Unga samlas vid centrum sena kvällar, särskilt på sommarlovet.', policyReference: 'Strategi för unga i riskmiljö', priority: 3 }
		],
		activities: [
			{
				key: 'skh-platssamverkan-varberg',
				theme: SKH_THEMES.two,
				areaSlug: 'varberg',
				name: 'Platssamverkan Vårberg',
				purpose: 'Samordna aktörerna kring Vårbergs centrum för en trygg och ren miljö.',
				measurableGoals: 'Minskad andel otrygga i trygghetsmätningen; brister från besiktningen åtgärdade inom tre månader.',
				startsOn: '2023-01-01',
				endsOn: '2023-12-31',
				meetingFrequency: 'Varannan vecka',
				convener: 'Skärholmens stadsdelsförvaltning',
				parties: [
					{ partnerSlug: 'skarholmen-sdf', contact: 'Trygghetssamordnaren', participants: 'Fältassistenter', commitment: 'Sammankallar, för protokoll och följer upp åtgärder.' },
					{ partnerSlug: 'polisen-lpo-skarholmen', contact: 'Kommunpolisen', participants: 'Områdespoliser', commitment: 'Delar lägesbild och är synlig kvällstid.' },
					{ name: 'Utbildningsförvaltningen', contact: 'Rektor, Vårbergsskolan', commitment: 'Informerar vårdnadshavare och deltar i vandringarna.' },
					{ partnerSlug: 'svenska-bostader', contact: 'Förvaltare', commitment: 'Åtgärdar belysning och klotter på sin mark inom en vecka.' },
					{ partnerSlug: 'sl', contact: 'Trygghetsansvarig', commitment: 'Ordningsvakter vid tunnelbanan fredag–lördag kväll.' },
					{ partnerSlug: 'mtr-tunnelbanan', contact: 'Stationsansvarig', commitment: 'Städning och belysning i entrén.' }
				],
				links: { events: {}, measures: {} }
			},
			{
				key: 'skh-trygghetsinventeringar',
				theme: SKH_THEMES.one,
				name: 'Trygghetsinventeringar',
				purpose: 'Inventera otrygga platser: 2 trygghetsvandringar och 1 centrumbesiktning per område och år.',
				measurableGoals: '2 trygghetsvandringar och 1 centrumbesiktning per område och år.',
				startsOn: '2023-03-01',
				endsOn: '2023-11-30',
				meetingFrequency: 'Vår och höst',
				convener: 'Skärholmens stadsdelsförvaltning',
				parties: [
					{ partnerSlug: 'skarholmen-sdf', contact: 'Trygghetssamordnaren', commitment: 'Planerar och protokollför inventeringarna.' },
					{ partnerSlug: 'polisen-lpo-skarholmen', contact: 'Kommunpolisen', commitment: 'Deltar i alla inventeringar.' },
					{ name: 'Fastighetsägarna i centrum', contact: 'Centrumledningarna', commitment: 'Deltar och åtgärdar brister på egen mark.' },
					{ partnerSlug: 'sl', contact: 'Trygghetsansvarig', commitment: 'Deltar vid stationerna.' }
				],
				links: { walks: {} }
			},
			{
				key: 'skh-unga',
				theme: SKH_THEMES.three,
				name: 'Fältarbete och fritid kvällstid',
				purpose: 'Vuxennärvaro och meningsfull fritid där unga samlas.',
				measurableGoals: 'Fältpass varje fredag och lördag; öppen verksamhet på sommarlovet.',
				startsOn: '2023-04-01',
				endsOn: '2023-09-30',
				meetingFrequency: 'Månadsvis',
				convener: 'Fältassistenterna',
				parties: [
					{ partnerSlug: 'skarholmen-faltassistenter', contact: 'Samordnare', commitment: 'Fältpass och mötesplatser.' },
					{ partnerSlug: 'idrottsforvaltningen', contact: 'Föreningskonsulent', commitment: 'Ledarledd idrott kvällstid.' }
				],
				links: { events: { areas: ['bredang', 'satra', 'skarholmen'], kinds: ['outreach', 'youth_centre', 'sport'] } }
			}
		],
		members: [
			{ group: 'client', name: 'Anders Öberg', title: 'Stadsdelsdirektör', partnerSlug: 'skarholmen-sdf' },
			{ group: 'steering_group', name: 'Fatima Said', title: 'Lokalpolisområdeschef', partnerSlug: 'polisen-lpo-skarholmen' },
			{ group: 'steering_group', name: 'Björn Sand', title: 'Centrumchef', partnerSlug: 'skarholmen-centrum' },
			{ group: 'project_lead', name: 'Nadia Karimi', title: 'Trygghetssamordnare', partnerSlug: 'skarholmen-sdf' },
			{ group: 'working_group', name: 'Erik Falk', title: 'Fältassistent', partnerSlug: 'skarholmen-faltassistenter' }
		],
		riskReviews: [
			{ lastReviewedOn: '2023-11-13', nextReviewOn: '2023-12-13', owner: 'Nadia Karimi' },
			{ lastReviewedOn: '2023-11-13', nextReviewOn: '2023-12-13', owner: 'Erik Falk' },
			{ lastReviewedOn: '2023-09-11', nextReviewOn: '2023-10-11', owner: 'Fatima Said' }
		],
		statusReports: [{ year: 2023, tertial: 2, title: 'Lägesrapport T2 2023', body: 'Alla fyra centrum besiktigade; sommarverksamheten genomförd.', submitted: true }],
		changeRequests: []
	}
};
