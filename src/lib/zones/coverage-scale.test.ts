import { describe, expect, it } from 'vitest';
import { coverageColour, coverageColourExpression, coverageGradient } from './coverage-scale';

const channels = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

describe('coverage colour scale', () => {
	it('is red at 0, yellow at 50 %, green only at 100 %', () => {
		expect(coverageColour(0)).toBe('#b2182b');
		expect(coverageColour(0.5)).toBe('#fee08b');
		expect(coverageColour(1)).toBe('#1a9850');
	});

	it('makes 18 % a red-orange, not green', () => {
		const [r, g] = channels(coverageColour(0.18));
		expect(r).toBeGreaterThan(g);
		expect(coverageColour(0.18)).toBe('#cd604e');
	});

	it('interpolates in RGB between the stops, as the map does, and clamps', () => {
		expect(coverageColour(0.75)).toBe('#8cbc6e');
		expect(coverageColour(-1)).toBe('#b2182b');
		expect(coverageColour(2)).toBe('#1a9850');
		expect(coverageColour(Number.NaN)).toBe('#b2182b');
	});

	it('gives the map the same stops', () => {
		expect(coverageColourExpression()).toEqual(['interpolate', ['linear'], ['get', 'coverage'], 0, '#b2182b', 0.5, '#fee08b', 1, '#1a9850']);
		expect(coverageGradient()).toBe('linear-gradient(to right, #b2182b 0%, #fee08b 50%, #1a9850 100%)');
	});
});
