/**
 * GeoJSON geometry types and their structural validation (RFC 7946), client-safe:
 * the pinning page checks the same way before it sends. Validity in the OGC sense
 * (self-intersection, ring orientation issues) is judged by PostGIS on the server.
 */
import { z } from 'zod';

export type Position = [number, number] | [number, number, number];

export interface Point { type: 'Point'; coordinates: Position }
export interface MultiPoint { type: 'MultiPoint'; coordinates: Position[] }
export interface LineString { type: 'LineString'; coordinates: Position[] }
export interface MultiLineString { type: 'MultiLineString'; coordinates: Position[][] }
export interface Polygon { type: 'Polygon'; coordinates: Position[][] }
export interface MultiPolygon { type: 'MultiPolygon'; coordinates: Position[][][] }
export type Geometry = Point | MultiPoint | LineString | MultiLineString | Polygon | MultiPolygon;
export type GeometryType = Geometry['type'];

export const GEOMETRY_TYPES: readonly GeometryType[] = [
	'Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'
];

const finite = z.number().refine(Number.isFinite, 'not_finite');
const position = z.union([z.tuple([finite, finite]), z.tuple([finite, finite, finite])]);

const samePosition = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

const lineCoordinates = z.array(position).min(2, 'line_too_short');
const ring = z
	.array(position)
	.min(4, 'ring_too_short')
	.refine((r) => r.length === 0 || samePosition(r[0], r[r.length - 1]), 'ring_not_closed');
const polygonCoordinates = z.array(ring).min(1, 'polygon_no_ring');

export const geometrySchema: z.ZodType<Geometry> = z.discriminatedUnion('type', [
	z.object({ type: z.literal('Point'), coordinates: position }),
	z.object({ type: z.literal('MultiPoint'), coordinates: z.array(position).min(1) }),
	z.object({ type: z.literal('LineString'), coordinates: lineCoordinates }),
	z.object({ type: z.literal('MultiLineString'), coordinates: z.array(lineCoordinates).min(1) }),
	z.object({ type: z.literal('Polygon'), coordinates: polygonCoordinates }),
	z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(polygonCoordinates).min(1) })
]) as z.ZodType<Geometry>;

/** Every position of a geometry, in order. */
export function positionsOf(geometry: Geometry): Position[] {
	switch (geometry.type) {
		case 'Point':
			return [geometry.coordinates];
		case 'MultiPoint':
		case 'LineString':
			return geometry.coordinates;
		case 'MultiLineString':
		case 'Polygon':
			return geometry.coordinates.flat();
		case 'MultiPolygon':
			return geometry.coordinates.flat(2);
	}
}

export type BBox = [west: number, south: number, east: number, north: number];

export function bboxOfGeometry(geometry: Geometry): BBox {
	let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const [x, y] of positionsOf(geometry)) {
		w = Math.min(w, x);
		s = Math.min(s, y);
		e = Math.max(e, x);
		n = Math.max(n, y);
	}
	return [w, s, e, n];
}
