/**
 * The effect evaluation as GET /api/analysis/effect answers it: monthly incident series of
 * the treated region, its displacement buffer and the controls, with the estimates of
 * $lib/analysis/effect and the caveats that go next to them. Client-safe.
 *
 * Incident privacy, per series: a series is exact when its region lies wholly inside areas
 * where the reader has incident access (it then counts the incidents the reader may list),
 * and is built from the privacy grid otherwise ($lib/incidents/privacy: each 50 m cell's
 * monthly series coarsened on its own, month → quarter → year → period, summed with the
 * cell's share), or withheld whole (null) when no cell holds enough. The estimates are
 * computed from the series as the reader gets them, so they carry the same rule.
 */
import type {
	DifferenceInDifferences,
	RankedControl,
	WeightedDisplacementDifference,
	WeightedDisplacementQuotient
} from '$lib/analysis/effect';
import type { IncidentFigures } from './privacy';
import type { IncidentCategory } from './incident';

/** A region a series is about: the whole area, problem zones, or a control (a zone or an area). */
export interface EffectUnit {
	kind: 'area' | 'zone';
	id: string;
	name: string;
	/** The area the unit belongs to (its own name for an area). */
	areaName: string;
}

export interface EffectSeries {
	/** One value per month of `months`; null when withheld. */
	values: number[] | null;
	figures: IncidentFigures;
	before: number | null;
	during: number | null;
}

export const EFFECT_CAVEATS = [
	'not_proof',
	'few_incidents',
	'seasons_differ',
	'pre_trend',
	'short_before',
	'overdispersion',
	'aggregated',
	'withheld',
	'controls_elsewhere',
	'no_control',
	'buffer_empty',
	'wdq_not_read',
	'no_reduction'
] as const;
export type EffectCaveat = (typeof EFFECT_CAVEATS)[number];

export interface EffectAnalysis {
	area: { id: string; name: string };
	/** What the intervention was, when named. */
	intervention: {
		programme: { id: string; name: string } | null;
		measures: { id: string; title: string }[];
		events: { id: string; title: string }[];
	};
	category: IncidentCategory | null;
	/** The treated region: the area itself, or some of its problem zones. */
	treated: { kind: 'area' | 'zones'; units: EffectUnit[] };
	controls: (EffectUnit & { suggested: boolean })[];
	/** Where the controls came from: chosen by the user, suggested from the district, from elsewhere, or none found. */
	controlsFrom: 'chosen' | 'district' | 'elsewhere' | 'none';
	/** The district the suggestion looked in first (the area's outermost parent). */
	district: { id: string; name: string };
	/** The candidates the suggestion weighed, best first (at most 10 shown), for the user to choose others. */
	candidates: (EffectUnit & Omit<RankedControl, 'id'>)[];
	bufferM: number;
	months: string[];
	/** Per month: during the intervention. */
	during: boolean[];
	period: {
		before: { from: string; to: string; months: number };
		during: { from: string; to: string; months: number };
		/** The month of the tenant's first incident: the before months never start earlier. */
		dataFrom: string | null;
		/** The before months were cut short by dataFrom. */
		beforeCut: boolean;
	};
	series: { treated: EffectSeries; control: EffectSeries | null; buffer: EffectSeries };
	/** The buffer split by the places it overlaps: their before and during counts and the WDD-style change per month. */
	bufferParts: { areaId: string; name: string; before: number | null; during: number | null; perMonth: number | null; figures: IncidentFigures }[];
	did: DifferenceInDifferences | null;
	preTrend: { slope: number; standardError: number; t: number; df: number; perMonth: number; differs: boolean } | null;
	wdd: WeightedDisplacementDifference | null;
	wdq: WeightedDisplacementQuotient | null;
	caveats: { code: EffectCaveat; values?: Record<string, number | string> }[];
	/** exact when every series is; withheld when the treated series is; aggregated otherwise. */
	figures: IncidentFigures;
	suppressedBelow: number | null;
	gridCellM: number | null;
	method: { did: 'poisson-month-effects'; interval: 'quasi-poisson-t'; wdd: 'wheeler-ratcliffe-2018'; wdq: 'bowers-johnson-2003'; confidence: number };
	milliseconds?: number;
}
