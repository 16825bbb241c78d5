/**
 * The heavy analyses as tasks for a worker thread (./pool): each takes what the server
 * read from the database — plain rows, zones, cells — and runs the same pure functions
 * the browser uses (src/lib/analysis). Nothing here may touch the database, SvelteKit or
 * the environment: the module is loaded on its own in a worker, and by the main thread
 * only to learn its own file name (`workerFile`), whatever the build made of it.
 */
import { activitiesOf, type EventLike, type MeasureLike, type Period } from '$lib/analysis/activities';
import { coverage, type CoverageZone } from '$lib/analysis/coverage';
import { findOverlaps } from '$lib/analysis/overlaps';
import { gridInside, suggestSites, suggestionEvaluations } from '$lib/analysis/suggest';
import { classify, distanceBandNeighbours, emergingPattern, giStar, quarticDensity, twoSidedP, type HotspotClass } from '$lib/analysis/hotspots';
import { MAX_SUGGEST_EVALUATIONS } from '$lib/analysis/limits';
import type { MultiPolygon, Polygon, Position } from '$lib/geometry/geojson';

/** This module's own URL: the built chunk's file in production, the source file under `vite dev`. */
export const workerFile = import.meta.url;

interface ActivityRows {
	events: EventLike[];
	measures: MeasureLike[];
	period: Period;
}

export interface CoverageTask extends ActivityRows {
	kind: 'coverage';
	zones: CoverageZone[];
	/** Only these hours of the week count. */
	hoursOfWeek?: number[];
	byHour: boolean;
}

export interface OverlapsTask extends ActivityRows {
	kind: 'overlaps';
}

export interface SuggestTask extends ActivityRows {
	kind: 'suggest';
	zones: CoverageZone[];
	area: Polygon | MultiPolygon;
	hoursOfWeek: number[];
	k: number;
	radiusM: number;
	candidates?: Position[];
}

export interface HotspotsTask {
	kind: 'hotspots';
	method: 'count' | 'gistar' | 'kde' | 'emerging';
	cells: { x: number; y: number; count: number; series: number[] }[];
	band: number;
}

export type AnalysisTask = CoverageTask | OverlapsTask | SuggestTask | HotspotsTask;

/** A refusal worked out in the worker (the request asks for too much): a 400 in the error shape. */
export interface Refusal {
	refused: { code: string; message: string; details?: unknown };
}

function runCoverage(task: CoverageTask) {
	const activities = activitiesOf(task.events, task.measures, task.period, { plannedMeasures: false });
	const byId = new Map(activities.map((a) => [a.id, a]));
	const hoursOfWeek = task.hoursOfWeek ? new Set(task.hoursOfWeek) : undefined;
	return {
		zones: coverage(task.zones, activities, { ...task.period, hoursOfWeek }).map(({ problemByHour, coveredByHour, ...z }) => ({
			...z,
			...(task.byHour && { problemByHour, coveredByHour }),
			coveredBy: z.coveredBy.map((c) => ({ ...c, kind: byId.get(c.id)?.kind, subkind: byId.get(c.id)?.subkind }))
		})),
		activities: activities.length
	};
}

function runOverlaps(task: OverlapsTask) {
	const activities = activitiesOf(task.events, task.measures, task.period);
	return { activities: activities.length, pairs: findOverlaps(activities) };
}

function runSuggest(task: SuggestTask): Refusal | { candidates: number; suggestions: ReturnType<typeof suggestSites> } {
	const candidates = task.candidates ?? gridInside(task.area, Math.max(task.radiusM, 25));
	const evaluations = suggestionEvaluations(task.zones, candidates, task.radiusM, task.k);
	if (evaluations > MAX_SUGGEST_EVALUATIONS)
		return {
			refused: {
				code: 'suggestion_too_large',
				message: `Trying ${candidates.length} sites of ${task.radiusM} m against the zones they reach, ${task.k} times, is about ${evaluations} zone evaluations; at most ${MAX_SUGGEST_EVALUATIONS}: use a smaller radius, fewer candidates or a smaller k.`,
				details: { field: 'radius', fields: ['k', 'radius', 'candidates'], limit: MAX_SUGGEST_EVALUATIONS, estimate: evaluations }
			}
		};
	const activities = activitiesOf(task.events, task.measures, task.period, { plannedMeasures: false });
	return {
		candidates: candidates.length,
		suggestions: suggestSites(task.zones, activities, candidates, { ...task.period, hoursOfWeek: new Set(task.hoursOfWeek), k: task.k, radiusM: task.radiusM })
	};
}

interface HotspotStatistics {
	gistar?: { z: number; p: number; class: HotspotClass }[];
	density?: number[];
	emerging?: ReturnType<typeof emergingPattern>[];
}

function runHotspots(task: HotspotsTask): HotspotStatistics {
	const counts = task.cells.map((c) => c.count);
	const neighbours = task.method === 'count' ? [] : distanceBandNeighbours(task.cells, task.band);
	if (task.method === 'gistar') return { gistar: giStar(counts, neighbours).map((z) => ({ z, p: twoSidedP(z), class: classify(z) })) };
	if (task.method === 'kde') return { density: quarticDensity(task.cells, counts, task.band) };
	if (task.method === 'emerging') {
		const slices = task.cells[0]?.series.length ?? 0;
		const perSlice = Array.from({ length: slices }, (_, k) => giStar(task.cells.map((c) => c.series[k]!), neighbours));
		return { emerging: task.cells.map((_, i) => emergingPattern(perSlice.map((zs) => zs[i]!))) };
	}
	return {};
}

export type AnalysisResult<T extends AnalysisTask> = T extends CoverageTask
	? ReturnType<typeof runCoverage>
	: T extends OverlapsTask
		? ReturnType<typeof runOverlaps>
		: T extends SuggestTask
			? ReturnType<typeof runSuggest>
			: ReturnType<typeof runHotspots>;

/** The worker's entry: one task in, its result out (structured-cloned back to the server). */
export default function run(task: AnalysisTask): unknown {
	switch (task.kind) {
		case 'coverage':
			return runCoverage(task);
		case 'overlaps':
			return runOverlaps(task);
		case 'suggest':
			return runSuggest(task);
		case 'hotspots':
			return runHotspots(task);
	}
}
