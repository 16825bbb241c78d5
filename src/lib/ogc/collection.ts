/**
 * What a client learns about a collection of Lykta's OGC API – Features endpoint (and the
 * exports): its geometry type, its properties with their types, which of them filter the
 * items (queryables), and whether its features have a time. Client-safe: the HTML pages
 * and the OpenAPI document read the same description the queries are built from.
 */

/** The JSON Schema types of a property (`date-time` and `date` as string formats). */
export type PropertyType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'date-time';

export interface OgcProperty {
	name: string;
	type: PropertyType;
	/** The values it can take, for a vocabulary (category, status, kind …). */
	enum?: readonly string[];
	/** May filter the items: `?name=value` (equality). */
	queryable?: boolean;
	/** A reference to another record: its UUID. */
	format?: 'uuid';
	/** Filters, but is no property of the features (the cells' incident category). */
	filterOnly?: boolean;
	description?: string;
}

/** The geometry type of a collection's features, as GeoPackage and JSON Schema name it. */
export type GeometryKind = 'Point' | 'LineString' | 'Polygon' | 'MultiPolygon' | 'Geometry';

/** How a feature's time is read for `datetime`: an instant, an interval (open ends allowed), or none. */
export type TemporalKind = 'instant' | 'interval' | null;

export interface CollectionInfo {
	id: string;
	title: { sv: string; en: string };
	description: { sv: string; en: string };
	geometry: GeometryKind;
	temporal: TemporalKind;
	/** Feature ids: UUIDs, or `i_j` for the cells of the privacy grid. */
	idType: 'uuid' | 'cell';
	properties: readonly OgcProperty[];
}

export const queryablesOf = (c: CollectionInfo) => c.properties.filter((p) => p.queryable);
export const outputPropertiesOf = (c: CollectionInfo) => c.properties.filter((p) => !p.filterOnly);

/** Items per page when the client does not say, and the most one page holds (a larger `limit` is lowered to it). */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 10_000;

export const CELL_ID = /^-?\d{1,7}_-?\d{1,7}$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isFeatureId = (c: Pick<CollectionInfo, 'idType'>, id: string) => (c.idType === 'uuid' ? UUID : CELL_ID).test(id);
