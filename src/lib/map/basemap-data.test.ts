/**
 * The offline basemap's committed data (geodata/basemap/, made by `npm run basemap:offline`):
 * what a map drawn from it must get right.
 */
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';

const read = (name: string) => JSON.parse(readFileSync(`geodata/basemap/${name}`, 'utf8')) as FeatureCollection;
const water = read('water.geojson');
const districts = read('districts.geojson');
const places = read('places.geojson');

/** Near Tantolunden: Årstaviken's water, and the park's lawn (the browser test samples the same points). */
const WATER_POINT: [number, number] = [18.04, 59.31];
const LAND_POINT: [number, number] = [18.0494, 59.3127];

const outlines = districts.features.filter((f): f is Feature<Polygon | MultiPolygon> => f.geometry.type !== 'Point');
const labels = districts.features.filter((f): f is Feature<Point> => f.geometry.type === 'Point');

describe('the offline basemap data', () => {
	it('has Stockholm’s water where it is and land where it is, near Tantolunden', () => {
		const [lake] = water.features as Feature<MultiPolygon>[];
		expect(booleanPointInPolygon(WATER_POINT, lake)).toBe(true);
		expect(booleanPointInPolygon(LAND_POINT, lake)).toBe(false);
		// Sergels torg and Skärholmen centrum are on land too.
		expect(booleanPointInPolygon([18.0649, 59.3326], lake)).toBe(false);
		expect(booleanPointInPolygon([17.907, 59.277], lake)).toBe(false);
	});

	it('has the 117 districts, each with its name in readable case and a label point inside it', () => {
		expect(outlines).toHaveLength(117);
		expect(labels).toHaveLength(117);
		const names = outlines.map((f) => f.properties!.name as string);
		expect(new Set(names).size).toBe(117);
		for (const name of names) expect(name, name).not.toBe(name.toLocaleUpperCase('sv'));
		expect(names).toEqual(expect.arrayContaining(['Södermalm', 'Gamla stan', 'Skarpnäcks gård', 'Norra Djurgården', 'Hässelby villastad', 'Ulvsunda industriområde', 'Skärholmen']));
		for (const label of labels) {
			const outline = outlines.find((f) => f.properties!.name === label.properties!.name)!;
			expect(booleanPointInPolygon(label, outline), label.properties!.name).toBe(true);
			expect(label.properties!.areaKm2).toBeGreaterThan(0);
		}
	});

	it('has place names for the towns around and the neighbourhoods in between, not repeating the districts', () => {
		const names = places.features.map((f) => f.properties!.name as string);
		expect(names).toEqual(expect.arrayContaining(['Stockholm', 'Åkersberga', 'Lidingö', 'Hornstull']));
		for (const f of places.features) expect(['locality', 'neighbourhood']).toContain(f.properties!.kind);
		const districtNames = new Set(outlines.map((f) => f.properties!.name));
		expect(names.filter((n) => districtNames.has(n))).toEqual([]);
		// Who's On First's misspelt copies of district names are gone too.
		expect(names).not.toContain('Bredän');
		expect(names).not.toContain('Skarpnack');
		// Nor its stand-ins: records without a place of their own, piled on one centroid (Sergels torg).
		const at = places.features.map((f) => (f.geometry as Point).coordinates.join(','));
		expect(new Set(at).size).toBe(at.length);
		expect(names).not.toContain('Kungsberga');
	});

	it('is size-reduced: coordinates rounded to 5 decimals, under 400 KiB in all', () => {
		const text = ['water.geojson', 'districts.geojson', 'places.geojson'].map((n) => readFileSync(`geodata/basemap/${n}`, 'utf8')).join('');
		expect(text).not.toMatch(/\d\.\d{6,}/);
		const bytes = ['water.geojson', 'districts.geojson', 'places.geojson'].reduce((sum, n) => sum + statSync(`geodata/basemap/${n}`).size, 0);
		expect(bytes).toBeLessThan(400 * 1024);
	});
});
