/**
 * What one analysis request may ask for (STYLE §14: every request's cost is known before
 * it runs). Client-safe, so a form can say the limits before the server refuses.
 *
 * The figures come from what the users need and from measured cost (2-core machine,
 * scripts/bench): a programme runs a year and is followed up per tertial and per year, so
 * coverage, overlaps and suggestions take at most a year; a district's season is about
 * 500 zones and 2,000 activities (scripts/bench/coverage.ts: ~1.5 s for a year), and
 * twice the zones and 2.5× the activities packed into one district take ~7 s for a year.
 */

/** Coverage, overlaps and suggestions: one year, a leap year included. */
export const MAX_ANALYSIS_DAYS = 366;

/**
 * Hotspots and time patterns work in PostgreSQL over stored incidents and compare years:
 * ten years (their cost is bounded by the cell limit and the statement timeout).
 */
export const MAX_INCIDENT_ANALYSIS_DAYS = 3653;

/** Problem zones one coverage or suggestion request may weigh (a district has a few hundred). */
export const MAX_ANALYSIS_ZONES = 1000;

/** Events and measures one coverage, overlap or suggestion request may weigh. */
export const MAX_ANALYSIS_ACTIVITIES = 5000;

/** Sites a suggestion may pick (the coverage page asks for 3). */
export const MAX_SUGGEST_K = 5;

/** Candidate sites a user may give; without them a grid of at most 400 points is used. */
export const MAX_SUGGEST_CANDIDATES = 200;

/**
 * The greedy search tries every candidate against every zone its footprint reaches, once
 * per pick: k × Σ(zones reached per candidate) zone evaluations. ~0.4–0.9 ms each at a
 * district's density, so this is 4–9 s at most; a 1 km radius over a district's 500 zones
 * would be 500 s.
 */
export const MAX_SUGGEST_EVALUATIONS = 10_000;

/** A hotspot neighbourhood (distance band) of at most ten cell sides: ~120 neighbours a cell. */
export const MAX_BAND_CELLS = 10;

/**
 * Effect evaluation: at most three years during the intervention and three before it (a
 * monthly series of 72 values per region), with the treated zones, controls and control
 * candidates below. Its cost is SQL over the regions' incidents (no worker needed: the
 * statistics are closed-form sums over at most 72 months).
 */
export const MAX_EFFECT_MONTHS = 36;
export const MAX_EFFECT_DAYS = 1096;
export const MAX_EFFECT_ZONES = 50;
export const MAX_EFFECT_CONTROLS = 20;
/** Measures and events naming one intervention. */
export const MAX_EFFECT_ACTIVITIES = 100;
/** Control candidates weighed by a suggestion: the nearest ones to the treated region. */
export const MAX_EFFECT_CANDIDATES = 200;
/** Controls a suggestion picks. */
export const SUGGESTED_CONTROLS = 3;
/** The displacement buffer's width in metres: default, least, most. */
export const EFFECT_BUFFER_M = { default: 400, min: 50, max: 1000 } as const;
