/** Findings: pinned problem spots. Client-safe domain vocabulary (more arrives with the findings work). */
export const FINDING_CATEGORIES = [
	'lighting',
	'sightlines',
	'litter',
	'vandalism',
	'hiding_place',
	'lack_of_people',
	'signage',
	'accessibility',
	'traffic',
	'other'
] as const;
export type FindingCategory = (typeof FINDING_CATEGORIES)[number];
