/**
 * A problem zone's weight and hour profile as one reader gets them. A zone keeps its
 * problems split (computed when it is made, moved or recomputed): the exact incident counts
 * per hour of week, the same incidents through the privacy grid ($lib/incidents/privacy;
 * null when withheld), and the findings' weights per hour. Each reader gets figures from
 * what that reader may see: the exact counts with incident access in the zone's area, the
 * grid's otherwise. Findings are no incidents and count for everyone. Client-safe, pure.
 */
import { HOURS_OF_WEEK, profileOf } from '$lib/analysis/hour-profile';
import { rounded, type IncidentFigures } from '$lib/incidents/privacy';

export interface StoredZoneFigures {
	/** The weight a person gave the zone; null: derived from its problems for each reader. */
	givenWeight: number | null;
	/** Incidents per hour of week inside the zone in its period (the zone area's own incidents). */
	incidentHours: readonly number[] | null;
	/** The incidents through the privacy grid, per hour of week; null when withheld. */
	gridIncidentHours: readonly number[] | null;
	/** Findings' weights per hour of week (each finding 1 in all). */
	findingHours: readonly number[] | null;
	findingCount: number;
}

export interface ZoneFigures {
	weight: number;
	weightGiven: boolean;
	hourProfile: number[];
	incidentFigures: IncidentFigures;
}

const zeros = (): number[] => new Array<number>(HOURS_OF_WEEK).fill(0);
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/**
 * `exact`: the reader has incident access in the zone's area. A derived weight is the number
 * of problems behind the profile, at least 1 (with the grid's figures an estimate, to two
 * decimals); a given weight is shown as given.
 */
export function zoneFigures(stored: StoredZoneFigures, exact: boolean): ZoneFigures {
	const incidents = exact ? (stored.incidentHours ?? zeros()) : stored.gridIncidentHours;
	const findings = stored.findingHours ?? zeros();
	const seen = incidents ?? zeros();
	return {
		weight: stored.givenWeight ?? Math.max(1, rounded(sum(seen) + stored.findingCount)),
		weightGiven: stored.givenWeight !== null,
		hourProfile: profileOf(seen.map((n, h) => n + findings[h]!)),
		incidentFigures: exact ? 'exact' : incidents ? 'aggregated' : 'withheld'
	};
}
