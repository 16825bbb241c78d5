/** The report's colours: the map's symbols, and the charts' series (this year strong, last year light). Client-safe. */
export const MAP_COLOURS = {
	area: '#1d3557',
	measure: '#1f5fa8',
	event: '#6a3d9a',
	finding: '#c2410c',
	closedFinding: '#6b7280',
	uncovered: '#b2182b',
	half: '#e6b800',
	covered: '#1a9850',
	unknown: '#9aa3ad'
} as const;

export const CHART_COLOURS = {
	current: '#b2182b',
	previous: '#9aa3ad',
	reported: '#c2410c',
	resolved: '#1a9850',
	overdue: '#6a3d9a',
	survey: '#1d3557',
	coverage: '#1f5fa8'
} as const;
