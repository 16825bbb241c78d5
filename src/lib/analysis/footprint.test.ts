import { describe, expect, it } from 'vitest';
import { areaM2 } from './area';
import { BUFFER_QUADRANT_SEGMENTS, footprint, FootprintError, unprojectGeometry } from './footprint';
import { featureCollection, intersect } from '@turf/turf';
import { planarArea } from './area';
import { intersectionArea } from './intersection';
import { fromSweref99tm, toSweref99tm } from './sweref99tm';

const E0 = 673000;
const N0 = 6578500;
const P = (e: number, n: number) => fromSweref99tm([E0 + e, N0 + n]);
const rect = (w: number, s: number, e: number, n: number) => [P(w, s), P(e, s), P(e, n), P(w, n), P(w, s)];

describe('SWEREF 99 TM', () => {
	it('matches PostGIS ST_Transform(…, 3006) for a point in Tantolunden', () => {
		// SELECT ST_AsText(ST_Transform(ST_SetSRID(ST_MakePoint(18.04, 59.31), 4326), 3006)) on PostGIS 3
		const [e, n] = toSweref99tm([18.04, 59.31]);
		expect(e).toBeCloseTo(673043.6517, 3);
		expect(n).toBeCloseTo(6578520.6482, 3);
	});

	it('round-trips to 1e-9°', () => {
		const [lon, lat] = fromSweref99tm(toSweref99tm([11.9746, 57.7089]));
		expect(lon).toBeCloseTo(11.9746, 9);
		expect(lat).toBeCloseTo(57.7089, 9);
	});
});

describe('areaM2', () => {
	it('gives a 100 m square and a square with a hole their exact areas', () => {
		expect(areaM2({ type: 'Polygon', coordinates: [rect(0, 0, 100, 100)] })).toBeCloseTo(10_000, 2);
		expect(areaM2({ type: 'Polygon', coordinates: [rect(0, 0, 200, 200), rect(50, 50, 150, 150)] })).toBeCloseTo(30_000, 2);
		expect(areaM2({ type: 'MultiPolygon', coordinates: [[rect(0, 0, 100, 100)], [rect(200, 0, 300, 100)]] })).toBeCloseTo(20_000, 2);
		expect(areaM2({ type: 'Point', coordinates: P(0, 0) })).toBe(0);
	});
});

describe('footprint', () => {
	it('buffers a point into a regular polygon of 4·quad_segs sides', () => {
		const fp = footprint({ type: 'Point', coordinates: P(0, 0) }, 100);
		const n = 4 * BUFFER_QUADRANT_SEGMENTS;
		expect(fp.areaM2).toBeCloseTo((n / 2) * 100 * 100 * Math.sin((2 * Math.PI) / n), 1);
		expect(fp.bbox[2] - fp.bbox[0]).toBeCloseTo(200, 3);
	});

	it('builds a point polygon exactly as JSTS (Turf buffer) does, vertex for vertex', () => {
		// A 1-vertex polygon degenerates to the point's buffer in JSTS: compare areas and vertices.
		const direct = footprint({ type: 'Point', coordinates: P(0, 0) }, 100).geometry!;
		const viaJsts = footprint({ type: 'MultiPoint', coordinates: [P(0, 0)] }, 100).geometry!;
		expect(planarArea(direct)).toBeCloseTo(planarArea(viaJsts), 3);
		const key = (p: number[]) => `${p[0].toFixed(3)},${p[1].toFixed(3)}`;
		expect(new Set((direct.coordinates[0] as number[][]).map(key))).toEqual(new Set((viaJsts.coordinates[0] as number[][]).map(key)));
	});

	it('buffers a 200 m line by 50 m into a stadium: 200·100 + the 64-gon of r = 50', () => {
		const fp = footprint({ type: 'LineString', coordinates: [P(0, 0), P(200, 0)] }, 50);
		expect(fp.areaM2).toBeCloseTo(20_000 + 32 * 2500 * Math.sin(Math.PI / 32), 0);
	});

	it('keeps a polygon as it is with radius 0, and a point with radius 0 is empty', () => {
		expect(footprint({ type: 'Polygon', coordinates: [rect(0, 0, 100, 100)] }, 0).areaM2).toBeCloseTo(10_000, 2);
		expect(footprint({ type: 'Point', coordinates: P(0, 0) }, 0)).toMatchObject({ geometry: null, areaM2: 0 });
	});

	it('grows a 100 m square by 10 m: 100² + 4·100·10 + the 64-gon of r = 10', () => {
		const fp = footprint({ type: 'Polygon', coordinates: [rect(0, 0, 100, 100)] }, 10);
		expect(fp.areaM2).toBeCloseTo(10_000 + 4_000 + 32 * 100 * Math.sin(Math.PI / 32), 0);
	});

	it('maps back to WGS 84', () => {
		const fp = footprint({ type: 'Polygon', coordinates: [rect(0, 0, 100, 100)] }, 0);
		expect(areaM2(unprojectGeometry(fp.geometry!))).toBeCloseTo(10_000, 2);
	});

	it('refuses a negative radius', () => {
		expect(() => footprint({ type: 'Point', coordinates: P(0, 0) }, -5)).toThrow(FootprintError);
	});
});

describe('intersectionArea', () => {
	// Reference: Turf's general clipper (polyclip-ts).
	const reference = (a: Parameters<typeof intersectionArea>[0], b: Parameters<typeof intersectionArea>[0]) => {
		const f = (g: typeof a) => ({ type: 'Feature' as const, properties: {}, geometry: g as GeoJSON.Polygon | GeoJSON.MultiPolygon });
		const r = intersect(featureCollection([f(a), f(b)]));
		return r ? planarArea(r.geometry as never) : 0;
	};
	const zigzag = footprint({ type: 'LineString', coordinates: [P(0, 0), P(100, 60), P(200, -20), P(300, 50)] }, 30).geometry!;
	const hook = footprint({ type: 'LineString', coordinates: [P(50, -80), P(150, 80), P(250, 80), P(250, -60)] }, 25).geometry!;
	const donut = footprint({ type: 'Polygon', coordinates: [rect(0, -100, 200, 100), rect(50, -50, 150, 50)] }, 0).geometry!;
	const disc = footprint({ type: 'Point', coordinates: P(120, 10) }, 70).geometry!;

	it('matches the general clipper for convex × concave, concave × concave and holes', () => {
		for (const [a, b] of [[disc, zigzag], [zigzag, hook], [donut, hook], [donut, disc], [hook, donut], [zigzag, zigzag]] as const) {
			const ref = reference(a, b);
			expect(ref).toBeGreaterThan(0);
			expect(Math.abs(intersectionArea(a, b) - ref) / ref).toBeLessThan(1e-9);
		}
	});

	it('is 0 for disjoint footprints', () => {
		expect(intersectionArea(disc, footprint({ type: 'Point', coordinates: P(500, 0) }, 100).geometry!)).toBe(0);
		expect(intersectionArea(zigzag, footprint({ type: 'LineString', coordinates: [P(0, 400), P(300, 420)] }, 10).geometry!)).toBe(0);
	});
});
