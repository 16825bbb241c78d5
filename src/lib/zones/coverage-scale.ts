/**
 * One colour scale for time-aware coverage, wherever it is drawn: the zones on the coverage
 * map (a MapLibre expression) and the bars of the coverage chart (a colour computed here), so
 * 18 % is the same orange-red in both and only full coverage is green. Red → yellow → green,
 * ColorBrewer's RdYlGn ends (readable with the common red–green colour-vision deficiencies
 * because lightness changes along it too), interpolated in RGB as MapLibre's `interpolate` does.
 * Client-safe, pure.
 */

/** Coverage (0–1) → colour stops. */
export const COVERAGE_STOPS = [
	[0, '#b2182b'],
	[0.5, '#fee08b'],
	[1, '#1a9850']
] as const;

/** The MapLibre expression colouring a feature by its `coverage` property (0–1). */
export function coverageColourExpression(property = 'coverage') {
	return ['interpolate', ['linear'], ['get', property], ...COVERAGE_STOPS.flat()] as unknown as import('maplibre-gl').ExpressionSpecification;
}

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const hex = (channels: number[]) => '#' + channels.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('');

/** The colour of a coverage (0–1; clamped), as on the map. */
export function coverageColour(coverage: number): string {
	const v = Math.min(1, Math.max(0, Number.isFinite(coverage) ? coverage : 0));
	for (let i = 1; i < COVERAGE_STOPS.length; i++) {
		const [x1, c1] = COVERAGE_STOPS[i]!;
		if (v > x1) continue;
		const [x0, c0] = COVERAGE_STOPS[i - 1]!;
		const f = (v - x0) / (x1 - x0);
		const a = rgb(c0);
		const b = rgb(c1);
		return hex(a.map((ch, k) => ch + (b[k]! - ch) * f));
	}
	return COVERAGE_STOPS.at(-1)![1];
}

/** The CSS gradient of the scale, for its legend. */
export function coverageGradient(direction = 'to right'): string {
	return `linear-gradient(${direction}, ${COVERAGE_STOPS.map(([x, c]) => `${c} ${x * 100}%`).join(', ')})`;
}
